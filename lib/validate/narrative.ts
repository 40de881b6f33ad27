/**
 * Narrative figures against the tables (REPORT-FORMAT.md §2.4), shared by the S-N-* rules and by
 * the blame search, which prefers the correction the narrative agrees with.
 */
import { NARRATIVE_KEYS, type NarrativeKey } from "../catalog";
import type { ResolvedReport } from "./resolve";
import type { RuleId, ValidationInput } from "./types";

export interface NarrativeSpec {
  key: NarrativeKey;
  rule: RuleId;
  /** Cells whose (corrected) values the figure is compared with. */
  cells: readonly string[];
  /** Values a correct narrative may state, from the table; null when not computable. */
  accepted(get: (key: string) => number | null): number[] | null;
}

const single = (cell: string) => (get: (key: string) => number | null) => {
  const v = get(cell);
  return v === null ? null : [v];
};

export const NARRATIVE_SPECS: Readonly<Record<NarrativeKey, NarrativeSpec>> = {
  new_received: {
    key: "new_received",
    rule: "S-N-NEW",
    cells: ["t3.new_received.total", "t3.carried_over.total"],
    // §2.4: 收到…申请 usually means new applications, sometimes new + carried over; accept both.
    accepted: (get) => {
      const n = get("t3.new_received.total");
      if (n === null) return null;
      const co = get("t3.carried_over.total");
      return co === null ? [n] : [n, n + co];
    },
  },
  carried_over: { key: "carried_over", rule: "S-N-CO", cells: ["t3.carried_over.total"], accepted: single("t3.carried_over.total") },
  handled_total: { key: "handled_total", rule: "S-N-DONE", cells: ["t3.handled_total.total"], accepted: single("t3.handled_total.total") },
  carried_forward: { key: "carried_forward", rule: "S-N-CF", cells: ["t3.carried_forward.total"], accepted: single("t3.carried_forward.total") },
  review_total: { key: "review_total", rule: "S-N-REV", cells: ["t4.review.total"], accepted: single("t4.review.total") },
  litigation_total: {
    key: "litigation_total",
    rule: "S-N-LIT",
    cells: ["t4.lit_direct.total", "t4.lit_after_review.total"],
    accepted: (get) => {
      const a = get("t4.lit_direct.total");
      const b = get("t4.lit_after_review.total");
      return a === null || b === null ? null : [a + b];
    },
  },
};

export interface NarrativeCheck {
  key: NarrativeKey;
  stated: number;
  /** Accepted table readings; null when the table cannot say. */
  accepted: number[] | null;
  /** null when not assessable. */
  ok: boolean | null;
}

export function checkNarrative(
  resolved: ResolvedReport,
  narrative: ValidationInput["narrative"],
  override?: Readonly<Record<string, number>>,
): NarrativeCheck[] {
  if (!narrative) return [];
  const get = (k: string) => resolved.effective(k, override);
  const out: NarrativeCheck[] = [];
  for (const key of NARRATIVE_KEYS) {
    const stated = narrative[key];
    if (stated === undefined) continue;
    const accepted = NARRATIVE_SPECS[key].accepted(get);
    out.push({ key, stated, accepted, ok: accepted === null ? null : accepted.some((a) => Math.abs(a - stated) < 1e-9) });
  }
  return out;
}
