/**
 * The agencies behind a region's coverage card for year Y: those expected but without a current
 * report for Y (they published for Y−1), and those whose Y report was published after the
 * deadline (条例 Art. 49, as get-coverage.ts counts it). Published reports and the agency
 * registry are public to every signed-in user (db/AGENTS.md).
 */
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { agencies, reportFigures as rf, reports } from "../../schema";
import { adminCodeSchemaPattern, assertViewer, inRegion } from "./_sql";

export const listCoverageGapsInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  regionCode: z.string().regex(adminCodeSchemaPattern).default("520000"),
});

export interface CoverageGap {
  agencyId: string;
  name: string;
  regionCode: string | null;
  /** missing: published for Y−1, nothing current for Y · late: Y's report after the deadline. */
  gap: "missing" | "late";
  reportId: string | null;
  publishedOn: string | null;
  deadline: string;
}

const LIMIT = 500;

export async function listCoverageGaps({ ctx, input }: { ctx: Ctx; input: z.input<typeof listCoverageGapsInputSchema> }): Promise<CoverageGap[]> {
  assertViewer(ctx);
  const { year, regionCode } = listCoverageGapsInputSchema.parse(input);
  const deadline = sql<string>`(case when ${agencies.kind} = 'department' then make_date(${year + 1}, 1, 31) else make_date(${year + 1}, 3, 31) end)::text`;
  const [missing, late] = await Promise.all([
    ctx.db
      .select({ agencyId: agencies.id, name: agencies.name, regionCode: agencies.regionCode, deadline })
      .from(rf)
      .innerJoin(agencies, eq(agencies.id, rf.agencyId))
      .where(
        and(
          eq(rf.isCurrent, true),
          eq(rf.year, year - 1),
          inRegion(rf.regionCode, regionCode),
          sql`not exists (select 1 from ${rf} r2 where r2.agency_id = ${rf.agencyId} and r2.year = ${year} and r2.is_current)`,
        ),
      )
      .orderBy(asc(agencies.regionCode), asc(agencies.name))
      .limit(LIMIT),
    ctx.db
      .select({ agencyId: agencies.id, name: agencies.name, regionCode: agencies.regionCode, reportId: reports.id, publishedOn: reports.publishedOn, deadline })
      .from(rf)
      .innerJoin(reports, eq(reports.id, rf.reportId))
      .innerJoin(agencies, eq(agencies.id, rf.agencyId))
      .where(and(eq(rf.isCurrent, true), eq(rf.year, year), inRegion(rf.regionCode, regionCode), sql`${reports.publishedOn} > ${deadline}::date`))
      .orderBy(asc(agencies.regionCode), asc(agencies.name))
      .limit(LIMIT),
  ]);
  return [
    ...missing.map((m) => ({ ...m, gap: "missing" as const, reportId: null, publishedOn: null })),
    ...late.map((l) => ({ ...l, gap: "late" as const, publishedOn: l.publishedOn === null ? null : String(l.publishedOn) })),
  ];
}
