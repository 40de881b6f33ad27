/**
 * What the quality page's filters offer: the years that have current published reports (newest
 * first) and the regions to pick from — the province and its 市州, plus the children of the
 * selected region and its parent chain, so any level is one choice away.
 */
import "server-only";
import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { ADMIN_CODE_PATTERN, type RegionLevel } from "../../../lib/regions/levels";
import type { Ctx } from "../../context";
import { regions, reports } from "../../schema";
import { assertSignedIn } from "./quality-scope";

export const listQualityFiltersInputSchema = z.object({ regionCode: z.string().regex(ADMIN_CODE_PATTERN) });

export interface ListQualityFiltersOptions {
  ctx: Ctx;
  input: z.input<typeof listQualityFiltersInputSchema>;
}

export interface QualityRegionOption {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface QualityFiltersDto {
  years: number[];
  regions: QualityRegionOption[];
}

export async function listQualityFilters({ ctx, input }: ListQualityFiltersOptions): Promise<QualityFiltersDto> {
  assertSignedIn(ctx);
  const { regionCode } = listQualityFiltersInputSchema.parse(input);
  const { db } = ctx;
  const [years, selected] = await Promise.all([
    db
      .selectDistinct({ year: reports.year })
      .from(reports)
      .where(and(eq(reports.isCurrent, true), eq(reports.status, "published")))
      .orderBy(desc(reports.year)),
    db.select({ code: regions.adminCode, parentCode: regions.parentCode }).from(regions).where(eq(regions.adminCode, regionCode)),
  ]);
  const parents = [regionCode, selected[0]?.parentCode].filter((c): c is string => !!c);
  const options = await db
    .select({ code: regions.adminCode, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(
      or(
        isNull(regions.parentCode),
        eq(regions.parentCode, `${regionCode.slice(0, 2)}0000`),
        inArray(regions.parentCode, parents),
        eq(regions.adminCode, regionCode),
      ),
    )
    .orderBy(asc(regions.adminCode));
  return { years: years.map((y) => y.year), regions: options };
}
