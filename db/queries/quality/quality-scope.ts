/**
 * The set every quality figure is computed over: the current published version of each report of
 * one year whose agency sits in a region subtree (region_code prefix, lib/regions/scope.ts).
 * Published reports are visible to every signed-in user, so the only scope check is "signed in".
 */
import "server-only";
import { and, eq, like, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ADMIN_CODE_PATTERN } from "../../../lib/regions/levels";
import { regionPrefix } from "../../../lib/regions/scope";
import { AccessDeniedError, type Ctx } from "../../context";
import { agencies, reports } from "../../schema";

export const qualityFilterSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  regionCode: z.string().regex(ADMIN_CODE_PATTERN),
});
export type QualityFilter = z.infer<typeof qualityFilterSchema>;

export function assertSignedIn(ctx: Ctx): void {
  if (ctx.viewer.kind === "user" || ctx.viewer.kind === "system") return;
  throw new AccessDeniedError();
}

/** LIKE pattern for a region subtree; codes are digits only, so nothing needs escaping. */
export function regionLike(regionCode: string): string {
  return `${regionPrefix(regionCode)}%`;
}

/** WHERE over reports ⋈ agencies for the filter. */
export function qualityReportsWhere(filter: QualityFilter): SQL {
  return and(
    eq(reports.isCurrent, true),
    eq(reports.status, "published"),
    eq(reports.year, filter.year),
    like(agencies.regionCode, regionLike(filter.regionCode)),
  )!;
}
