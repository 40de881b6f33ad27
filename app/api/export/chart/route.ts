/**
 * GET /api/export/chart?format=png|svg&<the /compare query string>[&chart=<indicator>][&lang=en]
 * One chart of the comparison, rendered on the server with the page's own option builder
 * (lib/charts/compare.ts) plus a footer with the source and the date. PNG is 2× the chart size.
 */
import { NextResponse, type NextRequest } from "next/server";
import { buildCompareOption, compareChartSize, compareChartSpec } from "@/lib/charts/compare";
import { CHART_FORMATS, chartIndicator, parseFormat } from "@/lib/export/compare-params";
import { renderChartSvg } from "@/lib/export/render-svg";
import { contentDisposition } from "@/lib/http/content-disposition";
import { errorResponse, exportDate, fileBase, loadExport } from "../_lib/load";
import { findCjkFontFiles, PNG_SCALE, svgToPng } from "../_lib/png";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<NextResponse> {
  const format = parseFormat(request.nextUrl.searchParams, CHART_FORMATS);
  const loaded = await loadExport(request);
  if (loaded instanceof NextResponse) return loaded;
  if (!format.ok) return errorResponse(format.error);
  const { comparison, lang, search, params } = loaded;

  const spec = compareChartSpec(comparison, chartIndicator(search, params), lang);
  const fontFiles = format.value === "png" ? findCjkFontFiles() : [];
  const fontMissing = format.value === "png" && fontFiles.length === 0;
  const frame = { exportedOn: exportDate(), fontMissing };
  const size = compareChartSize(spec, frame);
  const svg = renderChartSvg(buildCompareOption(spec, frame), size);
  const name = `${fileBase(spec.title)}.${format.value}`;
  const headers: Record<string, string> = {
    "Content-Disposition": contentDisposition(name),
    "Cache-Control": "private, no-store",
    "X-Chart-Width": String(size.width),
    "X-Chart-Height": String(size.height),
  };
  if (fontMissing) headers["X-Gongkai-Font-Warning"] = "CJK font not found - install fonts-noto-cjk";

  if (format.value === "svg") {
    return new NextResponse(svg, { headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" } });
  }
  const png = svgToPng(svg, fontFiles);
  headers["X-Png-Scale"] = String(PNG_SCALE);
  return new NextResponse(Buffer.from(png), { headers: { ...headers, "Content-Type": "image/png" } });
}
