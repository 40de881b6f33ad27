/**
 * The current published reports in a region subtree that carry figures corrected by hand, and
 * which cells: what the dashboards need to mark a value computed from such a report (✎ in the
 * chart's data table, 含手工更正数字 in its CSV/XLSX). Corrections are few, so this is a short list
 * the chart builders match against their groups (lib/charts/hand-corrected.ts). Published data
 * only (current reports are published), so it goes through the dashboards' shared cache: a
 * correction publishes a new version, whose rollup refresh bumps the cache generation.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { CorrectedReport } from "../../../lib/charts/hand-corrected";
import type { Ctx } from "../../context";
import { agencies, reportFigures as rf, reports } from "../../schema";
import { AGENCY_KINDS, AGENCY_LEVELS } from "../../schema/agencies.constants";
import { visibleReportsWhere } from "../_scope";
import { cachedDashboardRead } from "./_cache";
import { adminCodeSchemaPattern, assertViewer, inRegion } from "./_sql";

export const listHandCorrectedInputSchema = z.object({
  /** Root of the region subtree (default 贵州省; with `agencyId` alone, any region — an agency not yet placed too). */
  regionCode: z.string().regex(adminCodeSchemaPattern).optional(),
  level: z.enum(AGENCY_LEVELS).optional(),
  kind: z.enum(AGENCY_KINDS).optional(),
  deptType: z.string().min(1).max(40).optional(),
  agencyId: z.uuid().optional(),
});
export type ListHandCorrectedInput = z.input<typeof listHandCorrectedInputSchema>;

async function listHandCorrectedUncached({ ctx, input }: { ctx: Ctx; input: ListHandCorrectedInput }): Promise<CorrectedReport[]> {
  assertViewer(ctx);
  const p = listHandCorrectedInputSchema.parse(input);
  const where = [
    eq(rf.isCurrent, true),
    eq(reports.status, "published"),
    visibleReportsWhere(ctx.viewer),
    sql`${reports.corrections} <> '{}'::jsonb`,
  ];
  if (p.regionCode || !p.agencyId) where.push(inRegion(rf.regionCode, p.regionCode ?? "520000"));
  if (p.level) where.push(eq(agencies.level, p.level));
  if (p.kind) where.push(eq(agencies.kind, p.kind));
  if (p.deptType) where.push(eq(agencies.deptType, p.deptType));
  if (p.agencyId) where.push(eq(rf.agencyId, p.agencyId));
  const rows = await ctx.db
    .select({
      reportId: rf.reportId,
      agencyId: rf.agencyId,
      year: rf.year,
      scope: rf.scope,
      regionCode: rf.regionCode,
      formatVersion: rf.formatVersion,
      cells: sql<string[]>`array(select jsonb_object_keys(${reports.corrections}) order by 1)`,
    })
    .from(rf)
    .innerJoin(reports, eq(reports.id, rf.reportId))
    .innerJoin(agencies, eq(agencies.id, rf.agencyId))
    .where(and(...where))
    .orderBy(rf.year, rf.reportId);
  return rows.map((r) => ({ ...r, regionCode: r.regionCode ?? "", cells: r.cells ?? [] }));
}

/** listHandCorrected through the dashboards' shared cache (published data only). */
export function listHandCorrected(options: { ctx: Ctx; input: ListHandCorrectedInput }): Promise<CorrectedReport[]> {
  return cachedDashboardRead(options.ctx, { name: "listHandCorrected", scope: "published", input: options.input }, () => listHandCorrectedUncached(options));
}
