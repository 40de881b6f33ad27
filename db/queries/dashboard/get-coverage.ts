/**
 * Reports received vs expected, on time, and with errors, for one year, by child region.
 *
 * Definitions (shown to users, lib/charts messages coverage.*):
 * - expected: agencies with a current report for this year or the previous one (the registry
 *   knows every agency that ever published; one that published last year is expected this year);
 * - received: agencies with a current report for this year;
 * - on time (条例 Art. 49): published_on ≤ 31 Jan of the next year for departments, ≤ 31 Mar for
 *   governments and everyone else (township deadlines are set locally; 31 Mar is the lenient
 *   reading); reports without a publication date are counted apart, not as late;
 * - with errors: current reports of the year with at least one error-level finding;
 * - partly read: current reports of the year with a table whose catalog cells were not all read
 *   (reports.coverage: a table `partial` or `unread`) — their figures are incomplete, not zero.
 *
 * Read from dashboard_coverage (per year and leaf region, pre-computed by the write paths);
 * getCoverageFromFigures is the direct computation it equals.
 */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { and, eq, inArray, sql, type AnyColumn } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { agencies, dashboardCoverage as dc, findings, reportFigures as rf, reports } from "../../schema";
import { adminCodeSchemaPattern, assertViewer, childRegionKey, inRegion } from "./_sql";

export const getCoverageInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  regionCode: z.string().regex(adminCodeSchemaPattern).default("520000"),
});
export type GetCoverageInput = z.input<typeof getCoverageInputSchema>;

export interface CoverageCounts {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  unknownDate: number;
  withErrors: number;
  partlyRead: number;
  regionAggregate: number;
}

export interface Coverage extends CoverageCounts {
  year: number;
  byChild: ({ code: string } & CoverageCounts)[];
}

const ZERO: CoverageCounts = { expected: 0, received: 0, onTime: 0, late: 0, unknownDate: 0, withErrors: 0, partlyRead: 0, regionAggregate: 0 };

async function getCoverageUncached({ ctx, input }: { ctx: Ctx; input: GetCoverageInput }): Promise<Coverage> {
  assertViewer(ctx);
  const { year, regionCode } = getCoverageInputSchema.parse(input);
  const key = childRegionKey(regionCode, dc.regionCode);
  const n = (c: AnyColumn) => sql`sum(${c})::int`.mapWith(Number);
  const rows = await ctx.db
    .select({
      code: key,
      expected: n(dc.expected),
      received: n(dc.received),
      onTime: n(dc.onTime),
      late: n(dc.late),
      unknownDate: n(dc.unknownDate),
      withErrors: n(dc.withErrors),
      regionAggregate: n(dc.regionAggregate),
      partlyRead: n(dc.partlyRead),
    })
    .from(dc)
    .where(and(eq(dc.year, year), inRegion(dc.regionCode, regionCode)))
    .groupBy(key)
    .orderBy(key);
  return withTotal(year, rows);
}

/**
 * Adds each child region's count of partly read reports, read from reports.coverage: current
 * reports of the year with a table not completely read. The direct computation (the rollups
 * carry it as dashboard_coverage.partly_read: this scanned every report of the year).
 */
async function withPartlyRead<R extends { code: unknown }>(
  ctx: Ctx,
  year: number,
  regionCode: string,
  rows: R[],
): Promise<(R & { partlyRead: number })[]> {
  const key = childRegionKey(regionCode, agencies.regionCode);
  const partly = await ctx.db
    .select({ code: key, n: sql`count(*)::int`.mapWith(Number) })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(
      and(
        eq(reports.year, year),
        eq(reports.isCurrent, true),
        inRegion(agencies.regionCode, regionCode),
        sql`exists (select 1 from jsonb_each(${reports.coverage}) as t(id, c) where t.c->>'status' <> 'complete')`,
      ),
    )
    .groupBy(key);
  const byCode = new Map(partly.map((p) => [String(p.code), p.n]));
  return rows.map((r) => ({ ...r, partlyRead: byCode.get(String(r.code)) ?? 0 }));
}

function withTotal(year: number, rows: ({ code: unknown } & CoverageCounts)[]): Coverage {
  const total = { ...ZERO };
  for (const r of rows) for (const k of Object.keys(ZERO) as (keyof CoverageCounts)[]) total[k] += r[k];
  return { year, ...total, byChild: rows.map((r) => ({ ...r, code: String(r.code) })) };
}

/** The direct computation over report_figures (the rollups' definition, and their tests' oracle). */
export async function getCoverageFromFigures({ ctx, input }: { ctx: Ctx; input: GetCoverageInput }): Promise<Coverage> {
  assertViewer(ctx);
  const { year, regionCode } = getCoverageInputSchema.parse(input);
  const key = childRegionKey(regionCode);
  const thisYear = sql`${rf.year} = ${sql.raw(String(year))}`;
  const deadline = sql`(case when ${agencies.kind} = 'department' then ${`${year + 1}-01-31`}::date else ${`${year + 1}-03-31`}::date end)`;
  const n = (cond: ReturnType<typeof sql>) => sql`(count(*) filter (where ${cond}))::int`.mapWith(Number);

  const rows = await ctx.db
    .select({
      code: key,
      expected: sql`count(distinct ${rf.agencyId})::int`.mapWith(Number),
      received: n(thisYear),
      onTime: n(sql`${thisYear} and ${reports.publishedOn} is not null and ${reports.publishedOn} <= ${deadline}`),
      late: n(sql`${thisYear} and ${reports.publishedOn} > ${deadline}`),
      unknownDate: n(sql`${thisYear} and ${reports.publishedOn} is null`),
      withErrors: n(
        sql`${thisYear} and exists (select 1 from ${findings} where ${findings.reportId} = ${rf.reportId} and ${findings.severity} = 'error')`,
      ),
      regionAggregate: n(sql`${thisYear} and ${rf.scope} = 'region_aggregate'`),
    })
    .from(rf)
    .innerJoin(reports, eq(reports.id, rf.reportId))
    .innerJoin(agencies, eq(agencies.id, rf.agencyId))
    .where(and(eq(rf.isCurrent, true), inArray(rf.year, [year - 1, year]), inRegion(rf.regionCode, regionCode)))
    .groupBy(key)
    .orderBy(key);

  return withTotal(year, await withPartlyRead(ctx, year, regionCode, rows));
}

/** getCoverage through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function getCoverage(options: { ctx: Ctx; input: GetCoverageInput }): Promise<Coverage> {
  return cachedDashboardRead(options.ctx, { name: "getCoverage", scope: "published", input: options.input }, () => getCoverageUncached(options));
}
