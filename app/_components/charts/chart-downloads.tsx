"use client";

/**
 * A chart's export menu (PNG, SVG, CSV, Excel): four links built from the view's export query and
 * the chart's id. A client leaf so the page data carries that query once per chart instead of four
 * full URLs; the links are in the server-rendered HTML all the same.
 */
import { colon } from "@/lib/charts/base";
import { ct } from "@/lib/charts/compare-messages";
import type { Lang } from "@/lib/i18n";
import { chartDownloads, type ChartDownloads } from "./export-links";
import styles from "./dashboard.module.css";

const ITEMS: [keyof ChartDownloads, Parameters<typeof ct>[1]][] = [
  ["png", "page.downloadPng"],
  ["svg", "page.downloadSvg"],
  ["csv", "page.downloadCsv"],
  ["xlsx", "page.downloadXlsx"],
];

export function ChartDownloadLinks({ lang, exportQuery, chartId, title }: { lang: Lang; exportQuery: string; chartId: string; title: string }) {
  const links = chartDownloads(exportQuery, chartId);
  return (
    <div className={styles.downloads} aria-label={`${ct(lang, "page.downloads")}${colon(lang)}${title}`}>
      {ITEMS.map(([format, label]) => (
        <a key={format} className={styles.linkButton} href={links[format]} download data-format={format}>
          {ct(lang, label)}
        </a>
      ))}
    </div>
  );
}
