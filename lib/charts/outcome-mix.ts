/** Stacked outcome bars by region: each bar is 100% of the region's handled applications. */
import type { Lang } from "../i18n";
import { formatInteger } from "../indicators/format";
import { baseOption, colon, escapeHtml, formulaLine, paren, percentText, tooltipShell } from "./base";
import { cm } from "./messages";
import type { BarSeriesOption, ChartOption } from "./types";

export const OUTCOME_PARTS = ["granted", "partial", "denied", "unable", "not_processed", "other"] as const;
export type OutcomePart = (typeof OUTCOME_PARTS)[number];

/** The indicator whose numerator each part is (denominator: handled_total). */
export const OUTCOME_INDICATORS: Readonly<Record<OutcomePart, string>> = {
  granted: "granted_rate",
  partial: "partial_rate",
  denied: "refusal_rate",
  unable: "unable_rate",
  not_processed: "not_processed_rate",
  other: "other_rate",
};

/**
 * Outcome colours by meaning: disclosure in blues, refusal in amber, and the outcomes that are no
 * decision on the content (unable to provide, not processed, other) in quiet greys — "unable to
 * provide" is usually "not held", not a refusal, and must not read as an alarm.
 */
export const OUTCOME_COLORS = ["#1f4e8c", "#6f9fd0", "#c8841b", "#8a93a1", "#b5a58a", "#cfd4db"] as const satisfies readonly string[] & { length: (typeof OUTCOME_PARTS)["length"] };

export interface OutcomeCategory {
  label: string;
  /** Region code or agency code (exports). */
  code?: string;
  /** The report year of the category (exports). */
  year?: number;
  href?: string;
  /** Total handled (the denominator); null or 0 gives "—" shares. */
  handled: number | null;
  parts: Readonly<Record<OutcomePart, number | null>>;
  /** Parts computed from a report with a figure corrected by hand (server-side, lib/charts/hand-corrected.ts). */
  handCorrected?: Partial<Record<OutcomePart, boolean>>;
}

export interface OutcomeMixInput {
  lang: Lang;
  categories: OutcomeCategory[];
}

export function outcomeShare(c: OutcomeCategory, part: OutcomePart): number | null {
  const n = c.parts[part];
  if (n === null || c.handled === null || c.handled === 0) return null;
  return n / c.handled;
}

export function buildOutcomeMixOption(input: OutcomeMixInput): ChartOption {
  const { lang, categories } = input;
  const series: BarSeriesOption[] = OUTCOME_PARTS.map((part) => ({
    type: "bar",
    name: cm(lang, `outcome.${part}`),
    stack: "outcome",
    barMaxWidth: 28,
    data: categories.map((c) => {
      const s = outcomeShare(c, part);
      return s === null ? null : Math.round(s * 10000) / 100;
    }),
  }));
  return {
    ...baseOption(),
    color: [...OUTCOME_COLORS],
    grid: { left: 8, right: 24, top: 48, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    legend: { top: 0, type: "scroll" },
    tooltip: {
      ...tooltipShell(),
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { dataIndex: number; seriesIndex: number; marker?: string }[]) : [];
        const c = categories[list[0]?.dataIndex ?? 0];
        if (!c) return "";
        const lines = list.map((p) => {
          const part = OUTCOME_PARTS[p.seriesIndex];
          if (!part) return "";
          return `<div>${p.marker ?? ""}${escapeHtml(cm(lang, `outcome.${part}`))}${colon(lang)}${escapeHtml(percentText(outcomeShare(c, part), lang))}${escapeHtml(paren(lang, formatInteger(c.parts[part], lang)))}</div>`;
        });
        return `<div><b>${escapeHtml(c.label)}</b> · ${escapeHtml(cm(lang, "outcome.handled"))} ${escapeHtml(formatInteger(c.handled, lang))}</div>${lines.join("")}${formulaLine(cm(lang, "outcome.formula"), lang)}`;
      },
    },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: categories.map((c) => c.label), inverse: true, axisLabel: { width: 180, overflow: "break", lineHeight: 12, interval: 0 } },
    series,
  };
}
