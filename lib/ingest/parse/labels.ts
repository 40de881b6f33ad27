/**
 * Catalog labels, normalised once, and the matchers that tie a document label to a catalog row
 * or column. Context decides the labels that mean two things (REPORT-FORMAT.md §1.9):
 * 其他 is `other_misc` under （六）其他处理 and the column `other_org` under 法人或其他组织;
 * 总计 is the (七)总计 row once rows have started and the 总计 column in the header.
 */
import {
  T2_COLS,
  T2_ROWS,
  T2V19_COLS,
  T2V19_ROWS,
  T3_COLS,
  T3_GROUPS,
  T3_ROWS,
  T4_COLS,
  type ColDef,
  type FormatVersion,
  type RowDef,
} from "../../catalog";
import { labelKey, stripParenthetical } from "../normalize";

// ───────────────────────────── shared helpers ─────────────────────────────

function keysOf(zh: string, variants: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of [zh, ...variants]) {
    const k = labelKey(s);
    if (k) out.add(k);
    const bare = stripParenthetical(k);
    if (bare) out.add(bare);
  }
  return [...out];
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Sørensen–Dice similarity on character bigrams (0…1). */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const ba = bigrams(a);
  const counts = new Map<string, number>();
  for (const g of bigrams(b)) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of ba) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (ba.length + b.length - 1);
}

interface Candidate<T> {
  key: string;
  item: T;
}

/** Exact key, then key without its parenthesised note, then containment, then Dice ≥ 0.8 with a margin. */
function fuzzyFind<T>(key: string, candidates: readonly Candidate<T>[]): T[] {
  if (key.length < 4) return [];
  const bare = stripParenthetical(key);
  // The document label holds a catalog label plus extra words ("本年新收政府信息公开申请数量(件)").
  let best: Candidate<T>[] = [];
  let bestLen = 0;
  for (const c of candidates) {
    if (c.key.length >= 4 && (bare.includes(c.key) || (c.key.includes(bare) && bare.length >= 0.6 * c.key.length))) {
      const len = Math.min(c.key.length, bare.length);
      if (len > bestLen) {
        best = [c];
        bestLen = len;
      } else if (len === bestLen && !best.some((b) => b.item === c.item)) best.push(c);
    }
  }
  if (best.length > 0) return best.map((b) => b.item);
  // The label cut at a clause ("申请人无正当理由逾期不补正" for "…逾期不补正、行政机关不再处理…"):
  // the opening words of exactly one catalog label, long enough to say which.
  if (Array.from(bare).length >= 8) {
    const heads = new Set(candidates.filter((c) => c.key.startsWith(bare)).map((c) => c.item));
    if (heads.size === 1) return [...heads];
  }
  let top = 0;
  let second = 0;
  let winner: T | null = null;
  for (const c of candidates) {
    const d = dice(bare, c.key);
    if (d > top) {
      if (winner !== c.item) second = top;
      top = d;
      winner = c.item;
    } else if (d > second && c.item !== winner) second = d;
  }
  if (winner !== null && top >= 0.8 && top - second >= 0.1) return [winner];
  return nearestByEdits(bare, candidates);
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const A = Array.from(a);
  const B = Array.from(b);
  if (Math.abs(A.length - B.length) > limit) return limit + 1;
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= B.length; j++) {
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (A[i - 1] === B[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[B.length] ?? 0;
}

/**
 * A long label with one character misread (OCR: 信息 → 借息): the catalog label at edit distance
 * ≤ 1 per 6 characters, when every other label is at least two edits further.
 */
function nearestByEdits<T>(key: string, candidates: readonly Candidate<T>[]): T[] {
  const len = Array.from(key).length;
  const limit = Math.floor(len / 6);
  if (limit < 1) return [];
  let best = limit + 1;
  let second = Infinity;
  let winner: T | null = null;
  for (const c of candidates) {
    const d = editDistance(key, c.key, limit + 2);
    if (d < best) {
      if (winner !== null && winner !== c.item) second = best;
      best = d;
      winner = c.item;
    } else if (c.item !== winner && d < second) second = d;
  }
  return winner !== null && best <= limit && second >= best + 2 ? [winner] : [];
}

class LabelIndex<T> {
  private readonly exact = new Map<string, T[]>();
  private readonly candidates: Candidate<T>[] = [];
  private readonly fuzzyCache = new Map<string, T[]>();

  add(keys: readonly string[], item: T): void {
    for (const k of keys) {
      const list = this.exact.get(k);
      if (list) {
        if (!list.includes(item)) list.push(item);
      } else this.exact.set(k, [item]);
      this.candidates.push({ key: k, item });
    }
  }

  /** Items whose label equals the key (or its bare form); fuzzy only when `fuzzy`. */
  find(key: string, fuzzy: boolean): T[] {
    const hit = this.exact.get(key) ?? this.exact.get(stripParenthetical(key));
    if (hit) return hit;
    if (!fuzzy) return [];
    let f = this.fuzzyCache.get(key);
    if (!f) {
      f = fuzzyFind(key, this.candidates);
      if (this.fuzzyCache.size > 5000) this.fuzzyCache.clear();
      this.fuzzyCache.set(key, f);
    }
    return f;
  }
}

// ───────────────────────────── 表三 ─────────────────────────────

export const T3_GROUP_LABELS = {
  result: T3_GROUPS[0]?.label ?? "本年度办理结果",
  denied: "不予公开",
  unable: "无法提供",
  notProcessed: "不予处理",
  other: "其他处理",
} as const;

const T3_GROUP_INDEX = new Map<string, string>();
for (const g of T3_GROUPS) T3_GROUP_INDEX.set(labelKey(g.label), g.label);
T3_GROUP_INDEX.set(labelKey("本年办理结果"), T3_GROUP_LABELS.result);
T3_GROUP_INDEX.set(labelKey("办理结果"), T3_GROUP_LABELS.result);

const T3_ROW_INDEX = new LabelIndex<RowDef>();
for (const r of T3_ROWS) if (!r.derived) T3_ROW_INDEX.add(keysOf(r.label.zh, r.variants), r);

const T3_COL_INDEX = new LabelIndex<ColDef>();
for (const c of T3_COLS) if (!c.derived) T3_COL_INDEX.add(keysOf(c.label.zh, c.variants), c);

/** Header labels of 表三 that are groups of columns. */
export const T3_HEADER_GROUPS = {
  applicant: labelKey("申请人情况"),
  legal: labelKey("法人或其他组织"),
} as const;

/** The 表三 group heading a label names (本年度办理结果, 不予公开, …), or null. */
export function matchT3Group(key: string): string | null {
  return T3_GROUP_INDEX.get(key) ?? null;
}

/** Keys that are a column label as well as a row label: they need context. */
const T3_AMBIGUOUS = new Set<string>(["其他", "其他组织", "总计", "合计"].map(labelKey));

export interface T3RowContext {
  group: string | null;
  pastHeader: boolean;
}

/** The 表三 row a label names, given the group it sits under. */
export function matchT3Row(key: string, ctx: T3RowContext, fuzzy = true): RowDef | null {
  if (!key) return null;
  const ambiguous = T3_AMBIGUOUS.has(key);
  if (ambiguous && !ctx.pastHeader) return null;
  const found = T3_ROW_INDEX.find(key, fuzzy && !ambiguous);
  if (found.length === 0) return null;
  if (ambiguous) {
    // 其他 is only a row under （六）其他处理; 总计/合计 only as (七)总计 once rows have begun.
    const r = found[0] as RowDef;
    if (r.key === "other_misc" && ctx.group !== T3_GROUP_LABELS.other) return null;
    return r;
  }
  if (found.length === 1) return found[0] as RowDef;
  return found.find((r) => r.group === ctx.group) ?? null;
}

/** Column labels a longer heading may end with ("律师事务所等法律服务机构"): the specific ones. */
const T3_COL_TAILS: readonly { key: string; col: ColDef }[] = T3_COLS.filter((c) => !c.derived)
  .flatMap((c) => keysOf(c.label.zh, c.variants).map((k) => ({ key: k, col: c })))
  .filter((x) => Array.from(x.key).length >= 4 && !T3_AMBIGUOUS.has(x.key));

/** Column labels that, inside a qualifier, mean the heading is several headings glued together. */
const T3_COL_WORDS: readonly string[] = T3_COLS.filter((c) => !c.derived)
  .flatMap((c) => keysOf(c.label.zh, c.variants))
  .filter((k) => k !== labelKey("其他"));

/** The 表三 column a header label names; `qualified`: also a label qualified in front. */
export function matchT3Col(key: string, qualified = true): ColDef | null {
  const exact = T3_COL_INDEX.find(key, false)[0];
  if (exact || !qualified) return exact ?? null;
  // A heading that qualifies a column label in front ("律师事务所等法律服务机构", "其他社会公益组织")
  // names that column, when it ends with exactly one and the qualifier holds no other column label
  // ("科研机构社会公益组织" is two headings glued, not one); the group headings never name a column.
  if (key === T3_HEADER_GROUPS.legal || key === T3_HEADER_GROUPS.applicant) return null;
  const bare = stripParenthetical(key);
  const hits = T3_COL_TAILS.filter((x) => bare.endsWith(x.key) && bare !== x.key);
  const cols = new Set(hits.map((x) => x.col));
  if (cols.size !== 1) return null;
  const longest = hits.reduce((a, b) => (b.key.length > a.key.length ? b : a));
  const qualifier = bare.slice(0, bare.length - longest.key.length);
  return T3_COL_WORDS.some((w) => qualifier.includes(w)) ? null : ([...cols][0] ?? null);
}

// ───────────────────────────── 表四 ─────────────────────────────

export type T4Group = "review" | "lit_direct" | "lit_after_review";
export const T4_GROUP_KEYS: readonly T4Group[] = ["review", "lit_direct", "lit_after_review"];

const T4_GROUP_INDEX = new Map<string, T4Group | "lit">([
  [labelKey("行政复议"), "review"],
  [labelKey("行政诉讼"), "lit"],
  [labelKey("未经复议直接起诉"), "lit_direct"],
  [labelKey("未经复议直接诉讼"), "lit_direct"],
  [labelKey("直接起诉"), "lit_direct"],
  [labelKey("复议后起诉"), "lit_after_review"],
  [labelKey("复议后诉讼"), "lit_after_review"],
]);
const T4_LEAF_INDEX = new LabelIndex<ColDef>();
for (const c of T4_COLS) if (!c.derived) T4_LEAF_INDEX.add(keysOf(c.label.zh, c.variants), c);

export function matchT4Group(key: string): T4Group | "lit" | null {
  return T4_GROUP_INDEX.get(key) ?? null;
}
export function matchT4Leaf(key: string): ColDef | null {
  return T4_LEAF_INDEX.find(key, false)[0] ?? null;
}

// ───────────────────────────── 表二 ─────────────────────────────

const T2_BLOCK = /^第二十条第\(([一二三四五六七八九十]+)\)项/u;
/** "第二十条第(一)项" → "一"; null when the label is not a 表二 block heading. */
export function matchT2Block(key: string): string | null {
  const m = T2_BLOCK.exec(key);
  return m ? (m[1] ?? null) : null;
}

export const T2_HEADER_MARKER = labelKey("信息内容");

interface T2Index {
  rows: LabelIndex<RowDef>;
  cols: LabelIndex<ColDef>;
}
function t2Index(rows: readonly RowDef[], cols: readonly ColDef[]): T2Index {
  const ri = new LabelIndex<RowDef>();
  for (const r of rows) ri.add(keysOf(r.label.zh, r.variants), r);
  const ci = new LabelIndex<ColDef>();
  for (const c of cols) ci.add(keysOf(c.label.zh, c.variants), c);
  return { rows: ri, cols: ci };
}
const T2_INDEX: Record<FormatVersion, T2Index> = {
  "2021": t2Index(T2_ROWS, T2_COLS),
  "2019": t2Index(T2V19_ROWS, T2V19_COLS),
};

export function matchT2Row(key: string, format: FormatVersion, fuzzy = true): RowDef | null {
  const found = T2_INDEX[format].rows.find(key, fuzzy);
  return found.length === 1 ? (found[0] as RowDef) : (found.find((r) => labelKey(r.label.zh) === key) ?? null);
}

export function matchT2Col(key: string, format: FormatVersion): ColDef | null {
  // Column labels are short and close to each other (本年新制作数量/本年新公开数量): exact only.
  const found = T2_INDEX[format].cols.find(key, false);
  if (found.length > 0) return found[0] as ColDef;
  // "本年收费金额(单位:万元)" written with another unit note still names the fee column.
  if (format === "2021" && key.startsWith(labelKey("本年收费金额"))) return T2_COLS.find((c) => c.key === "amount_10k_cny") ?? null;
  return null;
}

/**
 * Columns whose label a header cell cut short begins ("本年新" over 本年新制作数量 and 本年新公开数量): a
 * reader takes them in the official order. At least three characters, and never a whole label.
 */
export function t2ColsByPrefix(key: string, format: FormatVersion): ColDef[] {
  if ([...key].length < 3) return [];
  const cols = format === "2021" ? T2_COLS : T2V19_COLS;
  return cols.filter((c) => keysOf(c.label.zh, c.variants).some((k) => k.length > key.length && k.startsWith(key)));
}

// ───────────────────────────── table markers ─────────────────────────────

export type TableId = "t2" | "t3" | "t4";

const NOTE_T3 = labelKey("本列数据的勾稽关系");

/** Labels that open a table (a new table starts here, even inside one block). */
export function anchorOf(key: string): TableId | null {
  if (matchT2Block(key) !== null || key === T2_HEADER_MARKER) return "t2";
  if (key.includes(NOTE_T3) || key === T3_HEADER_GROUPS.applicant) return "t3";
  if (key === labelKey("行政复议")) return "t4";
  return null;
}

/** Which table a label belongs to (for blocks without an anchor), or null when it says nothing. */
export function voteOf(key: string): TableId | null {
  const a = anchorOf(key);
  if (a) return a;
  if (matchT2Row(key, "2021") || matchT2Row(key, "2019") || matchT2Col(key, "2021") || matchT2Col(key, "2019")) return "t2";
  if (matchT3Group(key) || key === T3_HEADER_GROUPS.legal) return "t3";
  const col = matchT3Col(key);
  if (col && col.key !== "other_org" && col.key !== "total") return "t3";
  if (matchT3Row(key, { group: null, pastHeader: false })) return "t3";
  const g = matchT4Group(key);
  if (g) return "t4";
  const leaf = matchT4Leaf(key);
  if (leaf && leaf.key !== "total" && leaf.key !== "other") return "t4";
  return null;
}
