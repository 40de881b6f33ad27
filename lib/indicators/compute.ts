/**
 * Pure computation of the indicators in definitions.ts: one report, a group of reports (sums of
 * numerators and denominators, never means of rates), peer distributions, and year-on-year change.
 */
import { z } from "zod";
import { FORMAT_VERSIONS, REPORT_SCOPES, type FormatVersion, type Label } from "../catalog";
import type { Lang } from "../i18n";
import { INDICATORS, type IndicatorDef, type IndicatorKind, type IndicatorTerms } from "./definitions";

// ───────────────────────────── input ─────────────────────────────

const reportFiguresSchema = z.object({
  /** Report id, carried into aggregate results so every number traces back to its reports. */
  id: z.string().optional(),
  /** Null when the format was not detected: no indicator is computed. */
  formatVersion: z.enum(FORMAT_VERSIONS).nullable(),
  scope: z.enum(REPORT_SCOPES),
  year: z.number().int(),
  /** Read and derived cells by catalog key (as stored); null or absent = no number. */
  cells: z.record(z.string(), z.number().nullable()),
});

/**
 * One report's figures. `previous` is the same agency's report for year − 1, needed only by
 * previous-year indicators (yoy_new_received, repeal_intensity).
 */
export const indicatorReportSchema = reportFiguresSchema.extend({
  previous: reportFiguresSchema.nullable().optional(),
});
export type IndicatorReport = z.infer<typeof indicatorReportSchema>;
export type IndicatorReportFigures = z.infer<typeof reportFiguresSchema>;

/**
 * Stored cell values (integers as numbers, money as decimal strings, as report_figures returns
 * them) to the numbers indicators read. Anything that is not a finite number becomes null.
 */
export function toIndicatorCells(cells: Readonly<Record<string, number | string | null | undefined>>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(cells)) {
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) out[k] = null;
    else {
      const n = typeof v === "number" ? v : Number(v);
      out[k] = Number.isFinite(n) ? n : null;
    }
  }
  return out;
}

// ───────────────────────────── one report ─────────────────────────────

/**
 * zero_denominator: the denominator sums to 0 ("—", never 0% or 100%) · missing_cells: a cell is
 * null or absent · not_in_format: the indicator is not defined for the report's format (or its
 * previous-year report's) · missing_previous: no comparable report for year − 1 · no_reports: an
 * aggregate with no report left to sum.
 */
export const INDICATOR_NULL_REASONS = ["zero_denominator", "missing_cells", "not_in_format", "missing_previous", "no_reports"] as const;
export type IndicatorNullReason = (typeof INDICATOR_NULL_REASONS)[number];

export interface IndicatorResult {
  key: string;
  /** Rates and growth as fractions (0.125 = 12.5%), per100 already × 100; null with a reason. */
  value: number | null;
  /** Sum of the numerator cells (net of numeratorMinus); null when it cannot be summed. */
  numerator: number | null;
  /** Sum of the denominator cells; null for counts and amounts, or when it cannot be summed. */
  denominator: number | null;
  /** Denominator below the indicator's minDenominator (including 0). */
  smallSample: boolean;
  reason?: IndicatorNullReason;
  /** Null or absent cells of this report (reason missing_cells). */
  missingCells?: string[];
  /** Null or absent cells of the previous-year report. */
  missingPreviousCells?: string[];
}

type EvalFailure = "missing_cells" | "not_in_format" | "missing_previous";

type Evaluated =
  | { ok: true; numerator: number; denominator: number | null; format: FormatVersion }
  | { ok: false; reason: EvalFailure; numerator: number | null; denominator: number | null; missingCells?: string[]; missingPreviousCells?: string[] };

function sumCells(cells: Readonly<Record<string, number | null | undefined>>, keys: readonly string[]): { sum: number; missing: string[] } {
  let sum = 0;
  const missing: string[] = [];
  for (const k of keys) {
    const v = cells[k];
    if (v === null || v === undefined || !Number.isFinite(v)) missing.push(k);
    else sum += v;
  }
  return { sum, missing };
}

function termsFor(def: IndicatorDef, format: FormatVersion | null): IndicatorTerms | undefined {
  return format === null ? undefined : def.terms[format];
}

/** A usable previous-year report: the year before, same scope. */
function previousOf(report: IndicatorReport): IndicatorReportFigures | null {
  const p = report.previous;
  return p && p.year === report.year - 1 && p.scope === report.scope ? p : null;
}

function evaluate(def: IndicatorDef, report: IndicatorReport): Evaluated {
  const terms = termsFor(def, report.formatVersion);
  if (!terms || report.formatVersion === null) return { ok: false, reason: "not_in_format", numerator: null, denominator: null };

  const num = sumCells(report.cells, terms.numerator);
  const minus = sumCells(report.cells, terms.numeratorMinus ?? []);
  const numMissing = [...num.missing, ...minus.missing];
  const numerator = numMissing.length === 0 ? num.sum - minus.sum : null;

  let denominator: number | null = null;
  let denMissing: string[] = [];
  let prevMissing: string[] = [];
  if (terms.denominator) {
    if (terms.denominatorFromPreviousYear) {
      const prev = previousOf(report);
      if (!prev) return { ok: false, reason: "missing_previous", numerator, denominator: null };
      const prevTerms = termsFor(def, prev.formatVersion);
      if (!prevTerms?.denominator) return { ok: false, reason: "not_in_format", numerator, denominator: null };
      const d = sumCells(prev.cells, prevTerms.denominator);
      prevMissing = d.missing;
      denominator = d.missing.length === 0 ? d.sum : null;
    } else {
      const d = sumCells(report.cells, terms.denominator);
      denMissing = d.missing;
      denominator = d.missing.length === 0 ? d.sum : null;
    }
  }

  const missing = [...numMissing, ...denMissing];
  if (missing.length > 0 || prevMissing.length > 0) {
    return {
      ok: false,
      reason: "missing_cells",
      numerator,
      denominator,
      ...(missing.length > 0 ? { missingCells: missing } : {}),
      ...(prevMissing.length > 0 ? { missingPreviousCells: prevMissing } : {}),
    };
  }
  return { ok: true, numerator: numerator ?? 0, denominator, format: report.formatVersion };
}

/** The value from (summed) numerator and denominator; null for a zero denominator. */
function valueFrom(kind: IndicatorKind, numerator: number, denominator: number | null): number | null {
  if (kind === "count" || kind === "amount") return numerator;
  if (denominator === null || denominator === 0) return null;
  switch (kind) {
    case "rate":
    case "ratio":
      return numerator / denominator;
    case "per100":
      // (100·n)/d rather than 100·(n/d): equal fractions give bit-identical values, so peers tie.
      return (100 * numerator) / denominator;
    case "growth":
      return numerator / denominator - 1;
  }
}

function isSmall(def: IndicatorDef, denominator: number | null): boolean {
  return def.minDenominator !== null && denominator !== null && denominator < def.minDenominator;
}

function resultFrom(def: IndicatorDef, numerator: number, denominator: number | null): IndicatorResult {
  const value = valueFrom(def.kind, numerator, denominator);
  return {
    key: def.key,
    value,
    numerator,
    denominator,
    smallSample: isSmall(def, denominator),
    ...(value === null ? { reason: "zero_denominator" as const } : {}),
  };
}

/** One indicator for one report. */
export function computeIndicator(def: IndicatorDef, report: IndicatorReport): IndicatorResult {
  const e = evaluate(def, report);
  if (e.ok) return resultFrom(def, e.numerator, e.denominator);
  return {
    key: def.key,
    value: null,
    numerator: e.numerator,
    denominator: e.denominator,
    smallSample: isSmall(def, e.denominator),
    reason: e.reason,
    ...(e.missingCells ? { missingCells: e.missingCells } : {}),
    ...(e.missingPreviousCells ? { missingPreviousCells: e.missingPreviousCells } : {}),
  };
}

/** Every indicator (or the given ones) for one report, by key. */
export function computeIndicators(report: IndicatorReport, defs: readonly IndicatorDef[] = INDICATORS): Record<string, IndicatorResult> {
  const out: Record<string, IndicatorResult> = {};
  for (const def of defs) out[def.key] = computeIndicator(def, report);
  return out;
}

// ───────────────────────────── groups ─────────────────────────────

export interface AggregateExclusions {
  /** 汇总全市-type reports: their figures already contain their constituents'. */
  regionAggregate: number;
  /** Scope not determined: could be an aggregate, so not summed. */
  unknownScope: number;
  notInFormat: number;
  missingCells: number;
  missingPrevious: number;
}

export interface AggregateResult extends IndicatorResult {
  /** Reports summed. */
  reports: number;
  excluded: AggregateExclusions;
  excludedTotal: number;
  /** Excluded reports that carry an id, with why. */
  excludedReports: { id: string; reason: keyof AggregateExclusions }[];
  /** Ids of the summed reports that carry one. */
  includedIds: string[];
  /** Format versions among the summed reports. */
  formats: FormatVersion[];
  /** The indicator is formatSensitive and the summed reports span both formats. */
  formatsMixed: boolean;
  /** Distinct report years among the summed reports, ascending. */
  years: number[];
}

const EXCLUSION_BY_REASON: Record<EvalFailure, keyof AggregateExclusions> = {
  missing_cells: "missingCells",
  not_in_format: "notInFormat",
  missing_previous: "missingPrevious",
};

/**
 * One indicator over a group of reports: sums numerators and denominators of the reports of scope
 * "self" that can be evaluated, then divides once. Region aggregates and unknown-scope reports are
 * never summed; reports with missing cells are left out whole (both numerator and denominator).
 * A member with a zero denominator still contributes its numerator.
 */
export function aggregateIndicator(def: IndicatorDef, reports: readonly IndicatorReport[]): AggregateResult {
  const excluded: AggregateExclusions = { regionAggregate: 0, unknownScope: 0, notInFormat: 0, missingCells: 0, missingPrevious: 0 };
  const excludedReports: AggregateResult["excludedReports"] = [];
  const includedIds: string[] = [];
  const formats = new Set<FormatVersion>();
  const years = new Set<number>();
  let numerator = 0;
  let denominator: number | null = null;
  let count = 0;

  const exclude = (r: IndicatorReport, reason: keyof AggregateExclusions) => {
    excluded[reason] += 1;
    if (r.id !== undefined) excludedReports.push({ id: r.id, reason });
  };

  for (const r of reports) {
    if (r.scope === "region_aggregate") {
      exclude(r, "regionAggregate");
      continue;
    }
    if (r.scope !== "self") {
      exclude(r, "unknownScope");
      continue;
    }
    const e = evaluate(def, r);
    if (!e.ok) {
      exclude(r, EXCLUSION_BY_REASON[e.reason]);
      continue;
    }
    numerator += e.numerator;
    if (e.denominator !== null) denominator = (denominator ?? 0) + e.denominator;
    count += 1;
    formats.add(e.format);
    years.add(r.year);
    if (r.id !== undefined) includedIds.push(r.id);
  }

  const excludedTotal = excluded.regionAggregate + excluded.unknownScope + excluded.notInFormat + excluded.missingCells + excluded.missingPrevious;
  const fmts = FORMAT_VERSIONS.filter((f) => formats.has(f));
  const base = {
    reports: count,
    excluded,
    excludedTotal,
    excludedReports,
    includedIds,
    formats: fmts,
    formatsMixed: def.formatSensitive && fmts.length > 1,
    years: [...years].sort((a, b) => a - b),
  };
  if (count === 0) {
    return { key: def.key, value: null, numerator: null, denominator: null, smallSample: false, reason: "no_reports", ...base };
  }
  return { ...resultFrom(def, numerator, denominator), ...base };
}

// ───────────────────────────── peers ─────────────────────────────

export interface PeerStats {
  /** Values counted (finite numbers; nulls dropped). */
  n: number;
  min: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  max: number | null;
}

function finiteValues(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

/** The p-quantile (0 ≤ p ≤ 1) of ascending values by linear interpolation between order statistics (type 7, as Excel PERCENTILE.INC). */
export function percentile(sortedAsc: readonly number[], p: number): number | null {
  const n = sortedAsc.length;
  if (n === 0) return null;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const a = sortedAsc[lo] ?? 0;
  const b = sortedAsc[Math.min(lo + 1, n - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/** Distribution of a peer group's values; nulls (not computable) are excluded. */
export function peerStats(values: readonly (number | null | undefined)[]): PeerStats {
  const s = finiteValues(values).sort((a, b) => a - b);
  return {
    n: s.length,
    min: s[0] ?? null,
    p25: percentile(s, 0.25),
    median: percentile(s, 0.5),
    p75: percentile(s, 0.75),
    max: s[s.length - 1] ?? null,
  };
}

/**
 * Share of peers strictly below `value`, plus half the peers equal to it (mid-rank), in [0, 1];
 * null when `value` is null or no peer has a value. If the subject itself is in `peers`, it counts
 * as one tie; pass peers without the subject for "higher than X% of the others".
 */
export function percentileRank(value: number | null, peers: readonly (number | null | undefined)[]): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const v = finiteValues(peers);
  if (v.length === 0) return null;
  let below = 0;
  let ties = 0;
  for (const x of v) {
    if (x < value) below += 1;
    else if (x === value) ties += 1;
  }
  return (below + ties / 2) / v.length;
}

const REASON_TEXT: Record<IndicatorNullReason, Label> = {
  zero_denominator: { zh: "分母为零", en: "zero denominator" },
  missing_cells: { zh: "缺少数据", en: "figures missing" },
  not_in_format: { zh: "该格式报告无此项", en: "not in this report format" },
  missing_previous: { zh: "缺少上一年度报告", en: "no previous-year report" },
  no_reports: { zh: "无可汇总的报告", en: "no reports to sum" },
};

/** Floor, so a share is never overstated ("higher than 99%" for 99.6%); the epsilon absorbs 0.29·100 = 28.999…. */
function pctFloor(share: number): number {
  return Math.floor(share * 100 + 1e-9);
}

/**
 * One sentence placing a value among its peers: "不予公开率高于 70% 的县级自然资源局（同类共 10 个）" /
 * "Refusal share higher than 70% of county 自然资源局 (10 peers)", with a small-sample caveat.
 * `peers` are the other members' values (see percentileRank). Pass the subject's IndicatorResult
 * to get the caveat; a bare number is described without one.
 */
/**
 * A value no correct report can give: a share above 100 % (办结率 34 of 33) or a negative value of
 * an indicator that cannot be negative. Flagged wherever it is shown, never ranked or compared.
 */
export function isImpossibleValue(def: IndicatorDef, value: number | null): boolean {
  if (value === null) return false;
  if (def.kind === "rate" && value > 1 + 1e-9) return true;
  return !def.signed && value < 0;
}

/**
 * Where a value falls among peer values, with the peers' distribution: all describePosition
 * needs. Computed here from the values (peerPosition), or by the database from a stored
 * distribution without reading every peer (db/queries/dashboard/get-peer-comparison.ts).
 */
export interface PeerPosition extends PeerStats {
  /** The value placed; null places nothing (below and equal are then null too). */
  value: number | null;
  /** Peers strictly below `value`, and equal to it. */
  below: number | null;
  equal: number | null;
}

/** `value` among `peers` (nulls dropped), counted as percentileRank counts. */
export function peerPosition(value: number | null, peers: readonly (number | null | undefined)[]): PeerPosition {
  const v = finiteValues(peers);
  const stats = peerStats(v);
  if (value === null || !Number.isFinite(value)) return { ...stats, value, below: null, equal: null };
  let below = 0;
  let equal = 0;
  for (const x of v) {
    if (x < value) below += 1;
    else if (x === value) equal += 1;
  }
  return { ...stats, value, below, equal };
}

/** percentileRank from counts: (below + equal / 2) / n, the same arithmetic. */
export function positionRank(p: Pick<PeerPosition, "n" | "below" | "equal">): number | null {
  if (p.below === null || p.equal === null || p.n === 0) return null;
  return (p.below + p.equal / 2) / p.n;
}

function isPeerPosition(x: unknown): x is PeerPosition {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "below" in x;
}

export function describePosition(
  def: IndicatorDef,
  subjectOrValue: number | null | Pick<IndicatorResult, "value" | "smallSample" | "denominator" | "reason">,
  /** The other members' values, or where the subject's value falls among them (its `value` must be the subject's). */
  peers: readonly (number | null | undefined)[] | PeerPosition,
  peerGroupLabel: string | Label,
  lang: Lang,
): string {
  // A bare number carries no denominator, so it gets no small-sample caveat.
  const subject = typeof subjectOrValue === "object" && subjectOrValue !== null ? subjectOrValue : { value: subjectOrValue, smallSample: false, denominator: null };
  const label = def.label[lang];
  const group = typeof peerGroupLabel === "string" ? peerGroupLabel : peerGroupLabel[lang];
  if (subject.value === null) {
    const why = REASON_TEXT[subject.reason ?? "missing_cells"][lang];
    return lang === "zh" ? `${label}无法计算（${why}）` : `${label}: not available (${why})`;
  }
  if (isImpossibleValue(def, subject.value)) {
    const shown = def.kind === "rate" ? `${(subject.value * 100).toFixed(1)}%` : String(subject.value);
    return lang === "zh"
      ? `${label}为 ${shown}，超出可能的范围（比率不能超过 100%），该年报数字有误，不参与比较`
      : `${label} is ${shown}, outside the possible range (a share cannot exceed 100 %): the report's figures are wrong; not compared`;
  }
  const stats = isPeerPosition(peers) ? peers : peerPosition(subject.value, peers);
  if (!Object.is(stats.value, subject.value) && stats.value !== subject.value) throw new Error(`describePosition: the position places ${stats.value}, not the subject's ${subject.value}`);
  const n = stats.n;
  const rank = positionRank(stats);
  if (rank === null) return lang === "zh" ? `暂无可比较的${group}` : `No ${group} to compare with`;
  const v = subject.value;

  let main: string;
  // Ties are said as ties: "与 P25 持平", not "低于 75%" for a value equal to a quartile.
  if (stats.equal === n) main = lang === "zh" ? `${label}与全部${group}持平` : `${label} level with all ${group}`;
  else if (rank === 1) main = lang === "zh" ? `${label}高于全部${group}` : `${label} higher than all ${group}`;
  else if (rank === 0) main = lang === "zh" ? `${label}低于全部${group}` : `${label} lower than all ${group}`;
  else if (rank === 0.5) main = lang === "zh" ? `${label}处于${group}的中位` : `${label} at the median of ${group}`;
  else if (v === stats.median) main = lang === "zh" ? `${label}与${group}中位数持平` : `${label} level with the median of ${group}`;
  else if (v === stats.p25) main = lang === "zh" ? `${label}与${group}的 P25 持平` : `${label} level with the P25 of ${group}`;
  else if (v === stats.p75) main = lang === "zh" ? `${label}与${group}的 P75 持平` : `${label} level with the P75 of ${group}`;
  else if (rank > 0.5) main = lang === "zh" ? `${label}高于 ${pctFloor(rank)}% 的${group}` : `${label} higher than ${pctFloor(rank)}% of ${group}`;
  else main = lang === "zh" ? `${label}低于 ${pctFloor(1 - rank)}% 的${group}` : `${label} lower than ${pctFloor(1 - rank)}% of ${group}`;

  const count = lang === "zh" ? `（同类共 ${n} 个）` : ` (${n} ${n === 1 ? "peer" : "peers"})`;
  let caveat = "";
  if (subject.smallSample) {
    const d = subject.denominator ?? 0;
    caveat =
      lang === "zh"
        ? `；样本较小（分母仅 ${d}，不足 ${def.minDenominator ?? 0}），仅供参考`
        : `; small sample (denominator ${d}, under ${def.minDenominator ?? 0}), indicative only`;
  }
  return `${main}${count}${caveat}`;
}

// ───────────────────────────── year on year ─────────────────────────────

export interface YoyChange {
  /** cur − prev (for rates: the change in fraction points, 0.02 = 2 percentage points). */
  abs: number | null;
  /** (cur − prev) ÷ |prev|; null when prev is 0 or either side is null. */
  rel: number | null;
}

export function yoyChange(cur: number | null | undefined, prev: number | null | undefined): YoyChange {
  if (cur == null || prev == null || !Number.isFinite(cur) || !Number.isFinite(prev)) return { abs: null, rel: null };
  const abs = cur - prev;
  return { abs, rel: prev === 0 ? null : abs / Math.abs(prev) };
}
