/**
 * The dashboard views' exports (`view=region`, `view=agency`): parse the page's own query
 * parameters, load the page's chart descriptors with the requester's Ctx (the same scoped
 * queries as the page), and answer bad input with 400 `{ error: { code, message } }` saying
 * what is wrong and what to choose instead.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { agencyCharts, loadAgencyData } from "@/app/_components/charts/agency-charts";
import { dashboardExportQuery } from "@/app/_components/charts/export-links";
import { loadRegionDashboard, regionDashboardCharts } from "@/app/_components/charts/region-dashboard-charts";
import { DASHBOARD_INDICATORS, DEFAULT_INDICATOR } from "@/app/_components/charts/search-params";
import { getOptionalCtx } from "@/app/_lib/session";
import type { Ctx } from "@/db/context";
import { getRegion } from "@/db/queries/dashboard/get-region";
import { listDashboardYears } from "@/db/queries/dashboard/list-dashboard-years";
import { AGENCY_LEVELS, type AgencyLevel } from "@/db/schema/agencies.constants";
import type { DashboardChart, DashboardView } from "@/lib/charts/dashboard-export";
import { isLang, type Lang } from "@/lib/i18n";
import { regionDisplayName } from "@/lib/regions/english";
import { errorResponse, unauthorized } from "./load";

export const PROVINCE = "520000";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION = /^[0-9]{6}([0-9]{3})?$/;

export interface DashboardExport {
  ctx: Ctx;
  view: DashboardView;
  lang: Lang;
  charts: DashboardChart[];
  /** The chart asked for with `chart=` (null when absent). */
  chart: DashboardChart | null;
  year: number | null;
  indicator: string;
  /** Page of the view (for the workbook's link) and the export query that reproduces it. */
  pagePath: string;
  query: string;
  /** ASCII words for file names: the region code, or the agency's admin code. */
  subject: string;
  /** The region's or agency's name, for the UTF-8 file name. */
  subjectName: string;
}

const bad = (code: string, zh: string, en: string, param?: string): NextResponse => errorResponse({ code, message: { zh, en }, ...(param ? { param } : {}) });

function one(search: URLSearchParams, name: string): string | undefined {
  const v = search.get(name)?.trim();
  return v ? v : undefined;
}

/** `view=region|agency` of /api/export/*: null for any other value (the comparison's own views). */
export function dashboardView(search: URLSearchParams): DashboardView | null {
  const v = search.getAll("view");
  return v.length === 1 && (v[0] === "region" || v[0] === "agency") ? v[0] : null;
}

export async function loadDashboardExport(request: NextRequest, view: DashboardView, { chartRequired }: { chartRequired: boolean }): Promise<DashboardExport | NextResponse> {
  const ctx = await getOptionalCtx();
  if (!ctx) return unauthorized();
  const search = request.nextUrl.searchParams;
  const langRaw = one(search, "lang");
  const lang: Lang = isLang(langRaw) ? langRaw : "zh";

  const indicator = one(search, "indicator") ?? DEFAULT_INDICATOR;
  if (!DASHBOARD_INDICATORS.some((d) => d.key === indicator)) {
    return bad(
      "unknown_indicator",
      `未知或不能在看板中汇总的指标“${indicator}”：请使用看板“指标”下拉框中的指标代码，如 refusal_rate、substantive_disclosure_rate。`,
      `Unknown indicator "${indicator}", or one the dashboards cannot sum: use a key from the dashboard's indicator list, e.g. refusal_rate or substantive_disclosure_rate.`,
      "indicator",
    );
  }
  const years = await listDashboardYears({ ctx });
  const yearRaw = one(search, "year");
  let year: number | null = null;
  if (yearRaw !== undefined) {
    const y = Number(yearRaw);
    if (!/^[0-9]{4}$/.test(yearRaw) || !years.includes(y)) {
      const list = years.length ? years.join("、") : "—";
      return bad("invalid_year", `年度“${yearRaw}”没有已发布的年报数据：可选 ${list}。`, `No published reports for year "${yearRaw}": choose one of ${years.join(", ") || "—"}.`, "year");
    }
    year = y;
  }

  let charts: DashboardChart[];
  let pagePath: string;
  let subject: string;
  let subjectName: string;
  let query: string;
  if (view === "region") {
    const code = one(search, "region") ?? PROVINCE;
    if (!REGION.test(code)) return bad("invalid_region", `地区代码“${code}”无效：应为 6 位或 9 位行政区划代码，如 520000。`, `Invalid region code "${code}": use a 6- or 9-digit administrative code such as 520000.`, "region");
    const levelRaw = one(search, "level");
    if (levelRaw !== undefined && !(AGENCY_LEVELS as readonly string[]).includes(levelRaw)) {
      return bad("invalid_level", `未知的层级“${levelRaw}”：可选 ${AGENCY_LEVELS.join("、")}。`, `Unknown level "${levelRaw}": choose ${AGENCY_LEVELS.join(", ")}.`, "level");
    }
    const level = levelRaw as AgencyLevel | undefined;
    const deptType = one(search, "dept_type");
    if (deptType && deptType.length > 40) return bad("invalid_dept_type", "部门类别过长（最多 40 个字符）。", "Department type too long (at most 40 characters).", "dept_type");
    const region = await getRegion({ ctx, input: { code } });
    if (!region) return bad("unknown_region", `没有代码为“${code}”的地区。`, `No region with code "${code}".`, "region");
    if (year === null) {
      if (!years.length) return bad("no_data", "尚无已发布的年报数据。", "No published report yet.", "year");
      year = years[0]!;
    }
    const map = one(search, "map") === "county" ? ("county" as const) : undefined;
    const params = { indicator, ...(level ? { level } : {}), ...(deptType ? { deptType } : {}), ...(map ? { map } : {}) };
    const data = await loadRegionDashboard(ctx, { region, year, params });
    charts = regionDashboardCharts(data, { lang, region, year, params });
    pagePath = code === PROVINCE ? "/" : `/regions/${code}`;
    subject = code;
    subjectName = regionDisplayName(lang, region.code, region.name);
    query = dashboardExportQuery({ view, region: code, year, indicator, ...(level ? { level } : {}), ...(deptType ? { deptType } : {}), ...(map ? { map } : {}), lang });
  } else {
    const agencyId = one(search, "agency");
    if (!agencyId) return bad("missing_agency", "请用 agency= 指定机关（机关页网址中的 ID）。", "Name the agency with agency= (the id in the agency page's address).", "agency");
    if (!UUID.test(agencyId)) return bad("invalid_agency", `机关 ID“${agencyId}”无效：应为机关页网址中的 UUID。`, `Invalid agency id "${agencyId}": use the UUID from the agency page's address.`, "agency");
    const data = await loadAgencyData(ctx, { agencyId, indicator, ...(year !== null ? { year } : {}) });
    if (!data) return bad("unknown_agency", `没有 ID 为“${agencyId}”的机关。`, `No agency with id "${agencyId}".`, "agency");
    charts = agencyCharts(data, { lang, indicator });
    if (year === null) year = data.peers?.year ?? null;
    pagePath = `/agencies/${agencyId}`;
    subject = data.profile.agency.regionCode ?? agencyId.slice(0, 8);
    subjectName = data.profile.agency.name;
    query = dashboardExportQuery({ view, agency: agencyId, ...(year !== null ? { year } : {}), indicator, lang });
  }

  const chartId = one(search, "chart");
  let chart: DashboardChart | null = null;
  if (chartId !== undefined) {
    chart = charts.find((c) => c.id === chartId) ?? null;
    if (!chart) {
      const ids = charts.map((c) => c.id);
      return bad("unknown_chart", `此页没有图表“${chartId}”：可选 ${ids.join("、") || "（无图表）"}。`, `No chart "${chartId}" on this page: choose ${ids.join(", ") || "(no charts)"}.`, "chart");
    }
  } else if (chartRequired) {
    const ids = charts.map((c) => c.id);
    return bad("missing_chart", `请用 chart= 指定图表：可选 ${ids.join("、") || "（无图表）"}。`, `Name the chart with chart=: choose ${ids.join(", ") || "(no charts)"}.`, "chart");
  }
  if (charts.length === 0) return bad("no_data", "此页暂无图表数据可导出。", "This page has no chart data to export.", "agency");
  return { ctx, view, lang, charts, chart, year, indicator, pagePath, query, subject, subjectName };
}

/**
 * The title of an exported image: a briefing has no page around it, so it names whose figures
 * these are (贵州省 · 不予公开率) and, for the region's per-year charts, the year.
 */
export function exportTitle(view: DashboardView, subjectName: string, chart: Pick<DashboardChart, "title" | "section">, year: number | null): string {
  const withYear = view === "region" && chart.section !== "trends" && year !== null;
  // Titles that already name their region (the map's "六盘水市 · 不予公开率") are not prefixed twice.
  const named = chart.title.startsWith(`${subjectName} · `) ? chart.title : `${subjectName} · ${chart.title}`;
  return `${named}${withYear ? ` · ${year}` : ""}`;
}

/** The words of a chart's ASCII file name: the selected indicator and the year only where the chart depends on them. */
export function chartNameParts(view: DashboardView, subject: string, chart: Pick<DashboardChart, "id" | "section">, indicator: string, year: number | null): (string | number | null)[] {
  const byIndicator = chart.id === "ranking" || chart.id.startsWith("peer-");
  return [view, subject, chart.id, byIndicator ? indicator : null, chart.section === "trends" ? null : year];
}

/** `gongkai-region-520000-ranking-refusal_rate-2024` — the ASCII fallback file name. */
export function asciiBase(parts: (string | number | null | undefined)[]): string {
  return ["gongkai", ...parts]
    .filter((p) => p !== null && p !== undefined && p !== "")
    .map((p) => String(p).replace(/[^A-Za-z0-9_.-]+/g, "-"))
    .join("-")
    .replace(/-+/g, "-");
}
