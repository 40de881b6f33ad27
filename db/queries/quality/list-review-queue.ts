/**
 * What needs a person (issue #14 point 4), for one year and region subtree:
 * - published reports (current version) whose tables were only partly read or not read at all
 *   (reports.coverage), or that carry error findings;
 * - reports submitted for review and not yet accepted or returned — only those in the viewer's
 *   scope (oversight: its region; agency users: their own agency; admin: all).
 * Sorted by what matters most: published first, then the largest application volume (表三
 * 本年新收 总计), then the most cells affected (unread cells plus error findings).
 */
import "server-only";
import { and, eq, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import { agencies, findings, regions, reportFigures, reports } from "../../schema";
import { figureColumn } from "../../schema/report-figures";
import type { Ctx } from "../../context";
import { reportsInScopeWhere } from "../_scope";
import { assertSignedIn, qualityFilterSchema, regionLike } from "./quality-scope";

export const listReviewQueueInputSchema = qualityFilterSchema.extend({
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

export interface ReviewQueueRow {
  reportId: string;
  agencyName: string;
  regionCode: string | null;
  regionName: string | null;
  version: number;
  status: "draft" | "submitted" | "published";
  /** New applications received (表三 本年新收 总计), when read. */
  applications: number | null;
  /** Catalog cells not read from the document. */
  unreadCells: number;
  /** Tables not completely read, e.g. ["t3"]. */
  partTables: string[];
  errorCount: number;
  pendingReview: boolean;
}

export interface ReviewQueueResult {
  rows: ReviewQueueRow[];
  total: number;
  counts: { partlyRead: number; withErrors: number; pendingReview: number };
}

export type ReviewQueueCounts = ReviewQueueResult["counts"] & { total: number };

/**
 * The queue's conditions over reports ⋈ agencies: current published reports partly read or with
 * error findings, and submissions in the viewer's scope (the only private part).
 */
function queueConditions(ctx: Ctx, year: number, regionCode: string) {
  const partly = sql`exists (select 1 from jsonb_each(${reports.coverage}) as t(id, c) where t.c->>'status' <> 'complete')`;
  const errors = sql`(select count(*) from ${findings} where ${findings.reportId} = ${reports.id} and ${findings.severity} = 'error')`;
  const published = and(eq(reports.isCurrent, true), eq(reports.status, "published"), or(partly, sql`${errors} > 0`));
  const submitted = and(eq(reports.status, "submitted"), reportsInScopeWhere(ctx.viewer));
  const where = and(eq(reports.year, year), like(agencies.regionCode, regionLike(regionCode)), or(published, submitted));
  return { partly, errors, where };
}

async function queueCounts(ctx: Ctx, year: number, regionCode: string): Promise<ReviewQueueCounts> {
  const { partly, errors, where } = queueConditions(ctx, year, regionCode);
  const [t] = await ctx.db
    .select({
      total: sql<number>`count(*)::int`.mapWith(Number),
      partlyRead: sql<number>`(count(*) filter (where ${reports.status} = 'published' and ${partly}))::int`.mapWith(Number),
      withErrors: sql<number>`(count(*) filter (where ${reports.status} = 'published' and ${errors} > 0))::int`.mapWith(Number),
      pendingReview: sql<number>`(count(*) filter (where ${reports.status} = 'submitted'))::int`.mapWith(Number),
    })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(where);
  return t ?? { total: 0, partlyRead: 0, withErrors: 0, pendingReview: 0 };
}

/**
 * How many items of the queue need a person, for the overview's and region pages' counts: the
 * same conditions and scope as listReviewQueue (submissions only within the viewer's scope).
 */
export async function countReviewQueue({ ctx, input }: { ctx: Ctx; input: z.input<typeof qualityFilterSchema> }): Promise<ReviewQueueCounts> {
  assertSignedIn(ctx);
  const { year, regionCode } = qualityFilterSchema.parse(input);
  return queueCounts(ctx, year, regionCode);
}

export async function listReviewQueue({ ctx, input }: { ctx: Ctx; input: z.input<typeof listReviewQueueInputSchema> }): Promise<ReviewQueueResult> {
  assertSignedIn(ctx);
  const { limit, offset, year, regionCode } = listReviewQueueInputSchema.parse(input);
  const { errors, where } = queueConditions(ctx, year, regionCode);

  const unread = sql<number>`coalesce((select sum(greatest((t.c->>'of')::int - (t.c->>'read')::int, 0)) from jsonb_each(coalesce(${reports.coverage}, '{}'::jsonb)) as t(id, c)), 0)::int`.mapWith(Number);
  const partTables = sql<string[]>`coalesce((select array_agg(t.id order by t.id) from jsonb_each(coalesce(${reports.coverage}, '{}'::jsonb)) as t(id, c) where t.c->>'status' <> 'complete'), '{}')`;
  const errorCount = sql<number>`${errors}::int`.mapWith(Number);
  const applications = sql<number | null>`${figureColumn("t3.new_received.total")}`.mapWith((v) => (v === null ? null : Number(v)));

  const [rows, totals] = await Promise.all([
    ctx.db
      .select({
        reportId: reports.id,
        agencyName: agencies.name,
        regionCode: agencies.regionCode,
        regionName: regions.name,
        version: reports.version,
        status: reports.status,
        applications,
        unreadCells: unread,
        partTables,
        errorCount,
      })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .leftJoin(regions, eq(regions.adminCode, agencies.regionCode))
      .leftJoin(reportFigures, eq(reportFigures.reportId, reports.id))
      .where(where)
      .orderBy(
        sql`(${reports.status} = 'published') desc`,
        sql`${figureColumn("t3.new_received.total")} desc nulls last`,
        sql`(${unread} + ${errorCount}) desc`,
        agencies.name,
        reports.id,
      )
      .limit(limit)
      .offset(offset),
    queueCounts(ctx, year, regionCode),
  ]);
  const t = totals;
  return {
    rows: rows.map((r) => ({ ...r, partTables: r.partTables ?? [], pendingReview: r.status === "submitted" })),
    total: t.total,
    counts: { partlyRead: t.partlyRead, withErrors: t.withErrors, pendingReview: t.pendingReview },
  };
}
