/**
 * The extractor registry: sniff the bytes (detect.ts), refuse what we cannot read, then hand the
 * file to the first extractor whose canHandle accepts it, falling back to the flattened-text
 * extractor. Never throws: any failure is an `extract_failed` issue on an empty document.
 *
 * Formats that need a system tool go through the tools the caller injects (tools.ts): DOC, WPS,
 * RTF and ODT are converted to DOCX by LibreOffice and read by the DOCX extractor; PNG/JPEG
 * images, and PDFs without a text layer, are recognised by OCR. Without the tool the document
 * fails with `tool_unavailable`, whose message says what to install.
 */
import { issue } from "../issues";
import { ocrImageFile, ocrPdf } from "../ocr/extract";
import { pdfPictures } from "./pdf-images";
import { describeError, detectFormat, failedDocument } from "./detect";
import { docxExtractor } from "./docx";
import { htmlExtractor } from "./html";
import { markdownExtractor } from "./markdown";
import { pdfExtractor } from "./pdf";
import { textExtractor } from "./text";
import { toolMissingMessage, type ConvertibleFormat, type ExtractTools } from "./tools";
import { checkPdfInflation } from "./pdf-guard";
import { extractPdfTraced } from "./pdf-traced";
import type { ExtractedDocument, Extractor } from "./types";

export type { Block, ExtractedDocument, Extractor, OcrSummary, SurfaceFormat, TableBlock, TableCell, TextBlock } from "./types";
export type { ConvertibleFormat, ExtractTools, OcrEngine, OfficeConverter, PdfTracer } from "./tools";
export { detectFormat, MAX_INPUT_BYTES, sniffFormat } from "./detect";
export { docxExtractor, htmlExtractor, markdownExtractor, pdfExtractor, textExtractor };

/** Most specific first; text is the fallback and is not asked. */
export const EXTRACTORS: readonly Extractor[] = [pdfExtractor, docxExtractor, htmlExtractor, markdownExtractor];

export interface ExtractOptions {
  tools?: ExtractTools;
  /** The file's real size when `bytes` is only its start (the CLI does not read past the limit). */
  sizeBytes?: number;
}

const CONVERTIBLE: Record<string, ConvertibleFormat> = { doc: "doc", wps: "wps", rtf: "rtf", odt: "odt" };
const DESCRIBED: Record<ConvertibleFormat, string> = {
  doc: "Word 97–2003 文档 (.doc) a Word 97–2003 document",
  wps: "WPS 文字文档 (.wps) a WPS Writer document",
  rtf: "RTF 文档 an RTF document",
  odt: "OpenDocument 文本 (.odt) an OpenDocument text",
};

export async function extractDocument(bytes: Uint8Array, fileName: string, opts: ExtractOptions = {}): Promise<ExtractedDocument> {
  const sniffed = detectFormat(bytes, fileName, opts.sizeBytes);
  if (sniffed.format === "unsupported" || sniffed.issue) {
    const problem = sniffed.issue ?? issue("unsupported_format", "error", "This file type is not supported.");
    return failedDocument(sniffed.format === "unsupported" ? "text" : sniffed.format, problem);
  }
  const tools = opts.tools ?? {};
  const converted = CONVERTIBLE[sniffed.format];
  if (converted) return convertAndExtract(bytes, fileName, converted, tools);
  if (sniffed.format === "image") {
    if (!tools.ocr) return failedDocument("image", issue("tool_unavailable", "error", toolMissingMessage("ocr", "图片 an image")));
    try {
      return await ocrImageFile(bytes, tools.ocr);
    } catch (err) {
      return failedDocument("image", issue("extract_failed", "error", `图片无法识别 The image could not be recognised: ${describeError(err)}`));
    }
  }
  if (sniffed.format === "pdf") {
    const inflation = checkPdfInflation(bytes);
    if (inflation.refused) {
      return failedDocument(
        "pdf",
        issue("too_large", "error", `PDF 解压后过大（可能是解压炸弹），未处理。 The PDF was refused before reading: ${inflation.refused}.`),
      );
    }
  }
  const extractor = EXTRACTORS.find((e) => e.format === sniffed.format && e.canHandle(bytes, fileName)) ?? textExtractor;
  let doc: ExtractedDocument;
  try {
    doc = extractor.format === "pdf" && tools.pdf ? await extractPdfTraced(bytes, fileName, tools.pdf) : await extractor.extract(bytes, fileName);
  } catch (err) {
    return failedDocument(extractor.format, issue("extract_failed", "error", `The ${extractor.format.toUpperCase()} could not be read: ${describeError(err)}`));
  }
  if (extractor.format === "pdf" && !isScan(doc)) {
    // Pictures big enough to be tables (tables pasted into Word as screenshots): the parser names
    // them when a table is missing, and analyze reads them by OCR. Their page is not known here.
    const pictures = pdfPictures(bytes);
    if (pictures.length > 0) doc = { ...doc, meta: { ...doc.meta, images: pictures.map((p, i) => ({ src: `图片${i + 1}（${p.width}×${p.height}）`, alt: "", block: -1 })) } };
  }
  if (extractor.format === "pdf" && isScan(doc)) {
    const pages = doc.meta.pages ?? 0;
    if (!tools.ocr) return failedDocument("pdf", issue("tool_unavailable", "error", toolMissingMessage("ocr", "没有文字层的 PDF（扫描件） a PDF without a text layer (a scan)")), doc.meta);
    try {
      return await ocrPdf(bytes, pages, tools.ocr, doc.meta);
    } catch (err) {
      return failedDocument("pdf", issue("extract_failed", "error", `扫描件无法识别 The scan could not be recognised: ${describeError(err)}`), doc.meta);
    }
  }
  return doc;
}

/** The PDF reader found pages but no text on any of them: a scan. */
function isScan(doc: ExtractedDocument): boolean {
  return (doc.meta.pages ?? 0) > 0 && doc.blocks.length === 0 && doc.issues.some((i) => i.code === "empty_document");
}

async function convertAndExtract(bytes: Uint8Array, fileName: string, format: ConvertibleFormat, tools: ExtractTools): Promise<ExtractedDocument> {
  if (!tools.office) return failedDocument(format, issue("tool_unavailable", "error", toolMissingMessage("office", DESCRIBED[format])));
  let docx: Uint8Array;
  try {
    docx = await tools.office.convertToDocx(bytes, format);
  } catch (err) {
    return failedDocument(
      format,
      issue("conversion_failed", "error", `LibreOffice 无法转换此文件（可能已损坏或加密），请另存为 DOCX 后上传。 LibreOffice could not convert this file (damaged or password-protected?); save it as DOCX and upload that. ${describeError(err)}`),
    );
  }
  const doc = await extractDocument(docx, fileName.replace(/\.[A-Za-z0-9]+$/, "") + ".docx");
  // The report is the original file: keep its format.
  return { ...doc, format };
}
