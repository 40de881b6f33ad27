import type { ParseIssue, SourceLoc } from "../issues";

export const SURFACE_FORMATS = ["text", "html", "pdf", "docx", "markdown"] as const;
export type SurfaceFormat = (typeof SURFACE_FORMATS)[number];

/** A run of prose (a paragraph or a line) outside tables. */
export interface TextBlock {
  kind: "text";
  text: string;
  loc: SourceLoc;
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
