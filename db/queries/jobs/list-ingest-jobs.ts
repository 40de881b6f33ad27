/**
 * The state of ingest jobs, for the upload page's live list and the CLI's progress. A user sees
 * only the jobs they queued; admins and the operator's scripts see every job. Never the file.
 */
import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { ingestJobs, type IngestJobState, type IngestJobSummary } from "../../schema";

export interface IngestJobView {
  id: string;
  fileName: string;
  state: IngestJobState;
  code: string | null;
  message: string | null;
  reportId: string | null;
  summary: IngestJobSummary | null;
  attempts: number;
}

const inputSchema = z.object({ ids: z.array(z.uuid()).max(10_000) });

function ownJobsWhere(ctx: Ctx): SQL | undefined {
  const { viewer } = ctx;
  if (viewer.kind === "system" || viewer.role === "admin") return undefined;
  return eq(ingestJobs.createdBy, viewer.userId);
}

export async function listIngestJobs({ ctx, input }: { ctx: Ctx; input: z.input<typeof inputSchema> }): Promise<IngestJobView[]> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success || parsed.data.ids.length === 0) return [];
  const rows = await ctx.db
    .select({
      id: ingestJobs.id,
      fileName: ingestJobs.fileName,
      state: ingestJobs.state,
      code: ingestJobs.code,
      message: ingestJobs.message,
      reportId: ingestJobs.reportId,
      summary: ingestJobs.summary,
      attempts: ingestJobs.attempts,
    })
    .from(ingestJobs)
    .where(and(inArray(ingestJobs.id, parsed.data.ids), ownJobsWhere(ctx)));
  const order = new Map(parsed.data.ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** Jobs of a source by state (the start-up banner: how much of the demo is loaded). */
export async function countIngestJobs({ ctx, input }: { ctx: Ctx; input: { source: "demo" | "cli" | "upload" | "self_review" } }): Promise<Record<IngestJobState, number>> {
  const counts: Record<IngestJobState, number> = { queued: 0, parsing: 0, stored: 0, skipped: 0, failed: 0 };
  const rows = await ctx.db
    .select({ state: ingestJobs.state, n: sql<number>`count(*)::int` })
    .from(ingestJobs)
    .where(and(eq(ingestJobs.source, input.source), ownJobsWhere(ctx)))
    .groupBy(ingestJobs.state);
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}
