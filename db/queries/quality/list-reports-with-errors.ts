/**
 * The current published reports of a year and region subtree that fail at least one hard rule,
 * most errors first, with the first error's message, one page at a time (SQL does the grouping).
 */
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { agencies, findings, regions, reports } from "../../schema";
import { assertSignedIn, qualityFilterSchema, qualityReportsWhere } from "./quality-scope";

export const listReportsWithErrorsInputSchema = qualityFilterSchema.extend({
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

export interface ListReportsWithErrorsOptions {
  ctx: Ctx;
  input: z.input<typeof listReportsWithErrorsInputSchema>;
}

export interface ReportWithErrorsDto {
  reportId: string;
  agencyId: string;
  agencyName: string;
  regionCode: string | null;
  regionName: string | null;
  year: number;
  version: number;
  errorCount: number;
  firstRule: string;
  firstMessageZh: string;
  firstMessageEn: string;
}

export interface ListReportsWithErrorsResult {
  rows: ReportWithErrorsDto[];
  /** Reports with errors in the whole filter, not just this page. */
  total: number;
}

export async function listReportsWithErrors({ ctx, input }: ListReportsWithErrorsOptions): Promise<ListReportsWithErrorsResult> {
  assertSignedIn(ctx);
  const { limit, offset, ...filter } = listReportsWithErrorsInputSchema.parse(input);
  const where = and(qualityReportsWhere(filter), eq(findings.severity, "error"));
  const errorCount = sql<number>`count(${findings.id})`.mapWith(Number);
  const first = (col: typeof findings.rule | typeof findings.messageZh | typeof findings.messageEn) =>
    sql<string>`(array_agg(${col} order by ${findings.rule}, ${findings.id}))[1]`;

  const [rows, totalRows] = await Promise.all([
    ctx.db
      .select({
        reportId: reports.id,
        agencyId: agencies.id,
        agencyName: agencies.name,
        regionCode: agencies.regionCode,
        regionName: regions.name,
        year: reports.year,
        version: reports.version,
        errorCount,
        firstRule: first(findings.rule),
        firstMessageZh: first(findings.messageZh),
        firstMessageEn: first(findings.messageEn),
      })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .innerJoin(findings, eq(findings.reportId, reports.id))
      .leftJoin(regions, eq(regions.adminCode, agencies.regionCode))
      .where(where)
      .groupBy(reports.id, agencies.id, agencies.name, agencies.regionCode, regions.name, reports.year, reports.version)
      .orderBy(desc(errorCount), asc(agencies.name), asc(reports.id))
      .limit(limit)
      .offset(offset),
    ctx.db
      .select({ total: sql<number>`count(distinct ${reports.id})`.mapWith(Number) })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .innerJoin(findings, eq(findings.reportId, reports.id))
      .where(where),
  ]);
  return { rows, total: totalRows[0]?.total ?? 0 };
}
