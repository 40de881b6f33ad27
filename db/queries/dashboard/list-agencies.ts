/** The searchable agency list: name, region subtree, kind, level, department type; one page at a time. */
import "server-only";
import { and, asc, count, eq, ilike, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { agencies, regions, reportFigures as rf } from "../../schema";
import { AGENCY_KINDS, AGENCY_LEVELS, type AgencyKind, type AgencyLevel } from "../../schema/agencies.constants";
import { adminCodeSchemaPattern, assertViewer, inRegion } from "./_sql";

export const listAgenciesInputSchema = z.object({
  q: z.string().trim().max(60).optional(),
  regionCode: z.string().regex(adminCodeSchemaPattern).optional(),
  kind: z.enum(AGENCY_KINDS).optional(),
  level: z.enum(AGENCY_LEVELS).optional(),
  deptType: z.string().min(1).max(40).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
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
  const page = await ctx.db
    .select({
      id: agencies.id,
      name: agencies.name,
      kind: agencies.kind,
      level: agencies.level,
      deptType: agencies.deptType,
      regionCode: agencies.regionCode,
      regionName: regions.name,
    })
    .from(agencies)
    .leftJoin(regions, eq(regions.adminCode, agencies.regionCode))
    .where(where)
    .orderBy(asc(agencies.regionCode), sql`case ${agencies.kind} when 'government' then 0 when 'department' then 1 else 2 end`, asc(agencies.name))
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
