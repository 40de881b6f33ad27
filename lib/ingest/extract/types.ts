import type { ParseIssue, SourceLoc } from "../issues";

/**
 * What the original file was. "doc" (Word 97–2003), "wps" (WPS Writer), "rtf" and "odt" are read by
 * converting them to DOCX with LibreOffice; "image" (PNG, JPEG) and scanned PDFs are read by OCR.
 */
export const SURFACE_FORMATS = ["text", "html", "pdf", "docx", "markdown", "doc", "wps", "rtf", "odt", "image"] as const;
export type SurfaceFormat = (typeof SURFACE_FORMATS)[number];

/** A piece of text at a known horizontal position on its line. */
export interface PositionedToken {
  text: string;
  /** Left and right edge, in the line's unit. */
  x0: number;
  x1: number;
  /** OCR'd text only: recognition confidence 0–100 of the least certain word in the token. */
  conf?: number;
}

/**
 * One visual line with where each piece of text sits: PDF text runs in points, or the character
 * columns of a text line (pdftotext -layout aligns table columns with spaces). The table reader
 * uses the positions to tie values to column headers; the prose readers use `TextBlock.text`.
 */
export interface PositionedLine {
  tokens: PositionedToken[];
  /**
   * "pt": PDF user space (y is the baseline, growing downwards from the page top); "ch": characters;
   * "cell": cells of a line copied from a table (tab-separated), x being the cell's ordinal — an
   * order, not a position (a row that lost a merged cell shifts), and empty cells are kept.
   */
  unit: "pt" | "ch" | "cell";
  page?: number;
  /** Baseline from the page top (pt) or the line number (ch). */
  y: number;
  /** Font size in the line's unit (1 for characters). */
  fs: number;
}

/** A run of prose (a paragraph or a line) outside tables. */
export interface TextBlock {
  kind: "text";
  text: string;
  loc: SourceLoc;
  /** The visual lines the block was made of, with positions, when the source has them. */
  lines?: PositionedLine[];
}

/**
 * One table cell in reading order (row-major). Grid formats (HTML, DOCX, markdown) give
 * `row`/`col` from the layout, with spans; the flattened web text and PDFs may not know
 * the grid, so `row`/`col` are null there and the parser reads by label.
 */
export interface TableCell {
  text: string;
  row: number | null;
  col: number | null;
  rowSpan: number;
  colSpan: number;
  loc: SourceLoc;
  /** OCR'd cells only: recognition confidence 0–100 of the least certain word in the cell. */
  confidence?: number;
}

export interface TableBlock {
  kind: "table";
  cells: TableCell[];
  /** True when row/col are real grid coordinates. */
  gridKnown: boolean;
  loc: SourceLoc;
}

export type Block = TextBlock | TableBlock;

export interface ExtractedDocument {
  format: SurfaceFormat;
  /** Blocks in reading order. */
  blocks: Block[];
  /** Plain text of the whole document (blocks joined by newlines), for narrative search. */
  text: string;
  meta: {
    encoding?: string;
    pages?: number;
    title?: string;
    /** The original file's media type when the format alone does not say it (image/png, image/jpeg). */
    mediaType?: string;
    /** Set when the text was recognised from page images (a scan or a photo). */
    ocr?: OcrSummary;
    /**
     * Pictures in a web page, in reading order: `block` is the index of the first block after the
     * picture. Sites often post a report's tables as images; the parser says so when a table is missing.
     * In a PDF (lib/ingest/extract/pdf-images.ts) the pictures' places are not known: `block` is -1.
     */
    images?: { src: string; alt: string; block: number }[];
  };
  issues: ParseIssue[];
}

export interface OcrSummary {
  /** "tesseract 5.3.0 (chi_sim)". */
  engine: string;
  /** Pages recognised. */
  pages: number;
  /** Resolution the pages were recognised at. */
  dpi: number;
  /** Mean word confidence over the document, 0–100. */
  meanConfidence: number;
  /** Skew corrected on each page, degrees counter-clockwise. */
  skew: number[];
}

export interface Extractor {
  format: SurfaceFormat;
  /** Cheap sniff on the first bytes and the file name. */
  canHandle(bytes: Uint8Array, fileName: string): boolean;
  extract(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument>;
}
