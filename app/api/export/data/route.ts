/**
 * GET /api/export/data?format=csv|xlsx&<the /compare query string>[&chart=<indicator>][&pack=1][&lang=en]
 * Exactly the figures behind the charts: CSV (UTF-8 with BOM) or XLSX. Without `chart=` every
 * chart of the view is included; `pack=1` (XLSX) gives the comparison pack: one sheet per chart
 * plus a README sheet with the link, the formulas and the rules.
 */
import { NextResponse, type NextRequest } from "next/server";
import { compareChartSpec, compareRecords } from "@/lib/charts/compare";
import { compareQueryString, DATA_FORMATS, getAll, parseFormat } from "@/lib/export/compare-params";
import { compareCsv } from "@/lib/export/csv";
import { compareXlsx } from "@/lib/export/xlsx";
import { contentDisposition } from "@/lib/http/content-disposition";
import { errorResponse, fileBase, loadExport } from "../_lib/load";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<NextResponse> {
  const format = parseFormat(request.nextUrl.searchParams, DATA_FORMATS);
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
  const common = { "Cache-Control": "private, no-store" };

  if (format.value === "csv") {
    const csv = compareCsv(
      specs.flatMap((s) => compareRecords(s)),
      lang,
    );
    return new NextResponse(csv, { headers: { ...common, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": contentDisposition(`${base}.csv`) } });
  }
  const link = `${request.nextUrl.origin}/compare?${compareQueryString(params)}`;
  const bytes = await compareXlsx({ charts: specs, lang, link, exportedAt: new Date().toISOString() });
  return new NextResponse(Buffer.from(bytes), {
    headers: {
      ...common,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(`${base}.xlsx`),
    },
  });
}
