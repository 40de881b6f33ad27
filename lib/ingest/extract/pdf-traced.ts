/**
 * PDFs read from MuPDF's trace when the caller has the tool (extract/tools.ts): the trace becomes
 * the same page geometry as pdf.js gives (pdf-trace.ts), laid out by the same code (layoutPdf).
 * A trace the tool refuses (a broken file MuPDF will not open) falls back to pdf.js, which says
 * what is wrong; one over the output or time limit is refused as too large.
 */
import { issue } from "../issues";
import { assembleDocument, describeError, failedDocument } from "./detect";
import { crowdedPage, extractPdf, layoutPdf, PDF_LIMITS } from "./pdf";
import { countedPages, traceToGeometry } from "./pdf-trace";
import { PdfTraceError, type PdfTracer } from "./tools";
import type { ExtractedDocument } from "./types";

export async function extractPdfTraced(bytes: Uint8Array, fileName: string, tracer: PdfTracer): Promise<ExtractedDocument> {
  let trace: string;
  try {
    trace = await tracer.trace(bytes, { maxPages: PDF_LIMITS.maxPages });
  } catch (err) {
    if (err instanceof PdfTraceError && err.reason === "crashed") {
      return failedDocument("pdf", issue("extract_failed", "error", `PDF 阅读器在读取此文件时崩溃，未处理。 The PDF reader crashed on this file (${err.message}).`));
    }
    if (err instanceof PdfTraceError && err.reason !== "unreadable") {
      return failedDocument("pdf", issue("too_large", "error", `The PDF is too large or too slow to read (${err.message}).`));
    }
    return extractPdf(bytes, fileName);
  }
  try {
    const counted = countedPages(trace);
    const pages = counted === null ? traceToGeometry(trace) : [];
    const pageCount = counted ?? pages.length;
    if (pageCount > PDF_LIMITS.maxPages) {
      return failedDocument("pdf", issue("too_large", "error", `The PDF has ${pageCount} pages; at most ${PDF_LIMITS.maxPages} are read.`), { pages: pageCount });
    }
    const meta: ExtractedDocument["meta"] = { pages: pages.length };
    if (pages.length > 0 && pages.every((g) => g.runs.length === 0)) {
      return failedDocument("pdf", issue("empty_document", "error", "The PDF has no text layer (a scan?)."), meta);
    }
    const crowded = crowdedPage(pages);
    if (crowded) return failedDocument("pdf", crowded, meta);
    return assembleDocument("pdf", layoutPdf(pages), meta, []);
  } catch (err) {
    return failedDocument("pdf", issue("extract_failed", "error", `The PDF could not be read: ${describeError(err)}`));
  }
}
