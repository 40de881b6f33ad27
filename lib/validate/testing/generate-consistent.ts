/**
 * Random reports that satisfy every hard rule, built from the catalog: random leaf counts, totals
 * computed. Deterministic in `seed`, so fast-check can drive it and a failure replays from its seed.
 * For tests only (imports fast-check).
 */
import fc from "fast-check";
import { T3_APPLICANT_COLS, TOTALS, readCells, t3OutcomeLeafRows, type FormatVersion } from "../../catalog";
import type { ValidationInput } from "../types";

export interface GenerateOptions {
  format?: FormatVersion;
  year?: number;
  /** Probability that a zero cell of 表三/表四 is left blank (implied zero); default 0. */
  blankZeros?: number;
  /** Whether blankZeros may blank zero totals too (总计 column, (七)总计, 表四 总计); default true. */
  blankTotals?: boolean;
  /** Include narrative figures restating the totals; default true. */
  narrative?: boolean;
  /** Largest count in a leaf; default 30. */
  maxCount?: number;
  /** Probability that a 表三/表四 leaf is non-zero; default 0.35. */
  density?: number;
}

/** mulberry32: tiny, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateConsistentReport(seed: number, opts: GenerateOptions = {}): ValidationInput {
  const format = opts.format ?? "2021";
  const year = opts.year ?? (format === "2021" ? 2024 : 2020);
  const maxCount = opts.maxCount ?? 30;
  const density = opts.density ?? 0.35;
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const sparse = (hi = maxCount) => (rand() < density ? int(1, hi) : 0);

  const v = new Map<string, number>();
  const set = (k: string, n: number) => v.set(k, n);
  const get = (k: string) => v.get(k) ?? 0;

  // 表三: per applicant column, outcomes first, then flows that balance them.
  const leaves = t3OutcomeLeafRows(format);
  for (const col of T3_APPLICANT_COLS) {
    let handled = 0;
    for (const row of leaves) {
      const n = sparse();
      set(`t3.${row}.${col}`, n);
      handled += n;
    }
    set(`t3.handled_total.${col}`, handled);
    const cf = sparse(10);
    const co = rand() < density ? int(0, handled + cf) : 0;
    set(`t3.carried_forward.${col}`, cf);
    set(`t3.carried_over.${col}`, co);
    set(`t3.new_received.${col}`, handled + cf - co);
  }
  // 表四 leaves.
  for (const g of ["review", "lit_direct", "lit_after_review"]) {
    for (const c of ["upheld", "corrected", "other", "pending"]) set(`t4.${g}.${c}`, sparse(5));
  }
  // Totals from parts: COL totals of 表三 and 表四 sums (SUM totals are already set per column).
  for (const t of TOTALS) {
    if (!t.formats.includes(format) || t.rule === "H-T3-SUM") continue;
    set(t.total, t.parts.reduce((s, p) => s + get(p), 0));
  }

  // 表二.
  if (format === "2021") {
    for (const row of ["regulation", "normative_doc"]) {
      const issued = int(0, 20);
      const repealed = int(0, 20);
      set(`t2.${row}.issued`, issued);
      set(`t2.${row}.repealed`, repealed);
      set(`t2.${row}.in_force`, Math.max(0, issued - repealed) + int(0, 200));
    }
    for (const row of ["admin_license", "admin_penalty", "admin_coercion"]) set(`t2.${row}.decisions`, int(0, 5000));
    set("t2.admin_fee.amount_10k_cny", Math.round(rand() * 50000) / 100);
  } else {
    for (const row of ["regulation", "normative_doc"]) {
      const made = int(0, 20);
      set(`t2v19.${row}.new_made`, made);
      set(`t2v19.${row}.new_published`, int(0, made));
      set(`t2v19.${row}.total_published`, made + int(0, 200));
    }
    for (const row of ["admin_license", "other_external_service", "admin_penalty", "admin_coercion", "admin_fee"]) {
      const prev = int(0, 100);
      set(`t2v19.${row}.prev_items`, prev);
      set(`t2v19.${row}.delta_items`, int(-Math.min(prev, 10), 10));
      if (row !== "admin_fee") set(`t2v19.${row}.decisions`, int(0, 5000));
    }
    set("t2v19.central_procurement.projects", int(0, 50));
    set("t2v19.central_procurement.amount", int(0, 1_000_000));
  }

  const blank = opts.blankZeros ?? 0;
  const totals = new Set(TOTALS.filter((t) => t.formats.includes(format)).map((t) => t.total));
  const blankable = (key: string) => (opts.blankTotals ?? true) || !totals.has(key);
  const cells: ValidationInput["cells"] = {};
  for (const def of readCells(format)) {
    const n = get(def.key);
    const leaveBlank = def.table !== "t2" && n === 0 && blank > 0 && blankable(def.key) && rand() < blank;
    cells[def.key] = leaveBlank ? { value: null, nullReason: "blank" } : { value: n, nullReason: null };
  }

  const input: ValidationInput = { formatVersion: format, year, cells };
  if (opts.narrative ?? true) {
    const newTotal = get("t3.new_received.total");
    input.narrative = {
      new_received: rand() < 0.3 ? newTotal + get("t3.carried_over.total") : newTotal,
      carried_over: get("t3.carried_over.total"),
      handled_total: get("t3.handled_total.total"),
      carried_forward: get("t3.carried_forward.total"),
      review_total: get("t4.review.total"),
      litigation_total: get("t4.lit_direct.total") + get("t4.lit_after_review.total"),
    };
  }
  return input;
}

/** fast-check arbitrary over consistent reports. */
export function consistentReportArb(opts: GenerateOptions = {}): fc.Arbitrary<ValidationInput> {
  return fc.integer().map((seed) => generateConsistentReport(seed, opts));
}
