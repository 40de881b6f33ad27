/**
 * The map section of a region dashboard: the map descriptor (region-map-chart.ts) drawn with its
 * downloads, and on the province a switch between its 市州 and its 88 counties (`map=county`).
 */
import Link from "next/link";
import type { RegionSummary } from "@/db/queries/dashboard/get-region";
import { cm, colon } from "@/lib/charts";
import type { DashboardChart } from "@/lib/charts/dashboard-export";
import { getIndicator } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import { DashboardFigure } from "./chart-figure";
import { dashboardQuery, type DashboardParams } from "./search-params";
import styles from "./dashboard.module.css";
import mapStyles from "./region-map.module.css";

export interface RegionMapProps {
  lang: Lang;
  region: RegionSummary;
  year: number;
  params: DashboardParams;
  chart: DashboardChart;
  exportQuery: string;
}

export function RegionMap({ lang, region, year, params, chart, exportQuery }: RegionMapProps) {
  const view = params.map === "county" && region.level === "province" ? "county" : "prefecture";
  const q = dashboardQuery({ year, indicator: params.indicator, level: params.level, deptType: params.deptType });
  const switchHref = (v: "prefecture" | "county") => {
    const s = new URLSearchParams(q.slice(1));
    if (v === "county") s.set("map", "county");
    const str = s.toString();
    return `${str ? `?${str}` : "?"}#map-section-title`;
  };
  const def = getIndicator(params.indicator);
  return (
    <section className={styles.section} aria-labelledby="map-section-title">
      <h2 id="map-section-title" className={styles.sectionTitle}>
        {cm(lang, "map.title")} · {def.label[lang]} · {year}
      </h2>
      {region.level === "province" ? (
        <nav className={mapStyles.switch} aria-label={cm(lang, "map.view")}>
          <span>{cm(lang, "map.view")}{colon(lang)}</span>
          {(["prefecture", "county"] as const).map((v) => (
            <Link key={v} href={switchHref(v)} aria-current={v === view ? "true" : undefined} className={v === view ? mapStyles.current : undefined} scroll={false}>
              {cm(lang, v === "county" ? "map.viewCounty" : "map.viewPrefecture")}
            </Link>
          ))}
        </nav>
      ) : null}
      <DashboardFigure chart={chart} lang={lang} exportQuery={exportQuery}>
        <p className={styles.muted}>{cm(lang, "map.clickHint")}</p>
      </DashboardFigure>
    </section>
  );
}
