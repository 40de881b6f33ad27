/**
 * The document as visual lines of tokens, for reading tables the way a person does: values on a
 * line, labels beside or around them, columns under their headers. Every surface format gives
 * lines: PDF runs with their x in points, `pdftotext -layout` pieces at their character columns,
 * grid rows (HTML, DOCX, PDF lattice) cell by cell, markdown rows in order only.
 *
 * Tokens are split further where producers glue things together: a label and its value in one run
 * ("行政许可447228"), several values in one run ("3001 53 0 0"). Positions of the pieces are
 * estimated from character widths (CJK one em, digits half an em).
 */
import type { Block, ExtractedDocument, PositionedLine, TableBlock } from "../extract/types";
import type { SourceLoc } from "../issues";
import { labelKey } from "../normalize";
import { readCell, type CellReading } from "./values";

export type TokenKind = "number" | "null" | "blank" | "label" | "unparsable";

export interface LToken {
  text: string;
  /** Horizontal extent in the line's unit; null when the source has no positions. */
  x0: number | null;
  x1: number | null;
  kind: TokenKind;
  reading: CellReading;
  loc: SourceLoc;
  /** OCR'd text only: recognition confidence 0–100 (from the run or cell it came from). */
  confidence?: number;
}

export interface LLine {
  /** Position in the document's line sequence. */
  index: number;
  tokens: LToken[];
  /** Label text of the line (its label tokens joined). */
  labelText: string;
  /**
   * What x means: "pt" (PDF points), "ch" (character columns), `grid:<n>` (column index of table
   * block n), or null (order only). Positions compare only between lines of the same unit.
   */
  unit: string | null;
  page: number | null;
  /** Vertical position (points from the page top, or line number) for distances; null if unknown. */
  y: number | null;
  fs: number;
  /** Long running text: never a table row. */
  prose: boolean;
  /** The block the line came from (table blocks keep their index in doc.blocks). */
  block: number;
  loc: SourceLoc;
}

const CJK_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
const VALUE = String.raw`(?:[+-]?\d[\d,，]*(?:\.\d+)?|[/／—–]+|-)`;
/** Values glued after a label ("行政许可447228", "（七）总计2932 53 0"), not "2024年" or "1.属于". */
const TRAILING_VALUES = new RegExp(String.raw`^(.*?[\u3400-\u9fff）)】」”])\s*(\d[\d,，]*(?:\.\d+)?(?:\s+${VALUE})*)$`, "u");
const SPACED_VALUES = new RegExp(String.raw`^${VALUE}(?:\s+${VALUE})+$`, "u");
const SENTENCE = /[。；！？]|[，,].*[，,]/u;

function charWidth(ch: string): number {
  if (CJK_CHAR.test(ch)) return 1;
  if (ch === " ") return 0.3;
  return 0.55;
}

interface Piece {
  text: string;
  x0: number;
  x1: number;
}

/** Splits a positioned piece of text into its values and labels (see the module comment). */
function splitPiece(text: string, x0: number, x1: number, exact: boolean): Piece[] {
  const chars = Array.from(text);
  // Character offsets → positions: exact for character columns, estimated by width otherwise.
  const widths = chars.map((c) => (exact ? 1 : charWidth(c)));
  const total = widths.reduce((s, w) => s + w, 0) || 1;
  const scale = (x1 - x0) / total;
  const at = (i: number) => {
    let a = x0;
    for (let k = 0; k < i; k++) a += (widths[k] ?? 0) * scale;
    return a;
  };
  const pieces = (ranges: [number, number][]): Piece[] =>
    ranges.map(([from, to]) => ({ text: chars.slice(from, to).join(""), x0: at(from), x1: at(to) })).filter((p) => p.text.trim() !== "");
  /** [from, to) character ranges of the whitespace-separated words of chars[from..to). */
  const words = (from: number, to: number): [number, number][] => {
    const out: [number, number][] = [];
    let i = from;
    while (i < to) {
      while (i < to && /\s/u.test(chars[i] ?? "")) i++;
      const start = i;
      while (i < to && !/\s/u.test(chars[i] ?? "")) i++;
      if (i > start) out.push([start, i]);
    }
    return out;
  };
  const trimmed = text.trim();
  if (SPACED_VALUES.test(trimmed)) return pieces(words(0, chars.length));
  const m = TRAILING_VALUES.exec(trimmed);
  if (m && m[1] && m[2] && (m[1].match(/[\u3400-\u9fff]/gu)?.length ?? 0) >= 2) {
    const lead = Array.from(text).length - Array.from(text.trimStart()).length;
    const labelEnd = lead + Array.from(m[1]).length;
    const valuesStart = lead + Array.from(trimmed).length - Array.from(m[2]).length;
    return pieces([[lead, labelEnd], ...words(valuesStart, lead + Array.from(trimmed).length)]);
  }
  return [{ text, x0, x1 }];
}

function classify(reading: CellReading): TokenKind {
  if (reading.kind === "null") return reading.reason === "blank" ? "blank" : "null";
  return reading.kind;
}

function makeToken(text: string, x0: number | null, x1: number | null, loc: SourceLoc, confidence?: number): LToken {
  const reading = readCell(text);
  return { text, x0, x1, kind: classify(reading), reading, loc, ...(confidence !== undefined ? { confidence } : {}) };
}

function finishLine(partial: Omit<LLine, "labelText" | "prose">): LLine {
  const labelText = partial.tokens
    .filter((t) => t.kind === "label")
    .map((t) => t.text.trim())
    .join("");
  const cjk = Array.from(labelText).filter((c) => /[\u3400-\u9fff]/u.test(c)).length;
  const prose = cjk >= 24 && SENTENCE.test(labelText);
  return { ...partial, labelText, prose };
}

/** Page height is unknown here; pages are stacked 10,000 pt apart so y orders the whole document. */
const PAGE_STRIDE = 10_000;

function positionedLines(block: Extract<Block, { kind: "text" }>, bi: number, out: LLine[]): void {
  for (const pl of block.lines ?? []) {
    if (pl.unit === "cell") {
      // Copied cells: their order is what they say (a blank cell stays a blank token).
      const tokens = pl.tokens.map((t) => makeToken(t.text, null, null, block.loc));
      out.push(finishLine({ index: out.length, tokens, unit: null, page: null, y: pl.y, fs: 1, block: bi, loc: block.loc }));
      continue;
    }
    const tokens: LToken[] = [];
    for (const tok of pl.tokens) {
      for (const piece of splitPiece(tok.text, tok.x0, tok.x1, pl.unit === "ch")) {
        const loc: SourceLoc = { ...block.loc };
        if (pl.page !== undefined) loc.page = pl.page;
        if (pl.unit === "pt") loc.bbox = [round(piece.x0), round(pl.y - 0.88 * pl.fs), round(piece.x1), round(pl.y + 0.12 * pl.fs)];
        tokens.push(makeToken(piece.text, piece.x0, piece.x1, loc, tok.conf));
      }
    }
    if (pl.unit === "pt") glueNumbering(tokens, pl.fs);
    out.push(
      finishLine({
        index: out.length,
        tokens,
        unit: pl.unit,
        page: pl.page ?? null,
        y: pl.unit === "pt" ? (pl.page ?? 0) * PAGE_STRIDE + pl.y : pl.y,
        fs: pl.fs,
        block: bi,
        loc: { ...block.loc, ...(pl.page !== undefined ? { page: pl.page } : {}) },
      }),
    );
  }
}

/**
 * A number set right against the label after it ("1." of "1.属于国家秘密" that OCR read as "1.3",
 * or split off as its own word) is the label's numbering, not a value: values stand apart from
 * labels by a column gap. Merged into the label in place.
 */
function glueNumbering(tokens: LToken[], fs: number): void {
  for (let i = tokens.length - 2; i >= 0; i--) {
    const t = tokens[i] as LToken;
    const next = tokens[i + 1] as LToken;
    if (t.kind === "label" || t.kind === "blank" || next.kind !== "label" || !/[\u3400-\u9fff]/u.test(next.text)) continue;
    if (t.x1 === null || next.x0 === null || next.x0 - t.x1 > 0.5 * fs) continue;
    const conf = t.confidence === undefined ? next.confidence : next.confidence === undefined ? t.confidence : Math.min(t.confidence, next.confidence);
    const merged = makeToken(t.text.trim() + next.text.trim(), t.x0, next.x1, t.loc, conf);
    if (merged.kind === "label") tokens.splice(i, 2, merged);
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

function gridLines(block: TableBlock, bi: number, format: ExtractedDocument["format"], out: LLine[]): void {
  const byRow = new Map<number, TableBlock["cells"]>();
  let ordinal = 0;
  let lastRow: number | null = null;
  for (const cell of block.cells) {
    // Cells without a grid row (flattened text) each get their own line, like the text shows them.
    const r: number = cell.row ?? (lastRow === null ? ordinal : ordinal + 1);
    if (cell.row === null) ordinal = r;
    lastRow = r;
    let list = byRow.get(r);
    if (!list) byRow.set(r, (list = []));
    list.push(cell);
  }
  // Markdown rows are read in order only: converters put a wrong header over the right values.
  const unit = format === "markdown" || !block.gridKnown ? null : `grid:${block.loc.table ?? bi}`;
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const cells = (byRow.get(r) ?? []).slice().sort((a, b) => (a.col ?? 0) - (b.col ?? 0));
    const tokens: LToken[] = [];
    for (const cell of cells) {
      const bbox = cell.loc.bbox;
      // PDF lattice cells carry their box: use real positions so they line up with text lines.
      const x0 = bbox ? bbox[0] : unit && cell.col !== null ? cell.col : null;
      const x1 = bbox ? bbox[2] : unit && cell.col !== null ? cell.col + Math.max(1, cell.colSpan) : null;
      tokens.push(makeToken(cell.text, x0, x1, cell.loc, cell.confidence));
    }
    const firstBox = cells.find((c) => c.loc.bbox)?.loc;
    const page = firstBox?.page ?? cells[0]?.loc.page ?? null;
    out.push(
      finishLine({
        index: out.length,
        tokens,
        unit: firstBox ? "pt" : unit,
        page,
        y: firstBox?.bbox ? (page ?? 0) * PAGE_STRIDE + firstBox.bbox[3] : null,
        fs: firstBox?.bbox ? Math.max(4, (firstBox.bbox[3] - firstBox.bbox[1]) / 1.5) : 1,
        block: bi,
        loc: cells[0]?.loc ?? block.loc,
      }),
    );
  }
}

const CACHE = new WeakMap<ExtractedDocument, LLine[]>();

/**
 * Every line of the document, in reading order (computed once per document). Flattened web
 * text tables (one cell per line, no grid) are left to the stream reader: as lines they say
 * nothing more.
 */
export function documentLines(doc: ExtractedDocument): LLine[] {
  const hit = CACHE.get(doc);
  if (hit) return hit;
  const out: LLine[] = [];
  doc.blocks.forEach((block, bi) => {
    if (block.kind === "table") {
      if (block.gridKnown || doc.format !== "text") gridLines(block, bi, doc.format, out);
      return;
    }
    if (block.lines && block.lines.length > 0) {
      positionedLines(block, bi, out);
      return;
    }
    // A line without positions still splits where a label and its values are glued ("行政许可 97").
    const tokens = splitPiece(block.text, 0, 1, true).map((p) => makeToken(p.text, null, null, block.loc));
    out.push(finishLine({ index: out.length, tokens, unit: null, page: block.loc.page ?? null, y: null, fs: 1, block: bi, loc: block.loc }));
  });
  CACHE.set(doc, out);
  return out;
}

/** The normalised label key of a line (numbering stripped, no punctuation). */
export function lineKey(line: LLine): string {
  return labelKey(line.labelText);
}

/** Value tokens of a line: numbers and explicit empty markers, in order. */
export function valueTokens(line: LLine): LToken[] {
  return line.tokens.filter((t) => t.kind === "number" || t.kind === "null" || t.kind === "unparsable");
}

export type { PositionedLine };
