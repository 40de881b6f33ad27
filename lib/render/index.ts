/**
 * Renderers: a report model → the bytes of one surface format. Pure (no fs, no clock).
 */
import { renderDocx } from "./docx";
import { renderHtmlBytes } from "./html";
import { renderMarkdownBytes } from "./markdown";
import type { ReportModel } from "./model";
import { renderPdf } from "./pdf";
import { renderTextBytes } from "./text";

export * from "./model";
export { flattenGrid, renderText, renderTextBytes, renderTextLines } from "./text";
export { renderHtml, renderHtmlBytes, type HtmlEncoding } from "./html";
export { renderMarkdown, renderMarkdownBytes } from "./markdown";
export { renderDocx, renderDocxXml } from "./docx";
export { layoutPdf, renderPdf, wrapText, type PdfOptions } from "./pdf";
export { sampleModel, type SampleExpected } from "./sample";
export { occupancy, tableGrid, type Grid, type GridCell, type TableName } from "./layout";

/** Surface formats the renderers write; "html-gbk" is HTML served as GBK under a gb2312 declaration. */
export const RENDER_SURFACES = ["text", "html", "html-gbk", "markdown", "docx", "pdf"] as const;
export type RenderSurface = (typeof RENDER_SURFACES)[number];

export const SURFACE_EXTENSIONS: Record<RenderSurface, string> = {
  text: "txt",
  html: "html",
  "html-gbk": "html",
  markdown: "md",
  docx: "docx",
  pdf: "pdf",
};

export interface RenderOptions {
  /** zlib compressor for PDF streams (see PdfOptions); default fflate. */
  deflate?: (data: Uint8Array) => Uint8Array;
}

export function renderReport(model: ReportModel, surface: RenderSurface, opts: RenderOptions = {}): Uint8Array {
  switch (surface) {
    case "text":
      return renderTextBytes(model);
    case "html":
      return renderHtmlBytes(model, { encoding: "utf-8" });
    case "html-gbk":
      return renderHtmlBytes(model, { encoding: "gbk" });
    case "markdown":
      return renderMarkdownBytes(model);
    case "docx":
      return renderDocx(model);
    case "pdf":
      return renderPdf(model, opts);
  }
}
