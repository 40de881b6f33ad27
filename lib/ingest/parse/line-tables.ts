/**
 * 表二/表三/表四 read from visual lines, the way a person reads a printed table: find where each
 * table is; find its value rows (lines holding numbers); tie each value to a column by the header
 * above it (positions where the source has them) and each row to a catalog row by the label
 * beside, above or below it.
 *
 * Rows are tied in two passes over the table's rows in their official order:
 *   1. anchors: value rows whose label matches one catalog row well, kept where their order agrees
 *      (a weighted longest common subsequence);
 *   2. between two anchors, the value rows left and the catalog rows left: equal in number, they
 *      are taken in order (a label lost by a converter or printed far from its row); otherwise only
 *      rows with some label evidence are taken and the rest are reported, never shifted into a
 *      neighbour.
 * Columns: values are clustered by position; each cluster's header text names its column. With no
 * positions (markdown, copied text) a row must hold exactly as many values as the table has
 * columns, and they are taken in the official order, with an issue saying so.
 */
import { T2_COLS, T2_ROWS, T2V19_COLS, T2V19_ROWS, T3_COLS, T3_ROWS, T4_COLS, type FormatVersion, type RowDef } from "../../catalog";
import type { CellValue } from "../../records/parsed-report";
import { issue, type ParseIssue, type SourceLoc } from "../issues";
import { labelKey, stripParenthetical } from "../normalize";
import { dice, matchT2Col, matchT3Col, matchT4Group, matchT4Leaf, type TableId } from "./labels";
import { headerOrder } from "./tables";
import { completeKeys, headerStacks, joinSpreadPieces, keysFromHeader, keysNamedByHeader, placeValues, segmentRows, type Segment } from "./line-columns";
import { documentLines, type LLine, type LToken, valueTokens } from "./lines";
import type { ExtractedDocument } from "../extract/types";
import { LOW_CONFIDENCE } from "../ocr/confidence";

/** Confidence of an OCR'd value placed by the official column order alone (below LOW_CONFIDENCE). */
const ORDER_ONLY_CONFIDENCE = LOW_CONFIDENCE - 1;

export interface LineTableRead {
  status: "found" | "missing" | "truncated";
  cells: Map<string, CellValue>;
  issues: ParseIssue[];
  /** 表三 printed （六）其他处理 as one 2019-style row in a 2021-format report: its values by column. */
  hybridOther?: Record<string, number | null>;
}

export interface LineTablesResult {
  reads: Partial<Record<TableId, LineTableRead>>;
  located: Record<TableId, boolean>;
}

// ───────────────────────────── label scoring ─────────────────────────────

interface RowKeys {
  row: RowDef;
  keys: string[];
  /** Only an exact label names this row (a 2019 row whose label is a 2021 group heading). */
  exactOnly: boolean;
}

function keysOf(row: RowDef): string[] {
  const out = new Set<string>();
  for (const s of [row.label.zh, ...row.variants]) {
    const k = labelKey(s);
    if (k) out.add(k);
    const bare = stripParenthetical(k);
    if (bare) out.add(bare);
  }
  return [...out];
}

const GROUP_PREFIXES = ["本年度办理结果", "本年办理结果", "办理结果", "不予公开", "无法提供", "不予处理", "其他处理"].map(labelKey);

/** The key with group headings and leftover numbering in front removed ("其他处理3其他" → "其他"). */
function stripGroups(key: string): string {
  let k = key;
  for (let i = 0; i < 4; i++) {
    const before = k;
    k = k.replace(/^[一二三四五六七八九十]+(?=\()|^\([一二三四五六七八九十]+\)|^\d{1,2}(?=\D)/u, "");
    for (const g of GROUP_PREFIXES) if (k.startsWith(g) && k.length > g.length) k = k.slice(g.length);
    if (k === before) break;
  }
  return k;
}

/** How well a text names a row: 1 exact, ~0.95 contains the label, less for a truncated or garbled one. */
function scoreKey(cand: string, rk: RowKeys): number {
  if (!cand) return 0;
  let byRow = SCORES.get(cand);
  if (!byRow) {
    if (SCORES.size > 20_000) SCORES.clear();
    byRow = new Map<RowKeys, number>();
    SCORES.set(cand, byRow);
  }
  const hit = byRow.get(rk);
  if (hit !== undefined) return hit;
  const score = computeScore(cand, rk);
  byRow.set(rk, score);
  return score;
}
const SCORES = new Map<string, Map<RowKeys, number>>();

function computeScore(cand: string, rk: RowKeys): number {
  const variants = cand === stripGroups(cand) ? [cand] : [cand, stripGroups(cand)];
  let best = 0;
  for (const c of variants) {
    for (const k of rk.keys) {
      if (c === k) return 1;
      if (rk.exactOnly) continue;
      if (k.length >= 4 && c.includes(k)) best = Math.max(best, 0.95 - Math.min(0.1, (c.length - k.length) / 200));
      else if (k.length < 4) {
        // Short labels (总计, 其他, 规章) only as the whole text.
        continue;
      } else if (c.length >= 4 && k.includes(c)) best = Math.max(best, 0.45 + 0.5 * (c.length / k.length));
      else if (c.length >= 4 && (1.8 * Math.min(c.length, k.length)) / (c.length + k.length) >= 0.55) {
        // (Dice cannot reach 0.55 when one text is over about twice the other's length.)
        const d = dice(c, k);
        if (d >= 0.55) best = Math.max(best, 0.9 * d);
      }
    }
  }
  return best;
}

// ───────────────────────────── regions ─────────────────────────────

interface Region {
  from: number;
  to: number;
}

const HEADING_PUNCT = /[，。；,;]/u;

function startsHeading(key: string, phrases: readonly string[], slack = 12): boolean {
  return phrases.some((p) => key.startsWith(p) && key.length <= p.length + slack);
}

const T2_HEADS = ["主动公开政府信息情况", "表二"].map(labelKey);
const T3_HEADS = ["收到和处理政府信息公开申请情况", "表三"].map(labelKey);
const T4_HEADS = ["政府信息公开行政复议", "行政复议行政诉讼", "因政府信息公开工作被申请行政复议", "表四"].map(labelKey);
const END_HEADS = ["存在的主要问题", "政府信息公开工作存在的主要问题", "主要问题及改进情况", "其他需要报告的事项"].map(labelKey);
const T2_MARKS = ["第二十条第(一)项", "第二十条第(五)项", "信息内容"].map(labelKey);
const T3_MARKS = ["申请人情况", "本列数据的勾稽关系"].map(labelKey);

function anchorKind(line: LLine): TableId | "end" | null {
  if (line.prose) return null;
  const raw = line.labelText;
  const key = labelKey(raw);
  if (!key) return null;
  const plain = !HEADING_PUNCT.test(raw.replace(/^[（(]?[一二三四五六七八九十\d]+[）)]?[、.．]?/u, ""));
  if (plain && startsHeading(key, T2_HEADS)) return "t2";
  if (plain && startsHeading(key, T3_HEADS)) return "t3";
  if (startsHeading(key, T4_HEADS, 16) && !/\d+件/u.test(raw)) return "t4";
  if (startsHeading(key, END_HEADS, 16)) return "end";
  if (T2_MARKS.some((m) => key.startsWith(m))) return "t2";
  if (T3_MARKS.some((m) => key.includes(m))) return "t3";
  // A 表四 header line: 行政复议 then 行政诉讼 (or only 行政复议) and nothing long.
  if (key.startsWith(labelKey("行政复议")) && key.length <= 24 && !/\d/u.test(raw)) return "t4";
  return null;
}

function findRegions(lines: readonly LLine[]): Partial<Record<TableId, Region>> {
  const first: Partial<Record<TableId | "end", number>> = {};
  const order: (TableId | "end")[] = ["t2", "t3", "t4", "end"];
  let stage = -1;
  lines.forEach((line, i) => {
    const kind = anchorKind(line);
    if (!kind) return;
    const idx = order.indexOf(kind);
    // Tables come in order; an anchor of an earlier table after a later one is a mention, not a start.
    if (idx > stage && first[kind] === undefined) {
      first[kind] = i;
      stage = idx;
    }
  });
  const out: Partial<Record<TableId, Region>> = {};
  const ids: TableId[] = ["t2", "t3", "t4"];
  ids.forEach((id, k) => {
    const from = first[id];
    if (from === undefined) return;
    let to = lines.length;
    for (const next of [...ids.slice(k + 1), "end" as const]) {
      const at = first[next];
      if (at !== undefined && at > from) {
        to = at;
        break;
      }
    }
    out[id] = { from, to };
  });
  return out;
}

// ───────────────────────────── columns ─────────────────────────────

/** The positional unit all rows share, or null when positions cannot be used (order only). */
function sharedUnit(rows: readonly LLine[]): string | null {
  const units = new Set(rows.map((r) => r.unit));
  if (units.size !== 1) return null;
  const [u] = [...units];
  if (!u) return null;
  return rows.every((r) => valueTokens(r).every((t) => t.x0 !== null && t.x1 !== null)) ? u : null;
}

interface ColumnLayout {
  segments: Segment[];
  segmentOf: number[];
}

/**
 * Segments the value rows and names their columns (see line-columns.ts): from the header for the
 * first segment and any on the header's page, by inheritance from an earlier segment with as many
 * columns, else — for a full segment — in the official order, with an issue.
 */
function layoutColumns(
  rows: readonly ValueRow[],
  header: readonly LLine[],
  official: readonly string[],
  match: (key: string) => string | null,
  table: string,
  sink: Sink,
): ColumnLayout | null {
  const unit = sharedUnit(rows.map((r) => r.line));
  if (!unit) return null;
  const { segments, segmentOf } = segmentRows(rows);
  const { stacks } = headerStacks(header, unit, segments[0]?.cols);
  const headerPage = header[header.length - 1]?.page ?? null;
  const headerNamed = keysNamedByHeader(stacks, match);
  let warnedOfficial = false;
  segments.forEach((seg, si) => {
    seg.headerNamed = headerNamed;
    const page = rows[seg.rows[0] ?? 0]?.line.page ?? null;
    if (si === 0 || (headerPage !== null && page === headerPage)) {
      const keys = keysFromHeader(seg, stacks, match);
      const full = seg.cols.length === official.length ? completeKeys(keys, official) : null;
      const all = keys.every((k) => k !== null) && new Set(keys).size === keys.length ? (keys) : null;
      const chosen = all ?? full;
      if (chosen) {
        seg.cols.forEach((c, i) => (c.key = chosen[i] ?? null));
        seg.naming = "header";
        return;
      }
    }
    const prev = segments.slice(0, si).reverse().find((p) => p.naming !== null && p.cols.length === seg.cols.length);
    if (prev) {
      seg.cols.forEach((c, i) => (c.key = prev.cols[i]?.key ?? null));
      seg.naming = "inherited";
      return;
    }
    if (seg.cols.length === official.length) {
      seg.cols.forEach((c, i) => (c.key = official[i] ?? null));
      seg.naming = "official";
      if (!warnedOfficial) sink.add("unknown_column_label", "warning", `${table}: the header could not be matched to the values' columns; columns taken in the official order`, rows[seg.rows[0] ?? 0]?.line.loc ?? null);
      warnedOfficial = true;
    }
  });
  return { segments, segmentOf };
}

// ───────────────────────────── shared reader machinery ─────────────────────────────

class Sink {
  readonly cells = new Map<string, CellValue>();
  readonly issues: ParseIssue[] = [];

  put(key: string, tok: LToken): void {
    const source = { loc: tok.loc, raw: tok.text, stated: true, ...(tok.confidence !== undefined ? { confidence: tok.confidence } : {}) };
    const r = tok.reading;
    if (r.kind === "number") {
      this.cells.set(key, { value: r.value, nullReason: null, source });
      if (r.unit) this.issues.push(issue("unit_in_cell", "warning", `${key}: unit "${r.unit}" written in the cell ("${tok.text.trim()}")`, tok.loc));
    } else if (r.kind === "null") this.cells.set(key, { value: null, nullReason: r.reason, source });
    else {
      this.cells.set(key, { value: null, nullReason: "text", source });
      this.issues.push(issue("unparsable_number", "warning", `${key}: "${tok.text.trim()}" is not a number`, tok.loc));
    }
  }

  private readonly warnedAbsent = new Set<string>();

  /** Once per table and column: the header prints no such column, so its cells are not read. */
  absentColumns(table: string, cols: readonly string[], loc: SourceLoc): void {
    const fresh = cols.filter((c) => !this.warnedAbsent.has(`${table}:${c}`));
    if (fresh.length === 0) return;
    for (const c of fresh) this.warnedAbsent.add(`${table}:${c}`);
    this.add("column_count_mismatch", "warning", `${table}: the header prints no column for ${fresh.join(", ")}; those cells are left unread`, loc);
  }

  blank(key: string, loc: SourceLoc): void {
    this.cells.set(key, { value: null, nullReason: "blank", source: { loc, raw: "", stated: true } });
  }

  add(code: ParseIssue["code"], severity: ParseIssue["severity"], message: string, loc: SourceLoc | null): void {
    this.issues.push(issue(code, severity, message, loc));
  }
}

interface ValueRow {
  line: LLine;
  /** Label tokens before the first value. */
  own: string;
  values: LToken[];
  /** Label-only lines between the previous value row and this one (in order). */
  before: LLine[];
  after: LLine[];
}

/**
 * Text that lists a table cell by cell (plain pdftotext, some copy-pastes) puts each value on its
 * own line: a run of such lines whose length is a multiple of the table's width is read as rows of
 * that width, in order. The label line right before a run is its first row's label (the text
 * flows row by row). Lines with positions are left alone.
 */
function mergeValueRuns(lines: readonly LLine[], width: number | ((label: LLine) => number | null), takeLabel = true): LLine[] {
  const out: LLine[] = [];
  const single = (l: LLine | undefined) => l !== undefined && l.unit === null && l.tokens.length === 1 && valueTokens(l).length === 1;
  const merged = (label: LLine | null, values: readonly LLine[]): LLine => {
    const head = label ?? (values[0] as LLine);
    return { ...head, tokens: [...(label?.tokens ?? []), ...values.flatMap((l) => l.tokens)], labelText: label?.labelText ?? "", unit: null };
  };
  for (let i = 0; i < lines.length; ) {
    if (!single(lines[i])) {
      out.push(lines[i] as LLine);
      i++;
      continue;
    }
    let j = i;
    while (single(lines[j])) j++;
    const run = lines.slice(i, j);
    const prev = out[out.length - 1];
    const label = takeLabel && prev && !prev.prose && prev.labelText && valueTokens(prev).length === 0 && prev.index === (run[0] as LLine).index - 1 ? prev : null;
    if (typeof width === "function") {
      // A row's label, then its values one per line: as many as the row has columns.
      const w = label ? width(label) : null;
      if (label && w && run.length >= w) {
        out.pop();
        out.push(merged(label, run.slice(0, w)), ...run.slice(w));
      } else out.push(...run);
    } else if (run.length >= width && run.length % width === 0) {
      if (label) out.pop();
      for (let k = 0; k < run.length; k += width) out.push(merged(k === 0 ? label : null, run.slice(k, k + width)));
    } else out.push(...run);
    i = j;
  }
  return out;
}

/** Lines of a region split into value rows (holding at least `minValues` values) and the label lines around them. */
function valueRows(lines: readonly LLine[], minValues: number, width: number | ((label: LLine) => number | null) | null, takeLabel = true): { rows: ValueRow[]; header: LLine[] } {
  if (width !== null) lines = mergeValueRuns(lines, width, takeLabel);
  const rows: ValueRow[] = [];
  const header: LLine[] = [];
  let pending: LLine[] = [];
  for (const line of lines) {
    if (line.prose) {
      pending = [];
      continue;
    }
    const values = valueTokens(line);
    const firstValue = line.tokens.findIndex((t) => t.kind === "number" || t.kind === "null" || t.kind === "unparsable");
    const numbers = values.filter((t) => t.kind === "number").length;
    // A row of "/" or "—" counts when a label stands before it ("规章 / / /").
    const labelled = firstValue > 0 && line.tokens.slice(0, firstValue).some((t) => t.kind === "label");
    const isRow = values.length >= minValues && (numbers >= 1 || labelled);
    if (!isRow) {
      // Label-only lines: fragments of row labels (or, before the first row, the header).
      if (line.tokens.some((t) => t.kind === "label")) {
        if (rows.length === 0) header.push(line);
        pending.push(line);
      }
      continue;
    }
    const own = line.tokens
      .slice(0, firstValue)
      .filter((t) => t.kind === "label")
      .map((t) => t.text.trim())
      .join("");
    // Trailing blanks (markdown padding) after the values: keep them, the column logic decides.
    const tail = line.tokens.slice(firstValue).filter((t) => t.kind !== "label" || false);
    const prev = rows[rows.length - 1];
    if (prev) prev.after = pending;
    rows.push({ line, own, values: tail, before: pending, after: [] });
    pending = [];
  }
  const last = rows[rows.length - 1];
  if (last) last.after = pending;
  return { rows, header };
}

/** Label text of fragment lines that sit in the label column (left of the values) when positions say so. */
function fragmentText(lines: readonly LLine[], valueLeft: number | null, unit: string | null): string[] {
  return lines.map((l) =>
    l.tokens
      .filter((t) => t.kind === "label" && (valueLeft === null || l.unit !== unit || t.x1 === null || t.x1 <= valueLeft + 2))
      .map((t) => t.text.trim())
      .join(""),
  );
}

interface Assignment {
  row: number; // index into value rows
  cat: number; // index into catalog rows
  evidence: "label" | "order";
}

/** Best score of value row i against each catalog row, from its own label and the fragments around it. */
function scoreRows(rows: readonly ValueRow[], catalog: readonly RowKeys[], valueLeft: number | null, unit: string | null, ownOnly = false): number[][] {
  return rows.map((r, i) => {
    if (ownOnly) {
      const key = labelKey(r.own);
      return catalog.map((rk) => scoreKey(key, rk));
    }
    const before = fragmentText(r.before, valueLeft, unit).filter(Boolean);
    const after = fragmentText(r.after, valueLeft, unit).filter(Boolean);
    const near = (xs: string[], n: number) => xs.slice(Math.max(0, xs.length - n)).join("");
    const candidates: { text: string; weight: number }[] = [];
    if (r.own) candidates.push({ text: r.own, weight: 1 });
    for (let n = 1; n <= Math.min(4, before.length); n++) candidates.push({ text: near(before, n) + r.own, weight: r.own ? 0.97 : 0.92 });
    for (let n = 1; n <= Math.min(4, after.length); n++) candidates.push({ text: r.own + after.slice(0, n).join(""), weight: r.own ? 0.97 : 0.9 });
    for (let a = 1; a <= Math.min(2, before.length); a++) {
      for (let b = 1; b <= Math.min(2, after.length); b++) candidates.push({ text: near(before, a) + r.own + after.slice(0, b).join(""), weight: 0.9 });
    }
    void i;
    const keys = candidates.map((c) => ({ key: labelKey(c.text), weight: c.weight }));
    return catalog.map((rk) => keys.reduce((m, c) => Math.max(m, scoreKey(c.key, rk) * c.weight), 0));
  });
}

/** Weighted LCS over strong scores: value rows and catalog rows matched in order. */
function anchorsOf(scores: number[][], strong: number): Assignment[] {
  const n = scores.length;
  const m = scores[0]?.length ?? 0;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = scores[i]?.[j] ?? 0;
      const take = s >= strong ? s + (best[i + 1]?.[j + 1] ?? 0) : -Infinity;
      best[i]![j] = Math.max(take, best[i + 1]?.[j] ?? 0, best[i]?.[j + 1] ?? 0);
    }
  }
  const out: Assignment[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = scores[i]?.[j] ?? 0;
    const cur = best[i]?.[j] ?? 0;
    if (s >= strong && Math.abs(cur - (s + (best[i + 1]?.[j + 1] ?? 0))) < 1e-9) {
      out.push({ row: i, cat: j, evidence: "label" });
      i++;
      j++;
    } else if (Math.abs(cur - (best[i + 1]?.[j] ?? 0)) < 1e-9) i++;
    else j++;
  }
  return out;
}

/**
 * Anchors are rows whose own line names them; between two anchors, rows and catalog rows equal in
 * number are taken in order (converters print labels away from their values, so a label seen
 * nearby is weaker evidence than the count); otherwise only rows with label evidence nearby are
 * taken, in order, and the rest are left unplaced.
 */
function alignRows(own: number[][], near: number[][], catalogSize: number): { assigned: Assignment[]; unplacedRows: number[] } {
  const anchors = anchorsOf(own, 0.8);
  const assigned: Assignment[] = [...anchors];
  const unplaced: number[] = [];
  const bounds = [{ row: -1, cat: -1 }, ...anchors, { row: own.length, cat: catalogSize }];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const a = bounds[k] as { row: number; cat: number };
    const b = bounds[k + 1] as { row: number; cat: number };
    const rows = range(a.row + 1, b.row);
    const cats = range(a.cat + 1, b.cat);
    if (rows.length === 0) continue;
    if (rows.length === cats.length) {
      rows.forEach((r, i) => assigned.push({ row: r, cat: cats[i] as number, evidence: (near[r]?.[cats[i] as number] ?? 0) >= 0.45 ? "label" : "order" }));
      continue;
    }
    const sub = rows.map((r) => cats.map((c) => near[r]?.[c] ?? 0));
    const used = new Set<number>();
    for (const w of anchorsOf(sub, 0.45)) {
      assigned.push({ row: rows[w.row] as number, cat: cats[w.cat] as number, evidence: "label" });
      used.add(rows[w.row] as number);
    }
    for (const r of rows) if (!used.has(r)) unplaced.push(r);
  }
  assigned.sort((x, y) => x.row - y.row);
  return { assigned, unplacedRows: unplaced };
}

/**
 * Catalog rows printed with a label and no value at all (zeros left blank): a label-only line that
 * names the row outright, lying between the value rows of the catalog rows around it, with no
 * unplaced value row there. Its cells are read as blank.
 */
function blankRows(lines: readonly LLine[], rows: readonly ValueRow[], assigned: readonly Assignment[], unplaced: readonly number[], catalog: readonly RowKeys[]): { cat: number; line: LLine }[] {
  const out: { cat: number; line: LLine }[] = [];
  const taken = new Set(assigned.map((a) => a.cat));
  const first = lines[0]?.index ?? 0;
  const last = (lines[lines.length - 1]?.index ?? 0) + 1;
  for (let c = 0; c < catalog.length; c++) {
    if (taken.has(c)) continue;
    const prev = [...assigned].filter((a) => a.cat < c).sort((a, b) => b.cat - a.cat)[0];
    const next = [...assigned].filter((a) => a.cat > c).sort((a, b) => a.cat - b.cat)[0];
    const lo = prev ? (rows[prev.row]?.line.index ?? first) : first;
    const hi = next ? (rows[next.row]?.line.index ?? last) : last;
    if (unplaced.some((u) => {
      const at = rows[u]?.line.index ?? -1;
      return at > lo && at < hi;
    })) continue;
    // Any value between the neighbours (a row whose values the text scattered) means it is not blank.
    if (lines.some((l) => l.index > lo && l.index < hi && valueTokens(l).some((t) => t.kind === "number"))) continue;
    const rk = catalog[c] as RowKeys;
    // The label may wrap over a few lines (with pieces of a group heading between them).
    const between = lines.filter((l) => l.index > lo && l.index < hi && !l.prose && valueTokens(l).length === 0 && l.labelText !== "");
    let best: { score: number; line: LLine } | null = null;
    for (let i = 0; i < between.length; i++) {
      let text = "";
      for (let n = 1; n <= 5 && i + n <= between.length; n++) {
        const l = between[i + n - 1] as LLine;
        if (n > 1 && l.index !== (between[i + n - 2] as LLine).index + 1) break;
        text += l.labelText;
        const score = scoreKey(labelKey(text), rk) - 0.01 * (n - 1);
        if (score >= 0.88 && (!best || score > best.score)) best = { score, line: between[i] as LLine };
      }
    }
    if (best) out.push({ cat: c, line: best.line });
  }
  return out;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/**
 * The values of one row by column: by its segment's columns when the table has positions (a full
 * row in order, a row with blanks by where its values sit), else by order when the count is right.
 * Null (with an issue) when the values cannot be tied to columns.
 */
function rowValues(r: ValueRow, cols: readonly string[], seg: Segment | null, positioned: boolean, label: string, sink: Sink): Map<string, LToken | "blank"> | null {
  const out = new Map<string, LToken | "blank">();
  if (positioned) {
    const vals = r.values.filter((t) => t.kind !== "blank");
    if (vals.length === 0) {
      for (const c of cols) out.set(c, "blank");
      return out;
    }
    if (!seg || seg.naming === null) {
      sink.add("column_count_mismatch", "error", `${label}: ${vals.length} values whose columns the header does not tell (${vals.map((v) => v.text.trim()).join(" ")}); the row is left unread`, r.line.loc);
      return null;
    }
    const placed = vals.length === seg.cols.length ? new Map(vals.map((t, i) => [i, t] as const)) : placeValues(seg.cols, vals);
    if (!placed) {
      sink.add("column_count_mismatch", "error", `${label}: the values (${vals.map((v) => v.text.trim()).join(" ")}) cannot each be tied to one column; the row is left unread`, r.line.loc);
      return null;
    }
    const keys = new Set(seg.cols.map((c) => c.key));
    // A column the header names with no value under it is printed blank; one the header does not
    // name at all is not printed: its cells stay unread (coverage names them), never blank.
    const absent: string[] = [];
    for (const c of cols) {
      if (keys.has(c)) continue;
      // (表四's segments are named by group and leaf, without headerNamed: as before, blank.)
      if (seg.naming === "official" || !seg.headerNamed || seg.headerNamed.has(c)) out.set(c, "blank");
      else absent.push(c);
    }
    if (absent.length > 0) sink.absentColumns(label.split(" ")[0] ?? label, absent.map(columnLabel), r.line.loc);
    // OCR'd values whose columns only the official order names: one value lost and a speck read
    // as another would shift the row unseen, so each is marked for checking.
    const unsure = (t: LToken): LToken => (seg.naming === "official" && t.confidence !== undefined ? { ...t, confidence: Math.min(t.confidence, ORDER_ONLY_CONFIDENCE) } : t);
    seg.cols.forEach((c, i) => {
      const t = placed.get(i);
      if (c.key && cols.includes(c.key)) out.set(c.key, t ? unsure(t) : "blank");
    });
    return out;
  }
  const values = r.values.slice();
  while (values.length > cols.length && values[values.length - 1]?.kind === "blank") values.pop();
  if (values.length !== cols.length) {
    const shown = values.map((v) => v.text.trim() || "∅").join(" ");
    sink.add("column_count_mismatch", "error", `${label}: ${values.length} values for ${cols.length} columns (${shown}); without column positions the row is left unread`, r.line.loc);
    return null;
  }
  cols.forEach((c, i) => out.set(c, values[i] as LToken));
  return out;
}

function columnLabel(key: string): string {
  return T3_COLS.find((c) => c.key === key)?.label.zh ?? key;
}

function writeRow(sink: Sink, prefix: string, rowKey: string, vals: Map<string, LToken | "blank">, loc: SourceLoc): void {
  for (const [col, v] of vals) {
    const key = `${prefix}.${rowKey}.${col}`;
    if (v === "blank") sink.blank(key, loc);
    else sink.put(key, v);
  }
}

/** The header's label texts in reading order, as keys. */
function headerKeys(header: readonly LLine[]): string[] {
  return header.flatMap((l) => l.tokens.filter((t) => t.kind === "label").map((t) => labelKey(t.text)));
}

// ───────────────────────────── 表三 ─────────────────────────────

const T3_READ_COLS = T3_COLS.filter((c) => !c.derived).map((c) => c.key);
const T3_CATALOG: RowKeys[] = T3_ROWS.filter((r) => !r.derived).map((r) => ({ row: r, keys: keysOf(r), exactOnly: r.key === "other_processing" }));

function t3Catalog(format: FormatVersion | null, hybrid: boolean): RowKeys[] {
  return T3_CATALOG.filter((rk) => {
    if (rk.row.key === "other_processing") return format === "2019" || hybrid;
    if (rk.row.formats.length === 1 && rk.row.formats[0] === "2021") return format !== "2019" && !hybrid;
    return true;
  });
}

function matchT3ColKey(key: string): string | null {
  const c = matchT3Col(key);
  if (c) return c.key;
  // Wrapped headers read as a whole: "商业企业" inside "法人或其他组织商业企业".
  for (const col of T3_COLS) if (!col.derived && col.label.zh.length >= 4 && key.endsWith(labelKey(col.label.zh))) return col.key;
  return null;
}

function readT3Lines(lines: readonly LLine[], format: FormatVersion | null): LineTableRead | null {
  const sink = new Sink();
  const { rows, header } = valueRows(lines, 2, T3_READ_COLS.length);
  if (rows.length === 0) return null;
  const layout = layoutColumns(rows, header, T3_READ_COLS, matchT3ColKey, "表三", sink);
  // Without positions the header can still give the order, when it lists its cells row by row.
  const order = layout ? T3_READ_COLS : (headerOrder("t3", headerKeys(header)) ?? null);
  if (!layout && !order) sink.add("unknown_column_label", "warning", "表三: no column positions to match the header; each row's seven values taken in the official order", rows[0]?.line.loc ?? null);
  const t3Cols = order ?? T3_READ_COLS;
  const segFor = (i: number): Segment | null => (layout ? (layout.segments[layout.segmentOf[i] ?? -1] ?? null) : null);
  const first = layout?.segments[0];
  const valueLeft = first ? Math.min(...first.cols.map((c) => c.x0)) : null;
  const unit = layout ? (rows[0]?.line.unit ?? null) : null;
  // A 2019-style （六）其他处理 row in a 2021 report (or an unknown format): its own label is exactly that.
  const otherRow = T3_CATALOG.find((rk) => rk.row.key === "other_processing") as RowKeys;
  const hybrid = format !== "2019" && rows.some((r) => scoreKey(labelKey(r.own), otherRow) >= 0.99);
  const catalog = t3Catalog(format, hybrid);
  const { assigned, unplacedRows } = alignRows(scoreRows(rows, catalog, valueLeft, unit, true), scoreRows(rows, catalog, valueLeft, unit), catalog.length);
  const read = new Set<string>();
  let hybridOther: Record<string, number | null> | undefined;
  const byOrder: { label: string; loc: SourceLoc }[] = [];
  const emptyTotal = !layout && order === null && t3TotalColumnEmpty(assigned.map((a) => rows[a.row] as ValueRow));
  if (emptyTotal) {
    const first = rows[assigned[0]?.row ?? 0] as ValueRow;
    sink.add(
      "column_count_mismatch",
      "warning",
      "表三: every row holds six values for seven columns, and no row's sixth value is the sum of the others: the 总计 column is read as left blank and the six values as the other columns in order",
      first.line.loc,
    );
  }
  for (const a of assigned) {
    const r = rows[a.row] as ValueRow;
    const rowDef = (catalog[a.cat] as RowKeys).row;
    const label = `表三 "${r.own || rowDef.label.zh}"`;
    const six = emptyTotal && trimmedValues(r).length === T3_READ_COLS.length - 1;
    const vals = six
      ? (rowValues({ ...r, values: trimmedValues(r) }, t3Cols.filter((c) => c !== "total"), null, false, label, sink)?.set("total", "blank") ?? null)
      : rowValues(r, t3Cols, segFor(a.row), layout !== null, label, sink);
    if (!vals) continue;
    if (rowDef.key === "other_processing" && format !== "2019") {
      hybridOther = {};
      for (const [col, v] of vals) hybridOther[col] = v === "blank" ? null : v.reading.kind === "number" ? v.reading.value : null;
      const shown = T3_READ_COLS.map((c) => (hybridOther?.[c] ?? "∅").toString()).join(" ");
      sink.add(
        "row_form_mismatch",
        "warning",
        `表三 prints （六）其他处理 as one row (the 2019 form) in a ${format ?? "2021"}-format report: its values (${shown}) are not split into the three 2021 rows, which stay unread`,
        r.line.loc,
      );
      continue;
    }
    writeRow(sink, "t3", rowDef.key, vals, r.line.loc);
    read.add(rowDef.key);
    if (a.evidence === "order") byOrder.push({ label: rowDef.label.zh, loc: r.line.loc });
  }
  for (const b of blankRows(lines, rows, assigned, unplacedRows, catalog)) {
    const rowDef = (catalog[b.cat] as RowKeys).row;
    if (rowDef.key === "other_processing" && format !== "2019") continue;
    for (const col of T3_READ_COLS) sink.blank(`t3.${rowDef.key}.${col}`, b.line.loc);
    read.add(rowDef.key);
  }
  if (byOrder.length) {
    sink.add(
      "row_by_order",
      "warning",
      `表三: ${byOrder.length} row(s) have no readable label beside their values; they were placed by the order of the rows between labelled rows: ${byOrder.map((b) => b.label).join("、")}`,
      byOrder[0]?.loc ?? null,
    );
  }
  for (const u of unplacedRows) {
    const r = rows[u] as ValueRow;
    sink.add("unknown_row_label", "warning", `表三: a row of values (${r.values.map((v) => v.text.trim() || "∅").join(" ")}) could not be tied to a catalog row; it is not read`, r.line.loc);
  }
  const expectedRows = catalog.map((rk) => rk.row.key).filter((k) => !(hybrid && (k === "other_no_supplement" || k === "other_fee_unpaid" || k === "other_misc")));
  const status = read.size === 0 ? "missing" : expectedRows.every((k) => read.has(k)) ? "found" : "truncated";
  return { status, cells: sink.cells, issues: sink.issues, ...(hybridOther ? { hybridOther } : {}) };
}

/** A row's values without the blank cells that pad its end. */
function trimmedValues(r: ValueRow): LToken[] {
  const v = r.values.slice();
  while (v.length && v[v.length - 1]?.kind === "blank") v.pop();
  return v;
}

/**
 * Whether a 表三 read without positions leaves its 总计 column empty: every row holds six values
 * (or six and a blank) for the seven columns, some row has a non-zero value, and in none of them
 * is the sixth value the sum of the first five — so the sixth is 其他, not the total. When a
 * sixth value could be the total, which column is empty cannot be told and nothing is assumed.
 */
function t3TotalColumnEmpty(rows: readonly ValueRow[]): boolean {
  const sixes = rows.map(trimmedValues);
  if (sixes.length < 3 || sixes.some((v) => v.length !== T3_READ_COLS.length - 1)) return false;
  if (sixes.some((v) => v.some((t) => t.kind === "unparsable"))) return false;
  const num = (t: LToken) => (t.reading.kind === "number" ? t.reading.value : 0);
  const nonZero = sixes.filter((v) => v.some((t) => num(t) !== 0));
  if (nonZero.length === 0) return false;
  return nonZero.every((v) => v.slice(0, 5).reduce((a, t) => a + num(t), 0) !== num(v[5] as LToken));
}

// ───────────────────────────── 表二 ─────────────────────────────

function t2Catalog(format: FormatVersion): RowKeys[] {
  return (format === "2021" ? T2_ROWS : T2V19_ROWS).map((r) => ({ row: r, keys: keysOf(r), exactOnly: false }));
}

function readT2Lines(lines: readonly LLine[], format: FormatVersion): LineTableRead | null {
  const sink = new Sink();
  const prefix = format === "2021" ? "t2" : "t2v19";
  const catalog = t2Catalog(format);
  // Cell-by-cell text: a row label on its own line, then one line per value.
  const widthOf = (l: LLine): number | null => {
    const key = labelKey(l.labelText);
    const hit = catalog.find((rk) => scoreKey(key, rk) >= 0.95);
    return hit ? hit.row.cols.length : null;
  };
  const { rows } = valueRows(lines, 1, widthOf);
  if (rows.length === 0) return null;
  const scores = scoreRows(rows, catalog, null, null);
  // 表二 rows are short and distinct: only labelled rows are read (a value line without a label is not placed by order).
  const anchors = anchorsOf(scores, 0.8);
  // A label on its own line with the values on the next (no label there) is one row.
  const nearOnly = anchorsOf(
    rows.map((r, i) => (r.own ? catalog.map(() => 0) : (scores[i] ?? []).map((v) => (r.before.length > 0 ? v : 0)))),
    0.9,
  ).filter((a) => !anchors.some((b) => b.cat === a.cat || b.row === a.row));
  const read = new Set<string>();
  const assigned = [...anchors, ...nearOnly].sort((a, b) => a.row - b.row);
  for (const a of assigned) {
    const r = rows[a.row] as ValueRow;
    const rowDef = (catalog[a.cat] as RowKeys).row;
    const label = `表二 "${rowDef.label.zh}"`;
    const cols = t2ColumnsFor(r, rowDef, lines, format, sink);
    if (!cols) continue;
    const vals = rowValues(r, cols, null, false, label, sink);
    if (!vals) continue;
    writeRow(sink, prefix, rowDef.key, vals, r.line.loc);
    read.add(rowDef.key);
  }
  const unplaced = rows.map((_, i) => i).filter((i) => !assigned.some((a) => a.row === i) && !rows[i]?.own);
  for (const b of blankRows(lines, rows, assigned, unplaced, catalog)) {
    const rowDef = (catalog[b.cat] as RowKeys).row;
    for (const col of rowDef.cols) sink.blank(`${prefix}.${rowDef.key}.${col}`, b.line.loc);
    read.add(rowDef.key);
  }
  const status = read.size === 0 ? "missing" : catalog.every((rk) => read.has(rk.row.key)) ? "found" : "truncated";
  return { status, cells: sink.cells, issues: sink.issues };
}

/** The columns of a 表二 row: the nearest header above it that names this row's columns, else the official order. */
/** Column headings glued into one run ("信息内容本年制发件数本年废止件数现行有效件数"), in the order written. */
function gluedT2Cols(key: string, rowDef: RowDef, format: FormatVersion): string[] {
  const cols = format === "2021" ? T2_COLS : T2V19_COLS;
  const hits: { at: number; col: string }[] = [];
  for (const c of cols) {
    if (!rowDef.cols.includes(c.key)) continue;
    const at = [c.label.zh, ...c.variants].map((l) => key.indexOf(labelKey(l))).filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (at !== undefined) hits.push({ at, col: c.key });
  }
  return hits.length >= 2 ? hits.sort((a, b) => a.at - b.at).map((h) => h.col) : [];
}

function t2ColumnsFor(r: ValueRow, rowDef: RowDef, lines: readonly LLine[], format: FormatVersion, sink: Sink): readonly string[] | null {
  if (rowDef.cols.length === 1) return rowDef.cols;
  const other: FormatVersion = format === "2021" ? "2019" : "2021";
  const foreign: string[] = [];
  const byIndex = new Map(lines.map((l) => [l.index, l] as const));
  const colsOf = (line: LLine): string[] => {
    const found: string[] = [];
    for (const t of joinSpreadPieces(line.tokens, line.unit)) {
      if (t.kind !== "label") continue;
      const key = labelKey(t.text);
      const c = matchT2Col(key, format);
      if (c && rowDef.cols.includes(c.key)) found.push(c.key);
      else if (!c && matchT2Col(key, other)) foreign.push(t.text.trim());
      else found.push(...gluedT2Cols(key, rowDef, format));
    }
    return found;
  };
  // The nearest heading above the row: on one line, or one heading per line (text copied cell by cell).
  let block: string[] = [];
  for (let i = r.line.index - 1, seen = 0; seen < 12; i--, seen++) {
    const line = byIndex.get(i);
    if (!line) break;
    const here = colsOf(line);
    if (here.length === rowDef.cols.length && new Set(here).size === here.length) return here;
    if (here.length > 0) block = [...here, ...block];
    else if (block.length > 0) break;
    if (block.length === rowDef.cols.length && new Set(block).size === block.length) return block;
    if (foreign.length > 0 && block.length === 0) break;
  }
  if (foreign.length > 0) {
    // Headed with the other format's columns (本年新制作数量… in a 2021 report): other measures.
    sink.add("unknown_column_label", "warning", `表二 "${rowDef.label.zh}": its columns are headed ${foreign.join("、")} (the ${other} form), not the ${format} columns; its values are not read`, r.line.loc);
    return null;
  }
  sink.add("unknown_column_label", "warning", `表二 "${rowDef.label.zh}": no header names its columns; taken in the official order`, r.line.loc);
  return rowDef.cols;
}

// ───────────────────────────── 表四 ─────────────────────────────

const T4_GROUPS = ["review", "lit_direct", "lit_after_review"] as const;
const T4_LEAVES = T4_COLS.filter((c) => !c.derived).map((c) => c.key);
const T4_READ_COLS = T4_GROUPS.flatMap((g) => T4_LEAVES.map((l) => `${g}.${l}`));

function readT4Lines(lines: readonly LLine[]): LineTableRead | null {
  const sink = new Sink();
  // 表四's one row has no label of its own: the line before its values is the header's last cell.
  const { rows, header } = valueRows(lines, 3, T4_READ_COLS.length, false);
  const cellByCell = readT4CellByCell(lines, rows);
  if (cellByCell) return cellByCell;
  if (rows.length === 0) return null;
  // One data row, sometimes printed over several lines (then only whole, in order).
  const data = rows.filter((r) => !r.own || !/行政|复议|诉讼/u.test(r.own));
  const head = (data[0] ?? rows[0]) as ValueRow;
  const single = data.length === 1;
  const joined: ValueRow = { line: head.line, own: "", values: single ? head.values : data.flatMap((r) => r.values).filter((t) => t.kind !== "blank"), before: [], after: [] };
  const unit = single ? sharedUnit([head.line]) : null;
  let seg: Segment | null = null;
  if (unit) {
    seg = segmentRows([joined]).segments[0] ?? null;
    if (seg) nameT4Segment(seg, header, unit, sink, joined.line.loc);
  }
  const order = unit ? null : headerOrder("t4", headerKeys(header));
  if (!unit && !order && joined.values.filter((t) => t.kind !== "blank").length === 15) {
    sink.add("unknown_column_label", "warning", "表四: no column positions to match the header; the fifteen values taken in the official order", joined.line.loc);
  }
  const vals = rowValues(joined, order ?? T4_READ_COLS, seg, unit !== null, "表四", sink);
  if (!vals) return { status: "truncated", cells: sink.cells, issues: sink.issues };
  for (const [col, v] of vals) {
    const key = `t4.${col}`;
    if (v === "blank") sink.blank(key, joined.line.loc);
    else sink.put(key, v);
  }
  return { status: "found", cells: sink.cells, issues: sink.issues };
}

/**
 * Text that lists 表四 cell by cell with its header pieces in between (plain pdftotext of a ruled
 * table: "结果 维持 … 1 1 0 1 未经复议直接起诉 总计 3 …"): when no line holds three values or more, no line
 * has positions, and the region holds exactly fifteen values, they are the one data row in
 * reading order — each group's four results then its total, as every 表四 header is laid out.
 * Said in an issue, since it rests on the order alone.
 */
function readT4CellByCell(lines: readonly LLine[], rows: readonly ValueRow[]): LineTableRead | null {
  if (lines.some((l) => l.unit !== null)) return null;
  if (rows.length > 0) return null;
  const values = lines.filter((l) => !l.prose).flatMap((l) => valueTokens(l).map((t) => ({ t, l })));
  if (values.length !== T4_READ_COLS.length) return null;
  const sink = new Sink();
  const first = values[0] as { l: LLine };
  // The order alone is trusted only where it adds up: in each group the four results make its
  // total. Plain pdftotext of some ruled tables lists the groups out of order ("72 64 178 37 |
  // 12 1 1 6 | 351 | 13 4 8 1 26 | 20"); then the places cannot be told, and 表四 stays unread.
  const numbers = values.map(({ t }) => (t.reading.kind === "number" ? t.reading.value : null));
  const per = T4_LEAVES.length;
  const broken = T4_GROUPS.filter((_, g) => {
    const group = numbers.slice(g * per, (g + 1) * per);
    const total = group[per - 1];
    const parts = group.slice(0, per - 1);
    return total != null && parts.every((v) => v !== null) && parts.reduce<number>((a, v) => a + (v ?? 0), 0) !== total;
  });
  if (broken.length) {
    sink.add(
      "table_partial",
      "warning",
      `表四: the text lists the table's fifteen values cell by cell with no positions (${numbers.map((v) => v ?? "·").join(" ")}), and taken in reading order they do not add up (${broken.length} of 3 groups): their places cannot be told, so 表四 is left unread. Enter it from the source.`,
      first.l.loc,
    );
    return { status: "found", cells: sink.cells, issues: sink.issues };
  }
  values.forEach(({ t }, i) => sink.put(`t4.${T4_READ_COLS[i]}`, t));
  sink.add(
    "unknown_column_label",
    "warning",
    "表四: the text lists the table cell by cell with no positions; its fifteen values were taken in reading order (each group's four results, then its total)",
    first.l.loc,
  );
  return { status: "found", cells: sink.cells, issues: sink.issues };
}

/**
 * Names 表四's columns: each leaf (结果维持…总计) from the header stack above it, its group (行政复议 /
 * 未经复议直接起诉 / 复议后起诉) from the narrowest group heading over it; a full row whose header
 * cannot be read is taken in the official order, with an issue.
 */
function nameT4Segment(seg: Segment, header: readonly LLine[], unit: string, sink: Sink, loc: SourceLoc): void {
  const { stacks } = headerStacks(header, unit, seg.cols);
  const leaves = keysFromHeader(seg, stacks, (k) => matchT4Leaf(k)?.key ?? null);
  const groupHeads: { x0: number; x1: number; g: string }[] = [];
  for (const line of header) {
    if (line.unit !== unit) continue;
    for (const t of line.tokens) {
      if (t.kind !== "label" || t.x0 === null || t.x1 === null) continue;
      const g = matchT4Group(labelKey(t.text));
      if (g && g !== "lit") groupHeads.push({ x0: t.x0, x1: t.x1, g });
    }
  }
  const n = seg.cols.length;
  const pitch = n > 1 ? ((seg.cols[n - 1]?.mid ?? 0) - (seg.cols[0]?.mid ?? 0)) / (n - 1) : 1;
  const keys = seg.cols.map((c, i) => {
    const over = groupHeads.filter((h) => c.mid >= h.x0 - 0.5 * pitch && c.mid <= h.x1 + 0.5 * pitch).sort((a, b) => a.x1 - a.x0 - (b.x1 - b.x0));
    const g = over[0]?.g ?? (n === 15 ? T4_GROUPS[Math.floor(i / 5)] : null);
    const leaf = leaves[i];
    return g && leaf ? `${g}.${leaf}` : null;
  });
  const complete = keys.every((k) => k !== null) && new Set(keys).size === keys.length;
  if (complete) {
    seg.cols.forEach((c, i) => (c.key = keys[i] ?? null));
    seg.naming = "header";
  } else if (n === 15) {
    const named = keys.filter((k) => k !== null).length;
    seg.cols.forEach((c, i) => (c.key = T4_READ_COLS[i] ?? null));
    seg.naming = "official";
    sink.add("unknown_column_label", "warning", `表四: the header names ${named} of 15 columns; the fifteen values taken in the official order`, loc);
  }
}

// ───────────────────────────── all tables ─────────────────────────────

/** Reads the three tables from the document's lines. */
export function readLineTables(doc: ExtractedDocument, format: FormatVersion | null): LineTablesResult {
  const lines = documentLines(doc);
  const regions = findRegions(lines);
  const reads: Partial<Record<TableId, LineTableRead>> = {};
  const slice = (r: Region) => lines.slice(r.from, r.to);
  if (regions.t2 && format) {
    const r = readT2Lines(slice(regions.t2), format);
    if (r) reads.t2 = r;
  }
  if (regions.t3) {
    const r = readT3Lines(slice(regions.t3), format);
    if (r) reads.t3 = r;
  }
  if (regions.t4) {
    const r = readT4Lines(slice(regions.t4));
    if (r) reads.t4 = r;
  }
  // A table is there when rows of it were found, not merely its section heading (a 零报告 has those).
  return { reads, located: { t2: !!reads.t2, t3: !!reads.t3, t4: !!reads.t4 } };
}
