/**
 * An agency among its peers for one indicator: per year the peers' P25 / median / P75 (percentile_cont
 * = lib/indicators peerStats' type-7 quantiles), and for the chosen year where a value falls among
 * the peers (the agency's own value, or the one asked about) plus the members when few enough to list.
 *
 * Peers: same level and dept_type for departments (县级自然资源局 with 县级自然资源局); same
 * level and kind for governments, townships and bodies without a dept_type. Self-scope current
 * reports only; the agency itself is left out. Read from the stored distributions
 * (dashboard_peer_dists: each group's distinct values with running counts, kept by the write
 * paths), so a quantile or a rank is a binary search in one row per year, not a read of every
 * peer's value (~18,000 county 自然资源局 a year at a million reports). The agency is taken out
 * by arithmetic: one value fewer, order statistics past its own shifted by one.
 * getPeerComparisonFromFigures computes the same from report_figures and is what this must equal.
 */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { and, asc, eq, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { computeIndicator, getIndicator, indicatorCells, INDICATOR_BY_KEY, peerPosition, toIndicatorCells, type PeerPosition } from "../../../lib/indicators";
import { isGroupSummable } from "../../../lib/charts/sums";
import type { Ctx } from "../../context";
import { agencies, dashboardPeerDists as pd, dashboardPeerGroups as pg, dashboardPeerValues as pv, figureColumn, reportFigures as rf, rollupColumn } from "../../schema";
import type { AgencyKind, AgencyLevel } from "../../schema/agencies.constants";
import { assertViewer, denominatorOnly, dynamicRow, numeratorOnly, valueExpr } from "./_sql";

export const getPeerComparisonInputSchema = z.object({
  agencyId: z.uuid(),
  indicatorKey: z.string().refine((k) => INDICATOR_BY_KEY.has(k) && isGroupSummable(INDICATOR_BY_KEY.get(k)!), { message: "unknown or non-summable indicator" }),
  /** The year to place the agency in; default its latest current report. */
  year: z.number().int().min(2000).max(2100).optional(),
  /** Members are listed (names, values, report ids) when the group is at most this big. */
  listUpTo: z.number().int().min(0).max(200).default(40),
  /** The value to place among the peers of `year` (a draft's); default the agency's current report's. */
  value: z.number().finite().nullable().optional(),
});
export type GetPeerComparisonInput = z.input<typeof getPeerComparisonInputSchema>;

export interface PeerGroup {
  level: AgencyLevel;
  kind: AgencyKind;
  deptType: string | null;
  /** "by dept_type" or "by kind". */
  basis: "deptType" | "kind";
}

export interface PeerYearStats {
  year: number;
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
}

export interface PeerMember {
  agencyId: string;
  name: string;
  /** The agency's region code (exports name agencies by name and code). */
  code: string | null;
  reportId: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface PeerComparison {
  group: PeerGroup;
  year: number | null;
  stats: PeerYearStats[];
  /**
   * The peers of `year` (min, quartiles, max, how many have a value) and where `value` falls
   * among them: the input's value, else the agency's own value of `year` as its profile computes
   * it (null when it has none). Null when there is no year.
   */
  position: PeerPosition | null;
  /** Listed when the group is small (≤ listUpTo members in `year`), else null. */
  members: PeerMember[] | null;
}

const toNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const figureValue = (v: unknown): number | string | null => (typeof v === "number" || typeof v === "string" ? v : null);

interface Subject {
  def: ReturnType<typeof getIndicator>;
  group: PeerGroup;
  year: number | null;
  /** The value to place: the input's, or the agency's current report's of `year`. */
  value: number | null;
}

/** The agency's peer group, the year to place it in and its value there; null for an unknown agency or bad input. */
async function subjectOf(ctx: Ctx, p: GetPeerComparisonInput): Promise<(Subject & { p: z.output<typeof getPeerComparisonInputSchema> }) | null> {
  const parsed = getPeerComparisonInputSchema.safeParse(p);
  if (!parsed.success) return null;
  const input = parsed.data;
  const def = getIndicator(input.indicatorKey);
  const cellKeys = indicatorCells(def);
  const cellFields = Object.fromEntries(cellKeys.map((k, i) => [`c${i}`, figureColumn(k)]));
  // One round trip: the agency's attributes, and its current reports' cells of this indicator.
  const [[agency], own] = await Promise.all([
    ctx.db.select({ level: agencies.level, kind: agencies.kind, deptType: agencies.deptType }).from(agencies).where(eq(agencies.id, input.agencyId)),
    ctx.db
      .select({ year: rf.year, formatVersion: rf.formatVersion, scope: rf.scope, reportId: rf.reportId, ...cellFields })
      .from(rf)
      .where(and(eq(rf.agencyId, input.agencyId), eq(rf.isCurrent, true))),
  ]);
  if (!agency) return null;
  const basis: PeerGroup["basis"] = agency.deptType && agency.kind !== "government" && agency.kind !== "township" ? "deptType" : "kind";
  const latest = own.length ? Math.max(...own.map((r) => r.year)) : null;
  const year = input.year ?? latest;
  let value: number | null = input.value ?? null;
  if (input.value === undefined && year !== null) {
    // As the agency's profile computes it (get-agency-profile.ts), so the page places the value it shows.
    const asReport = (row: (typeof own)[number]) => {
      const raw = dynamicRow(row);
      return { id: row.reportId, formatVersion: row.formatVersion, scope: row.scope, year: row.year, cells: toIndicatorCells(Object.fromEntries(cellKeys.map((k, i) => [k, figureValue(raw[`c${i}`])]))) };
    };
    const mine = own.find((r) => r.year === year);
    const before = own.find((r) => r.year === year - 1);
    if (mine) value = computeIndicator(def, { ...asReport(mine), previous: before ? asReport(before) : null }).value;
  }
  return { p: input, def, group: { ...agency, basis }, year, value };
}

/**
 * The m-th smallest (0-based) peer value of the row's distribution `d` with the agency's own
 * value `me.v` left out: past the agency's place `r.rs` the full distribution's next one. A
 * binary search over the running counts (width_bucket counts those ≤ m).
 */
function orderStat(m: SQL): SQL {
  return sql`d.vals[width_bucket((${m}) + case when me.v is not null and (${m}) >= r.rs then 1 else 0 end, d.at_most) + 1]`;
}

/** percentile_cont(p) of the peers, with PostgreSQL's arithmetic (float8_lerp: lo + (hi − lo) · t). */
function quantile(p: number): SQL {
  return sql`case when c.n = 0 then null else (
    select case when q.h = q.lo then ${orderStat(sql`q.lo`)} else ${orderStat(sql`q.lo`)} + (${orderStat(sql`q.lo + 1`)} - ${orderStat(sql`q.lo`)}) * (q.h - q.lo) end
    from (select h, floor(h)::int lo from (select ${sql.raw(String(p))}::float8 * (c.n - 1) h) h0) q
  ) end`;
}

/** How many of the full distribution `d` are ≤ x, and = x (binary search in the distinct values). */
function atMost(x: SQL): SQL {
  return sql`coalesce(d.at_most[width_bucket(${x}, d.vals)], 0)`;
}
function equalTo(x: SQL): SQL {
  return sql`case when d.vals[width_bucket(${x}, d.vals)] = ${x} then d.at_most[width_bucket(${x}, d.vals)] - coalesce(d.at_most[width_bucket(${x}, d.vals) - 1], 0) else 0 end`;
}

async function getPeerComparisonUncached({ ctx, input }: { ctx: Ctx; input: GetPeerComparisonInput }): Promise<PeerComparison | null> {
  assertViewer(ctx);
  const subject = await subjectOf(ctx, input);
  if (!subject) return null;
  const { p, def, group, year, value } = subject;
  const v = rollupColumn(def.key, "v");
  const basis = group.basis;
  const peerKey = basis === "deptType" ? group.deptType! : group.kind;
  const inGroup: SQL = and(eq(pv.level, group.level), basis === "deptType" ? eq(pv.deptType, peerKey) : eq(pv.kind, group.kind))!;
  const x = value === null ? sql`null::float8` : sql`${value}::float8`;
  // Per year with peers: the group's reports less the agency's own, the distribution less its value.
  const rows = await ctx.db.execute(sql`
    select g.year, g.reports - (me.year is not null)::int reports, c.n,
      ${quantile(0.25)} p25, ${quantile(0.5)} median, ${quantile(0.75)} p75,
      case when c.n = 0 then null else ${orderStat(sql`0`)} end min,
      case when c.n = 0 then null else ${orderStat(sql`c.n - 1`)} end max,
      ${atMost(x)} - ${equalTo(x)} - coalesce((me.v < ${x})::int, 0) below,
      ${equalTo(x)} - coalesce((me.v = ${x})::int, 0) equal
    from ${pg} g
    left join (select ${pv.year} as year, ${v} as v from ${pv} where ${pv.agencyId} = ${p.agencyId} and ${inGroup}) me on me.year = g.year
    left join ${pd} d on d.level = g.level and d.basis = g.basis and d.peer_key = g.peer_key and d.year = g.year and d.indicator = ${def.key}
    cross join lateral (select coalesce(d.n, 0) - (me.v is not null)::int n) c
    cross join lateral (select case when me.v is null then null else ${atMost(sql`me.v`)} - ${equalTo(sql`me.v`)} end rs) r
    where g.level = ${group.level} and g.basis = ${basis} and g.peer_key = ${peerKey} and g.reports - (me.year is not null)::int > 0
    order by g.year`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).map((r) => dynamicRow(r as object));
  const stats: PeerYearStats[] = list.map((r) => ({ year: Number(r.year), n: Number(r.n), p25: toNum(r.p25), median: toNum(r.median), p75: toNum(r.p75) }));

  let position: PeerPosition | null = null;
  let members: PeerMember[] | null = null;
  if (year !== null) {
    const r = list.find((row) => Number(row.year) === year);
    const placed = value !== null;
    position = r
      ? { value, n: Number(r.n), min: toNum(r.min), p25: toNum(r.p25), median: toNum(r.median), p75: toNum(r.p75), max: toNum(r.max), below: placed ? Number(r.below) : null, equal: placed ? Number(r.equal) : null }
      : peerPosition(value, []);
    const reports = r ? Number(r.reports) : 0;
    if (reports <= p.listUpTo) {
      members = reports
        ? await ctx.db
            .select({ agencyId: rf.agencyId, name: agencies.name, code: agencies.regionCode, reportId: rf.reportId, value: valueExpr(def), numerator: numeratorOnly(def), denominator: denominatorOnly(def) })
            .from(pv)
            .innerJoin(rf, eq(rf.reportId, pv.reportId))
            .innerJoin(agencies, eq(agencies.id, rf.agencyId))
            .where(and(inGroup, eq(pv.year, year), ne(pv.agencyId, p.agencyId)))
            .orderBy(asc(agencies.name))
        : [];
    }
  }
  return { group, year, stats, position, members };
}

/** The direct computation over report_figures (what dashboard_peer_values must reproduce; the tests' oracle). */
export async function getPeerComparisonFromFigures({ ctx, input }: { ctx: Ctx; input: GetPeerComparisonInput }): Promise<PeerComparison | null> {
  assertViewer(ctx);
  const subject = await subjectOf(ctx, input);
  if (!subject) return null;
  const { p, def, group, year, value: placed } = subject;
  const { basis } = group;
  const agency = group;
  const peerWhere: SQL = and(
    eq(rf.isCurrent, true),
    eq(rf.scope, "self"),
    ne(rf.agencyId, p.agencyId),
    eq(agencies.level, agency.level),
    basis === "deptType" ? eq(agencies.deptType, agency.deptType!) : eq(agencies.kind, agency.kind),
  )!;
  const value = valueExpr(def);

  const statsQuery = ctx.db
    .select({
      year: rf.year,
      n: sql`count(${value})::int`.mapWith(Number),
      p25: sql`percentile_cont(0.25) within group (order by ${value})`.mapWith((v: unknown) => (v === null ? null : Number(v))),
      median: sql`percentile_cont(0.5) within group (order by ${value})`.mapWith((v: unknown) => (v === null ? null : Number(v))),
      p75: sql`percentile_cont(0.75) within group (order by ${value})`.mapWith((v: unknown) => (v === null ? null : Number(v))),
    })
    .from(rf)
    .innerJoin(agencies, eq(agencies.id, rf.agencyId))
    .where(peerWhere)
    .groupBy(rf.year)
    .orderBy(asc(rf.year));

  const yearWhere = and(peerWhere, eq(rf.year, year ?? -1));
  const valuesQuery = ctx.db.select({ value }).from(rf).innerJoin(agencies, eq(agencies.id, rf.agencyId)).where(yearWhere);

  const [stats, valueRows] = await Promise.all([statsQuery, valuesQuery]);
  const values = valueRows.map((r) => r.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const position = year === null ? null : peerPosition(placed, values);

  let members: PeerMember[] | null = null;
  if (year !== null && valueRows.length <= p.listUpTo) {
    const num = numeratorOnly(def);
    const den = denominatorOnly(def);
    members = await ctx.db
      .select({ agencyId: rf.agencyId, name: agencies.name, code: agencies.regionCode, reportId: rf.reportId, value, numerator: num, denominator: den })
      .from(rf)
      .innerJoin(agencies, eq(agencies.id, rf.agencyId))
      .where(yearWhere)
      .orderBy(asc(agencies.name));
  }
  return { group, year, stats, position, members };
}

/** getPeerComparison through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function getPeerComparison(options: { ctx: Ctx; input: GetPeerComparisonInput }): Promise<PeerComparison | null> {
  return cachedDashboardRead(options.ctx, { name: "getPeerComparison", scope: "published", input: options.input }, () => getPeerComparisonUncached(options));
}
