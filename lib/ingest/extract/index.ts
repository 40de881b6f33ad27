/**
 * The extractor registry: sniff the bytes (detect.ts), refuse what we cannot read, then hand the
 * file to the first extractor whose canHandle accepts it, falling back to the flattened-text
 * extractor. Never throws: any failure is an `extract_failed` issue on an empty document.
 */
import { issue } from "../issues";
import { describeError, detectFormat, failedDocument } from "./detect";
import { docxExtractor } from "./docx";
import { htmlExtractor } from "./html";
import { markdownExtractor } from "./markdown";
import { pdfExtractor } from "./pdf";
import { textExtractor } from "./text";
import type { ExtractedDocument, Extractor } from "./types";

export type { Block, ExtractedDocument, Extractor, SurfaceFormat, TableBlock, TableCell, TextBlock } from "./types";
export { detectFormat, MAX_INPUT_BYTES, sniffFormat } from "./detect";
export { docxExtractor, htmlExtractor, markdownExtractor, pdfExtractor, textExtractor };

/** Most specific first; text is the fallback and is not asked. */
export const EXTRACTORS: readonly Extractor[] = [pdfExtractor, docxExtractor, htmlExtractor, markdownExtractor];

export async function extractDocument(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
  const sniffed = detectFormat(bytes, fileName);
  if (sniffed.format === "unsupported" || sniffed.issue) {
    const problem = sniffed.issue ?? issue("unsupported_format", "error", "This file type is not supported.");
    return failedDocument(sniffed.format === "unsupported" ? "text" : sniffed.format, problem);
  }
  const extractor = EXTRACTORS.find((e) => e.format === sniffed.format && e.canHandle(bytes, fileName)) ?? textExtractor;
  try {
    return await extractor.extract(bytes, fileName);
  } catch (err) {
    return failedDocument(extractor.format, issue("extract_failed", "error", `The ${extractor.format.toUpperCase()} could not be read: ${describeError(err)}`));
  }
}
