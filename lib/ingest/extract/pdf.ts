/**
 * PDFs with a text layer (pdfjs via unpdf). A PDF has no tables, only positioned text runs and
 * drawn lines, so the layout is rebuilt here:
 *
 * 1. Runs: pdfjs text items on one baseline with no gap between them are merged (fonts split
 *    words into many items). Radical code points that some producers write for ordinary
 *    characters (⼈ U+2F08 for 人, ⺠ U+2EA0 for 民) are mapped back to the unified ideographs.
 * 2. Ruled tables ("lattice"): thin filled rectangles and axis-aligned stroked segments from the
 *    operator list are the table's rules. Connected rules form a table; their x and y positions
 *    form a grid of slots, and slots not separated by a rule are merged into one cell (so a
 *    rowspan/colspan is recovered exactly). Runs are placed in cells by position, so a label
 *    wrapped over lines or written one character per line is one cell. gridKnown is true.
 * 3. Unruled tables: lines are runs grouped by baseline. A line is tabular when it has ≥2 runs
 *    separated by a column gap (≥1.5 em) or only numeric runs; runs of tabular lines (with their
 *    header lines and the pieces of vertical labels beside them) are kept as single lines with
 *    every run's position (`TextBlock.lines`), never joined into paragraphs. The table reader
 *    (parse/line-tables.ts) ties their values to headers by position and to rows by label.
 * 4. Page furniture: lines that are only a page number ("- 3 -", "第3页", "3/12") or that repeat in
 *    the top/bottom margin of most pages are dropped. A ruled table that ends one page and starts
 *    the next with the same column edges continues (repeated header rows are dropped); a paragraph
 *    cut by the page break is joined. Every line and lattice cell keeps its page and its box
 *    (points from the page's top-left) for provenance.
 *
 * Limits: more than 200 pages → too_large; corrupt files → extract_failed; no text layer (scans)
 * → empty_document, which extract/index.ts hands to OCR (lib/ingest/ocr) when it has the tools.
 * OCR'd pages come in as the same PdfPageGeometry, their runs carrying `conf`.
 *
 * Known gaps:
 * - Rules are read from pdfjs ≥5 `constructPath` data; tables drawn as shaded cell backgrounds or
 *   with only horizontal rules (三线表) fall back to the unruled reading.
 * - An item drawn across several cells is split at the rules assuming even character widths;
 *   rotated text is placed by its origin; multi-column page layouts are read top to bottom.
 * - Non-embedded CJK fonts with predefined CMaps (UniGB-UCS2-H) need CMap files that unpdf's
 *   bundle does not ship, so their text may be missing.
 */
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import { issue, type ParseIssue } from "../issues";
import { assembleDocument, describeError, failedDocument, joinPieces, sniffFormat } from "./detect";
import type { Block, ExtractedDocument, Extractor, PositionedLine, TableCell } from "./types";

/**
 * pdfjs 5 calls ArrayBuffer.prototype.transferToFixedLength (ES2024, Node ≥ 21) when it compiles
 * a font for the operator list. On Node 20 the call throws, pdfjs drops the rest of that page's
 * operators, and the page's table rules are lost (LibreOffice PDFs read as unruled). A copy has the
 * same result for pdfjs's use (it never touches the old buffer again).
 */
function ensureArrayBufferTransfer(): void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: unknown; transfer?: unknown };
  if (typeof proto.transferToFixedLength === "function") return;
  const copy = function (this: ArrayBuffer, length?: number): ArrayBuffer {
    const n = length ?? this.byteLength;
    const out = new ArrayBuffer(n);
    new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
    return out;
  };
  Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", { value: copy, writable: true, configurable: true });
  if (typeof proto.transfer !== "function") Object.defineProperty(ArrayBuffer.prototype, "transfer", { value: copy, writable: true, configurable: true });
}

export const PDF_LIMITS = {
  maxPages: 200,
  /** Text items over the whole document; more is a generated monster, not a report. */
  maxItems: 400_000,
  /** Path-drawing operations per page considered for rules. */
  maxPathOpsPerPage: 200_000,
  /** Merged rules per page beyond which no ruled table is looked for (the page is art, not a form). */
  maxRulesPerPage: 6000,
  /**
   * Text runs on one page. A dense report page has a few hundred (the most in our fixtures: 319);
   * laying out 100 000 runs on one line took minutes, so a page over this is refused.
   */
  maxRunsPerPage: 20_000,
} as const;

/** The first page with more text runs than a report page can have, as a refusal; null when none. */
export function crowdedPage(pages: readonly PdfPageGeometry[]): ParseIssue | null {
  const p = pages.find((g) => g.runs.length > PDF_LIMITS.maxRunsPerPage);
  if (!p) return null;
  return issue("too_large", "error", `PDF 第 ${p.page} 页有 ${p.runs.length} 段文字，远超年报页面（通常几百段），未处理。 Page ${p.page} of the PDF holds ${p.runs.length} pieces of text (a report page has a few hundred; at most ${PDF_LIMITS.maxRunsPerPage} are read).`, { page: p.page });
}

// ───────────────────────────── geometry model (pure, testable without pdfjs) ─────────────────────────────

/** A run of text on one baseline: x/y is the baseline start in PDF user space (y grows upwards). */
export interface PdfRun {
  text: string;
  x: number;
  y: number;
  w: number;
  /** Font size (em) in user-space units. */
  fs: number;
  /** OCR'd text only: the recognition confidence (0–100) of the least certain word in the run. */
  conf?: number;
}
export interface HRule {
  y: number;
  x1: number;
  x2: number;
}
export interface VRule {
  x: number;
  y1: number;
  y2: number;
}
export interface PdfPageGeometry {
  /** 1-based page number. */
  page: number;
  /** Page box in user space. */
  box: { left: number; bottom: number; right: number; top: number };
  runs: PdfRun[];
  hRules: HRule[];
  vRules: VRule[];
}

const RULE_TOL = 2; // pt: rules closer than this are the same line; gaps smaller than this are closed

// ───────────────────────────── text normalisation ─────────────────────────────

/**
 * CJK Radicals Supplement → unified ideograph (Unicode EquivalentUnifiedIdeograph.txt, U+2E81–U+2EF3).
 * Pairs of hex code points; Kangxi radicals (U+2F00–U+2FD5) map correctly under NFKC instead.
 */
const RADICAL_SUPPLEMENT_HEX =
  "2E81:5382 2E82:4E5B 2E83:4E5A 2E84:4E59 2E85:4EBB 2E86:5182 2E87:20628 2E88:5200 2E89:5202 2E8A:535C 2E8B:353E " +
  "2E8C:5C0F 2E8D:5C0F 2E8E:5140 2E8F:5C23 2E90:5C22 2E91:21BC2 2E92:5DF3 2E93:5E7A 2E94:5F51 2E95:5F50 2E96:5FC4 " +
  "2E97:5FC3 2E98:624C 2E99:6535 2E9B:65E1 2E9C:65E5 2E9D:6708 2E9E:6B7A 2E9F:6BCD 2EA0:6C11 2EA1:6C35 2EA2:6C3A " +
  "2EA3:706C 2EA4:722B 2EA5:722B 2EA6:4E2C 2EA7:725B 2EA8:72AD 2EA9:738B 2EAA:24D14 2EAB:76EE 2EAC:793A 2EAD:793B " +
  "2EAE:25AD7 2EAF:7CF9 2EB0:7E9F 2EB1:7F53 2EB2:7F52 2EB3:34C1 2EB4:5197 2EB5:2626B 2EB6:7F8A 2EB7:2634C 2EB8:2634B " +
  "2EB9:8002 2EBA:8080 2EBB:807F 2EBC:8089 2EBD:26951 2EBE:8279 2EBF:8279 2EC0:8279 2EC1:864E 2EC2:8864 2EC3:8980 " +
  "2EC4:897F 2EC5:89C1 2EC6:89D2 2EC7:278B2 2EC8:8BA0 2EC9:8D1D 2ECA:27FB7 2ECB:8F66 2ECC:8FB6 2ECD:8FB6 2ECE:8FB6 " +
  "2ECF:9091 2ED0:9485 2ED1:9577 2ED2:9578 2ED3:957F 2ED4:95E8 2ED5:28E0F 2ED6:961D 2ED7:96E8 2ED8:9752 2ED9:97E6 " +
  "2EDA:9875 2EDB:98CE 2EDC:98DE 2EDD:98DF 2EDE:2967F 2EDF:98E0 2EE0:9963 2EE1:29810 2EE2:9A6C 2EE3:9AA8 2EE4:9B3C " +
  "2EE5:9C7C 2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4 2EEA:9EFE 2EEB:6589 2EEC:9F50 2EED:6B6F 2EEE:9F7F 2EEF:7ADC " +
  "2EF0:9F99 2EF1:9F9C 2EF2:4E80 2EF3:9F9F";

const RADICAL_SUPPLEMENT: ReadonlyMap<number, string> = new Map(
  RADICAL_SUPPLEMENT_HEX.split(" ").map((pair) => {
    const [from, to] = pair.split(":");
    return [Number.parseInt(from ?? "0", 16), String.fromCodePoint(Number.parseInt(to ?? "0", 16))] as const;
  }),
);

/** Maps radical code points to ideographs, drops soft hyphens and zero-width characters. */
export function normalizePdfText(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x2e80 && cp <= 0x2eff) out += RADICAL_SUPPLEMENT.get(cp) ?? ch;
    else if (cp === 0x2f3e) out += "户"; // KANGXI RADICAL DOOR: NFKC gives 戶, but simplified-Chinese fonts draw 户 with this glyph
    else if (cp === 0x2015) out += "—"; // HORIZONTAL BAR: GB2312's A1AA dash, written as U+2014 in GBK text
    else if (cp >= 0x2f00 && cp <= 0x2fdf) out += ch.normalize("NFKC");
    else if (cp === 0x00ad || (cp >= 0x200b && cp <= 0x200d) || cp === 0xfeff) continue;
    else out += ch;
  }
  return out;
}

const NUMERIC = /^[-+−–—]?\s*\d[\d,，]*(\.\d+)?\s*%?$/;
const NA_MARK = /^([/／\\\-—–－]|无|——)$/;

/** Value-like cell text: a number or an empty marker ("/", "-", "无"). */
export function isValueText(s: string): boolean {
  const t = s.trim();
  return NUMERIC.test(t) || NA_MARK.test(t);
}

// ───────────────────────────── lines ─────────────────────────────

interface Line {
  runs: PdfRun[];
  y: number;
  fs: number;
  x1: number;
  x2: number;
}

/** Groups runs by baseline (tolerance 0.45 em) and sorts each line left to right. */
export function groupLines(runs: PdfRun[]): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const run of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - run.y) <= 0.45 * Math.min(line.fs, run.fs)) {
      line.runs.push(run);
      line.x1 = Math.min(line.x1, run.x);
      line.x2 = Math.max(line.x2, run.x + run.w);
      line.fs = Math.max(line.fs, run.fs);
    } else {
      lines.push({ runs: [run], y: run.y, fs: run.fs, x1: run.x, x2: run.x + run.w });
    }
  }
  for (const line of lines) line.runs.sort((a, b) => a.x - b.x);
  return lines;
}

/** Text of runs on one line: a space where the gap is wider than a third of an em (never between CJK). */
function lineText(runs: PdfRun[]): string {
  let out = "";
  let prev: PdfRun | null = null;
  for (const run of runs) {
    if (prev && run.x - (prev.x + prev.w) > 0.33 * Math.min(prev.fs, run.fs)) out = joinPieces(out, run.text);
    else out += run.text;
    prev = run;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** The lowest OCR confidence among runs, or undefined when none was OCR'd (a text layer). */
function minConf(runs: readonly PdfRun[]): number | undefined {
  let m: number | undefined;
  for (const r of runs) if (r.conf !== undefined) m = m === undefined ? r.conf : Math.min(m, r.conf);
  return m;
}

/** Text of runs that belong to one cell: lines top to bottom, pieces joined (no space between CJK). */
function cellText(runs: PdfRun[]): string {
  return groupLines(runs).reduce((acc, line) => joinPieces(acc, lineText(line.runs)), "");
}

// ───────────────────────────── rules → lattice tables ─────────────────────────────

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function maxOf<T>(items: readonly T[], f: (t: T) => number, empty = 0): number {
  let m = -Infinity;
  for (const it of items) m = Math.max(m, f(it));
  return m === -Infinity ? empty : m;
}
function minOf<T>(items: readonly T[], f: (t: T) => number, empty = 0): number {
  let m = Infinity;
  for (const it of items) m = Math.min(m, f(it));
  return m === Infinity ? empty : m;
}

/** Joins collinear pieces (Chromium draws one piece per cell edge) into whole rules. O(n log n). */
function mergeH(rules: HRule[]): HRule[] {
  const sorted = [...rules].sort((a, b) => a.y - b.y);
  const out: HRule[] = [];
  let i = 0;
  while (i < sorted.length) {
    const y0 = sorted[i]?.y ?? 0;
    let j = i;
    while (j < sorted.length && (sorted[j]?.y ?? 0) - y0 <= RULE_TOL) j++;
    const band = sorted.slice(i, j).sort((a, b) => a.x1 - b.x1);
    let cur: HRule | null = null;
    for (const r of band) {
      if (cur && r.x1 <= cur.x2 + RULE_TOL) {
        cur.x2 = Math.max(cur.x2, r.x2);
      } else {
        if (cur) out.push(cur);
        cur = { y: r.y, x1: r.x1, x2: r.x2 };
      }
    }
    if (cur) out.push(cur);
    i = j;
  }
  return out;
}

function mergeV(rules: VRule[]): VRule[] {
  return mergeH(rules.map((v) => ({ y: v.x, x1: v.y1, x2: v.y2 }))).map((h) => ({ x: h.y, y1: h.x1, y2: h.x2 }));
}

/** Sorted distinct positions, clustering values closer than RULE_TOL. */
function clusterPositions(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const group = out[out.length - 1];
    if (group && v - (group[group.length - 1] ?? v) <= RULE_TOL) group.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
}

function withOpenEdges(edges: number[], low: number, high: number): number[] {
  const out = [...edges];
  if (out.length > 0 && low < (out[0] ?? low) - 3) out.unshift(low);
  if (out.length > 0 && high > (out[out.length - 1] ?? high) + 3) out.push(high);
  return out;
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    let c = i;
    while (this.parent[c] !== r) {
      const next = this.parent[c] ?? r;
      this.parent[c] = r;
      c = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

interface LatticeCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  runs: PdfRun[];
  text: string;
  /** The cell's box in user space (y up). */
  x0: number;
  x1: number;
  yTop: number;
  yBottom: number;
}

export interface LatticeTable {
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Column edges, left to right. */
  xs: number[];
  rows: number;
  cells: LatticeCell[];
}

/** Slot lookup for run placement, kept beside the table rather than on it (the table is output data). */
const slotMaps = new WeakMap<LatticeTable, { ys: number[]; cellAt: (r: number, c: number) => LatticeCell | undefined }>();

function vCovers(rules: VRule[], x: number, y: number): boolean {
  return rules.some((v) => Math.abs(v.x - x) <= RULE_TOL && v.y1 - RULE_TOL <= y && y <= v.y2 + RULE_TOL);
}

/** Index of the slot containing p between consecutive edges (ascending or descending), or -1 outside. */
function slotIndex(edges: number[], p: number): number {
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = Math.min(edges[i] ?? 0, edges[i + 1] ?? 0);
    const b = Math.max(edges[i] ?? 0, edges[i + 1] ?? 0);
    if (p >= a - 0.5 && p <= b + 0.5) return i;
  }
  return -1;
}

/** Connected rule sets with at least two rules each way, as grids of merged slots. */
export function findLatticeTables(hRaw: HRule[], vRaw: VRule[]): LatticeTable[] {
  const hs = mergeH(hRaw);
  const vs = mergeV(vRaw);
  const n = hs.length + vs.length;
  if (hs.length < 2 || vs.length < 2 || n > PDF_LIMITS.maxRulesPerPage) return [];
  const uf = new UnionFind(n);
  hs.forEach((h, i) => {
    vs.forEach((v, j) => {
      if (v.x >= h.x1 - RULE_TOL && v.x <= h.x2 + RULE_TOL && h.y >= v.y1 - RULE_TOL && h.y <= v.y2 + RULE_TOL) uf.union(i, hs.length + j);
    });
  });
  const groups = new Map<number, { h: HRule[]; v: VRule[] }>();
  hs.forEach((h, i) => {
    const g = groups.get(uf.find(i)) ?? { h: [], v: [] };
    g.h.push(h);
    groups.set(uf.find(i), g);
  });
  vs.forEach((v, j) => {
    const g = groups.get(uf.find(hs.length + j)) ?? { h: [], v: [] };
    g.v.push(v);
    groups.set(uf.find(hs.length + j), g);
  });

  const tables: LatticeTable[] = [];
  for (const { h, v } of groups.values()) {
    if (h.length < 2 || v.length < 2) continue;
    // A table cut by a page break has no rule on its open side: the other rules' ends close it.
    const xs = withOpenEdges(clusterPositions(v.map((r) => r.x)), minOf(h, (r) => r.x1), maxOf(h, (r) => r.x2));
    const ysAsc = withOpenEdges(clusterPositions(h.map((r) => r.y)), minOf(v, (r) => r.y1), maxOf(v, (r) => r.y2));
    if (xs.length < 2 || ysAsc.length < 2 || xs.length * ysAsc.length > 250_000) continue;
    const ys = [...ysAsc].reverse(); // top to bottom
    const cols = xs.length - 1;
    const rows = ys.length - 1;
    const slot = (r: number, c: number) => r * cols + c;
    // Rules indexed by the edge they lie on, so a coverage test scans one edge's rules only.
    const vAt = xs.map((x) => v.filter((r) => Math.abs(r.x - x) <= RULE_TOL));
    const hAt = ys.map((y) => h.filter((r) => Math.abs(r.y - y) <= RULE_TOL));
    const uf2 = new UnionFind(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const cx = ((xs[c] ?? 0) + (xs[c + 1] ?? 0)) / 2;
        const cy = ((ys[r] ?? 0) + (ys[r + 1] ?? 0)) / 2;
        const right = vAt[c + 1] ?? [];
        const below = hAt[r + 1] ?? [];
        if (c + 1 < cols && !right.some((q) => q.y1 - RULE_TOL <= cy && cy <= q.y2 + RULE_TOL)) uf2.union(slot(r, c), slot(r, c + 1));
        if (r + 1 < rows && !below.some((q) => q.x1 - RULE_TOL <= cx && cx <= q.x2 + RULE_TOL)) uf2.union(slot(r, c), slot(r + 1, c));
      }
    }
    const boxes = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const root = uf2.find(slot(r, c));
        const b = boxes.get(root);
        if (b) {
          b.r0 = Math.min(b.r0, r);
          b.c0 = Math.min(b.c0, c);
          b.r1 = Math.max(b.r1, r);
          b.c1 = Math.max(b.c1, c);
        } else {
          boxes.set(root, { r0: r, c0: c, r1: r, c1: c });
        }
      }
    }
    const ordered = [...boxes.entries()].sort(([, a], [, b]) => a.r0 - b.r0 || a.c0 - b.c0);
    const cells: LatticeCell[] = ordered.map(([, b]) => ({
      row: b.r0,
      col: b.c0,
      rowSpan: b.r1 - b.r0 + 1,
      colSpan: b.c1 - b.c0 + 1,
      runs: [],
      text: "",
      x0: xs[b.c0] ?? 0,
      x1: xs[b.c1 + 1] ?? 0,
      yTop: ys[b.r0] ?? 0,
      yBottom: ys[b.r1 + 1] ?? 0,
    }));
    const byRoot = new Map<number, LatticeCell>();
    ordered.forEach(([root], i) => {
      const cell = cells[i];
      if (cell) byRoot.set(root, cell);
    });
    const table: LatticeTable = { left: xs[0] ?? 0, right: xs[xs.length - 1] ?? 0, top: ys[0] ?? 0, bottom: ys[ys.length - 1] ?? 0, xs, rows, cells };
    slotMaps.set(table, { ys, cellAt: (r, c) => byRoot.get(uf2.find(slot(r, c))) });
    tables.push(table);
  }
  return tables;
}

function inside(t: LatticeTable, x: number, y: number): boolean {
  return x >= t.left - 1 && x <= t.right + 1 && y <= t.top + 1 && y >= t.bottom - 1;
}

/** Splits a run where a vertical rule of the table crosses it (one text item drawn across cells). */
function splitAtRules(run: PdfRun, t: LatticeTable, vRules: VRule[]): PdfRun[] {
  const chars = Array.from(run.text);
  if (chars.length < 2 || run.w <= 0) return [run];
  const per = run.w / chars.length;
  const cuts = t.xs.filter((x) => x > run.x + per * 0.5 && x < run.x + run.w - per * 0.5 && vCovers(vRules, x, run.y + run.fs * 0.3));
  if (cuts.length === 0) return [run];
  const out: PdfRun[] = [];
  let start = 0;
  for (const x of [...cuts, run.x + run.w + per]) {
    const end = Math.min(chars.length, Math.max(start, Math.round((x - run.x) / per)));
    const text = chars.slice(start, end).join("").trim();
    if (text !== "") out.push({ ...run, text, x: run.x + start * per, w: (end - start) * per });
    start = end;
  }
  return out;
}

/** Places runs into lattice cells; returns the runs that fall outside every table. */
export function placeRuns(tables: LatticeTable[], runs: PdfRun[], vRules: VRule[]): PdfRun[] {
  const rest: PdfRun[] = [];
  const vs = mergeV(vRules);
  for (const run of runs) {
    const midY = run.y + run.fs * 0.3;
    const table = tables.find((t) => inside(t, run.x + run.w / 2, midY));
    if (!table) {
      rest.push(run);
      continue;
    }
    const map = slotMaps.get(table);
    if (!map) continue;
    for (const piece of splitAtRules(run, table, vs)) {
      const c = slotIndex(table.xs, piece.x + Math.min(piece.w / 2, piece.fs / 2));
      const r = slotIndex(map.ys, midY);
      if (c >= 0 && r >= 0) map.cellAt(r, c)?.runs.push(piece);
    }
  }
  for (const t of tables) for (const cell of t.cells) cell.text = cellText(cell.runs);
  return rest;
}

// ───────────────────────────── unruled tables ─────────────────────────────

function isTabular(line: Line): boolean {
  if (line.runs.length >= 2 && line.runs.every((r) => isValueText(r.text))) return true;
  for (let i = 1; i < line.runs.length; i++) {
    const a = line.runs[i - 1];
    const b = line.runs[i];
    if (a && b && b.x - (a.x + a.w) >= 1.5 * Math.min(a.fs, b.fs)) return true;
  }
  return false;
}

// ───────────────────────────── page furniture ─────────────────────────────

const PAGE_NUMBER = [
  /^[-–—－‐]\s*\d{1,4}\s*[-–—－‐]$/, // - 3 -
  /^第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/, // 第3页 / 第3页共12页
  /^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$/,
  /^page\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i,
];
const MARGIN_PAGE_NUMBER = [/^\d{1,4}$/, /^\d{1,4}\s*\/\s*\d{1,4}$/, /^[—–-]?\s*\d{1,4}\s*[—–-]?$/];

function isPageNumber(text: string, inMargin: boolean): boolean {
  const t = text.replace(/\s+/g, " ").trim();
  return PAGE_NUMBER.some((re) => re.test(t)) || (inMargin && MARGIN_PAGE_NUMBER.some((re) => re.test(t)));
}

const MARGIN_SHARE = 0.075;

function inMargin(page: PdfPageGeometry, y: number): boolean {
  const h = page.box.top - page.box.bottom;
  return y >= page.box.top - MARGIN_SHARE * h || y <= page.box.bottom + MARGIN_SHARE * h;
}

/** Removes page numbers and running headers/footers (margin lines repeated on most pages). */
function dropFurniture(pages: Array<{ geometry: PdfPageGeometry; lines: Line[] }>): void {
  const key = (l: Line) => lineText(l.runs).replace(/\d+/g, "#").replace(/\s+/g, "");
  const counts = new Map<string, number>();
  for (const { geometry, lines } of pages) {
    const seen = new Set<string>();
    for (const l of lines) if (inMargin(geometry, l.y)) seen.add(key(l));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeated = (k: string) => pages.length >= 2 && (counts.get(k) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  for (const p of pages) {
    p.lines = p.lines.filter((l) => {
      const margin = inMargin(p.geometry, l.y);
      return !isPageNumber(lineText(l.runs), margin) && !(margin && repeated(key(l)));
    });
  }
}

// ───────────────────────────── page layout → blocks ─────────────────────────────

type PageElement =
  | { kind: "lattice"; top: number; table: LatticeTable }
  /** A line; `tabular` lines (rows of an unruled table) are never joined into paragraphs. */
  | { kind: "line"; top: number; line: Line; text: string; tabular: boolean };

/** A line holding one or two characters of a label written vertically. */
function isStackPiece(line: Line | undefined): boolean {
  const only = line?.runs.length === 1 ? line.runs[0] : undefined;
  return only !== undefined && Array.from(only.text).length <= 2 && !isValueText(only.text);
}

/**
 * Marks the lines of unruled tables (runs of tabular lines, their header lines and the pieces of
 * vertical labels beside them), so they stay lines with positions instead of becoming paragraphs.
 */
function markTableLines(lines: Line[], textRight: number, textLeft: number): PageElement[] {
  const width = Math.max(1, textRight - textLeft);
  const tabular = lines.map(isTabular);
  const ranges: Array<[number, number]> = [];
  let i = 0;
  while (i < lines.length) {
    if (!tabular[i]) {
      i++;
      continue;
    }
    let j = i;
    let last = i;
    let count = 1;
    const fs = lines[i]?.fs ?? 10;
    while (j + 1 < lines.length) {
      const cur = lines[j];
      const next = lines[j + 1];
      if (!cur || !next || cur.y - next.y > 3 * Math.max(cur.fs, next.fs)) break;
      if (tabular[j + 1]) {
        last = j + 1;
        count++;
      } else if (next.x2 - next.x1 > 0.6 * width || Math.abs(next.fs - fs) > 0.1 * fs) {
        break; // a paragraph or a heading in another size ends the table
      }
      j++;
    }
    if (count >= 2) {
      // Header lines without values (申请人情况…) just above, in the table's type size, belong to it.
      let start = i;
      const floor = ranges.length > 0 ? (ranges[ranges.length - 1]?.[1] ?? -1) + 1 : 0;
      while (start - 1 >= floor) {
        const above = lines[start - 1];
        const top = lines[start];
        if (!above || !top || tabular[start - 1] || above.x2 - above.x1 > 0.6 * width || Math.abs(above.fs - fs) > 0.1 * fs || above.y - top.y > 2.2 * fs) break;
        start--;
      }
      ranges.push([start, last]);
    }
    i = last + 1;
  }
  // Vertical labels stick out above and below the rows they sit beside: take their pieces in.
  ranges.forEach((range, k) => {
    const floor = k > 0 ? (ranges[k - 1]?.[1] ?? -1) + 1 : 0;
    const ceiling = k + 1 < ranges.length ? (ranges[k + 1]?.[0] ?? lines.length) - 1 : lines.length - 1;
    const near = (a: Line | undefined, b: Line | undefined) => a !== undefined && b !== undefined && a.y - b.y <= 1.7 * Math.max(a.fs, b.fs);
    while (range[0] - 1 >= floor && isStackPiece(lines[range[0] - 1]) && near(lines[range[0] - 1], lines[range[0]])) range[0]--;
    while (range[1] + 1 <= ceiling && isStackPiece(lines[range[1] + 1]) && near(lines[range[1]], lines[range[1] + 1])) range[1]++;
  });
  const out: PageElement[] = [];
  let at = 0;
  const asLines = (from: number, to: number, tabular: boolean) => {
    for (let k = from; k < to; k++) {
      const l = lines[k];
      if (l) out.push({ kind: "line", top: l.y + l.fs, line: l, text: lineText(l.runs), tabular });
    }
  };
  for (const [from, to] of ranges) {
    asLines(at, from, false);
    asLines(from, to + 1, true);
    at = to + 1;
  }
  asLines(at, lines.length, false);
  return out;
}

interface OpenTable {
  block: { kind: "table"; cells: TableCell[]; gridKnown: boolean; loc: { page: number } };
  kind: "lattice";
  rows: number;
  left: number;
  right: number;
  xs: number[];
  page: number;
  /** Keys of the first rows, to recognise a header repeated on the next page. */
  firstRows: string[];
}

function latticeRowKey(t: LatticeTable, r: number): string {
  return t.cells
    .filter((c) => c.row === r)
    .map((c) => `${c.col}:${c.colSpan}:${c.text}`)
    .join("|");
}

/** Appends a lattice table (or its continuation on the next page) to an open table block. */
function appendLattice(target: OpenTable, t: LatticeTable, page: number, pageTop: number): void {
  let skipRows = 0;
  if (target.rows > 0) {
    while (skipRows < t.rows && skipRows < target.firstRows.length && latticeRowKey(t, skipRows) === target.firstRows[skipRows] && target.firstRows[skipRows] !== "") skipRows++;
  }
  const sameGrid = target.rows === 0 || (target.xs.length === t.xs.length && target.xs.every((x, i) => Math.abs(x - (t.xs[i] ?? 0)) <= RULE_TOL + 1));
  if (!sameGrid && target.block.gridKnown) {
    target.block.gridKnown = false;
    for (const c of target.block.cells) c.col = null;
  }
  const lastRow = target.rows - 1;
  for (const c of t.cells) {
    if (c.row < skipRows) continue;
    if (c.row === skipRows && c.text === "" && target.rows > 0 && sameGrid) {
      // A label cell spanning rows that the page break cut: extend it instead of adding a blank.
      const above = target.block.cells.find((x) => x.col === c.col && x.colSpan === c.colSpan && x.row !== null && x.row + x.rowSpan - 1 === lastRow);
      if (above && above.text !== "" && !isValueText(above.text)) {
        above.rowSpan += c.rowSpan;
        continue;
      }
    }
    const row = target.rows + c.row - skipRows;
    const bbox: [number, number, number, number] = [round1(c.x0), round1(pageTop - c.yTop), round1(c.x1), round1(pageTop - c.yBottom)];
    const confidence = minConf(c.runs);
    target.block.cells.push({ text: c.text, row, col: target.block.gridKnown ? c.col : null, rowSpan: c.rowSpan, colSpan: c.colSpan, loc: { page, bbox }, ...(confidence !== undefined ? { confidence } : {}) });
  }
  if (target.rows === 0) target.firstRows = Array.from({ length: Math.min(t.rows, 4) }, (_, r) => latticeRowKey(t, r));
  target.rows += t.rows - skipRows;
  target.page = page;
}


/**
 * Estimated width of the unbreakable start of a line (a URL or number, possibly after one or two
 * CJK characters kept with it by line-breaking rules) that did not fit on the previous line.
 */
function wrappedTokenWidth(line: Line): number {
  const first = line.runs[0];
  if (!first) return 0;
  const m = /^([^\x00-\x7f\s]{0,2})([\x21-\x7e]{4,})/.exec(first.text);
  if (!m) return 0;
  return Array.from(m[1] ?? "").length * first.fs + (m[2] ?? "").length * 0.55 * first.fs;
}

/**
 * True when runs on one line of a cell are set apart by a column gap (≥ 1.5 em) next to a value
 * ("规章 1 0 17" in one box: a grid ruled between rows only). Words spread over their cell
 * (分散对齐, "规　　　章", "信  息  内  容": each character its own run, wide gaps) are one label,
 * not columns, so a gap between two pieces of text (or a "/" inside words: 本年增/减) does not count.
 */
function hasColumnGap(runs: PdfRun[]): boolean {
  return groupLines(runs).some((line) =>
    line.runs.some((r, i) => {
      const prev = line.runs[i - 1];
      if (prev === undefined || r.x - (prev.x + prev.w) < 1.5 * Math.min(prev.fs, r.fs)) return false;
      // A number beside the gap, or a "/" beside another value ("本年增/减" spread out is text).
      return NUMERIC.test(prev.text.trim()) || NUMERIC.test(r.text.trim()) || (isValueText(prev.text) && isValueText(r.text));
    }),
  );
}

/** Lays out every page and stitches tables and paragraphs across page breaks. Pure. */
export function layoutPdf(pages: PdfPageGeometry[]): Block[] {
  const prepared = pages.map((geometry) => {
    const tables = findLatticeTables(geometry.hRules, geometry.vRules);
    const rest = placeRuns(tables, geometry.runs, geometry.vRules);
    // A ruled box with a single cell is a frame around text, not a table; nor is a grid whose
    // "cells" hold values set apart by column gaps (rules between rows only, no verticals).
    const real = tables.filter((t) => t.cells.length >= 2 && t.cells.some((c) => c.text !== "") && !t.cells.some((c) => hasColumnGap(c.runs)));
    const framed = tables.filter((t) => !real.includes(t)).flatMap((t) => t.cells.flatMap((c) => c.runs));
    return { geometry, tables: real, lines: groupLines([...rest, ...framed]) };
  });
  dropFurniture(prepared);

  const textLines = prepared.flatMap((p) => p.lines);
  const docRight = maxOf(textLines, (l) => l.x2);
  const docLeft = minOf(textLines, (l) => l.x1);

  const blocks: Block[] = [];
  let open: OpenTable | null = null;
  let para: { text: string; minLeft: number; lastRight: number; lastY: number; fs: number; page: number; lines: PositionedLine[] } | null = null;
  let lastKind: "table" | "text" | null = null;

  const flushPara = () => {
    if (para && para.text.trim() !== "") blocks.push({ kind: "text", text: para.text, loc: { page: para.page }, lines: para.lines });
    para = null;
  };

  for (const p of prepared) {
    const pageNo = p.geometry.page;
    const pageTop = p.geometry.box.top;
    const pageRight = Math.max(docRight, maxOf(p.lines, (l) => l.x2));
    const elements: PageElement[] = [
      ...p.tables.map((t): PageElement => ({ kind: "lattice", top: t.top, table: t })),
      ...markTableLines(p.lines, pageRight, docLeft),
    ].sort((a, b) => b.top - a.top);

    elements.forEach((el, index) => {
      const firstOnPage = index === 0;
      if (el.kind === "line") {
        const { line, text } = el;
        const fs = line.fs;
        const positioned = positionedLine(line, pageNo, pageTop);
        if (el.tabular) {
          // A row of an unruled table: its own block, positions kept for the table reader.
          flushPara();
          blocks.push({ kind: "text", text, loc: { page: pageNo }, lines: [positioned] });
          lastKind = "table";
          open = null;
          return;
        }
        const current = para;
        const continues =
          current !== null &&
          lastKind === "text" &&
          Math.abs(current.fs - fs) <= 0.15 * fs &&
          current.lastRight + wrappedTokenWidth(line) >= pageRight - 2 * fs &&
          line.x1 <= current.minLeft + 0.5 * fs &&
          (current.page === pageNo ? current.lastY - line.y <= 2 * fs : firstOnPage && current.page === pageNo - 1);
        if (continues && current) {
          current.text = joinPieces(current.text, text);
          current.minLeft = Math.min(current.minLeft, line.x1);
          current.lastRight = line.x2;
          current.lastY = line.y;
          current.page = pageNo;
          current.lines.push(positioned);
        } else {
          flushPara();
          para = { text, minLeft: line.x1, lastRight: line.x2, lastY: line.y, fs, page: pageNo, lines: [positioned] };
        }
        lastKind = "text";
        open = null;
        return;
      }
      flushPara();
      const { left, right } = el.table;
      const prev: OpenTable | null = open;
      // A ruled table continues on the next page when its edges match.
      const sameEdges = prev !== null && Math.abs(prev.left - left) <= 3 && Math.abs(prev.right - right) <= 3;
      const continues = prev !== null && lastKind === "table" && firstOnPage && prev.page === pageNo - 1 && sameEdges;
      let target: OpenTable;
      if (continues && prev) {
        target = prev;
      } else {
        target = { block: { kind: "table", cells: [], gridKnown: true, loc: { page: pageNo } }, kind: "lattice", rows: 0, left, right, xs: el.table.xs, page: pageNo, firstRows: [] };
        blocks.push(target.block);
      }
      appendLattice(target, el.table, pageNo, pageTop);
      open = target;
      lastKind = "table";
    });
  }
  flushPara();
  return blocks;
}

/** A line's runs at their positions, y measured down from the page top. */
function positionedLine(line: Line, page: number, pageTop: number): PositionedLine {
  return {
    tokens: line.runs.map((r) => ({ text: r.text, x0: r.x, x1: r.x + r.w, ...(r.conf !== undefined ? { conf: r.conf } : {}) })),
    unit: "pt",
    page,
    y: pageTop - line.y,
    fs: line.fs,
  };
}

// ───────────────────────────── pdfjs → geometry ─────────────────────────────

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function num(x: unknown): number {
  return typeof x === "number" && Number.isFinite(x) ? x : 0;
}

function toMatrix(x: unknown): Matrix | null {
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) return null;
  const a = Array.from(x as ArrayLike<unknown>); // ArrayLike: guarded by the isArray/isView check above
  if (a.length < 6) return null;
  return [num(a[0]), num(a[1]), num(a[2]), num(a[3]), num(a[4]), num(a[5])];
}

function numbers(x: unknown): number[] | null {
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) return null;
  return Array.from(x as ArrayLike<unknown>, num); // ArrayLike: guarded by the isArray/isView check above
}

/** pdfjs ≥5 path opcodes inside constructPath data (DrawOPS). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  fills: Set<number>;
  strokes: Set<number>;
}

/** A thin filled box as a rule: horizontal when flat and wide, vertical when tall and narrow. */
function boxRule(x0: number, y0: number, x1: number, y1: number, h: HRule[], v: VRule[]): void {
  const w = Math.abs(x1 - x0);
  const ht = Math.abs(y1 - y0);
  if (ht <= 2.5 && w > 3 && w > ht) h.push({ y: (y0 + y1) / 2, x1: Math.min(x0, x1), x2: Math.max(x0, x1) });
  else if (w <= 2.5 && ht > 3 && ht > w) v.push({ x: (x0 + x1) / 2, y1: Math.min(y0, y1), y2: Math.max(y0, y1) });
}

/** Axis-aligned segments of a stroked polyline as rules. */
function strokeRules(seq: readonly [number, number][], h: HRule[], v: VRule[]): void {
  for (let k = 1; k < seq.length; k++) {
    const a = seq[k - 1];
    const b = seq[k];
    if (!a || !b) continue;
    const [ax, ay] = a;
    const [bx, by] = b;
    if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) > 3) h.push({ y: (ay + by) / 2, x1: Math.min(ax, bx), x2: Math.max(ax, bx) });
    else if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) > 3) v.push({ x: (ax + bx) / 2, y1: Math.min(ay, by), y2: Math.max(ay, by) });
  }
}

/** Rules from drawn subpaths (points already in page space): filled → thin boxes, stroked → segments. */
export function rulesFromSegments(subpaths: readonly (readonly [number, number][])[], fill: boolean): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  for (const pts of subpaths) {
    if (pts.length === 0) continue;
    if (fill) boxRule(minOf(pts, (q) => q[0]), minOf(pts, (q) => q[1]), maxOf(pts, (q) => q[0]), maxOf(pts, (q) => q[1]), h, v);
    else strokeRules(pts, h, v);
  }
  return { h, v };
}

/** Rules from the operator list: thin filled boxes and axis-aligned stroked segments. */
export function rulesFromOperators(fnArray: number[], argsArray: unknown[], ops: OpCodes): { h: HRule[]; v: VRule[] } {
  const h: HRule[] = [];
  const v: VRule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let budget = PDF_LIMITS.maxPathOpsPerPage;
  const addBox = (x0: number, y0: number, x1: number, y1: number) => boxRule(x0, y0, x1, y1, h, v);
  for (let i = 0; i < fnArray.length && budget > 0; i++) {
    const fn = fnArray[i];
    const args: unknown = argsArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) {
      const m = toMatrix(args);
      if (m) ctm = multiply(ctm, m);
    } else if (fn === ops.constructPath && Array.isArray(args)) {
      const paint = num(args[0]);
      const fill = ops.fills.has(paint);
      const stroke = ops.strokes.has(paint);
      if (!fill && !stroke) continue;
      const second: unknown = args[1];
      const rawData: unknown = Array.isArray(second) ? second[0] : second;
      const data = numbers(rawData);
      if (!data) continue;
      budget -= data.length;
      // Walk subpaths in device-independent user space.
      let pts: Array<[number, number]> = [];
      const flushSubpath = (closed: boolean) => {
        if (pts.length === 0) return;
        if (fill) {
          addBox(minOf(pts, (q) => q[0]), minOf(pts, (q) => q[1]), maxOf(pts, (q) => q[0]), maxOf(pts, (q) => q[1]));
        }
        if (stroke) {
          const first = pts[0];
          strokeRules(closed && first ? [...pts, first] : pts, h, v);
        }
        pts = [];
      };
      let k = 0;
      while (k < data.length) {
        const op = data[k];
        if (op === DRAW.moveTo) {
          flushSubpath(false);
          pts.push(apply(ctm, data[k + 1] ?? 0, data[k + 2] ?? 0));
          k += 3;
        } else if (op === DRAW.lineTo) {
          pts.push(apply(ctm, data[k + 1] ?? 0, data[k + 2] ?? 0));
          k += 3;
        } else if (op === DRAW.curveTo) {
          pts.push(apply(ctm, data[k + 5] ?? 0, data[k + 6] ?? 0));
          k += 7;
        } else if (op === DRAW.quadraticCurveTo) {
          pts.push(apply(ctm, data[k + 3] ?? 0, data[k + 4] ?? 0));
          k += 5;
        } else if (op === DRAW.closePath) {
          flushSubpath(true);
          k += 1;
        } else {
          break; // unknown layout: ignore the rest of this path
        }
      }
      flushSubpath(false);
    }
  }
  return { h, v };
}

interface RawItem {
  str: string;
  x: number;
  y: number;
  w: number;
  fs: number;
}

/** Merges consecutive items on one baseline with (almost) no gap into runs; wide spaces split runs. */
export function itemsToRuns(items: Array<RawItem | { space: number }>): PdfRun[] {
  const runs: PdfRun[] = [];
  let cur: PdfRun | null = null;
  let pendingSpace = 0;
  for (const it of items) {
    if ("space" in it) {
      pendingSpace = Math.max(pendingSpace, it.space);
      continue;
    }
    const text = normalizePdfText(it.str);
    if (text.trim() === "") {
      pendingSpace = Math.max(pendingSpace, it.w);
      continue;
    }
    const fs = it.fs;
    const gap = cur ? it.x - (cur.x + cur.w) : Infinity;
    const sameLine = cur !== null && Math.abs(cur.y - it.y) <= 0.2 * Math.min(cur.fs, fs) && Math.abs(cur.fs - fs) <= 0.25 * Math.max(cur.fs, fs);
    if (cur && sameLine && gap >= -0.3 * fs && gap <= 0.3 * fs && pendingSpace < 0.5 * fs) {
      cur.text += (pendingSpace > 0 || gap > 0.15 * fs) && !/[\u2e80-\u9fff\uff00-\uffef]/.test(text[0] ?? "") ? ` ${text}` : text;
      cur.w = it.x + it.w - cur.x;
    } else {
      if (cur) runs.push(cur);
      cur = { text, x: it.x, y: it.y, w: it.w, fs };
    }
    pendingSpace = 0;
  }
  if (cur) runs.push(cur);
  return runs.map((r) => ({ ...r, text: r.text.replace(/\s+/g, " ").trim() }));
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

async function pageGeometry(pdf: PdfDocument, n: number, ops: OpCodes): Promise<{ geometry: PdfPageGeometry; items: number }> {
  const page = await pdf.getPage(n);
  const [x0, y0, x1, y1] = page.view;
  const box = { left: Math.min(x0 ?? 0, x1 ?? 0), bottom: Math.min(y0 ?? 0, y1 ?? 0), right: Math.max(x0 ?? 0, x1 ?? 0), top: Math.max(y0 ?? 0, y1 ?? 0) };
  const content = await page.getTextContent();
  const items: Array<RawItem | { space: number }> = [];
  for (const item of content.items) {
    if (!("str" in item)) continue;
    const m = toMatrix(item.transform);
    if (!m) continue;
    const fs = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]) || num(item.height) || 10;
    if (item.str.trim() === "") {
      items.push({ space: num(item.width) });
      continue;
    }
    // Rotated text: place it by its origin; width runs along the baseline direction.
    const rotated = Math.abs(m[1]) > 0.01 * fs || Math.abs(m[2]) > 0.01 * fs;
    items.push({ str: item.str, x: m[4], y: m[5], w: rotated ? Math.min(num(item.width), fs) : num(item.width), fs });
  }
  const runs = itemsToRuns(items);
  let hRules: HRule[] = [];
  let vRules: VRule[] = [];
  if (runs.length > 0) {
    const list = await page.getOperatorList();
    const rules = rulesFromOperators(list.fnArray, list.argsArray, ops);
    hRules = rules.h;
    vRules = rules.v;
  }
  page.cleanup();
  return { geometry: { page: n, box, runs, hRules, vRules }, items: content.items.length };
}

export async function extractPdf(bytes: Uint8Array, _fileName = ""): Promise<ExtractedDocument> {
  let pdf: PdfDocument | null = null;
  const issues: ParseIssue[] = [];
  try {
    ensureArrayBufferTransfer();
    const pdfjs = await getResolvedPDFJS();
    const O = pdfjs.OPS;
    const ops: OpCodes = {
      save: O.save,
      restore: O.restore,
      transform: O.transform,
      constructPath: O.constructPath,
      fills: new Set([O.fill, O.eoFill, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke]),
      strokes: new Set([O.stroke, O.closeStroke, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke]),
    };
    // pdfjs may detach the buffer it is given; hand it a copy.
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0, isEvalSupported: false, stopAtErrors: false, disableFontFace: true, useSystemFonts: false });
    const pages = pdf.numPages;
    if (pages > PDF_LIMITS.maxPages) {
      return failedDocument("pdf", issue("too_large", "error", `The PDF has ${pages} pages; at most ${PDF_LIMITS.maxPages} are read.`), { pages });
    }
    const geometries: PdfPageGeometry[] = [];
    let items = 0;
    for (let n = 1; n <= pages; n++) {
      try {
        const { geometry, items: count } = await pageGeometry(pdf, n, ops);
        geometries.push(geometry);
        items += count;
      } catch (err) {
        issues.push(issue("extract_failed", "warning", `Page ${n} could not be read: ${describeError(err)}`, { page: n }));
      }
      if (items > PDF_LIMITS.maxItems) {
        issues.push(issue("too_large", "warning", `Stopped after page ${n}: more than ${PDF_LIMITS.maxItems} text items.`, { page: n }));
        break;
      }
    }
    const meta: ExtractedDocument["meta"] = { pages };
    try {
      const info = await pdf.getMetadata();
      const dict: unknown = info.info;
      const title: unknown = typeof dict === "object" && dict !== null && "Title" in dict ? dict.Title : undefined;
      if (typeof title === "string" && title.trim() !== "") meta.title = normalizePdfText(title.trim());
    } catch {
      // metadata is optional
    }
    if (geometries.length > 0 && geometries.every((g) => g.runs.length === 0)) {
      return failedDocument("pdf", issue("empty_document", "error", "The PDF has no text layer (a scan?); OCR is not supported. Upload the original DOCX or a text PDF."), meta);
    }
    const crowded = crowdedPage(geometries);
    if (crowded) return failedDocument("pdf", crowded, meta);
    return assembleDocument("pdf", layoutPdf(geometries), meta, issues);
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    const message = name === "PasswordException" ? "The PDF is password-protected." : `The PDF could not be read: ${describeError(err)}`;
    return failedDocument("pdf", issue("extract_failed", "error", message), {});
  } finally {
    if (pdf) await pdf.destroy().catch(() => undefined);
  }
}

export const pdfExtractor: Extractor = {
  format: "pdf",
  canHandle: (bytes, fileName) => sniffFormat(bytes, fileName) === "pdf",
  extract: extractPdf,
};
