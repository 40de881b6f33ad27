/**
 * Typed parsers for the dashboards' URL filters (year, region, level, dept_type, indicator, …).
 * Anything malformed is dropped, never an error: a hand-edited URL still opens a page.
 */
import { z } from "zod";
import { isGroupSummable } from "@/lib/charts/sums";
import { INDICATOR_BY_KEY, INDICATORS } from "@/lib/indicators";
import { AGENCY_KINDS, AGENCY_LEVELS, type AgencyKind, type AgencyLevel } from "@/db/schema/agencies.constants";

export type RawSearchParams = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

const yearSchema = z.coerce.number().int().min(2000).max(2100);
const regionSchema = z.string().regex(/^[0-9]{6}([0-9]{3})?$/);

/** Indicators the dashboards can chart for a group (not those needing the previous year's report). */
export const DASHBOARD_INDICATORS = INDICATORS.filter(isGroupSummable);
export const DEFAULT_INDICATOR = "refusal_rate";
export const AGENCY_TABLE_SORTS = ["region", "name", "code", "level", "latest", "new_received", "errors"] as const;

export interface DashboardParams {
  year?: number;
  region?: string;
  level?: AgencyLevel;
  kind?: AgencyKind;
  deptType?: string;
  indicator: string;
  q?: string;
  page: number;
  /** /agencies: the column the table is sorted by, and the direction. */
  sort?: (typeof AGENCY_TABLE_SORTS)[number];
  dir?: "asc" | "desc";
  /** The overview map's view: the 88 counties instead of the 9 市州 (region-map.tsx). */
  map?: "county";
}

export function parseDashboardParams(raw: RawSearchParams): DashboardParams {
  const year = yearSchema.safeParse(one(raw.year));
  const region = regionSchema.safeParse(one(raw.region));
  const level = z.enum(AGENCY_LEVELS).safeParse(one(raw.level));
  const kind = z.enum(AGENCY_KINDS).safeParse(one(raw.kind));
  const deptType = z.string().max(40).safeParse(one(raw.dept_type));
  const q = z.string().max(60).safeParse(one(raw.q));
  const page = z.coerce.number().int().min(1).max(10_000).safeParse(one(raw.page));
  const sort = z.enum(AGENCY_TABLE_SORTS).safeParse(one(raw.sort));
  const dir = z.enum(["asc", "desc"]).safeParse(one(raw.dir));
  const ind = one(raw.indicator);
  const indicator = ind && INDICATOR_BY_KEY.has(ind) && isGroupSummable(INDICATOR_BY_KEY.get(ind)!) ? ind : DEFAULT_INDICATOR;
  return {
    ...(year.success ? { year: year.data } : {}),
    ...(region.success ? { region: region.data } : {}),
    ...(level.success ? { level: level.data } : {}),
    ...(kind.success ? { kind: kind.data } : {}),
    ...(deptType.success && deptType.data ? { deptType: deptType.data } : {}),
    ...(q.success && q.data ? { q: q.data } : {}),
    indicator,
    page: page.success ? page.data : 1,
    ...(one(raw.map) === "county" ? { map: "county" as const } : {}),
    ...(sort.success ? { sort: sort.data } : {}),
    ...(dir.success ? { dir: dir.data } : {}),
  };
}

/** The query string of a dashboard URL (only set values), for links that keep the filters. */
export function dashboardQuery(p: Partial<DashboardParams>): string {
  const s = new URLSearchParams();
  if (p.year) s.set("year", String(p.year));
  if (p.region) s.set("region", p.region);
  if (p.level) s.set("level", p.level);
  if (p.kind) s.set("kind", p.kind);
  if (p.deptType) s.set("dept_type", p.deptType);
  if (p.indicator && p.indicator !== DEFAULT_INDICATOR) s.set("indicator", p.indicator);
  if (p.q) s.set("q", p.q);
  if (p.page && p.page > 1) s.set("page", String(p.page));
  if (p.sort) s.set("sort", p.sort);
  if (p.dir) s.set("dir", p.dir);
  const str = s.toString();
  return str ? `?${str}` : "";
}
