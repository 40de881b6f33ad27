/**
 * Which dashboard values are computed from a figure corrected by hand. A value is marked (✎ in
 * the chart's data table, 含手工更正数字 in its CSV/XLSX) when a report summed into it — current,
 * scope "self", in the value's group — has a corrected cell among those the indicator reads for
 * the report's format. The corrected reports come from the server (db/queries/dashboard/
 * list-hand-corrected.ts); the chart builders match them to their groups here, on the server.
 */
import type { FormatVersion } from "../catalog/formats";
import { getIndicator, type IndicatorDef } from "../indicators/definitions";
import { adminCodeLevel } from "../regions/levels";
import type { DashboardValue } from "./sums";

/** A current report with hand-corrected cells. Plain data. */
export interface CorrectedReport {
  reportId: string;
  agencyId: string;
  year: number;
  scope: string;
  /** The report's leaf region (report_figures.region_code); "" when unknown. */
  regionCode: string;
  formatVersion: FormatVersion | null;
  /** Catalog keys of the corrected cells ("t3.new_received.total"). */
  cells: readonly string[];
}

/** The cells an indicator reads for a format: numerator, subtracted terms and denominator. */
function termCells(def: IndicatorDef, format: FormatVersion): string[] {
  const t = def.terms[format];
  if (!t) return [];
  return [...t.numerator, ...(t.numeratorMinus ?? []), ...(t.denominator ?? [])];
}

/** The indicator's value for this report reads a cell that was corrected by hand. */
export function readsCorrectedCell(defOrKey: IndicatorDef | string, r: Pick<CorrectedReport, "formatVersion" | "cells">): boolean {
  if (!r.cells.length || !r.formatVersion) return false;
  const def = typeof defOrKey === "string" ? getIndicator(defOrKey) : defOrKey;
  const corrected = new Set(r.cells);
  return termCells(def, r.formatVersion).some((c) => corrected.has(c));
}

/** The child-region key of a leaf region under `rootCode`, as db/queries/dashboard/_sql.ts childRegionKey. */
export function childRegionKeyOf(rootCode: string, regionCode: string): string {
  switch (adminCodeLevel(rootCode)) {
    case "province":
      return `${regionCode.slice(0, 4)}00`;
    case "prefecture":
      return regionCode.slice(0, 6);
    default:
      return regionCode;
  }
}

/** Some report of the group (those `inGroup` accepts) summed into the indicator's value has a corrected cell it reads. */
export function groupHandCorrected(reports: readonly CorrectedReport[], indicatorKey: string, inGroup: (r: CorrectedReport) => boolean): boolean {
  return reports.some((r) => r.scope === "self" && inGroup(r) && readsCorrectedCell(indicatorKey, r));
}

/** The value with its mark; an empty value (no reports summed) is never marked. */
export function withHandCorrected(v: DashboardValue, corrected: boolean): DashboardValue {
  return corrected && v.reports > 0 ? { ...v, handCorrected: true } : v;
}

/** Grouping helpers for the region dashboards: by year, by child region of a year. */
export function byYear(year: number) {
  return (r: CorrectedReport) => r.year === year;
}
export function byChildRegion(rootCode: string, childKey: string, year: number) {
  return (r: CorrectedReport) => r.year === year && r.regionCode !== "" && childRegionKeyOf(rootCode, r.regionCode) === childKey;
}
