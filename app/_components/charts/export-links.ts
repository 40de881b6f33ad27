/**
 * Links to /api/export/* for the dashboards' charts, built on the server: the view's own
 * parameters (region or agency, year, indicator, level, dept_type) and the reader's language, so
 * a download is the chart on screen, in the language on screen.
 */
import type { DashboardView } from "@/lib/charts/dashboard-export";
import type { Lang } from "@/lib/i18n";

export interface DashboardExportParams {
  view: DashboardView;
  /** view=region: the region's code (520000 for the overview). */
  region?: string;
  /** view=agency: the agency's id. */
  agency?: string;
  year?: number;
  indicator: string;
  level?: string;
  deptType?: string;
  /** view=region: `county` for the overview map's 88 counties. */
  map?: "county" | undefined;
  lang: Lang;
}

/** `view=region&region=520000&year=2024&indicator=refusal_rate[&level=…][&dept_type=…][&map=county][&lang=en]` */
export function dashboardExportQuery(p: DashboardExportParams): string {
  const s = new URLSearchParams();
  s.set("view", p.view);
  if (p.region) s.set("region", p.region);
  if (p.agency) s.set("agency", p.agency);
  if (p.year) s.set("year", String(p.year));
  s.set("indicator", p.indicator);
  if (p.level) s.set("level", p.level);
  if (p.deptType) s.set("dept_type", p.deptType);
  if (p.map) s.set("map", p.map);
  if (p.lang === "en") s.set("lang", "en");
  return s.toString();
}

export interface ChartDownloads {
  png: string;
  svg: string;
  csv: string;
  xlsx: string;
}

export function chartDownloads(query: string, chartId: string): ChartDownloads {
  const q = `chart=${encodeURIComponent(chartId)}&${query}`;
  return {
    png: `/api/export/chart?format=png&${q}`,
    svg: `/api/export/chart?format=svg&${q}`,
    csv: `/api/export/data?format=csv&${q}`,
    xlsx: `/api/export/data?format=xlsx&${q}`,
  };
}

/** The whole view's data: one XLSX, a sheet per chart. */
export function packDownload(query: string): string {
  return `/api/export/data?format=xlsx&pack=1&${query}`;
}
