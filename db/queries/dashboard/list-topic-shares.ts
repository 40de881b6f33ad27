/**
 * Application-mix topics (REPORT-FORMAT §4.7) for one year: how many agencies' reports mention
 * each topic, and how many new applications those agencies received. Reports give no per-topic
 * counts, so the application figure is "applications at agencies mentioning it", not per topic.
 * Self-scope current reports only, like every sum. Read from the rollups (dashboard_coverage
 * totals, dashboard_topics); listTopicSharesFromFigures is the direct computation they equal.
 */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { TOPIC_KEYS, type TopicKey } from "../../../lib/catalog/topics";
import type { Ctx } from "../../context";
import { dashboardCoverage as dc, dashboardTopics as dt, reportFigures as rf, reportTopics, sumFigure } from "../../schema";
import { adminCodeSchemaPattern, assertViewer, inRegion } from "./_sql";

export const listTopicSharesInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  regionCode: z.string().regex(adminCodeSchemaPattern).default("520000"),
});
export type ListTopicSharesInput = z.input<typeof listTopicSharesInputSchema>;

export interface TopicShares {
  /** Self-scope current reports of the year (denominator of the agency share). */
  reports: number;
  /** Their new applications where stated (denominator of the application share). */
  applications: number | null;
  topics: { topic: TopicKey; reports: number; applications: number | null }[];
}

async function listTopicSharesUncached({ ctx, input }: { ctx: Ctx; input: ListTopicSharesInput }): Promise<TopicShares> {
  assertViewer(ctx);
  const { year, regionCode } = listTopicSharesInputSchema.parse(input);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const [totals, byTopic] = await Promise.all([
    ctx.db
      .select({ reports: sql`coalesce(sum(${dc.selfReports}), 0)::int`.mapWith(Number), applications: sql`sum(${dc.selfApplications})`.mapWith(num) })
      .from(dc)
      .where(and(eq(dc.year, year), inRegion(dc.regionCode, regionCode))),
    ctx.db
      .select({ topic: dt.topic, reports: sql`sum(${dt.reports})::int`.mapWith(Number), applications: sql`sum(${dt.applications})`.mapWith(num) })
      .from(dt)
      .where(and(eq(dt.year, year), inRegion(dt.regionCode, regionCode)))
      .groupBy(dt.topic),
  ]);
  return shares(totals[0], byTopic);
}

function shares(totals: { reports: number; applications: number | null } | undefined, byTopic: TopicShares["topics"]): TopicShares {
  const order = new Map(TOPIC_KEYS.map((k, i) => [k, i]));
  return {
    reports: totals?.reports ?? 0,
    applications: totals?.applications ?? null,
    topics: byTopic.sort((a, b) => b.reports - a.reports || (order.get(a.topic) ?? 0) - (order.get(b.topic) ?? 0)),
  };
}

/** The direct computation over report_figures (the rollups' definition, and their tests' oracle). */
export async function listTopicSharesFromFigures({ ctx, input }: { ctx: Ctx; input: ListTopicSharesInput }): Promise<TopicShares> {
  assertViewer(ctx);
  const { year, regionCode } = listTopicSharesInputSchema.parse(input);
  const where = and(eq(rf.isCurrent, true), eq(rf.year, year), eq(rf.scope, "self"), inRegion(rf.regionCode, regionCode));
  const [totals, byTopic] = await Promise.all([
    ctx.db.select({ reports: sql`count(*)::int`.mapWith(Number), applications: sumFigure("t3.new_received.total") }).from(rf).where(where),
    ctx.db
      .select({ topic: reportTopics.topic, reports: sql`count(*)::int`.mapWith(Number), applications: sumFigure("t3.new_received.total") })
      .from(reportTopics)
      .innerJoin(rf, eq(rf.reportId, reportTopics.reportId))
      .where(where)
      .groupBy(reportTopics.topic),
  ]);
  return shares(totals[0], byTopic);
}

/** listTopicShares through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function listTopicShares(options: { ctx: Ctx; input: ListTopicSharesInput }): Promise<TopicShares> {
  return cachedDashboardRead(options.ctx, { name: "listTopicShares", scope: "published", input: options.input }, () => listTopicSharesUncached(options));
}
