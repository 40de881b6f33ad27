/**
 * System tools the pure extractors may be given (dependency injection, STYLE rule 14): OCR for
 * scans and photos, LibreOffice for old word-processing files. lib/ never starts a process; the
 * runners live in lib/system (the one I/O boundary) and callers pass them in. Without a tool the
 * extractor says which formats are off and how to turn them on (TOOL_INSTALL below).
 */
import type { GrayImage } from "../ocr/image";

export interface OcrEngine {
  /** "tesseract 5.3.0 (chi_sim)", shown on the report. */
  readonly name: string;
  /** One page of a PDF as an 8-bit grayscale image at `dpi` (1-based page). */
  rasterizePdfPage(pdf: Uint8Array, page: number, dpi: number): Promise<GrayImage>;
  /** Recognises a page image; returns Tesseract's TSV (level 5 = words with boxes and confidences). */
  recognize(image: GrayImage, opts: { dpi: number }): Promise<string>;
  /**
   * A second, independent reading of small crops that each hold one number (one line each,
   * digits only, a model other than the page's): one TSV per crop, in order.
   */
  recognizeNumbers(crops: readonly GrayImage[], opts: { dpi: number }): Promise<string[]>;
}

export const CONVERTIBLE_FORMATS = ["doc", "wps", "rtf", "odt"] as const;
export type ConvertibleFormat = (typeof CONVERTIBLE_FORMATS)[number];

export interface OfficeConverter {
  readonly name: string;
  /** The document saved as DOCX (Office Open XML). Throws with a readable message on failure. */
  convertToDocx(bytes: Uint8Array, from: ConvertibleFormat): Promise<Uint8Array>;
  /** The document laid out and exported as PDF (to read its pasted pictures by OCR). Throws like convertToDocx. */
  convertToPdf(bytes: Uint8Array, from: ConvertibleFormat | "docx"): Promise<Uint8Array>;
}

/**
 * A faster PDF geometry source: MuPDF's record of every glyph and path drawn — `mutool trace`'s
 * XML, or the compact record of the long-lived tracer (lib/system/pdf-trace-server.ts); the reader
 * (pdf-trace.ts) tells them apart by their first line. Without it PDFs are read with pdf.js (same
 * pages, same tables, several times the CPU).
 */
export interface PdfTracer {
  readonly name: string;
  /**
   * The document's trace. Throws PdfTraceError when the trace itself is refused. `maxPages`: a
   * tracer may stop at counting the pages of a longer document (the reader refuses it anyway).
   */
  trace(pdf: Uint8Array, opts?: { maxPages?: number }): Promise<string>;
}

/**
 * The tracer gave up on the file: over the output, memory or time limit, the file would not open,
 * or MuPDF itself died while reading it (`crashed`: only this file fails).
 */
export class PdfTraceError extends Error {
  constructor(
    message: string,
    readonly reason: "too_large" | "timeout" | "unreadable" | "crashed",
  ) {
    super(message);
    this.name = "PdfTraceError";
  }
}

export interface ExtractTools {
  ocr?: OcrEngine;
  office?: OfficeConverter;
  pdf?: PdfTracer;
}

/** What to install for each optional capability (Debian/Ubuntu package names). */
export const TOOL_INSTALL = {
  ocr: "sudo apt-get install -y tesseract-ocr tesseract-ocr-chi-sim poppler-utils",
  office: "sudo apt-get install -y libreoffice-writer-nogui",
  pdf: "sudo apt-get install -y mupdf-tools",
} as const;

/** The issue message for a file that needs a tool this installation lacks (Chinese, then English). */
export function toolMissingMessage(kind: keyof typeof TOOL_INSTALL, what: string): string {
  const zh =
    kind === "ocr"
      ? `此文件为${what}，需要 OCR 识别，但本系统未启用 OCR。请管理员安装：${TOOL_INSTALL.ocr}；或上传带文字层的 PDF / DOCX。`
      : `此文件为${what}，需要 LibreOffice 转换，但本系统未安装。请管理员安装：${TOOL_INSTALL.office}；或另存为 DOCX 后上传。`;
  const en =
    kind === "ocr"
      ? `This file is ${what} and needs OCR, which is off on this server. Ask an administrator to run: ${TOOL_INSTALL.ocr}; or upload a PDF with a text layer or a DOCX.`
      : `This file is ${what} and needs LibreOffice to convert it, which is not installed. Ask an administrator to run: ${TOOL_INSTALL.office}; or save it as DOCX and upload that.`;
  return `${zh} ${en}`;
}
