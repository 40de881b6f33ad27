/**
 * An agency among its peers for one indicator: per year the peers' P25 / median / P75 (computed in
 * SQL, percentile_cont = lib/indicators peerStats' type-7 quantiles), and for the chosen year
 * every peer value (for percentileRank / describePosition) plus the members when few enough to list.
 *
 * Peers: same level and dept_type for departments (县级自然资源局 with 县级自然资源局); same
 * level and kind for governments, townships and bodies without a dept_type. Self-scope current
 * reports only; the agency itself is left out. Values are read from dashboard_peer_values (each
 * report's value, pre-computed by the write paths); getPeerComparisonFromFigures computes them
 * from report_figures and is what those rows must equal.
 */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getIndicator, INDICATOR_BY_KEY } from "../../../lib/indicators";
import { isGroupSummable } from "../../../lib/charts/sums";
import type { Ctx } from "../../context";
import { agencies, dashboardPeerValues as pv, reportFigures as rf, rollupColumn } from "../../schema";
import type { AgencyKind, AgencyLevel } from "../../schema/agencies.constants";
import { assertViewer, denominatorOnly, numeratorOnly, valueExpr } from "./_sql";

export const getPeerComparisonInputSchema = z.object({
  agencyId: z.uuid(),
  indicatorKey: z.string().refine((k) => INDICATOR_BY_KEY.has(k) && isGroupSummable(INDICATOR_BY_KEY.get(k)!), { message: "unknown or non-summable indicator" }),
  /** The year to place the agency in; default its latest current report. */
  year: z.number().int().min(2000).max(2100).optional(),
  /** Members are listed (names, values, report ids) when the group is at most this big. */
  listUpTo: z.number().int().min(0).max(200).default(40),
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
  /** Peer values of `year` (nulls dropped). */
  values: number[];
  /** Listed when the group is small (≤ listUpTo members in `year`), else null. */
  members: PeerMember[] | null;
}

const toNum = (v: unknown) => (v === null ? null : Number(v));

interface Subject {
  def: ReturnType<typeof getIndicator>;
  group: PeerGroup;
  year: number | null;
}

/** The agency's peer group and the year to place it in; null for an unknown agency or bad input. */
async function subjectOf(ctx: Ctx, p: GetPeerComparisonInput): Promise<(Subject & { p: z.output<typeof getPeerComparisonInputSchema> }) | null> {
  const parsed = getPeerComparisonInputSchema.safeParse(p);
  if (!parsed.success) return null;
  const input = parsed.data;
  // One round trip: the agency's attributes and the year of its latest current report.
  const [row] = await ctx.db
    .select({
      level: agencies.level,
      kind: agencies.kind,
      deptType: agencies.deptType,
      latest: sql`(select max(${rf.year}) from ${rf} where ${rf.agencyId} = ${agencies.id} and ${rf.isCurrent})`.mapWith(toNum),
    })
    .from(agencies)
    .where(eq(agencies.id, input.agencyId));
  if (!row) return null;
  const { latest, ...agency } = row;
  const basis: PeerGroup["basis"] = agency.deptType && agency.kind !== "government" && agency.kind !== "township" ? "deptType" : "kind";
  const year = input.year ?? (latest !== null && Number.isFinite(latest) ? latest : null);
  return { p: input, def: getIndicator(input.indicatorKey), group: { ...agency, basis }, year };
}

async function getPeerComparisonUncached({ ctx, input }: { ctx: Ctx; input: GetPeerComparisonInput }): Promise<PeerComparison | null> {
  assertViewer(ctx);
  const subject = await subjectOf(ctx, input);
  if (!subject) return null;
  const { p, def, group, year } = subject;
  const v = rollupColumn(def.key, "v");
  const peerWhere: SQL = and(
    ne(pv.agencyId, p.agencyId),
    eq(pv.level, group.level),
    group.basis === "deptType" ? eq(pv.deptType, group.deptType!) : eq(pv.kind, group.kind),
  )!;
  const statsQuery = ctx.db
    .select({
      year: pv.year,
      n: sql`count(${v})::int`.mapWith(Number),
      p25: sql`percentile_cont(0.25) within group (order by ${v})`.mapWith(toNum),
      median: sql`percentile_cont(0.5) within group (order by ${v})`.mapWith(toNum),
      p75: sql`percentile_cont(0.75) within group (order by ${v})`.mapWith(toNum),
    })
    .from(pv)
    .where(peerWhere)
    .groupBy(pv.year)
    .orderBy(asc(pv.year));
  const valuesQuery = ctx.db
    .select({ reportId: pv.reportId, value: sql`${v}`.mapWith(toNum) })
    .from(pv)
    .where(and(peerWhere, eq(pv.year, year ?? -1)));
  const [stats, valueRows] = await Promise.all([statsQuery, valuesQuery]);
  const values = valueRows.map((r) => r.value).filter((x): x is number => x !== null && Number.isFinite(x));

  let members: PeerMember[] | null = null;
  if (year !== null && valueRows.length <= p.listUpTo) {
    members = valueRows.length
      ? await ctx.db
          .select({ agencyId: rf.agencyId, name: agencies.name, code: agencies.regionCode, reportId: rf.reportId, value: valueExpr(def), numerator: numeratorOnly(def), denominator: denominatorOnly(def) })
          .from(rf)
          .innerJoin(agencies, eq(agencies.id, rf.agencyId))
          .where(inArray(rf.reportId, valueRows.map((r) => r.reportId)))
          .orderBy(asc(agencies.name))
      : [];
  }
  return { group, year, stats, values, members };
}

/** The direct computation over report_figures (what dashboard_peer_values must reproduce; the tests' oracle). */
export async function getPeerComparisonFromFigures({ ctx, input }: { ctx: Ctx; input: GetPeerComparisonInput }): Promise<PeerComparison | null> {
  assertViewer(ctx);
  const subject = await subjectOf(ctx, input);
  if (!subject) return null;
  const { p, def, group, year } = subject;
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
  return { group, year, stats, values, members };
}

/** getPeerComparison through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function getPeerComparison(options: { ctx: Ctx; input: GetPeerComparisonInput }): Promise<PeerComparison | null> {
  return cachedDashboardRead(options.ctx, { name: "getPeerComparison", scope: "published", input: options.input }, () => getPeerComparisonUncached(options));
}
