/**
 * GET /api/export/chart?format=png|svg&<the /compare query string>[&chart=<indicator>][&lang=en]
 * GET /api/export/chart?format=png|svg&view=region|agency&chart=<chart id>&<the dashboard's own parameters>[&lang=en]
 * One chart, rendered on the server with the page's own option builder (lib/charts/compare.ts for
 * /compare, the dashboard descriptors for the overview, regions and agencies) plus a title, the
 * formula and a footer with the notes, the source and the date. PNG is 2× the chart size.
 */
import { NextResponse, type NextRequest } from "next/server";
import { buildCompareOption, compareChartSize, compareChartSpec, type ChartSize } from "@/lib/charts/compare";
import { buildDashboardExportOption, dashboardChartSize } from "@/lib/charts/dashboard-export";
import type { ChartOption } from "@/lib/charts/types";
import { CHART_FORMATS, chartIndicator, parseFormat, type ChartFormat } from "@/lib/export/compare-params";
import { renderChartSvg, specMaps, type ChartMap } from "@/lib/export/render-svg";
import { contentDisposition } from "@/lib/http/content-disposition";
import { asciiBase, chartNameParts, dashboardView, exportTitle, loadDashboardExport } from "../_lib/dashboard";
import { errorResponse, exportDate, fileBase, loadExport } from "../_lib/load";
import { findCjkFontFiles, PNG_SCALE, svgToPng } from "../_lib/png";

export const dynamic = "force-dynamic";

interface Drawing {
  option: (frame: { exportedOn: string; fontMissing: boolean }) => ChartOption;
  size: (frame: { exportedOn: string; fontMissing: boolean }) => ChartSize;
  title: string;
  ascii: string;
  /** Shapes a map chart needs registered before rendering. */
  maps?: ChartMap[];
}

export async function GET(request: NextRequest): Promise<NextResponse> {
  const format = parseFormat(request.nextUrl.searchParams, CHART_FORMATS);
  const view = dashboardView(request.nextUrl.searchParams);
  let drawing: Drawing;
  if (view) {
    const loaded = await loadDashboardExport(request, view, { chartRequired: true });
    if (loaded instanceof NextResponse) return loaded;
    if (!format.ok) return errorResponse(format.error);
    const chart = { ...loaded.chart!, title: exportTitle(view, loaded.subjectName, loaded.chart!, loaded.year) };
    drawing = {
      option: (frame) => buildDashboardExportOption(chart, frame),
      size: (frame) => dashboardChartSize(chart, frame),
      title: chart.title,
      ascii: asciiBase(chartNameParts(view, loaded.subject, chart, loaded.indicator, loaded.year)),
      maps: specMaps(chart.spec),
    };
  } else {
    const loaded = await loadExport(request);
    if (loaded instanceof NextResponse) return loaded;
    if (!format.ok) return errorResponse(format.error);
    const { comparison, lang, search, params } = loaded;
    const spec = compareChartSpec(comparison, chartIndicator(search, params), lang);
    const years = comparison.years.length ? `${comparison.years[0]}-${comparison.years[comparison.years.length - 1]}` : null;
    drawing = {
      option: (frame) => buildCompareOption(spec, frame),
      size: (frame) => compareChartSize(spec, frame),
      title: spec.title,
      ascii: asciiBase(["compare", spec.view, spec.indicatorKey, years]),
    };
  }
  return render(drawing, format.value);
}

function render(drawing: Drawing, format: ChartFormat): NextResponse {
  const fontFiles = format === "png" ? findCjkFontFiles() : [];
  const fontMissing = format === "png" && fontFiles.length === 0;
  const frame = { exportedOn: exportDate(), fontMissing };
  const size = drawing.size(frame);
  const svg = renderChartSvg(drawing.option(frame), size, drawing.maps);
  const headers: Record<string, string> = {
    "Content-Disposition": contentDisposition(`${fileBase(drawing.title)}.${format}`, "attachment", `${drawing.ascii}.${format}`),
    "Cache-Control": "private, no-store",
    "X-Chart-Width": String(size.width),
    "X-Chart-Height": String(size.height),
  };
  if (fontMissing) headers["X-Gongkai-Font-Warning"] = "CJK font not found - install fonts-noto-cjk";

  if (format === "svg") {
    return new NextResponse(svg, { headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" } });
  }
  const png = svgToPng(svg, fontFiles);
  headers["X-Png-Scale"] = String(PNG_SCALE);
  return new NextResponse(Buffer.from(png), { headers: { ...headers, "Content-Type": "image/png" } });
}
