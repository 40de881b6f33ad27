import type { ParseIssue, SourceLoc } from "../issues";

export const SURFACE_FORMATS = ["text", "html", "pdf", "docx", "markdown"] as const;
export type SurfaceFormat = (typeof SURFACE_FORMATS)[number];

/** A piece of text at a known horizontal position on its line. */
export interface PositionedToken {
  text: string;
  /** Left and right edge, in the line's unit. */
  x0: number;
  x1: number;
}

/**
 * One visual line with where each piece of text sits: PDF text runs in points, or the character
 * columns of a text line (pdftotext -layout aligns table columns with spaces). The table reader
 * uses the positions to tie values to column headers; the prose readers use `TextBlock.text`.
 */
export interface PositionedLine {
  tokens: PositionedToken[];
  /** "pt": PDF user space (y is the baseline, growing downwards from the page top); "ch": characters. */
  unit: "pt" | "ch";
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
  };
  issues: ParseIssue[];
}

export interface Extractor {
  format: SurfaceFormat;
  /** Cheap sniff on the first bytes and the file name. */
  canHandle(bytes: Uint8Array, fileName: string): boolean;
  extract(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument>;
}
