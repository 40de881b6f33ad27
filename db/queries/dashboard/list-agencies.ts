/** The searchable agency list: name, region subtree, kind, level, department type; one page at a time. */
import "server-only";
import { and, asc, count, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { agencies, figureColumn, findings, regions, reportFigures as rf } from "../../schema";
import { AGENCY_KINDS, AGENCY_LEVELS, type AgencyKind, type AgencyLevel } from "../../schema/agencies.constants";
import { adminCodeSchemaPattern, assertViewer, inRegion } from "./_sql";

/** Columns the agency table sorts by (region: the registry's order, governments first). */
export const AGENCY_SORTS = ["region", "name", "code", "level", "latest", "new_received", "errors"] as const;
export type AgencySort = (typeof AGENCY_SORTS)[number];

export const listAgenciesInputSchema = z.object({
  q: z.string().trim().max(60).optional(),
  regionCode: z.string().regex(adminCodeSchemaPattern).optional(),
  kind: z.enum(AGENCY_KINDS).optional(),
  level: z.enum(AGENCY_LEVELS).optional(),
  deptType: z.string().min(1).max(40).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  sort: z.enum(AGENCY_SORTS).default("region"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type ListAgenciesInput = z.input<typeof listAgenciesInputSchema>;

export interface AgencyListRow {
  id: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  deptType: string | null;
  regionCode: string | null;
  regionName: string | null;
  reportCount: number;
  latestYear: number | null;
  latestReportId: string | null;
  /** 本年新收申请 of the latest current report (null: not stated, or no report). */
  latestNewReceived: number | null;
  /** Current reports with error findings (any year). */
  reportsWithErrors: number;
}

export interface AgencyList {
  total: number;
  page: number;
  pageSize: number;
  rows: AgencyListRow[];
}

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listAgencies({ ctx, input }: { ctx: Ctx; input: ListAgenciesInput }): Promise<AgencyList> {
  assertViewer(ctx);
  const p = listAgenciesInputSchema.parse(input);
  const where = and(
    eq(agencies.reviewStatus, "active"),
    p.q ? ilike(agencies.name, `%${likeEscape(p.q)}%`) : undefined,
    p.regionCode ? inRegion(agencies.regionCode, p.regionCode) : undefined,
    p.kind ? eq(agencies.kind, p.kind) : undefined,
    p.level ? eq(agencies.level, p.level) : undefined,
    p.deptType ? eq(agencies.deptType, p.deptType) : undefined,
  );
  const [totalRow] = await ctx.db.select({ n: count() }).from(agencies).where(where);
  const total = Number(totalRow?.n ?? 0);
  // Per-agency figures as correlated subqueries, so the table can sort on them before paging.
  const latestYear = sql`(select max(${rf.year}) from ${rf} where ${rf.agencyId} = ${agencies.id} and ${rf.isCurrent})`;
  const latestNew = sql`(select ${figureColumn("t3.new_received.total")} from ${rf} where ${rf.agencyId} = ${agencies.id} and ${rf.isCurrent} order by ${rf.year} desc limit 1)`;
  const withErrors = sql`(select count(*) from ${rf} where ${rf.agencyId} = ${agencies.id} and ${rf.isCurrent} and exists (select 1 from ${findings} where ${findings.reportId} = ${rf.reportId} and ${findings.severity} = 'error'))`;
  const dir = p.dir === "desc" ? sql`desc nulls last` : sql`asc nulls last`;
  const levelOrder = sql`case ${agencies.level} when 'province' then 0 when 'prefecture' then 1 when 'county' then 2 else 3 end`;
  const primary: Record<AgencySort, SQL> = {
    region: sql`${agencies.regionCode} ${dir}`,
    name: sql`${agencies.name} ${dir}`,
    code: sql`${agencies.regionCode} ${dir}`,
    level: sql`${levelOrder} ${dir}`,
    latest: sql`${latestYear} ${dir}`,
    new_received: sql`${latestNew} ${dir}`,
    errors: sql`${withErrors} ${dir}`,
  };
  const page = await ctx.db
    .select({
      id: agencies.id,
      name: agencies.name,
      kind: agencies.kind,
      level: agencies.level,
      deptType: agencies.deptType,
      regionCode: agencies.regionCode,
      regionName: regions.name,
      latestNewReceived: latestNew.mapWith((v: unknown) => (v === null || v === undefined ? null : Number(v))),
      reportsWithErrors: withErrors.mapWith(Number),
    })
    .from(agencies)
    .leftJoin(regions, eq(regions.adminCode, agencies.regionCode))
    .where(where)
    .orderBy(primary[p.sort], asc(agencies.regionCode), sql`case ${agencies.kind} when 'government' then 0 when 'department' then 1 else 2 end`, asc(agencies.name), asc(agencies.id))
    .limit(p.pageSize)
    .offset((p.page - 1) * p.pageSize);
  const ids = page.map((a) => a.id);
  const stats = ids.length
    ? await ctx.db
        .select({
          agencyId: rf.agencyId,
          reportCount: sql`count(*)::int`.mapWith(Number),
          latestYear: sql`max(${rf.year})`.mapWith(Number),
          latestReportId: sql<string>`(array_agg(${rf.reportId}::text order by ${rf.year} desc))[1]`,
        })
        .from(rf)
        .where(and(eq(rf.isCurrent, true), inArray(rf.agencyId, ids)))
        .groupBy(rf.agencyId)
    : [];
  const byId = new Map(stats.map((s) => [s.agencyId, s]));
  return {
    total,
    page: p.page,
    pageSize: p.pageSize,
    rows: page.map((a) => {
      const s = byId.get(a.id);
      return { ...a, reportCount: s?.reportCount ?? 0, latestYear: s?.latestYear ?? null, latestReportId: s?.latestReportId ?? null };
    }),
  };
}
