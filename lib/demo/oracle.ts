/**
 * The findings a correct validator must raise on a demo report, computed from what the document
 * prints (REPORT-FORMAT.md §2 and the rule notes in lib/validate/meta.ts). It lets the manifest
 * say exactly which rule ids each report should trigger: none for clean reports, the injected
 * error's for the others. Warnings and errors only; info findings (S-T2-NA, I-*) are not listed.
 */
import { T3_APPLICANT_COLS, T3_ROWS, t3OutcomeLeafRows, type FormatVersion } from "../catalog";
import type { StatedFigures } from "./narrative";

export interface OracleReport {
  format: FormatVersion;
  year: number;
  cells: Readonly<Record<string, number | null>>;
  narrative: StatedFigures;
  /** Section 一 and 五 text, and section 六 (fee mention). */
  sections: { 1: string; 5: string; 6: string };
  publishedOn: string | null;
  deadline: string;
  /** Art. 49 deadlines apply to governments and departments; township deadlines are local. */
  agencyKind: "government" | "department" | "township";
  /** 4-gram sets of sections 一 and 五, filled on first use (the next year's check reuses them). */
  grams?: { 1: Set<string>; 5: Set<string> };
}

function gramsOf(r: OracleReport): { 1: Set<string>; 5: Set<string> } {
  r.grams ??= { 1: fourGrams(r.sections[1]), 5: fourGrams(r.sections[5]) };
  return r.grams;
}

const COLS = [...T3_APPLICANT_COLS, "total"] as const;
const T3_ROW_KEYS: Record<FormatVersion, string[]> = {
  "2019": T3_ROWS.filter((r) => !r.derived && r.formats.includes("2019")).map((r) => r.key),
  "2021": T3_ROWS.filter((r) => !r.derived && r.formats.includes("2021")).map((r) => r.key),
};
const LEAF_ROWS: Record<FormatVersion, string[]> = { "2019": t3OutcomeLeafRows("2019"), "2021": t3OutcomeLeafRows("2021") };

function v(cells: Readonly<Record<string, number | null>>, key: string): number | null {
  const x = cells[key];
  return x === undefined ? null : x;
}

/** Leaf cells read blank count as 0 (the §2 blank policy); totals stay null. */
function leaf(cells: Readonly<Record<string, number | null>>, key: string): number {
  return v(cells, key) ?? 0;
}

/** As lib/validate/similarity.ts: no whitespace or punctuation, digit runs masked. */
export function normalizeForSimilarity(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, "").replace(/[0-9０-９]+/gu, "#");
}

export function fourGrams(s: string): Set<string> {
  const t = normalizeForSimilarity(s);
  if (t.length <= 4) return new Set(t.length > 0 ? [t] : []);
  const out = new Set<string>();
  for (let i = 0; i + 4 <= t.length; i++) out.add(t.slice(i, i + 4));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const g of a) if (b.has(g)) inter++;
  return inter / (a.size + b.size - inter);
}

export const DUP_THRESHOLD = 0.9;
/** Sections shorter than this (e.g. "无") are not compared. */
export const DUP_MIN_CHARS = 60;

/**
 * Values "as corrected": a 表三/表四 total that disagrees with its parts is read as the parts'
 * sum, the way the validator's blame corrects a single wrong cell before the narrative and
 * cross-year checks, so one wrong total is reported once.
 */
function corrected(cells: Readonly<Record<string, number | null>>, format: FormatVersion): Record<string, number | null> {
  const out: Record<string, number | null> = { ...cells };
  for (const row of T3_ROW_KEYS[format]) {
    const keys = K.t3[row] ?? [];
    const total = v(cells, keys[6] ?? "");
    let parts = 0;
    for (let i = 0; i < 6; i++) parts += leaf(cells, keys[i] ?? "");
    if (total !== null && total !== parts) out[keys[6] ?? ""] = parts;
  }
  for (const g of ["review", "lit_direct", "lit_after_review"]) {
    const keys = K.t4[g] ?? [];
    const total = v(cells, keys[4] ?? "");
    const parts = leaf(cells, keys[0] ?? "") + leaf(cells, keys[1] ?? "") + leaf(cells, keys[2] ?? "") + leaf(cells, keys[3] ?? "");
    if (total !== null && total !== parts) out[keys[4] ?? ""] = parts;
  }
  return out;
}

/** Key strings built once: rules run on every report of a 100k corpus. */
const K = (() => {
  const rowCols = (row: string) => COLS.map((c) => `t3.${row}.${c}`);
  const all = new Set([...T3_ROW_KEYS["2019"], ...T3_ROW_KEYS["2021"]]);
  const t3: Record<string, string[]> = {};
  for (const row of all) t3[row] = rowCols(row);
  const t4: Record<string, string[]> = {};
  for (const g of ["review", "lit_direct", "lit_after_review"]) t4[g] = ["upheld", "corrected", "other", "pending", "total"].map((c) => `t4.${g}.${c}`);
  return { t3, t4 };
})();

export function expectedRules(cur: OracleReport, prev: OracleReport | null): string[] {
  const rules = new Set<string>();
  const c = cur.cells;
  const rows = T3_ROW_KEYS[cur.format];
  const t3 = (row: string) => K.t3[row] ?? [];

  // 表三 columns add up (H-T3-COL) or the total is blank (S-BLANK-TOTAL).
  for (const row of rows) {
    const keys = t3(row);
    const total = v(c, keys[6] ?? "");
    let parts = 0;
    for (let i = 0; i < 6; i++) parts += leaf(c, keys[i] ?? "");
    if (total === null) {
      if (parts !== 0) rules.add("S-BLANK-TOTAL");
    } else if (total !== parts) rules.add("H-T3-COL");
  }
  for (let ci = 0; ci < COLS.length; ci++) {
    const isTotal = ci === 6;
    const get = (row: string) => {
      const key = t3(row)[ci] ?? "";
      return isTotal ? v(c, key) : leaf(c, key);
    };
    const n = get("new_received");
    const co = get("carried_over");
    const h = get("handled_total");
    const cf = get("carried_forward");
    if (n !== null && co !== null && h !== null && cf !== null && n + co !== h + cf) rules.add("H-T3-BAL");
    if (h !== null) {
      let sum = 0;
      let assessable = true;
      for (const row of LEAF_ROWS[cur.format]) {
        const x = get(row);
        if (x === null) assessable = false;
        else sum += x;
      }
      if (assessable && sum !== h) rules.add("H-T3-SUM");
    }
  }
  for (const g of ["review", "lit_direct", "lit_after_review"]) {
    const keys = K.t4[g] ?? [];
    const total = v(c, keys[4] ?? "");
    const parts = leaf(c, keys[0] ?? "") + leaf(c, keys[1] ?? "") + leaf(c, keys[2] ?? "") + leaf(c, keys[3] ?? "");
    if (total === null) {
      if (parts !== 0) rules.add("S-BLANK-TOTAL");
    } else if (total !== parts) rules.add("H-T4-SUM");
  }

  // Narrative ↔ tables, on corrected values.
  const cc = corrected(c, cur.format);
  const t = (k: string) => v(cc, k);
  const nr = cur.narrative;
  const newT = t("t3.new_received.total");
  const coT = t("t3.carried_over.total");
  if (nr.new_received !== undefined && newT !== null && nr.new_received !== newT && !(coT !== null && nr.new_received === newT + coT)) rules.add("S-N-NEW");
  if (nr.carried_over !== undefined && coT !== null && nr.carried_over !== coT) rules.add("S-N-CO");
  const hT = t("t3.handled_total.total");
  if (nr.handled_total !== undefined && hT !== null && nr.handled_total !== hT) rules.add("S-N-DONE");
  const cfT = t("t3.carried_forward.total");
  if (nr.carried_forward !== undefined && cfT !== null && nr.carried_forward !== cfT) rules.add("S-N-CF");
  const rev = t("t4.review.total");
  if (nr.review_total !== undefined && rev !== null && nr.review_total !== rev) rules.add("S-N-REV");
  const ld = t("t4.lit_direct.total");
  const la = t("t4.lit_after_review.total");
  if (nr.litigation_total !== undefined && ld !== null && la !== null && nr.litigation_total !== ld + la) rules.add("S-N-LIT");

  // Cross-table plausibility.
  const feeUnpaid = t("t3.other_fee_unpaid.total");
  if (cur.format === "2021" && feeUnpaid !== null && feeUnpaid > 0 && !/信息处理费|收费通知/.test(cur.sections[6])) rules.add("S-C-FEE");
  if (cur.agencyKind !== "township" && cur.publishedOn !== null && cur.publishedOn > cur.deadline) rules.add("S-TIMELY");

  if (prev) {
    const p = corrected(prev.cells, prev.format);
    for (const col of COLS) {
      const a = v(p, `t3.carried_forward.${col}`);
      const b = v(cc, `t3.carried_over.${col}`);
      if (a !== null && b !== null && a !== b) rules.add("S-X-CARRY");
    }
    if (prev.format === "2021" && cur.format === "2021") {
      for (const row of ["regulation", "normative_doc"]) {
        const before = v(p, `t2.${row}.in_force`);
        const iss = v(c, `t2.${row}.issued`);
        const rep = v(c, `t2.${row}.repealed`);
        const now = v(c, `t2.${row}.in_force`);
        if (before !== null && iss !== null && rep !== null && now !== null && before + iss - rep !== now) rules.add("S-X-STOCK");
      }
    }
    for (const row of ["new_received", "handled_total"]) {
      const a = v(p, `t3.${row}.total`);
      const b = v(cc, `t3.${row}.total`);
      if (a === null || b === null || (a < 10 && b < 10)) continue;
      if (b > a * 5 || b < a * 0.2) rules.add("S-X-YOY");
    }
    const a = gramsOf(cur);
    const b = gramsOf(prev);
    for (const n of [1, 5] as const) {
      const long = (r: OracleReport) => r.sections[n].replace(/\s/gu, "").length >= DUP_MIN_CHARS;
      if (long(cur) && long(prev) && jaccard(a[n], b[n]) >= DUP_THRESHOLD) rules.add("S-X-DUP");
    }
  }
  return [...rules].sort();
}
