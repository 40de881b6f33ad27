/**
 * GET /api/export/data?format=csv|xlsx&<the /compare query string>[&chart=<indicator>][&pack=1][&lang=en]
 * GET /api/export/data?format=csv|xlsx&view=region|agency&<the dashboard's own parameters>[&chart=<chart id>][&pack=1][&lang=en]
 * Exactly the figures behind the charts: CSV (UTF-8 with BOM) or XLSX. Without `chart=` every
 * chart of the view is included; `pack=1` (XLSX) gives the pack: one sheet per chart plus a
 * README sheet with the link, the formulas and the rules.
 */
import { NextResponse, type NextRequest } from "next/server";
import { compareChartSpec, compareRecords } from "@/lib/charts/compare";
import { compareQueryString, DATA_FORMATS, getAll, parseFormat } from "@/lib/export/compare-params";
import { compareCsv } from "@/lib/export/csv";
import { dashboardCsv, dashboardXlsx } from "@/lib/export/dashboard";
import { compareXlsx } from "@/lib/export/xlsx";
import { contentDisposition } from "@/lib/http/content-disposition";
import { asciiBase, chartNameParts, dashboardView, exportTitle, loadDashboardExport } from "../_lib/dashboard";
import { errorResponse, fileBase, loadExport } from "../_lib/load";

export const dynamic = "force-dynamic";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const COMMON = { "Cache-Control": "private, no-store" };

export async function GET(request: NextRequest): Promise<NextResponse> {
  const format = parseFormat(request.nextUrl.searchParams, DATA_FORMATS);
  const view = dashboardView(request.nextUrl.searchParams);
  if (view) {
    const loaded = await loadDashboardExport(request, view, { chartRequired: false });
    if (loaded instanceof NextResponse) return loaded;
    if (!format.ok) return errorResponse(format.error);
    const { lang, charts, chart, year, indicator, subject } = loaded;
    const pack = request.nextUrl.searchParams.get("pack") === "1";
    const selected = !pack && chart ? [chart] : charts;
    const packName = lang === "zh" ? "公开Gongkai看板数据包" : "Gongkai_dashboard_pack";
    const base = fileBase(selected.length === 1 ? exportTitle(view, loaded.subjectName, selected[0]!, year) : `${packName}_${loaded.subjectName}${year ? `_${year}` : ""}`);
    const ascii = asciiBase(selected.length === 1 ? chartNameParts(view, subject, selected[0]!, indicator, year) : [view, subject, pack ? "pack" : "all", year]);
    if (format.value === "csv") {
      return new NextResponse(dashboardCsv(selected, lang), {
        headers: { ...COMMON, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": contentDisposition(`${base}.csv`, "attachment", `${ascii}.csv`) },
      });
    }
    const link = `${request.nextUrl.origin}${loaded.pagePath}?${new URLSearchParams({ ...(year ? { year: String(year) } : {}), indicator }).toString()}`;
    const bytes = await dashboardXlsx({ charts: selected, lang, link, exportedAt: new Date().toISOString() });
    return new NextResponse(Buffer.from(bytes), {
      headers: { ...COMMON, "Content-Type": XLSX_TYPE, "Content-Disposition": contentDisposition(`${base}.xlsx`, "attachment", `${ascii}.xlsx`) },
    });
  }

  const loaded = await loadExport(request);
  if (loaded instanceof NextResponse) return loaded;
  if (!format.ok) return errorResponse(format.error);
  const { comparison, lang, search, params } = loaded;

  const pack = getAll(search, "pack")[0] === "1";
  const chart = getAll(search, "chart")[0];
  const keys = !pack && chart !== undefined && params.indicators.includes(chart) ? [chart] : params.indicators;
  const specs = keys.map((k) => compareChartSpec(comparison, k, lang));
  const first = specs[0]!;
  const base = pack ? `公开Gongkai对比数据包_${fileBase(first.title).split("_").slice(1).join("_")}` : specs.length === 1 ? fileBase(first.title) : `${fileBase(first.title)}_等${specs.length}项`;
  const years = comparison.years.length ? `${comparison.years[0]}-${comparison.years[comparison.years.length - 1]}` : null;
  const ascii = asciiBase(["compare", pack ? "pack" : specs.length === 1 ? first.indicatorKey : "all", years]);

  if (format.value === "csv") {
    const csv = compareCsv(
      specs.flatMap((s) => compareRecords(s)),
      lang,
    );
    return new NextResponse(csv, { headers: { ...COMMON, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": contentDisposition(`${base}.csv`, "attachment", `${ascii}.csv`) } });
  }
  const link = `${request.nextUrl.origin}/compare?${compareQueryString(params)}`;
  const bytes = await compareXlsx({ charts: specs, lang, link, exportedAt: new Date().toISOString() });
  return new NextResponse(Buffer.from(bytes), {
    headers: { ...COMMON, "Content-Type": XLSX_TYPE, "Content-Disposition": contentDisposition(`${base}.xlsx`, "attachment", `${ascii}.xlsx`) },
  });
}
