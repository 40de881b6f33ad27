/**
 * A chart as the dashboards show it: heading (formula on hover), the drawing, notes (format
 * change, small samples, definitions) and the data table with the same numbers. The drawing and
 * the table are one client leaf (chart-body.tsx) fed the spec once; a map's shapes stay out of the
 * spec and are fetched from /api/geo by the map itself.
 */
import type { ReactNode } from "react";
import { cm, colon, type ChartSpec } from "@/lib/charts";
import { ct } from "@/lib/charts/compare-messages";
import type { DashboardChart as ChartDescriptor } from "@/lib/charts/dashboard-export";
import type { Lang } from "@/lib/i18n";
import { ChartBody } from "./chart-body";
import { DataTable } from "./data-table";
import { ChartDownloadLinks } from "./chart-downloads";
import { packDownload } from "./export-links";
import { PrintButton } from "./print-button";
import styles from "./dashboard.module.css";

export interface ChartFigureProps {
  id: string;
  title: string;
  formula: string;
  spec: ChartSpec;
  lang: Lang;
  notes?: (string | null | undefined)[];
  /** Any value of the chart is a small sample: explain the "*". */
  smallSample?: boolean;
  empty?: boolean;
  /** The view's export query (dashboardExportQuery, with the reader's language): adds the chart's PNG/SVG/CSV/XLSX links. */
  exportQuery?: string;
  children?: ReactNode;
}

/**
 * The spec as the browser gets it: a map without its shapes (tens to hundreds of kB of
 * coordinates), which the client fetches from their own cacheable URL. The map's items list every
 * shape, so its table needs none of them.
 */
function clientSpec(spec: ChartSpec): { spec: ChartSpec; shapesUrl?: string } {
  if (spec.type !== "map") return { spec };
  const { geo: _geo, borders: _borders, ...input } = spec.input;
  return { spec: { type: "map", input: { ...input, geo: { type: "FeatureCollection", features: [] } } }, shapesUrl: `/api/geo/${encodeURIComponent(spec.input.mapName)}` };
}

export function ChartFigure({ id, title, formula, spec, lang, notes = [], smallSample, empty, exportQuery, children }: ChartFigureProps) {
  const lean = clientSpec(spec);
  const shown = [...notes.filter((n): n is string => Boolean(n)), ...(smallSample ? [cm(lang, "chart.smallSample")] : [])];
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-title`} data-chart-id={id}>
      <div className={styles.figureHead}>
        <h3 id={`${id}-title`} className={styles.figureTitle} title={`${cm(lang, "chart.formula")}${colon(lang)}${formula}`}>
          {title}
        </h3>
        {exportQuery ? <ChartDownloadLinks lang={lang} exportQuery={exportQuery} chartId={id} title={title} /> : null}
      </div>
      <p className={styles.formula}>{formula}</p>
      <ChartBody spec={lean.spec} label={title} {...(lean.shapesUrl ? { shapesUrl: lean.shapesUrl } : {})} empty={empty} noDataText={cm(lang, "chart.noData")} tableSummary={cm(lang, "chart.table")}>
        {shown.map((n) => (
          <p key={n} className={styles.note}>
            {n}
          </p>
        ))}
        {children}
      </ChartBody>
    </figure>
  );
}

/** A chart descriptor (region-dashboard-charts.ts, agency-charts.ts) as a figure with its export menu. */
export function DashboardFigure({ chart, lang, exportQuery, children }: { chart: ChartDescriptor; lang: Lang; exportQuery?: string; children?: ReactNode }) {
  return (
    <ChartFigure
      id={chart.id}
      lang={lang}
      title={chart.title}
      formula={chart.formula}
      spec={chart.spec}
      notes={chart.notes}
      smallSample={chart.smallSample}
      empty={chart.empty}
      {...(exportQuery ? { exportQuery } : {})}
    >
      {chart.caption ? <p className={styles.position}>{chart.caption}</p> : null}
      {children}
    </ChartFigure>
  );
}

/** The app shell's part of the print CSS: no header or footer, full width (the rest is in dashboard.module.css). */
const PRINT_SHELL = "@media print { body > header, .app-footer { display: none !important; } body { background: #fff; } .app-main { padding: 0; max-width: none; } }";

/** Per view: all the view's data in one workbook, and a printable page. */
export function ViewToolbar({ lang, exportQuery }: { lang: Lang; exportQuery: string }) {
  return (
    <div className={styles.toolbar}>
      <style>{PRINT_SHELL}</style>
      <a className={styles.linkButton} href={packDownload(exportQuery)} download data-format="pack">
        {lang === "zh" ? "下载全部数据（XLSX，每图一表）" : "Download all data (XLSX, one sheet per chart)"}
      </a>
      <PrintButton label={ct(lang, "page.print")} className={styles.linkButton} />
    </div>
  );
}

/** The pages' own tables (coverage, reports, findings) use the same component as the charts'. */
export { DataTable };
