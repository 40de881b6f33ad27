/**
 * Indicator values from sums computed in SQL (db/queries/dashboard): the same arithmetic as
 * lib/indicators aggregateIndicator — summed numerators over summed denominators, a zero
 * denominator gives null ("—"), a denominator under minDenominator is a small sample — for groups
 * whose sums come from the database instead of report rows in memory.
 */
import type { FormatVersion } from "../catalog";
import { getIndicator, type IndicatorDef } from "../indicators/definitions";
import type { IndicatorNullReason } from "../indicators/compute";

/** Sums over the reports of one group (year, region, agency) that can be evaluated for an indicator. */
export interface IndicatorSums {
  numerator: number | null;
  denominator: number | null;
  /** Reports summed (scope self, format defined, every cell present), by format. */
  byFormat: Readonly<Record<FormatVersion, number>>;
}

/** One indicator's value for a group, with what it was computed from. Plain data: safe to pass to client leaves. */
export interface DashboardValue {
  key: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Reports summed. */
  reports: number;
  smallSample: boolean;
  /** Both formats among the summed reports and the indicator is format-sensitive. */
  formatsMixed: boolean;
  formats: FormatVersion[];
  reason?: IndicatorNullReason;
  /** Computed from a report with a figure corrected by hand (lib/charts/hand-corrected.ts): ✎ in tables, a column in exports. */
  handCorrected?: boolean;
}

export const EMPTY_SUMS: IndicatorSums = { numerator: null, denominator: null, byFormat: { "2019": 0, "2021": 0 } };

export function resultFromSums(defOrKey: IndicatorDef | string, sums: IndicatorSums = EMPTY_SUMS): DashboardValue {
  const def = typeof defOrKey === "string" ? getIndicator(defOrKey) : defOrKey;
  const formats = (["2019", "2021"] as const).filter((f) => sums.byFormat[f] > 0);
  const reports = sums.byFormat["2019"] + sums.byFormat["2021"];
  const base = { key: def.key, reports, formats, formatsMixed: def.formatSensitive && formats.length > 1 };
  if (reports === 0 || sums.numerator === null) {
    return { ...base, value: null, numerator: null, denominator: null, smallSample: false, reason: "no_reports" };
  }
  const numerator = sums.numerator;
  const hasDen = def.formats.some((f) => def.terms[f]?.denominator != null);
  const denominator = hasDen ? (sums.denominator ?? 0) : null;
  const value = valueOf(def, numerator, denominator);
  const smallSample = def.minDenominator !== null && denominator !== null && denominator < def.minDenominator;
  return { ...base, value, numerator, denominator, smallSample, ...(value === null ? { reason: "zero_denominator" as const } : {}) };
}

function valueOf(def: IndicatorDef, n: number, d: number | null): number | null {
  if (def.kind === "count" || def.kind === "amount") return n;
  if (d === null || d === 0) return null;
  switch (def.kind) {
    case "rate":
    case "ratio":
      return n / d;
    case "per100":
      return (100 * n) / d;
    case "growth":
      return n / d - 1;
  }
}

/** Indicators the dashboards can sum per group: those not needing the same agency's previous-year report. */
export function isGroupSummable(def: IndicatorDef): boolean {
  return def.formats.every((f) => !def.terms[f]?.denominatorFromPreviousYear);
}
