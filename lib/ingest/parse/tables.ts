/**
 * 表二/表三/表四: locate them, then tie every value to a catalog key by its row label and its
 * column header, never by position alone (REPORT-FORMAT.md §1.4–1.6, §1.9).
 *
 * Two readers per table:
 *   - stream (flattened text, PDF, or any table whose grid is unknown): cells in reading order; a
 *     row is a run of label cells followed by its values; columns come from the header labels in
 *     the order they appear, rebuilt into the printed column order (法人或其他组织 › 商业企业…).
 *   - grid (HTML, DOCX, markdown): cells carry row/col and spans; a value belongs to the column
 *     whose header covers its col. When the header cannot be read, the grid is read as a stream.
 */
import {
  T2_ROWS,
  T2V19_ROWS,
  T3_COLS,
  T3_ROWS,
  T4_COLS,
  readCells,
  type FormatVersion,
  type RowDef,
} from "../../catalog";
import type { CellValue } from "../../records/parsed-report";
import type { Block, ExtractedDocument, TableBlock, TableCell } from "../extract/types";
import { issue, type ParseIssue, type SourceLoc } from "../issues";
import { labelKey, stripParenthetical } from "../normalize";
import {
  T2_HEADER_MARKER,
  T3_GROUP_LABELS,
  T3_HEADER_GROUPS,
  T4_GROUP_KEYS,
  anchorOf,
  matchT2Block,
  matchT2Col,
  t2ColsByPrefix,
  matchT2Row,
  matchT3Col,
  matchT3Group,
  matchT3Row,
  matchT4Group,
  matchT4Leaf,
  voteOf,
  type T3RowContext,
  type TableId,
} from "./labels";
import { readLineTables, type LineTableRead, type LineTablesResult } from "./line-tables";
import { findSections, sectionOfBlocks, type SectionsResult } from "./sections";
import { isBlank, readCell, type CellReading } from "./values";

export type { TableId } from "./labels";
export type TableStatus = "found" | "missing" | "truncated";

/** One cell with its reading, its normalised label key and the table block it came from. */
export interface CellRef {
  cell: TableCell;
  reading: CellReading;
  key: string;
  table: number;
  /** The cell's location with its table index. */
  loc: SourceLoc;
}

export interface TableSource {
  id: TableId;
  refs: CellRef[];
  /** Set when the whole table is one grid block: read by coordinates. */
  grid: { block: TableBlock; table: number } | null;
  /**
   * True when some cells come from a grid read in order: merged cells there show up as blank
   * cells after a row's values. The flattened-text extractor already drops its row padding, so
   * for it a blank past the last column is a real extra cell.
   */
  padded: boolean;
  /**
   * True when the cells come in row-major order (flattened HTML text, a grid). PDF text comes in
   * visual lines, where a cell spanning two header rows sits between them, so a multi-row
   * header cannot be rebuilt from its order.
   */
  rowMajor: boolean;
  loc: SourceLoc;
}

export interface TableRead {
  status: TableStatus;
  cells: Map<string, CellValue>;
  issues: ParseIssue[];
  /** 表三's （六）其他处理 printed as one 2019-style row in a 2021 report: its values by column. */
  hybridOther?: Record<string, number | null>;
}

/** The values of a 2019-style （六）其他处理 row written into a scratch sink, by column; and the issue saying so. */
function hybridFrom(scratch: Sink, sink: Sink, text: string, loc: SourceLoc): Record<string, number | null> | undefined {
  const out: Record<string, number | null> = {};
  for (const [k, v] of scratch.cells) out[k.split(".").pop() ?? k] = v.value;
  // Only blanks: the group heading printed on a row of its own with empty cells, its sub-rows below.
  if (Object.values(out).every((v) => v === null)) return undefined;
  const shown = Object.values(out).map((v) => (v === null ? "∅" : String(v))).join(" ");
  sink.add(
    "row_form_mismatch",
    "warning",
    `表三 prints "${text}" as one row (the 2019 form) in a 2021-format report: its values (${shown}) are not split into the three 2021 rows, which stay unread`,
    loc,
  );
  return out;
}

export interface TablesResult {
  tables: Record<TableId, TableStatus>;
  /** Cells read, keyed by catalog key (absent cells are not listed). */
  cells: Map<string, CellValue>;
  issues: ParseIssue[];
  /** True when at least one table block was found in the document. */
  anyTable: boolean;
  /** Which tables were located (found, even if nothing could be read from them). */
  located: Record<TableId, boolean>;
  /** 表三's （六）其他处理 printed as one 2019-style row in a 2021 report: its values by column. */
  hybridOther?: Record<string, number | null>;
}

const ROOT = "$root";

function makeRef(cell: TableCell, table: number): CellRef {
  const reading = readCell(cell.text);
  const l = cell.loc;
  const loc: SourceLoc = { table };
  if (l.page !== undefined) loc.page = l.page;
  if (l.line !== undefined) loc.line = l.line;
  if (l.offset !== undefined) loc.offset = l.offset;
  if (l.row !== undefined) loc.row = l.row;
  if (l.col !== undefined) loc.col = l.col;
  return { cell, reading, key: reading.kind === "label" ? labelKey(cell.text) : "", table, loc };
}

function minKey(m: ReadonlyMap<number, unknown>): number {
  let v = Number.POSITIVE_INFINITY;
  for (const k of m.keys()) if (k < v) v = k;
  return v;
}
function maxKey(m: ReadonlyMap<number, unknown>): number {
  let v = Number.NEGATIVE_INFINITY;
  for (const k of m.keys()) if (k > v) v = k;
  return v;
}

/** Append without spreading (a spread of a huge array overflows the call stack). */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

function locOf(ref: CellRef): SourceLoc {
  return ref.loc;
}

function nonBlank(refs: readonly CellRef[]): boolean {
  return refs.some((r) => !isBlank(r.reading));
}

function gridOrder(cells: readonly TableCell[]): TableCell[] {
  return [...cells].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

// ───────────────────────────── locate ─────────────────────────────

const SECTION_TABLE: Record<number, TableId> = { 2: "t2", 3: "t3", 4: "t4" };

/**
 * Which cells belong to which table. A block may hold several tables (split where a table's
 * opening label appears) and a table may run over several blocks (page breaks).
 */
export function locateTables(doc: ExtractedDocument, sections: SectionsResult = findSections(doc)): Partial<Record<TableId, TableSource>> {
  const blockSection = sectionOfBlocks(doc, sections);
  const parts: Record<TableId, { refs: CellRef[]; blocks: { block: TableBlock; table: number; whole: boolean }[]; loc: SourceLoc }> = {
    t2: { refs: [], blocks: [], loc: {} },
    t3: { refs: [], blocks: [], loc: {} },
    t4: { refs: [], blocks: [], loc: {} },
  };
  let tableIndex = -1;
  let prev: TableId | null = null;
  let prevSection = -1;
  doc.blocks.forEach((block: Block, bi: number) => {
    if (block.kind !== "table") return;
    tableIndex++;
    const section = blockSection[bi] ?? 0;
    if (section !== prevSection) prev = null;
    prevSection = section;
    const cells = block.gridKnown ? gridOrder(block.cells) : block.cells;
    const segments: { id: TableId | null; refs: CellRef[] }[] = [];
    let cur: { id: TableId | null; refs: CellRef[] } = { id: null, refs: [] };
    for (const cell of cells) {
      const ref = makeRef(cell, tableIndex);
      if (ref.reading.kind === "label") {
        const a = anchorOf(ref.key);
        if (a && a !== cur.id) {
          if (cur.refs.length > 0) segments.push(cur);
          cur = { id: a, refs: [] };
        }
      }
      cur.refs.push(ref);
    }
    if (cur.refs.length > 0) segments.push(cur);
    for (const seg of segments) {
      const id = seg.id ?? vote(seg.refs) ?? SECTION_TABLE[section] ?? prev;
      if (!id) continue;
      const p = parts[id];
      if (p.refs.length === 0) p.loc = { ...(seg.refs[0]?.cell.loc ?? block.loc), table: tableIndex };
      append(p.refs, seg.refs);
      p.blocks.push({ block, table: tableIndex, whole: segments.length === 1 });
      prev = id;
    }
  });
  const out: Partial<Record<TableId, TableSource>> = {};
  for (const id of ["t2", "t3", "t4"] as const) {
    const p = parts[id];
    if (p.refs.length === 0) continue;
    const only = p.blocks.length === 1 ? p.blocks[0] : undefined;
    const grid = only && only.whole && only.block.gridKnown ? { block: only.block, table: only.table } : null;
    const rowMajor = doc.format !== "pdf" || p.blocks.every((b) => b.block.gridKnown);
    out[id] = { id, refs: p.refs, grid, padded: p.blocks.some((b) => b.block.gridKnown), rowMajor, loc: p.loc };
  }
  return out;
}

function vote(refs: readonly CellRef[]): TableId | null {
  const n: Record<TableId, number> = { t2: 0, t3: 0, t4: 0 };
  for (const r of refs) {
    if (r.reading.kind !== "label") continue;
    const v = voteOf(r.key);
    if (v) n[v]++;
  }
  const best = (["t2", "t3", "t4"] as const).reduce((a, b) => (n[b] > n[a] ? b : a));
  return n[best] > 0 ? best : null;
}

// ───────────────────────────── shared ─────────────────────────────

interface Run {
  labels: CellRef[];
  values: CellRef[];
}

/** Split a stream into runs: label cells, then the value cells that follow them. */
export function toRuns(refs: readonly CellRef[]): Run[] {
  const runs: Run[] = [];
  let cur: Run = { labels: [], values: [] };
  for (const r of refs) {
    if (r.reading.kind === "label") {
      if (cur.values.length > 0) {
        runs.push(cur);
        cur = { labels: [], values: [] };
      }
      cur.labels.push(r);
    } else cur.values.push(r);
  }
  if (cur.labels.length > 0 || cur.values.length > 0) runs.push(cur);
  return runs;
}

class Sink {
  readonly cells = new Map<string, CellValue>();
  readonly issues: ParseIssue[] = [];

  put(key: string, ref: CellRef): void {
    const loc = locOf(ref);
    const source = { loc, raw: ref.cell.text, stated: true, ...(ref.cell.confidence !== undefined ? { confidence: ref.cell.confidence } : {}) };
    const r = ref.reading;
    if (r.kind === "number") {
      this.cells.set(key, { value: r.value, nullReason: null, source });
      if (r.unit) this.issues.push(issue("unit_in_cell", "warning", `${key}: unit "${r.unit}" written in the cell ("${ref.cell.text.trim()}")`, loc));
    } else if (r.kind === "null") {
      this.cells.set(key, { value: null, nullReason: r.reason, source });
    } else {
      this.cells.set(key, { value: null, nullReason: "text", source });
      this.issues.push(issue("unparsable_number", "warning", `${key}: "${ref.cell.text.trim()}" is not a number`, loc));
    }
  }

  /** A grid position with no cell at all: shown empty in the document. */
  putEmpty(key: string, loc: SourceLoc): void {
    this.cells.set(key, { value: null, nullReason: "blank", source: { loc, raw: "", stated: true } });
  }

  add(code: ParseIssue["code"], severity: ParseIssue["severity"], message: string, loc: SourceLoc | null): void {
    this.issues.push(issue(code, severity, message, loc));
  }
}

type AssignOutcome = "full" | "short" | "overflow" | "skipped";

interface PendingRow {
  prefix: string;
  rowKey: string;
  cols: readonly string[];
  values: readonly CellRef[];
  label: string;
  loc: SourceLoc;
}

/**
 * Writes stream rows onto their columns, left to right. A row with more values than columns is
 * not assigned: no value can be tied to a column (blank cells past the last column are allowed
 * only where they are known padding).
 * A row with too few values is held back: if another row follows, the gap is inside the row and
 * cannot be placed, so the row stays unread; if the table ends with it, the text was cut there
 * and the values read are kept from the left.
 */
class StreamRowWriter {
  private pending: PendingRow | null = null;

  constructor(
    private readonly sink: Sink,
    /** Blank cells past the last column are padding (grid read in order), not extra cells. */
    private readonly padded: boolean,
  ) {}

  write(prefix: string, rowKey: string, cols: readonly string[], values: readonly CellRef[], label: string, loc: SourceLoc): AssignOutcome {
    if (values.length > cols.length && (!this.padded || nonBlank(values.slice(cols.length)))) {
      this.dropPending();
      this.sink.add(
        "column_count_mismatch",
        "error",
        `${label}: ${values.length} values for ${cols.length} columns (${values.map((v) => v.cell.text.trim() || "∅").join(" ")}); the row is left unread`,
        loc,
      );
      return "overflow";
    }
    // A lone padding cell after a header or a full row is not a row of blanks.
    if (values.length < cols.length && !nonBlank(values)) return "skipped";
    this.dropPending();
    if (values.length < cols.length) {
      this.pending = { prefix, rowKey, cols, values, label, loc };
      return "short";
    }
    for (let i = 0; i < cols.length; i++) this.sink.put(`${prefix}.${rowKey}.${cols[i]}`, values[i] as CellRef);
    return "full";
  }

  /**
   * More labels came after a short row: the table did not end inside it, so its values cannot be
   * placed from the left ("(二)部分公开 | 0 |" then "(三)不予公开 |": one value for seven columns).
   */
  interrupt(): void {
    this.dropPending();
  }

  /** End of the table. True when it ended inside a row (the row's values are kept from the left). */
  finish(): boolean {
    const p = this.pending;
    if (!p) return false;
    p.values.forEach((v, i) => this.sink.put(`${p.prefix}.${p.rowKey}.${p.cols[i]}`, v));
    this.pending = null;
    return true;
  }

  private dropPending(): void {
    const p = this.pending;
    if (!p) return;
    this.sink.add(
      "column_count_mismatch",
      "error",
      `${p.label}: ${p.values.length} values for ${p.cols.length} columns; the missing one cannot be placed, the row is left unread`,
      p.loc,
    );
    this.pending = null;
  }
}

function joinKey(labels: readonly CellRef[], from: number, to: number): string {
  if (to - from === 1) return (labels[from] as CellRef).key;
  let s = "";
  for (let i = from; i < to; i++) s += (labels[i] as CellRef).cell.text;
  return labelKey(s);
}

/**
 * The row named at the end of a label run (labels broken over up to 4 cells are joined), trying
 * exact matches before approximate ones. Returns the row and how many cells its label used.
 */
function tailMatch<T>(labels: readonly CellRef[], match: (key: string, fuzzy: boolean) => T | null): { row: T; used: number } | null {
  const k = labels.length;
  for (const fuzzy of [false, true]) {
    for (let m = 1; m <= Math.min(4, k); m++) {
      const row = match(joinKey(labels, k - m, k), fuzzy);
      if (row) return { row, used: m };
    }
  }
  return null;
}

function totalExpected(order: readonly string[], read: ReadonlySet<string>): { truncated: boolean; last: string | null } {
  let lastIdx = -1;
  order.forEach((r, i) => {
    if (read.has(r)) lastIdx = i;
  });
  return { truncated: lastIdx >= 0 && lastIdx < order.length - 1, last: lastIdx >= 0 ? (order[lastIdx] ?? null) : null };
}

// ───────────────────────────── header trees ─────────────────────────────

interface HSpec {
  group: string | null;
  leaf: string | null;
  parents: readonly string[];
}
interface HNode {
  id: string;
  leaf: string | null;
  children: HNode[];
}

/**
 * Rebuild a multi-level header from labels in reading order (row-major, spans unknown): each
 * group opens a slot its children fill in order, breadth first. Returns the leaves left to
 * right, each with the groups above it.
 */
function headerLeaves(specs: readonly HSpec[]): { leaf: string; groups: string[] }[] {
  const root: HNode = { id: ROOT, leaf: null, children: [] };
  let queue: HNode[] = [];
  for (const s of specs) {
    const node: HNode = { id: s.group ?? `leaf:${s.leaf}`, leaf: s.leaf, children: [] };
    const idx = queue.findIndex((q) => s.parents.includes(q.id) && !q.children.some((c) => c.id === node.id));
    let target: HNode;
    if (idx >= 0) {
      queue = queue.slice(idx);
      target = queue[0] as HNode;
    } else if (s.parents.includes(ROOT) && !root.children.some((c) => c.id === node.id)) target = root;
    else continue;
    target.children.push(node);
    if (s.group) queue.push(node);
  }
  const out: { leaf: string; groups: string[] }[] = [];
  const walk = (n: HNode, path: string[]) => {
    for (const c of n.children) {
      if (c.leaf) out.push({ leaf: c.leaf, groups: path });
      else walk(c, [...path, c.id]);
    }
  };
  walk(root, []);
  return out;
}

const T3_READ_COLS = T3_COLS.filter((c) => !c.derived).map((c) => c.key);
const T4_READ_COLS = T4_GROUP_KEYS.flatMap((g) => T4_COLS.filter((c) => !c.derived).map((c) => `${g}.${c.key}`));

function t3Spec(key: string, qualified = true): HSpec | null {
  if (key === T3_HEADER_GROUPS.applicant) return { group: "applicant", leaf: null, parents: [ROOT] };
  if (key === T3_HEADER_GROUPS.legal) return { group: "legal", leaf: null, parents: ["applicant", ROOT] };
  const col = matchT3Col(key, qualified);
  if (!col) return null;
  const top = col.key === "natural_person" || col.key === "total";
  return { group: null, leaf: col.key, parents: top ? ["applicant", ROOT] : ["legal", ROOT] };
}

function t4Spec(key: string): HSpec | null {
  const g = matchT4Group(key);
  if (g === "review" || g === "lit") return { group: g, leaf: null, parents: [ROOT] };
  if (g) return { group: g, leaf: null, parents: ["lit", ROOT] };
  const leaf = matchT4Leaf(key);
  return leaf ? { group: null, leaf: leaf.key, parents: T4_GROUP_KEYS } : null;
}

/**
 * A header row whose cells were joined without a separator the tokenizer keeps ("自然人 法人或其他组织
 * 总计" copied with spaces reads as one label): the header labels it is made of, left to right, when it
 * is exactly a sequence of them (fewest pieces; labels matched exactly); else null. A parenthesised
 * note (the 表三 勾稽关系 corner) is dropped first.
 */
function splitHeaderRow(key: string, spec: (k: string) => HSpec | null, minPieces = 2): string[] | null {
  const k = stripParenthetical(key);
  if (spec(key) || k.length < 2 || k.length > 120) return null;
  const chars = Array.from(k);
  const n = chars.length;
  // best[i]: fewest pieces covering chars[0..i), with the piece ending at i.
  const best: ({ count: number; from: number } | null)[] = [{ count: 0, from: -1 }, ...Array.from({ length: n }, () => null)];
  for (let j = 1; j <= n; j++) {
    for (let i = Math.max(0, j - 10); i < j; i++) {
      const prev = best[i];
      if (!prev || !spec(chars.slice(i, j).join(""))) continue;
      const cur = best[j];
      if (!cur || prev.count + 1 < cur.count) best[j] = { count: prev.count + 1, from: i };
    }
  }
  if (!best[n] || (best[n]?.count ?? 0) < minPieces) return null;
  const out: string[] = [];
  for (let j = n; j > 0; ) {
    const b = best[j] as { count: number; from: number };
    out.unshift(chars.slice(b.from, j).join(""));
    j = b.from;
  }
  return out;
}

/**
 * Header keys with the pieces no header label matches put back together: a run of them is read as
 * the labels it spells ("自 然 人" copied with spaces between the characters), or each piece is
 * split on its own (cells run together); pieces that spell no labels stay as they are.
 */
function expandHeaderKeys(keys: readonly string[], spec: (k: string) => HSpec | null): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    // From each piece, the longest stretch of pieces that together spell header labels.
    for (let i = 0; i < run.length; ) {
      let done = false;
      for (let j = run.length; j > i + 1 && !done; j--) {
        const joined = splitHeaderRow(run.slice(i, j).join(""), spec, 1);
        if (joined) {
          out.push(...joined);
          i = j;
          done = true;
        }
      }
      if (!done) {
        const k = run[i] as string;
        out.push(...(splitHeaderRow(k, spec) ?? [k]));
        i++;
      }
    }
    run = [];
  };
  for (const k of keys) {
    if (spec(k)) {
      flush();
      out.push(k);
    } else run.push(k);
  }
  flush();
  return out;
}

/**
 * Column order from header labels read row by row (a copy that lists the header cell by cell): the
 * 表三 leaves or the 表四 group.leaf keys left to right, or null unless every column is named once.
 */
export function headerOrder(table: "t3" | "t4", rawKeys: readonly string[]): string[] | null {
  const keys = expandHeaderKeys(rawKeys, table === "t3" ? (x) => t3Spec(x, false) : t4Spec);
  if (table === "t3") {
    const cols = headerLeaves(keys.map((k) => t3Spec(k)).filter((x): x is HSpec => x !== null)).map((l) => l.leaf);
    return sameSet(cols, T3_READ_COLS) ? cols : null;
  }
  const cols = headerLeaves(keys.map(t4Spec).filter((x): x is HSpec => x !== null)).map((l) => {
    const g = [...l.groups].reverse().find((x) => (T4_GROUP_KEYS as readonly string[]).includes(x));
    return g ? `${g}.${l.leaf}` : `?.${l.leaf}`;
  });
  return sameSet(cols, T4_READ_COLS) ? cols : null;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && new Set(a).size === a.length && b.every((x) => a.includes(x));
}

function isOfficial(cols: readonly string[], official: readonly string[]): boolean {
  return cols.length === official.length && cols.every((c, i) => c === official[i]);
}

function t3Columns(headerLabels: readonly CellRef[], sink: Sink, loc: SourceLoc, rowMajor: boolean): string[] {
  const specs = headerLabels.map((r) => t3Spec(r.key)).filter((s): s is HSpec => s !== null);
  const cols = headerLeaves(specs).map((l) => l.leaf);
  // Without the 法人或其他组织 heading, or out of row-major order, a two-row header cannot be put
  // back together with certainty: then only an order that is the official one is trusted.
  const grouped = specs.some((s) => s.group === "legal");
  const complete = sameSet(cols, T3_READ_COLS);
  if (complete && ((grouped && rowMajor) || isOfficial(cols, T3_READ_COLS))) return cols;
  const why = complete ? `order cannot be rebuilt from this layout (${cols.join(", ")})` : `not read (${cols.join(", ") || "none"})`;
  sink.add("unknown_column_label", "warning", `表三 header ${why}; columns taken in the official order`, loc);
  return T3_READ_COLS;
}

function t4Columns(headerLabels: readonly CellRef[], sink: Sink, loc: SourceLoc, rowMajor: boolean): string[] {
  const specs = headerLabels.map((r) => t4Spec(r.key)).filter((s): s is HSpec => s !== null);
  const cols = headerLeaves(specs).map((l) => {
    const g = [...l.groups].reverse().find((x) => (T4_GROUP_KEYS as readonly string[]).includes(x));
    return g ? `${g}.${l.leaf}` : `?.${l.leaf}`;
  });
  if (sameSet(cols, T4_READ_COLS) && (rowMajor || isOfficial(cols, T4_READ_COLS))) return cols;
  sink.add("unknown_column_label", "warning", `表四 header not read (${cols.length} columns recognised); columns taken in the official order`, loc);
  return T4_READ_COLS;
}

// ───────────────────────────── 表三 ─────────────────────────────

const T3_GROUP_KEYS = Object.values(T3_GROUP_LABELS).map(labelKey);

function t3RowOrder(format: FormatVersion | null): string[] {
  return T3_ROWS.filter((r) => !r.derived && (format ? r.formats.includes(format) : r.formats.length === 2)).map((r) => r.key);
}

/** Resolve a label run of 表三: group headings update the context, the tail names the row. */
function resolveT3Run(labels: readonly CellRef[], ctx: T3RowContext): { row: RowDef | null; text: string; lead: number } {
  const text = labels.map((l) => l.cell.text.trim()).join(" ");
  if (labels.length === 0) return { row: null, text, lead: 0 };
  // PDF line order can put a group heading spanning several rows between a row label and its
  // values ("1.申请人… | （六）其他处理 | 0 …"): the row label before it wins over 2019's 其他处理 row.
  const lastGroup = labels.length >= 2 ? matchT3Group((labels[labels.length - 1] as CellRef).key) : null;
  if (lastGroup) {
    const before = tailMatch(labels.slice(0, -1), (key, fuzzy) => matchT3Row(key, { ...ctx, group: lastGroup }, fuzzy));
    if (before) {
      for (let i = 0; i < labels.length - 1 - before.used; i++) {
        const g = matchT3Group((labels[i] as CellRef).key);
        if (g) ctx.group = g;
      }
      ctx.group = lastGroup;
      return { row: before.row, text, lead: labels.length - 1 - before.used };
    }
  }
  const hit = tailMatch(labels, (key, fuzzy) => matchT3Row(key, ctx, fuzzy));
  const lead = hit ? labels.length - hit.used : labels.length;
  for (let i = 0; i < lead; i++) {
    const g = matchT3Group((labels[i] as CellRef).key);
    if (g) ctx.group = g;
  }
  if (hit) return { row: hit.row, text, lead };
  // A group heading and its first row in one cell: "(三)不予公开1.属于国家秘密".
  const last = labels[labels.length - 1] as CellRef;
  for (const g of T3_GROUP_KEYS) {
    if (last.key.length > g.length && last.key.startsWith(g)) {
      const group = matchT3Group(g);
      const rest = labelKey(last.key.slice(g.length)).replace(/^\d{1,2}/u, "");
      const row = matchT3Row(rest, { ...ctx, group }, true);
      if (row) {
        ctx.group = group;
        return { row, text, lead: labels.length - 1 };
      }
    }
  }
  const g = matchT3Group(last.key);
  if (g) ctx.group = g;
  return { row: null, text, lead: labels.length };
}

function commitT3Context(ctx: T3RowContext, row: RowDef): void {
  if (row.key === "new_received" || row.key === "carried_over" || row.key === "carried_forward") ctx.group = null;
  else if (row.group && row.key !== "handled_total") ctx.group = row.group;
}

export function readT3(src: TableSource, format: FormatVersion | null): TableRead {
  if (src.grid) {
    const g = readT3Grid(src, format);
    if (g) return g;
  }
  return readT3Stream(src.refs, format, src.loc, src.padded, src.rowMajor);
}

function readT3Stream(refs: readonly CellRef[], format: FormatVersion | null, tableLoc: SourceLoc, padded: boolean, rowMajor: boolean): TableRead {
  const sink = new Sink();
  const ctx: T3RowContext = { group: null, pastHeader: false };
  const header: CellRef[] = [];
  let cols: string[] = T3_READ_COLS;
  const read = new Set<string>();
  let hybridOther: Record<string, number | null> | undefined;
  const writer = new StreamRowWriter(sink, padded);
  for (const run of toRuns(refs)) {
    if (run.labels.length > 0) writer.interrupt();
    const { row, text, lead } = resolveT3Run(run.labels, ctx);
    if (!ctx.pastHeader) {
      if (!row) {
        append(header, run.labels);
        continue;
      }
      append(header, run.labels.slice(0, lead));
      ctx.pastHeader = true;
      cols = t3Columns(header, sink, tableLoc, rowMajor);
    }
    const loc = run.labels[0] ? locOf(run.labels[0]) : run.values[0] ? locOf(run.values[0]) : tableLoc;
    if (!row) {
      if (nonBlank(run.values)) sink.add("unknown_row_label", "warning", `表三: row label "${text || "(none)"}" matches no catalog row; its values are not read`, loc);
      continue;
    }
    if (run.values.length === 0) continue;
    if (format === "2021" && row.key === "other_processing" && !hybridOther) {
      const scratch = new Sink();
      const w = new StreamRowWriter(scratch, padded);
      w.write("t3", row.key, cols, run.values, `表三 "${text}"`, loc);
      w.finish();
      hybridOther = hybridFrom(scratch, sink, text, loc);
      continue;
    }
    if (format && !row.formats.includes(format)) {
      sink.add("unknown_row_label", "warning", `表三: "${text}" is a row of the ${row.formats.join("/")} form, not of the ${format} form`, loc);
      continue;
    }
    if (read.has(row.key)) {
      if (nonBlank(run.values)) sink.add("duplicate_row", "warning", `表三: row "${text}" appears twice; the first is kept`, loc);
      continue;
    }
    const outcome = writer.write("t3", row.key, cols, run.values, `表三 "${text}"`, loc);
    if (outcome === "skipped") continue;
    commitT3Context(ctx, row);
    read.add(row.key);
  }
  return { ...finishT3(sink, read, format, writer.finish(), header.length > 0, tableLoc), ...(hybridOther ? { hybridOther } : {}) };
}

function finishT3(sink: Sink, read: Set<string>, format: FormatVersion | null, endedInRow: boolean, sawHeader: boolean, loc: SourceLoc): TableRead {
  const order = t3RowOrder(format);
  const { truncated, last } = totalExpected(order, read);
  let status: TableStatus = "found";
  if (read.size === 0) {
    status = sawHeader ? "truncated" : "missing";
    if (sawHeader) sink.add("table_truncated", "error", "表三 has a header but no rows", loc);
  } else if (truncated || endedInRow) {
    status = "truncated";
    const missing = order.slice(order.indexOf(last ?? "") + 1);
    sink.add("table_truncated", "error", `表三 ends ${endedInRow ? "inside" : "after"} row ${last}; ${missing.length} rows absent`, loc);
  }
  return { status, cells: sink.cells, issues: sink.issues };
}

// ───────────────────────────── 表四 ─────────────────────────────

export function readT4(src: TableSource): TableRead {
  if (src.grid) {
    const g = readT4Grid(src);
    if (g) return g;
  } else {
    const g = readT4SplitGrids(src);
    if (g) return g;
  }
  return readT4Stream(src.refs, src.loc, src.padded, src.rowMajor);
}

/**
 * 表四 printed as two or more tables (行政复议 in one, 行政诉讼 in the next, as a Word table too
 * wide for the page is split): each table's header names its own columns; read when together
 * they name each of the fifteen once.
 */
function readT4SplitGrids(src: TableSource): TableRead | null {
  const tables = [...new Set(src.refs.map((r) => r.table))];
  if (tables.length < 2 || src.refs.some((r) => r.cell.row === null || r.cell.col === null)) return null;
  const cells = new Map<string, CellValue>();
  const issues: ParseIssue[] = [];
  const cols: string[] = [];
  for (const t of tables) {
    const part = readT4GridCols({ ...src, refs: src.refs.filter((r) => r.table === t) }, t);
    if (!part || part.status !== "found") return null;
    cols.push(...part.cols);
    for (const [k, v] of part.cells) cells.set(k, v);
    append(issues, part.issues);
  }
  if (cols.length !== T4_READ_COLS.length || !sameSet(cols, T4_READ_COLS)) return null;
  return { status: "found", cells, issues };
}

function readT4Grid(src: TableSource): TableRead | null {
  const table = src.grid?.table ?? 0;
  const res = readT4GridCols(src, table);
  if (!res || !sameSet(res.cols, T4_READ_COLS)) return null;
  const { cols: _cols, ...read } = res;
  return read;
}

function readT4Stream(refs: readonly CellRef[], tableLoc: SourceLoc, padded: boolean, rowMajor: boolean): TableRead {
  const sink = new Sink();
  const runs = toRuns(refs);
  const header: CellRef[] = [];
  let dataIdx = runs.findIndex((r, i) => nonBlank(r.values) && (i > 0 || r.labels.length > 0));
  if (dataIdx < 0) dataIdx = runs.findLastIndex((r) => r.values.length > 0);
  for (let i = 0; i <= (dataIdx < 0 ? runs.length - 1 : dataIdx); i++) append(header, (runs[i] as Run).labels);
  if (dataIdx < 0) {
    if (header.length > 0) sink.add("table_truncated", "error", "表四 has a header but no data row", tableLoc);
    return { status: header.length > 0 ? "truncated" : "missing", cells: sink.cells, issues: sink.issues };
  }
  const cols = t4Columns(header, sink, tableLoc, rowMajor);
  const data = runs[dataIdx] as Run;
  let values = data.values;
  const loc = values[0] ? locOf(values[0]) : tableLoc;
  if (values.length > cols.length && padded) {
    const excess = values.length - cols.length;
    const lead = values.findIndex((v) => !isBlank(v.reading));
    if (lead >= excess) values = values.slice(excess);
    else if (!nonBlank(values.slice(cols.length))) values = values.slice(0, cols.length);
  }
  let status: TableStatus = "found";
  if (values.length > cols.length) {
    sink.add("column_count_mismatch", "error", `表四: ${values.length} values for ${cols.length} columns; the row is left unread`, loc);
  } else {
    values.forEach((v, i) => sink.put(`t4.${cols[i]}`, v));
    if (values.length < cols.length) {
      status = "truncated";
      sink.add("table_truncated", "error", `表四 stops after ${values.length} of ${cols.length} values`, loc);
    }
  }
  for (const later of runs.slice(dataIdx + 1)) {
    if (nonBlank(later.values)) {
      sink.add("duplicate_row", "warning", "表四 has more than one data row; the first is kept", later.values[0] ? locOf(later.values[0]) : loc);
      break;
    }
  }
  return { status, cells: sink.cells, issues: sink.issues };
}

// ───────────────────────────── 表二 ─────────────────────────────

function t2Rows(format: FormatVersion): readonly RowDef[] {
  return format === "2021" ? T2_ROWS : T2V19_ROWS;
}

/**
 * A 表二 block headed with the other format's columns (本年新制作数量… in a 2021 report): those
 * are other measures, so its rows are not read in the official order.
 */
function otherFormatT2Col(key: string, format: FormatVersion): boolean {
  return matchT2Col(key, format === "2021" ? "2019" : "2021") !== null;
}

function foreignHeaderMessage(row: string, foreign: readonly string[], format: FormatVersion): string {
  const other = format === "2021" ? "2019" : "2021";
  return `表二 "${row}": its columns are headed ${foreign.join("、")} (the ${other} form), not the ${format} columns; its values are not read`;
}

export function readT2(src: TableSource, format: FormatVersion): TableRead {
  if (src.grid) {
    const g = readT2Grid(src, format);
    if (g) return g;
  }
  return readT2Stream(src.refs, format, src.loc, src.padded);
}

function readT2Stream(refs: readonly CellRef[], format: FormatVersion, tableLoc: SourceLoc, padded: boolean): TableRead {
  const sink = new Sink();
  const prefix = format === "2021" ? "t2" : "t2v19";
  let header: string[] = [];
  let foreign: string[] = [];
  let cutHeadings: string[] = [];
  let headerOpen = false;
  const read = new Set<string>();
  const writer = new StreamRowWriter(sink, padded);
  for (const run of toRuns(refs)) {
    if (run.labels.length > 0) writer.interrupt();
    const hit = tailMatch(run.labels, (key, fuzzy) => matchT2Row(key, format, fuzzy));
    const lead = hit ? run.labels.length - hit.used : run.labels.length;
    const unknown: string[] = [];
    for (let i = 0; i < lead; i++) {
      const ref = run.labels[i] as CellRef;
      if (matchT2Block(ref.key) !== null) {
        header = [];
        foreign = [];
        cutHeadings = [];
        headerOpen = false;
        continue;
      }
      const col = ref.key === T2_HEADER_MARKER ? null : matchT2Col(ref.key, format);
      const alien = col || ref.key === T2_HEADER_MARKER ? null : otherFormatT2Col(ref.key, format);
      // A heading cut short ("本年新") in an open header holds its place; the row reads it by order.
      if (!col && !alien && headerOpen && ref.key !== T2_HEADER_MARKER && t2ColsByPrefix(ref.key, format).length > 0) {
        header.push(`${CUT_HEADING}${ref.key}`);
        cutHeadings.push(ref.cell.text.trim());
        continue;
      }
      if (ref.key === T2_HEADER_MARKER || col || alien) {
        if (!headerOpen) {
          header = [];
          foreign = [];
          cutHeadings = [];
        }
        headerOpen = true;
        if (col) header.push(col.key);
        if (alien) foreign.push(ref.cell.text.trim());
        continue;
      }
      if (!matchT2Row(ref.key, format)) unknown.push(ref.cell.text.trim());
    }
    const loc = run.labels[0] ? locOf(run.labels[0]) : run.values[0] ? locOf(run.values[0]) : tableLoc;
    if (!hit) {
      if (nonBlank(run.values)) sink.add("unknown_row_label", "warning", `表二: row label "${unknown.join(" ") || "(none)"}" matches no ${format} row; its values are not read`, loc);
      continue;
    }
    headerOpen = false;
    const row = hit.row;
    const text = run.labels.slice(lead).map((l) => l.cell.text.trim()).join("");
    if (run.values.length === 0) continue;
    if (read.has(row.key)) {
      if (nonBlank(run.values)) sink.add("duplicate_row", "warning", `表二: row "${text}" appears twice; the first is kept`, loc);
      continue;
    }
    let cols: readonly string[] = row.cols;
    const named = resolveCutHeadings(header, row.cols, format);
    if (named && cutHeadings.length > 0 && named !== header) {
      sink.add("unknown_column_label", "warning", `表二 "${text}": headings cut short (${cutHeadings.join("、")}) read as ${named.filter((c, i) => c !== header[i]).join(", ")} by their place in the header`, loc);
      cutHeadings = [];
    }
    if (named && named.length > 0 && new Set(named).size === named.length && named.every((c) => row.cols.includes(c))) cols = named;
    else if (row.cols.length > 1 && foreign.length > 0) {
      sink.add("unknown_column_label", "warning", foreignHeaderMessage(text, foreign, format), loc);
      continue;
    } else if (row.cols.length > 1) sink.add("unknown_column_label", "warning", `表二 "${text}": no header for its block; columns taken in the official order`, loc);
    const outcome = writer.write(prefix, row.key, cols, run.values, `表二 "${text}"`, loc);
    if (outcome === "skipped") continue;
    read.add(row.key);
  }
  return finishT2(sink, read, format, writer.finish(), tableLoc);
}

const CUT_HEADING = "?";

/**
 * The header's columns with each heading cut short given the first of the row's columns, in their
 * official order, that it begins and no other heading names; null when one cannot be placed so.
 */
function resolveCutHeadings(header: readonly string[], rowCols: readonly string[], format: FormatVersion): readonly string[] | null {
  if (!header.some((h) => h.startsWith(CUT_HEADING))) return header;
  const taken = new Set(header.filter((h) => !h.startsWith(CUT_HEADING)));
  const out: string[] = [];
  for (const h of header) {
    if (!h.startsWith(CUT_HEADING)) {
      out.push(h);
      continue;
    }
    const fits = new Set(t2ColsByPrefix(h.slice(CUT_HEADING.length), format).map((c) => c.key));
    const pick = rowCols.find((c) => fits.has(c) && !taken.has(c));
    if (!pick) return null;
    taken.add(pick);
    out.push(pick);
  }
  return out;
}

function finishT2(sink: Sink, read: Set<string>, format: FormatVersion, endedInRow: boolean, loc: SourceLoc): TableRead {
  const order = t2Rows(format).map((r) => r.key);
  const { truncated, last } = totalExpected(order, read);
  let status: TableStatus = "found";
  if (read.size === 0) status = "missing";
  else if (truncated || endedInRow) {
    status = "truncated";
    sink.add("table_truncated", "error", `表二 ends ${endedInRow ? "inside" : "after"} row ${last}`, loc);
  }
  return { status, cells: sink.cells, issues: sink.issues };
}

// ───────────────────────────── grid readers ─────────────────────────────

interface Grid {
  rows: number[];
  /** Cells whose top-left is in the row, by col. */
  byRow: Map<number, CellRef[]>;
  /** Label cells that cover a row from a row above (rowspan). */
  covering: Map<number, CellRef[]>;
}

function gridOf(src: TableSource): Grid | null {
  const byRow = new Map<number, CellRef[]>();
  const covering = new Map<number, CellRef[]>();
  for (const ref of src.refs) {
    const { row, col } = ref.cell;
    if (row === null || col === null) return null;
    let list = byRow.get(row);
    if (!list) byRow.set(row, (list = []));
    list.push(ref);
    if (ref.reading.kind === "label" && ref.cell.rowSpan > 1) {
      for (let r = row + 1; r < row + Math.min(ref.cell.rowSpan, 200); r++) {
        let c = covering.get(r);
        if (!c) covering.set(r, (c = []));
        c.push(ref);
      }
    }
  }
  for (const list of byRow.values()) list.sort((a, b) => (a.cell.col ?? 0) - (b.cell.col ?? 0));
  return { rows: [...byRow.keys()].sort((a, b) => a - b), byRow, covering };
}

function gridLoc(ref: CellRef): SourceLoc {
  return { ...ref.cell.loc, table: ref.table, row: ref.cell.row ?? undefined, col: ref.cell.col ?? undefined };
}

/**
 * Column → header labels above it, top to bottom. A group label with colSpan 1 followed by blank
 * cells (markdown and DOCX lose the merge) is taken to span those blanks.
 */
function headerStacks(grid: Grid, headerRows: readonly number[], isGroup: (key: string) => boolean): Map<number, string[]> {
  const stacks = new Map<number, string[]>();
  for (const r of headerRows) {
    const cells = grid.byRow.get(r) ?? [];
    cells.forEach((ref, i) => {
      if (ref.reading.kind !== "label") return;
      const from = ref.cell.col ?? 0;
      let to = from + Math.max(1, ref.cell.colSpan);
      if (ref.cell.colSpan <= 1 && isGroup(ref.key)) {
        for (let j = i + 1; j < cells.length; j++) {
          const next = cells[j] as CellRef;
          if (!isBlank(next.reading) || (next.cell.col ?? 0) !== to) break;
          to += Math.max(1, next.cell.colSpan);
        }
      }
      for (let c = from; c < Math.min(to, from + 64); c++) {
        let s = stacks.get(c);
        if (!s) stacks.set(c, (s = []));
        s.push(ref.key);
      }
    });
  }
  return stacks;
}

function cellAt(cells: readonly CellRef[], col: number): CellRef | undefined {
  return cells.find((c) => (c.cell.col ?? 0) <= col && col < (c.cell.col ?? 0) + Math.max(1, c.cell.colSpan));
}

/** Values of a grid row: one per data column; a value cell spanning several columns goes to the first. */
function putGridRow(sink: Sink, prefix: string, rowKey: string, dataCols: ReadonlyMap<number, string>, cells: readonly CellRef[], r: number, table: number, label: string): void {
  const used = new Set<CellRef>();
  for (const [c, colKey] of dataCols) {
    const ref = cellAt(cells, c);
    const key = `${prefix}.${rowKey}.${colKey}`;
    if (!ref) sink.putEmpty(key, { table, row: r, col: c });
    else if (!used.has(ref)) {
      used.add(ref);
      sink.put(key, ref);
    }
  }
  const maxData = maxKey(dataCols);
  const extra = cells.filter((c) => (c.cell.col ?? 0) > maxData && c.reading.kind !== "label" && !isBlank(c.reading));
  if (extra.length > 0 && extra[0]) sink.add("column_count_mismatch", "warning", `${label}: ${extra.length} value(s) beyond the last column are not read`, gridLoc(extra[0]));
}

function isT3HeaderGroup(key: string): boolean {
  return key === T3_HEADER_GROUPS.applicant || key === T3_HEADER_GROUPS.legal || key.includes(labelKey("本列数据的勾稽关系"));
}

function readT3Grid(src: TableSource, format: FormatVersion | null): TableRead | null {
  const grid = gridOf(src);
  if (!grid) return null;
  const table = src.grid?.table ?? 0;
  const probe: T3RowContext = { group: null, pastHeader: false };
  const rowLabels = (r: number) => {
    const cells = grid.byRow.get(r) ?? [];
    return [...(grid.covering.get(r) ?? []), ...cells.filter((c) => c.reading.kind === "label")].sort((a, b) => (a.cell.col ?? 0) - (b.cell.col ?? 0));
  };
  const first = grid.rows.findIndex((r) => resolveT3Run(rowLabels(r), { ...probe }).row !== null);
  if (first < 0) return null;
  const headerRows = grid.rows.slice(0, first);
  const stacks = headerStacks(grid, headerRows, isT3HeaderGroup);
  const dataCols = new Map<number, string>();
  for (const [c, stack] of [...stacks].sort((a, b) => a[0] - b[0])) {
    const leaf = [...stack].reverse().map((k) => matchT3Col(k)).find((x) => x !== null);
    if (leaf) dataCols.set(c, leaf.key);
  }
  if (!sameSet([...dataCols.values()], T3_READ_COLS)) return null;
  const minData = minKey(dataCols);
  const sink = new Sink();
  const ctx: T3RowContext = { group: null, pastHeader: true };
  const read = new Set<string>();
  let hybridOther: Record<string, number | null> | undefined;
  for (const r of grid.rows.slice(first)) {
    const cells = grid.byRow.get(r) ?? [];
    const labels = rowLabels(r).filter((c) => (c.cell.col ?? 0) < minData);
    const { row, text } = resolveT3Run(labels, ctx);
    const values = cells.filter((c) => (c.cell.col ?? 0) >= minData);
    const loc = labels[0] ? gridLoc(labels[0]) : values[0] ? gridLoc(values[0]) : { table, row: r };
    if (!row) {
      if (values.some((v) => v.reading.kind !== "label" && !isBlank(v.reading))) sink.add("unknown_row_label", "warning", `表三: row label "${text || "(none)"}" matches no catalog row; its values are not read`, loc);
      continue;
    }
    if (format === "2021" && row.key === "other_processing" && !hybridOther) {
      const scratch = new Sink();
      putGridRow(scratch, "t3", row.key, dataCols, cells, r, table, `表三 "${text}"`);
      hybridOther = hybridFrom(scratch, sink, text, loc);
      continue;
    }
    if (format && !row.formats.includes(format)) {
      sink.add("unknown_row_label", "warning", `表三: "${text}" is a row of the ${row.formats.join("/")} form, not of the ${format} form`, loc);
      continue;
    }
    if (read.has(row.key)) {
      sink.add("duplicate_row", "warning", `表三: row "${text}" appears twice; the first is kept`, loc);
      continue;
    }
    putGridRow(sink, "t3", row.key, dataCols, cells, r, table, `表三 "${text}"`);
    commitT3Context(ctx, row);
    read.add(row.key);
  }
  return { ...finishT3(sink, read, format, false, true, src.loc), ...(hybridOther ? { hybridOther } : {}) };
}

function isT4HeaderGroup(key: string): boolean {
  return matchT4Group(key) !== null;
}

/** The 表四 columns one grid's header names, read from its data row (any subset of the fifteen). */
function readT4GridCols(src: TableSource, table: number): (TableRead & { cols: string[] }) | null {
  const grid = gridOf(src);
  if (!grid) return null;
  const hasNumber = (r: number) => (grid.byRow.get(r) ?? []).some((c) => c.reading.kind === "number");
  const dataPos = grid.rows.findIndex(hasNumber);
  const headerRows = grid.rows.slice(0, dataPos < 0 ? grid.rows.length : dataPos).filter((r) => (grid.byRow.get(r) ?? []).some((c) => c.reading.kind === "label"));
  if (headerRows.length === 0) return null;
  const stacks = headerStacks(grid, headerRows, isT4HeaderGroup);
  const dataCols = new Map<number, string>();
  for (const [c, stack] of [...stacks].sort((a, b) => a[0] - b[0])) {
    const rev = [...stack].reverse();
    const g = rev.map((k) => matchT4Group(k)).find((x) => x !== null && x !== "lit");
    const leaf = rev.map((k) => matchT4Leaf(k)).find((x) => x !== null);
    if (g && leaf) dataCols.set(c, `${g}.${leaf.key}`);
  }
  if (dataCols.size === 0 || new Set(dataCols.values()).size !== dataCols.size) return null;
  const sink = new Sink();
  const lastHeader = headerRows[headerRows.length - 1] ?? -1;
  const after = grid.rows.filter((r) => r > lastHeader);
  const dataRow = after.find((r) => (grid.byRow.get(r) ?? []).some((c) => c.reading.kind !== "label")) ?? null;
  if (dataRow === null) {
    sink.add("table_truncated", "error", "表四 has a header but no data row", src.loc);
    return { status: "truncated", cells: sink.cells, issues: sink.issues, cols: [...dataCols.values()] };
  }
  const used = new Set<CellRef>();
  const cells = grid.byRow.get(dataRow) ?? [];
  for (const [c, key] of dataCols) {
    const ref = cellAt(cells, c);
    if (!ref) sink.putEmpty(`t4.${key}`, { table, row: dataRow, col: c });
    else if (!used.has(ref)) {
      used.add(ref);
      sink.put(`t4.${key}`, ref);
    }
  }
  const later = after.filter((r) => r > dataRow).find((r) => (grid.byRow.get(r) ?? []).some((c) => c.reading.kind === "number"));
  if (later !== undefined) sink.add("duplicate_row", "warning", "表四 has more than one data row; the first is kept", { table, row: later });
  return { status: "found", cells: sink.cells, issues: sink.issues, cols: [...dataCols.values()] };
}

function readT2Grid(src: TableSource, format: FormatVersion): TableRead | null {
  const grid = gridOf(src);
  if (!grid) return null;
  const table = src.grid?.table ?? 0;
  const prefix = format === "2021" ? "t2" : "t2v19";
  const sink = new Sink();
  let header = new Map<number, string>();
  let foreign: string[] = [];
  const read = new Set<string>();
  for (const r of grid.rows) {
    const cells = grid.byRow.get(r) ?? [];
    const labels = cells.filter((c) => c.reading.kind === "label");
    if (labels.some((l) => matchT2Block(l.key) !== null)) {
      header = new Map();
      foreign = [];
      continue;
    }
    const cols = labels.map((l) => ({ l, col: matchT2Col(l.key, format) })).filter((x) => x.col !== null);
    const aliens = labels.filter((l) => !matchT2Col(l.key, format) && otherFormatT2Col(l.key, format));
    if (cols.length > 0 || aliens.length > 0 || labels.some((l) => l.key === T2_HEADER_MARKER)) {
      header = new Map();
      foreign = aliens.map((l) => l.cell.text.trim());
      for (const { l, col } of cols) header.set(l.cell.col ?? 0, (col as { key: string }).key);
      continue;
    }
    const firstValue = cells.findIndex((c) => c.reading.kind !== "label");
    const rowLabels = firstValue < 0 ? labels : cells.slice(0, firstValue).filter((c) => c.reading.kind === "label");
    const hit = tailMatch(rowLabels, (key, fuzzy) => matchT2Row(key, format, fuzzy));
    const text = rowLabels.map((l) => l.cell.text.trim()).join(" ");
    const loc = rowLabels[0] ? gridLoc(rowLabels[0]) : { table, row: r };
    if (!hit) {
      if (cells.some((c) => c.reading.kind !== "label" && !isBlank(c.reading))) sink.add("unknown_row_label", "warning", `表二: row label "${text || "(none)"}" matches no ${format} row; its values are not read`, loc);
      continue;
    }
    const row = hit.row;
    if (read.has(row.key)) {
      sink.add("duplicate_row", "warning", `表二: row "${text}" appears twice; the first is kept`, loc);
      continue;
    }
    const usable = [...header].filter(([, k]) => row.cols.includes(k));
    if (usable.length > 0) putGridRow(sink, prefix, row.key, new Map(usable), cells, r, table, `表二 "${text}"`);
    else if (row.cols.length > 1 && foreign.length > 0) {
      sink.add("unknown_column_label", "warning", foreignHeaderMessage(text, foreign, format), loc);
      continue;
    } else {
      const values = cells.filter((c) => c.reading.kind !== "label");
      if (row.cols.length > 1) sink.add("unknown_column_label", "warning", `表二 "${text}": no header for its block; columns taken in the official order`, loc);
      const writer = new StreamRowWriter(sink, true);
      if (writer.write(prefix, row.key, row.cols, values, `表二 "${text}"`, loc) === "skipped") continue;
      writer.finish();
    }
    read.add(row.key);
  }
  return finishT2(sink, read, format, false, src.loc);
}

// ───────────────────────────── all tables ─────────────────────────────

/** Catalog cells per table and format. */
const TABLE_CELL_COUNT: Record<FormatVersion, Record<TableId, number>> = (() => {
  const out = { "2019": { t2: 0, t3: 0, t4: 0 }, "2021": { t2: 0, t3: 0, t4: 0 } };
  for (const f of ["2019", "2021"] as const) for (const c of readCells(f)) out[f][c.table]++;
  return out;
})();

/** Cells a reading gives (numbers and stated blanks), and how many 表三 rows break H-T3-COL. */
function readingScore(res: TableRead | LineTableRead): { read: number; broken: number } {
  let read = 0;
  for (const v of res.cells.values()) if (v.value !== null || (v.nullReason !== null && v.nullReason !== "absent")) read++;
  let broken = 0;
  const rows = new Set([...res.cells.keys()].filter((k) => k.startsWith("t3.")).map((k) => k.split(".")[1] ?? ""));
  for (const row of rows) {
    const get = (c: string) => res.cells.get(`t3.${row}.${c}`)?.value;
    const total = get("total");
    const parts = T3_READ_COLS.filter((c) => c !== "total").map(get);
    if (typeof total === "number" && parts.every((p) => typeof p === "number") && parts.reduce((a: number, p) => a + (p), 0) !== total) broken++;
  }
  return { read, broken };
}

/**
 * The better of two readings of one table: more cells read, unless the other reads nearly as many
 * with fewer rows whose parts do not add up (a shifted column shows up there first).
 */
function better(a: TableRead | null, b: LineTableRead | undefined): "a" | "b" {
  if (!b) return "a";
  if (!a) return "b";
  const sa = readingScore(a);
  const sb = readingScore(b);
  if (sb.read > sa.read && sb.broken <= sa.broken) return "b";
  if (sa.read > sb.read && sa.broken <= sb.broken) return "a";
  if (sb.broken < sa.broken && sb.read >= 0.95 * sa.read) return "b";
  if (sa.broken < sb.broken && sa.read >= 0.95 * sb.read) return "a";
  return sb.read > sa.read ? "b" : "a";
}

/** Copies rows of `from` whose cells are all absent from `into`; returns the row keys copied. */
function fillAbsentRows(into: Map<string, CellValue>, from: ReadonlyMap<string, CellValue>, id: TableId): string[] {
  const rows = new Map<string, string[]>();
  for (const k of from.keys()) {
    if (!k.startsWith(`${id}.`) && !(id === "t2" && k.startsWith("t2v19."))) continue;
    const row = k.split(".").slice(0, 2).join(".");
    rows.set(row, [...(rows.get(row) ?? []), k]);
  }
  const copied: string[] = [];
  for (const [row, keys] of rows) {
    if ([...into.keys()].some((k) => k.startsWith(`${row}.`))) continue;
    for (const k of keys) into.set(k, from.get(k) as CellValue);
    copied.push(row);
  }
  return copied;
}

function tableStatusAfterFill(id: TableId, format: FormatVersion | null, cells: ReadonlyMap<string, CellValue>, was: TableStatus): TableStatus {
  const rows =
    id === "t2" ? (format ? t2Rows(format).map((r) => `${format === "2021" ? "t2" : "t2v19"}.${r.key}`) : []) : id === "t3" ? t3RowOrder(format).map((r) => `t3.${r}`) : ["t4.review", "t4.lit_direct", "t4.lit_after_review"];
  const has = (row: string) => [...cells.keys()].some((k) => k.startsWith(`${row}.`));
  return rows.length > 0 && rows.every(has) ? "found" : was;
}

/** Locate and read the three tables. `format` null reads 表三/表四 only (their cells are common). */
export function readTables(doc: ExtractedDocument, format: FormatVersion | null, sections: SectionsResult = findSections(doc)): TablesResult {
  const located = locateTables(doc, sections);
  const first: Partial<Record<TableId, TableRead | null>> = {};
  for (const id of ["t2", "t3", "t4"] as const) {
    const src = located[id];
    if (!src) continue;
    if (id === "t2") first[id] = format ? readT2(src, format) : null;
    else if (id === "t3") first[id] = readT3(src, format);
    else first[id] = readT4(src);
  }
  // The line reader is only asked when the grid or stream readings leave something unread or
  // inconsistent (a clean HTML, DOCX or web-text table is done here, at a fraction of the cost).
  const done = format !== null && (["t2", "t3", "t4"] as const).every((id) => {
    const r = first[id];
    return r?.status === "found" && readingScore(r).read === (TABLE_CELL_COUNT[format][id] ?? -1) && readingScore(r).broken <= 1;
  });
  const lineRead: LineTablesResult = done ? { reads: {}, located: { t2: false, t3: false, t4: false } } : readLineTables(doc, format);
  const cells = new Map<string, CellValue>();
  const issues: ParseIssue[] = [];
  const tables: Record<TableId, TableStatus> = { t2: "missing", t3: "missing", t4: "missing" };
  const anyTable = doc.blocks.some((b) => b.kind === "table") || Object.values(lineRead.reads).some((r) => r.cells.size > 0);
  let hybridOther: Record<string, number | null> | undefined;
  for (const id of ["t2", "t3", "t4"] as const) {
    const src = located[id];
    const res: TableRead | null = first[id] ?? null;
    const alt = lineRead.reads[id];
    const pick = better(res, alt);
    const chosen: TableRead | LineTableRead | null = pick === "b" ? (alt ?? null) : res;
    if (!chosen) {
      if (src) tables[id] = "found";
      continue;
    }
    tables[id] = chosen.status;
    for (const [k, v] of chosen.cells) cells.set(k, v);
    append(issues, chosen.issues);
    // Rows only the other reading found (a 表二 whose first block is a grid and the rest lines).
    const other = pick === "b" ? res : alt;
    if (other && chosen.status !== "found") {
      const filled = fillAbsentRows(cells, other.cells, id);
      if (filled.length) tables[id] = tableStatusAfterFill(id, format, cells, chosen.status);
    }
    if (id === "t3" && chosen.hybridOther) hybridOther = chosen.hybridOther;
  }
  return {
    tables,
    cells,
    issues,
    anyTable,
    located: { t2: !!located.t2 || lineRead.located.t2, t3: !!located.t3 || lineRead.located.t3, t4: !!located.t4 || lineRead.located.t4 },
    ...(hybridOther ? { hybridOther } : {}),
  };
}
