/**
 * Injected errors (REPORT-FORMAT.md §3): one realistic mistake in 2–5% of reports.
 *
 * - wrong_total: one 表三 总计 cell off (left at 0 like the 盘州 sample, off by a few, or digits
 *   swapped) → H-T3-COL plus H-T3-SUM (an outcome row) or H-T3-BAL (new_received), and S-N-* when
 *   the prose states the true figure.
 * - blank_totals: the 总计 column left blank (SH2019) → S-BLANK-TOTAL only; arithmetic not assessable.
 * - narrative_mismatch: the prose quotes one column or a mistyped figure → one S-N-* rule.
 * - broken_carry: carried_over(Y) ≠ carried_forward(Y−1) in the 自然人 column while the report
 *   balances (the extra applications were handled) → S-X-CARRY.
 * - copied_narrative: section 五 identical to last year's, section 一 reused with new figures → S-X-DUP.
 */
import { T3_APPLICANT_COLS, T3_ROWS, type FormatVersion } from "../catalog";
import type { YearFigures } from "./figures";
import type { NarrativeFigures, StatedFigures } from "./narrative";
import type { Rng } from "./prng";

export const ERROR_KINDS = ["wrong_total", "blank_totals", "narrative_mismatch", "broken_carry", "copied_narrative"] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

const WEIGHTS: Record<ErrorKind, number> = { wrong_total: 0.35, blank_totals: 0.15, narrative_mismatch: 0.2, broken_carry: 0.15, copied_narrative: 0.15 };

export interface InjectedError {
  kind: ErrorKind;
  /** "real": present in the published document (the 盘州 sample), not injected by us. */
  source: "injected" | "real";
  /** Rule ids the validator must raise because of this error (filled from the oracle). */
  rules: string[];
  /** Cells involved. */
  cells: string[];
  /** The cells most likely wrong, when one explanation covers the failures. */
  blame: string[];
  /** Values for the blamed cells that make the rules hold. */
  suggested: Record<string, number> | null;
  note: string;
}

export function chooseErrorKind(rng: Rng, eligible: Record<ErrorKind, boolean>): ErrorKind | null {
  const kinds = ERROR_KINDS.filter((k) => eligible[k]);
  if (kinds.length === 0) return null;
  return kinds[rng.weighted(kinds.map((k) => WEIGHTS[k]))] ?? null;
}

/** The 自然人 column's carried_over goes up by d and the extra applications are handled. */
export function applyBrokenCarry(f: YearFigures, rng: Rng): { figures: YearFigures; error: InjectedError } {
  const cells = { ...f.cells };
  const d = rng.int(1, 3);
  const leafRow = rng.chance(0.6) ? "granted" : "unable_not_held";
  const before = cells["t3.carried_over.natural_person"] ?? 0;
  for (const row of ["carried_over", "handled_total", leafRow]) {
    cells[`t3.${row}.natural_person`] = (cells[`t3.${row}.natural_person`] ?? 0) + d;
    cells[`t3.${row}.total`] = (cells[`t3.${row}.total`] ?? 0) + d;
  }
  return {
    figures: { ...f, cells },
    error: {
      kind: "broken_carry",
      source: "injected",
      rules: [],
      cells: ["t3.carried_over.natural_person", "t3.carried_over.total"],
      blame: [],
      suggested: { "t3.carried_over.natural_person": before, "t3.carried_over.total": (cells["t3.carried_over.total"] ?? 0) - d },
      note: `上年结转 reads ${before + d} (自然人) where last year's report carried forward ${before}; this report balances.`,
    },
  };
}

const WRONG_TOTAL_ROWS = ["granted", "partially_granted", "unable_not_held", "new_received", "handled_total"];

export function canWrongTotal(cells: Readonly<Record<string, number | null>>): boolean {
  return WRONG_TOTAL_ROWS.some((r) => (cells[`t3.${r}.total`] ?? 0) >= 1);
}

/** One 表三 总计 cell printed wrong. Mutates `printed`. */
export function applyWrongTotal(printed: Record<string, number | null>, rng: Rng): InjectedError {
  const rows = WRONG_TOTAL_ROWS.filter((r) => (printed[`t3.${r}.total`] ?? 0) >= 1);
  const row = rng.pick(rows);
  const key = `t3.${row}.total`;
  const truth = printed[key] ?? 0;
  const leafRow = row !== "new_received" && row !== "handled_total";
  let wrong: number;
  const style = rng.int(0, 2);
  if (leafRow && style === 0) wrong = 0;
  else if (leafRow && style === 1 && truth >= 10 && truth % 10 !== Math.floor(truth / 10) % 10 && truth < 100) wrong = (truth % 10) * 10 + Math.floor(truth / 10);
  else wrong = Math.max(0, truth + (rng.chance(0.5) || truth <= 2 ? rng.int(1, 2) : -rng.int(1, 2)));
  if (wrong === truth) wrong = truth + 1;
  // new_received: never equal to new + carried_over, which the narrative rule also accepts.
  if (row === "new_received" && wrong === truth + (printed["t3.carried_over.total"] ?? 0)) wrong = truth + 1 === wrong ? truth + 2 : truth + 1;
  printed[key] = wrong;
  return {
    kind: "wrong_total",
    source: "injected",
    rules: [],
    cells: [key],
    blame: [key],
    suggested: { [key]: truth },
    note: `${key} printed ${wrong}; the applicant columns sum to ${truth}.`,
  };
}

/** The whole 总计 column of 表三 left blank. Mutates `printed` and `raw`. */
export function applyBlankTotals(printed: Record<string, number | null>, raw: Record<string, string>, format: FormatVersion): InjectedError {
  const blamed: string[] = [];
  const suggested: Record<string, number> = {};
  for (const r of T3_ROWS.filter((x) => !x.derived && x.formats.includes(format))) {
    const key = `t3.${r.key}.total`;
    const value = printed[key] ?? 0;
    const parts = T3_APPLICANT_COLS.reduce((a, c) => a + (printed[`t3.${r.key}.${c}`] ?? 0), 0);
    if (parts !== 0) {
      blamed.push(key);
      suggested[key] = value;
    }
    printed[key] = null;
    raw[key] = "";
  }
  return { kind: "blank_totals", source: "injected", rules: [], cells: blamed, blame: blamed, suggested, note: "表三 总计 column left blank (as in SH2019)." };
}

/**
 * Picks a figure the prose states and a wrong value for it: one column quoted as the total
 * (SH2019) or a mistyped number. Returns modified narrative figures, or null when nothing fits.
 */
export function planNarrativeMismatch(
  nf: NarrativeFigures,
  stated: StatedFigures,
  cells: Readonly<Record<string, number | null>>,
  rng: Rng,
): { figures: NarrativeFigures; key: keyof StatedFigures; wrong: number; truth: number } | null {
  const keys = (["new_received", "handled_total", "carried_forward", "review_total", "litigation_total"] as const).filter((k) => stated[k] !== undefined && (stated[k] ?? 0) > 0);
  if (keys.length === 0) return null;
  const key = rng.pick(keys);
  const truth = stated[key] ?? 0;
  let wrong: number;
  if ((key === "new_received" || key === "handled_total") && (cells[`t3.${key}.natural_person`] ?? truth) !== truth && rng.chance(0.6)) {
    wrong = cells[`t3.${key}.natural_person`] ?? truth + 1;
  } else {
    wrong = truth + (rng.chance(0.5) || truth <= 2 ? rng.int(1, 3) : -rng.int(1, Math.min(3, truth - 1)));
  }
  const co = cells["t3.carried_over.total"] ?? 0;
  if (wrong === truth || (key === "new_received" && wrong === truth + co)) wrong = truth + co + 1;
  const figures: NarrativeFigures = { ...nf, review: { ...nf.review }, litigation: { ...nf.litigation } };
  switch (key) {
    case "new_received":
      figures.new_received = wrong;
      break;
    case "handled_total":
      figures.handled_total = wrong;
      break;
    case "carried_forward":
      figures.carried_forward = wrong;
      break;
    case "review_total":
      figures.review.total = wrong;
      break;
    case "litigation_total":
      figures.litigation.total = wrong;
      break;
  }
  return { figures, key, wrong, truth };
}

export const NARRATIVE_RULE: Record<string, string> = {
  new_received: "S-N-NEW",
  carried_over: "S-N-CO",
  handled_total: "S-N-DONE",
  carried_forward: "S-N-CF",
  review_total: "S-N-REV",
  litigation_total: "S-N-LIT",
};

export const NARRATIVE_CELL: Record<string, string[]> = {
  new_received: ["t3.new_received.total"],
  carried_over: ["t3.carried_over.total"],
  handled_total: ["t3.handled_total.total"],
  carried_forward: ["t3.carried_forward.total"],
  review_total: ["t4.review.total"],
  litigation_total: ["t4.lit_direct.total", "t4.lit_after_review.total"],
};
