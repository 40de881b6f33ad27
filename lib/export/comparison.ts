/**
 * A comparison as plain data: agencies × years × indicators, each value computed by
 * lib/indicators computeIndicator on one current published report (never an average of rates),
 * plus the median of the compared agencies per year. The query (db/queries/compare) loads the rows;
 * this pure part does the arithmetic, so it is tested without a database.
 */
import type { FormatVersion, ReportScope } from "../catalog";
import { computeIndicator, getIndicator, isImpossibleValue, peerStats, type IndicatorNullReason, type IndicatorReport } from "../indicators";
import type { CompareParams } from "./compare-params";
import { readsCorrectedCell } from "../charts/hand-corrected";

export interface CompareAgency {
  id: string;
  name: string;
  /** The agency's region code (for a government, its own admin code: 520281 = 盘州市人民政府). */
  adminCode: string | null;
  kind: string;
  level: string;
  deptType: string | null;
}

export interface CompareGroup {
  key: string;
  label: { zh: string; en: string };
  /** Agencies the group brought in (before removing duplicates of other selections). */
  memberIds: string[];
}

/** One agency's figures for one year: the report a value came from. */
export interface CompareReportRow {
  agencyId: string;
  reportId: string;
  year: number;
  scope: ReportScope;
  formatVersion: FormatVersion | null;
  /** Cell values by catalog key (only the cells the indicators need). */
  cells: Record<string, number | null>;
  /** Error findings of the report (the validator's hard rules, as counted on the dashboards): its figures are marked. */
  errorFindings: number;
  /** Cells of the report entered by hand (reports.corrections): figures computed from them are marked. */
  correctedCells?: readonly string[];
}

/** no_report: no current published report that year · excluded_errors: left out by flagged=exclude. */
export type CompareNullReason = IndicatorNullReason | "no_report" | "excluded_errors";

export { isImpossibleValue } from "../indicators";

export interface CompareValue {
  agencyId: string;
  year: number;
  indicatorKey: string;
  reportId: string | null;
  /** As lib/indicators gives it: rates as fractions (0.125 = 12.5%). */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  smallSample: boolean;
  reason?: CompareNullReason;
  /** The report is a region-wide aggregate (汇总全市): not like-for-like with self reports. */
  regionAggregate: boolean;
  formatVersion: FormatVersion | null;
  /** The report has error findings: the figure is marked wherever it is shown or exported. */
  reportErrors: boolean;
  /** A cell this value is computed from was corrected by hand: marked in every table and export. */
  handCorrected: boolean;
  /** The value is impossible (isImpossibleValue): flagged, left out of medians and rank order. */
  impossible: boolean;
}

export interface CompareMedian {
  indicatorKey: string;
  year: number;
  /** Median of the compared agencies' values (self-scope reports, possible values that exist). */
  median: number | null;
  p25: number | null;
  p75: number | null;
  n: number;
}

export interface Comparison {
  params: CompareParams;
  years: number[];
  agencies: CompareAgency[];
  groups: CompareGroup[];
  values: CompareValue[];
  medians: CompareMedian[];
}

/** The indicator's value for this report reads a cell that was corrected by hand. */
function usesCorrectedCell(def: ReturnType<typeof getIndicator>, row: CompareReportRow): boolean {
  return readsCorrectedCell(def, { formatVersion: row.formatVersion ?? null, cells: row.correctedCells ?? [] });
}

/** Every cell key the indicators read (numerators, subtractions, denominators). */
export function neededCellKeys(indicatorKeys: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const k of indicatorKeys) {
    const def = getIndicator(k);
    for (const f of def.formats) {
      const t = def.terms[f];
      if (!t) continue;
      for (const c of [...t.numerator, ...(t.numeratorMinus ?? []), ...(t.denominator ?? [])]) keys.add(c);
    }
  }
  return [...keys].sort();
}

/** Some indicator compares with the previous year's report (YoY growth, repeal intensity). */
export function needsPreviousYear(indicatorKeys: readonly string[]): boolean {
  return indicatorKeys.some((k) => {
    const def = getIndicator(k);
    return def.formats.some((f) => def.terms[f]?.denominatorFromPreviousYear);
  });
}

export interface ComputeComparisonInput {
  params: CompareParams;
  years: number[];
  agencies: CompareAgency[];
  groups: CompareGroup[];
  /** Current published reports of these agencies for `years` (and the year before, when needed). */
  reports: CompareReportRow[];
}

export function computeComparison(input: ComputeComparisonInput): Comparison {
  const byAgencyYear = new Map<string, CompareReportRow>();
  for (const r of input.reports) byAgencyYear.set(`${r.agencyId}|${r.year}`, r);

  const values: CompareValue[] = [];
  const medians: CompareMedian[] = [];
  for (const key of input.params.indicators) {
    const def = getIndicator(key);
    for (const year of input.years) {
      const peerValues: (number | null)[] = [];
      for (const agency of input.agencies) {
        const row = byAgencyYear.get(`${agency.id}|${year}`);
        if (!row) {
          values.push({
            agencyId: agency.id,
            year,
            indicatorKey: key,
            reportId: null,
            value: null,
            numerator: null,
            denominator: null,
            smallSample: false,
            reason: "no_report",
            regionAggregate: false,
            formatVersion: null,
            reportErrors: false,
            handCorrected: false,
            impossible: false,
          });
          continue;
        }
        const prev = byAgencyYear.get(`${agency.id}|${year - 1}`);
        const report: IndicatorReport = {
          id: row.reportId,
          formatVersion: row.formatVersion,
          scope: row.scope,
          year,
          cells: row.cells,
          previous: prev ? { id: prev.reportId, formatVersion: prev.formatVersion, scope: prev.scope, year: prev.year, cells: prev.cells } : null,
        };
        const r = computeIndicator(def, report);
        const regionAggregate = row.scope === "region_aggregate";
        const reportErrors = row.errorFindings > 0;
        const handCorrected = usesCorrectedCell(def, row);
        if (reportErrors && input.params.excludeFlagged) {
          values.push({
            agencyId: agency.id,
            year,
            indicatorKey: key,
            reportId: row.reportId,
            value: null,
            numerator: null,
            denominator: null,
            smallSample: false,
            reason: "excluded_errors",
            regionAggregate,
            formatVersion: row.formatVersion,
            reportErrors,
            handCorrected,
            impossible: false,
          });
          continue;
        }
        const impossible = isImpossibleValue(def, r.value);
        values.push({
          agencyId: agency.id,
          year,
          indicatorKey: key,
          reportId: row.reportId,
          value: r.value,
          numerator: r.numerator,
          denominator: r.denominator,
          smallSample: r.smallSample,
          ...(r.reason ? { reason: r.reason } : {}),
          regionAggregate,
          formatVersion: row.formatVersion,
          reportErrors,
          handCorrected,
          impossible,
        });
        if (!regionAggregate && !impossible) peerValues.push(r.value);
      }
      const stats = peerStats(peerValues);
      medians.push({ indicatorKey: key, year, median: stats.median, p25: stats.p25, p75: stats.p75, n: stats.n });
    }
  }
  return { params: input.params, years: input.years, agencies: input.agencies, groups: input.groups, values, medians };
}
