/**
 * The agencies of one region node: its government(s), departments and other bodies placed at that
 * code, and — for a county — its 乡镇街道 (9-digit codes). Each with the years of its current
 * reports and the report ids, so every row links to its reports.
 */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { and, asc, eq, inArray, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import { adminCodeLevel } from "../../../lib/regions/levels";
import type { Ctx } from "../../context";
import { agencies, regions, reportFigures as rf } from "../../schema";
import type { AgencyKind } from "../../schema/agencies.constants";
import type { ReportScope } from "../../schema/reports.constants";
import { adminCodeSchemaPattern, assertViewer } from "./_sql";

export const listRegionAgenciesInputSchema = z.object({ regionCode: z.string().regex(adminCodeSchemaPattern) });

export interface AgencyReportRef {
  reportId: string;
  year: number;
  scope: ReportScope;
}

export interface RegionAgency {
  id: string;
  name: string;
  kind: AgencyKind;
  deptType: string | null;
  regionCode: string | null;
  regionName: string | null;
  /** Current reports, newest first. */
  reports: AgencyReportRef[];
}

async function listRegionAgenciesUncached({ ctx, input }: { ctx: Ctx; input: z.input<typeof listRegionAgenciesInputSchema> }): Promise<RegionAgency[]> {
  assertViewer(ctx);
  const { regionCode } = listRegionAgenciesInputSchema.parse(input);
  const here = eq(agencies.regionCode, regionCode);
  // Townships of a county: 9-digit codes starting with the county's 6 (agencies is small: LIKE is fine).
  const townships = adminCodeLevel(regionCode) === "county" ? like(agencies.regionCode, `${regionCode}___`) : undefined;
  const list = await ctx.db
    .select({
      id: agencies.id,
      name: agencies.name,
      kind: agencies.kind,
      deptType: agencies.deptType,
      regionCode: agencies.regionCode,
      regionName: regions.name,
    })
    .from(agencies)
    .leftJoin(regions, eq(regions.adminCode, agencies.regionCode))
    .where(and(townships ? or(here, townships) : here, eq(agencies.reviewStatus, "active")))
    .orderBy(asc(agencies.regionCode), asc(agencies.name))
    .limit(2000);
  if (!list.length) return [];
  const refs = await ctx.db
    .select({ agencyId: rf.agencyId, reportId: rf.reportId, year: rf.year, scope: rf.scope })
    .from(rf)
    .where(and(eq(rf.isCurrent, true), inArray(rf.agencyId, list.map((a) => a.id))))
    .orderBy(sql`${rf.year} desc`);
  const byAgency = new Map<string, AgencyReportRef[]>();
  for (const r of refs) {
    const arr = byAgency.get(r.agencyId) ?? [];
    arr.push({ reportId: r.reportId, year: r.year, scope: r.scope });
    byAgency.set(r.agencyId, arr);
  }
  return list.map((a) => ({ ...a, reports: byAgency.get(a.id) ?? [] }));
}

/** listRegionAgencies through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function listRegionAgencies(options: { ctx: Ctx; input: z.input<typeof listRegionAgenciesInputSchema> }): Promise<RegionAgency[]> {
  return cachedDashboardRead(options.ctx, { name: "listRegionAgencies", scope: "published", input: options.input }, () => listRegionAgenciesUncached(options));
}
