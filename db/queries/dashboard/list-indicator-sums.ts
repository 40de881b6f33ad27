/**
 * Indicator sums over current reports, grouped by year, by child region or by agency: the
 * building block of the overview, region and agency pages. By year and by child region they are
 * read from the pre-computed rollups (dashboard_groups: a few thousand group rows at 100,000
 * reports); by agency, or for chosen agencies (/compare), from report_figures directly, one pass
 * per call whatever the number of indicators.
 */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { EMPTY_SUMS, isGroupSummable, type IndicatorSums } from "../../../lib/charts/sums";
import { INDICATOR_BY_KEY } from "../../../lib/indicators";
import type { Ctx } from "../../context";
import { agencies, dashboardGroups as dg, reportFigures as rf, rollupColumn } from "../../schema";
import { AGENCY_KINDS, AGENCY_LEVELS } from "../../schema/agencies.constants";
import { addSums, adminCodeSchemaPattern, aliasOf, assertViewer, childRegionKey, dynamicRow, indicatorDefs, inRegion, sumFields } from "./_sql";

export const GROUP_BYS = ["year", "childRegion", "agency"] as const;

export const listIndicatorSumsInputSchema = z.object({
  indicatorKeys: z
    .array(z.string())
    .min(1)
    .max(200)
    .refine((keys) => keys.every((k) => INDICATOR_BY_KEY.has(k) && isGroupSummable(INDICATOR_BY_KEY.get(k)!)), {
      message: "unknown indicator, or one that needs the previous year's report of the same agency",
    }),
  groupBy: z.enum(GROUP_BYS),
  /** Root of the region subtree (default 贵州省). */
  regionCode: z.string().regex(adminCodeSchemaPattern).default("520000"),
  years: z.array(z.number().int().min(2000).max(2100)).max(30).optional(),
  level: z.enum(AGENCY_LEVELS).optional(),
  kind: z.enum(AGENCY_KINDS).optional(),
  deptType: z.string().min(1).max(40).optional(),
  agencyIds: z.array(z.uuid()).max(500).optional(),
});
export type ListIndicatorSumsInput = z.input<typeof listIndicatorSumsInputSchema>;

export interface IndicatorSumsRow {
  /** The year ("2024"), the child region code ("520200"), or the agency id. */
  key: string;
  /** Current reports in the group, any scope. */
  reports: number;
  /** Region-wide aggregate reports: counted apart, never summed. */
  regionAggregate: number;
  unknownScope: number;
  sums: Record<string, IndicatorSums>;
}

export interface ListIndicatorSumsOptions {
  ctx: Ctx;
  input: ListIndicatorSumsInput;
}

async function listIndicatorSumsUncached({ ctx, input }: ListIndicatorSumsOptions): Promise<IndicatorSumsRow[]> {
  assertViewer(ctx);
  const p = listIndicatorSumsInputSchema.parse(input);
  if (p.groupBy === "agency" || p.agencyIds) return sumsFromFigures(ctx, p);
  const defs = indicatorDefs(p.indicatorKeys);

  const key: SQL<string> = p.groupBy === "year" ? sql<string>`${dg.year}::text` : childRegionKey(p.regionCode, dg.regionCode);
  const fields: Record<string, SQL | typeof dg.formatVersion | typeof dg.scope> = {
    key,
    format: dg.formatVersion,
    scope: dg.scope,
    reports: sql`sum(${dg.reports})::int`.mapWith(Number),
  };
  defs.forEach((d, i) => {
    fields[`${aliasOf(i)}_n`] = sql`sum(${rollupColumn(d.key, "n")})::float8`.mapWith(toNumberOrNull);
    fields[`${aliasOf(i)}_d`] = sql`sum(${rollupColumn(d.key, "d")})::float8`.mapWith(toNumberOrNull);
    fields[`${aliasOf(i)}_c`] = sql`sum(${rollupColumn(d.key, "c")})::int`.mapWith(Number);
  });
  const where = [inRegion(dg.regionCode, p.regionCode)];
  if (p.years) where.push(inArray(dg.year, p.years.length ? p.years : [-1]));
  if (p.level) where.push(eq(dg.level, p.level));
  if (p.kind) where.push(eq(dg.kind, p.kind));
  if (p.deptType) where.push(eq(dg.deptType, p.deptType));
  const rows = (await ctx.db.select(fields).from(dg).where(and(...where)).groupBy(key, dg.formatVersion, dg.scope)).map(dynamicRow);

  const out = new Map<string, IndicatorSumsRow>();
  for (const row of rows) {
    const k = String(row.key);
    const g = out.get(k) ?? { key: k, reports: 0, regionAggregate: 0, unknownScope: 0, sums: Object.fromEntries(defs.map((d) => [d.key, EMPTY_SUMS])) };
    const n = Number(row.reports);
    g.reports += n;
    if (row.scope === "region_aggregate") g.regionAggregate += n;
    else if (row.scope === "unknown") g.unknownScope += n;
    else if (row.scope === "self" && (row.format === "2019" || row.format === "2021")) {
      const format = row.format;
      // The same arithmetic as addSums on a (key, format, self) row of the direct query.
      defs.forEach((d, i) => {
        const c = Number(row[`${aliasOf(i)}_c`] ?? 0);
        if (!c) return;
        const into = g.sums[d.key] ?? EMPTY_SUMS;
        const num = toNumberOrNull(row[`${aliasOf(i)}_n`]);
        const den = toNumberOrNull(row[`${aliasOf(i)}_d`]);
        g.sums[d.key] = {
          numerator: num === null ? into.numerator : (into.numerator ?? 0) + num,
          denominator: den === null ? into.denominator : (into.denominator ?? 0) + den,
          byFormat: { ...into.byFormat, [format]: into.byFormat[format] + c },
        };
      });
    }
    out.set(k, g);
  }
  return [...out.values()].sort(byKey);
}

const toNumberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const byKey = (a: IndicatorSumsRow, b: IndicatorSumsRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The direct computation over report_figures, for any grouping and agency list: what the
 * rollups pre-compute (their tests compare the two).
 */
export async function listIndicatorSumsFromFigures({ ctx, input }: ListIndicatorSumsOptions): Promise<IndicatorSumsRow[]> {
  assertViewer(ctx);
  return sumsFromFigures(ctx, listIndicatorSumsInputSchema.parse(input));
}

async function sumsFromFigures(ctx: Ctx, p: z.output<typeof listIndicatorSumsInputSchema>): Promise<IndicatorSumsRow[]> {
  const defs = indicatorDefs(p.indicatorKeys);
  const key: SQL<string> =
    p.groupBy === "year" ? sql<string>`${rf.year}::text` : p.groupBy === "agency" ? sql<string>`${rf.agencyId}::text` : childRegionKey(p.regionCode);

  const fields: Record<string, SQL | typeof rf.formatVersion | typeof rf.scope> = {
    key,
    format: rf.formatVersion,
    scope: rf.scope,
    reports: sql`count(*)::int`.mapWith(Number),
  };
  defs.forEach((d, i) => Object.assign(fields, sumFields(d, aliasOf(i))));

  const where = [eq(rf.isCurrent, true), inRegion(rf.regionCode, p.regionCode)];
  if (p.years) where.push(inArray(rf.year, p.years.length ? p.years : [-1]));
  if (p.agencyIds) where.push(inArray(rf.agencyId, p.agencyIds.length ? p.agencyIds : ["00000000-0000-0000-0000-000000000000"]));
  const needsAgency = p.level !== undefined || p.kind !== undefined || p.deptType !== undefined;
  if (p.level) where.push(eq(agencies.level, p.level));
  if (p.kind) where.push(eq(agencies.kind, p.kind));
  if (p.deptType) where.push(eq(agencies.deptType, p.deptType));

  const base = ctx.db.select(fields).from(rf);
  const joined = needsAgency ? base.innerJoin(agencies, eq(agencies.id, rf.agencyId)) : base;
  // Grouped by format and scope too: each format's terms apply without a CASE, and only scope
  // "self" rows are summed below (region aggregates and unknown scopes are only counted).
  const rows = (await joined.where(and(...where)).groupBy(key, rf.formatVersion, rf.scope)).map(dynamicRow);

  const out = new Map<string, IndicatorSumsRow>();
  for (const row of rows) {
    const k = String(row.key);
    const g = out.get(k) ?? { key: k, reports: 0, regionAggregate: 0, unknownScope: 0, sums: Object.fromEntries(defs.map((d) => [d.key, EMPTY_SUMS])) };
    const n = Number(row.reports);
    g.reports += n;
    if (row.scope === "region_aggregate") g.regionAggregate += n;
    else if (row.scope === "unknown") g.unknownScope += n;
    else if (row.scope === "self" && (row.format === "2019" || row.format === "2021")) {
      const format = row.format;
      defs.forEach((d, i) => (g.sums[d.key] = addSums(d, aliasOf(i), row, format, g.sums[d.key] ?? EMPTY_SUMS)));
    }
    out.set(k, g);
  }
  return [...out.values()].sort(byKey);
}

/** listIndicatorSums through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function listIndicatorSums(options: ListIndicatorSumsOptions): Promise<IndicatorSumsRow[]> {
  return cachedDashboardRead(options.ctx, { name: "listIndicatorSums", scope: "published", input: options.input }, () => listIndicatorSumsUncached(options));
}
