/** Which indicators the region dashboards show (cards, trends, mixes), shared by pages and the benchmark. */
import { T3_APPLICANT_COLS, TOPIC_KEYS } from "../catalog";
import { OUTCOME_INDICATORS } from "./outcome-mix";

export const HEADLINE_INDICATORS = ["new_received", "substantive_disclosure_rate", "refusal_rate", "review_per_100", "litigation_per_100", "combined_correction_rate"] as const;
export const TREND_INDICATORS = ["new_received", "substantive_disclosure_rate", "refusal_rate", "review_per_100"] as const;
export const APPLICANT_INDICATORS: readonly string[] = T3_APPLICANT_COLS.map((c) => `applicant_share.${c}`);

/** The application-mix indicators (mentions, counts where stated, their share of new applications). */
export const TOPIC_INDICATORS: readonly string[] = ["topic_counts_stated", ...TOPIC_KEYS.flatMap((t) => [`topic_mention.${t}`, `topic_count.${t}`, `topic_count_share.${t}`])];

/** Indicators summed per year (cards, trends, applicant and topic mix) for a selected indicator. */
export function yearIndicatorKeys(selected: string): string[] {
  return [...new Set<string>([...HEADLINE_INDICATORS, ...TREND_INDICATORS, selected, ...APPLICANT_INDICATORS, ...TOPIC_INDICATORS])];
}

/** Indicators summed per child region (outcome mix, ranking). */
export function childIndicatorKeys(selected: string): string[] {
  return [...new Set<string>([selected, ...Object.values(OUTCOME_INDICATORS)])];
}

/** Indicators of the agency page (trends, outcome and applicant mix). */
export function agencyIndicatorKeys(selected: string): string[] {
  return [...new Set<string>([selected, ...TREND_INDICATORS, ...Object.values(OUTCOME_INDICATORS), ...APPLICANT_INDICATORS])];
}
