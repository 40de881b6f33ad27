/**
 * New applications per (year, publisher kind, department type) under a region: the data of the
 * "where applications go" chart (lib/charts/destinations.ts). Self-scope current reports only,
 * read from the rollups (dashboard_groups); a report stating no 本年新收 total is not counted.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DestinationRow } from "../../../lib/charts/destinations";
import type { Ctx } from "../../context";
import { dashboardGroups as dg, rollupColumn } from "../../schema";
import { adminCodeSchemaPattern, assertViewer, inRegion } from "./_sql";

export const listApplicationDestinationsInputSchema = z.object({
  regionCode: z.string().regex(adminCodeSchemaPattern).default("520000"),
});
export type ListApplicationDestinationsInput = z.input<typeof listApplicationDestinationsInputSchema>;

export async function listApplicationDestinations({ ctx, input }: { ctx: Ctx; input: ListApplicationDestinationsInput }): Promise<DestinationRow[]> {
  assertViewer(ctx);
  const { regionCode } = listApplicationDestinationsInputSchema.parse(input);
  const n = rollupColumn("new_received", "n");
  const c = rollupColumn("new_received", "c");
  const rows = await ctx.db
    .select({
      year: dg.year,
      kind: dg.kind,
      deptType: dg.deptType,
      applications: sql`sum(${n})`.mapWith((v: unknown) => (v === null || v === undefined ? null : Number(v))),
      reports: sql`coalesce(sum(${c}), 0)::int`.mapWith(Number),
    })
    .from(dg)
    .where(and(eq(dg.scope, "self"), inRegion(dg.regionCode, regionCode)))
    .groupBy(dg.year, dg.kind, dg.deptType);
  return rows;
}
