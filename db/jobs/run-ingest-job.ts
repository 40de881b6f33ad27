/**
 * Runs one ingest job: claims the row (queued → parsing), analyses the file in the parse isolate
 * (its own process, memory and time limits), stores it with ingestReport — one transaction per
 * document, under the scope of the user who queued it — and records the outcome on the row.
 *
 * Crash safety: the report and the job row are written in separate transactions. A runner that
 * dies between them leaves the job `parsing`; running it again finds the same bytes already
 * stored and records `skipped` with that report, so nothing is stored twice.
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { ParseIsolate } from "../../lib/system/isolate";
import type { Db } from "../client";
import { AccessDeniedError, systemCtx, type Ctx } from "../context";
import { ingestReport } from "../mutations/report/ingest-report";
import { agencies, ingestJobs, reports, users, type IngestJobState, type IngestJobSummary } from "../schema";

export interface RunIngestJobOptions {
  isolate: ParseIsolate;
  /** The queue's last try: an unexpected error then fails the job instead of returning it to the queue. */
  final: boolean;
}

/** Thrown for an unexpected error the queue should retry (the job is back to `queued`). */
export class RetryableJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RetryableJobError";
  }
}

async function finish(db: Db, id: string, state: IngestJobState, fields: Partial<typeof ingestJobs.$inferInsert>): Promise<IngestJobState> {
  await db
    .update(ingestJobs)
    .set({ ...fields, state, finishedAt: new Date(), updatedAt: new Date() })
    .where(eq(ingestJobs.id, id));
  return state;
}

/** The uploader's scope, re-read now: a disabled or deleted account's jobs are refused. */
async function ctxForJob(db: Db, createdBy: string | null): Promise<Ctx | null> {
  if (!createdBy) return systemCtx("ingest job", db);
  const [u] = await db
    .select({ id: users.id, role: users.role, agencyId: users.agencyId, regionCode: users.regionCode, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, createdBy));
  if (!u || u.disabled) return null;
  return { db, viewer: { kind: "user", userId: u.id, role: u.role, agencyId: u.agencyId, regionCode: u.regionCode } };
}

export async function runIngestJob(db: Db, jobId: string, { isolate, final }: RunIngestJobOptions): Promise<IngestJobState> {
  const [job] = await db
    .update(ingestJobs)
    .set({ state: "parsing", attempts: sql`${ingestJobs.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(ingestJobs.id, jobId), inArray(ingestJobs.state, ["queued", "parsing"])))
    .returning();
  if (!job) {
    // Already finished (a queue may deliver a job twice): report what it became.
    const [done] = await db.select({ state: ingestJobs.state }).from(ingestJobs).where(eq(ingestJobs.id, jobId));
    return done?.state ?? "failed";
  }
  if (!job.bytes) return finish(db, job.id, "failed", { code: "extract_failed", message: "文件已不在 The file is no longer there." });
  const ctx = await ctxForJob(db, job.createdBy);
  if (!ctx) return finish(db, job.id, "failed", { code: "denied", message: "上传者的账号已停用 The uploader's account is disabled." });
  const bytes = new Uint8Array(job.bytes);
  try {
    const analyzed = await isolate.analyze(bytes, job.fileName, { ...(job.agencyName ? { agencyName: job.agencyName } : {}), ...(job.year ? { year: job.year } : {}) });
    const result = await ingestReport({
      ctx,
      input: { bytes, fileName: job.fileName, analyzed, status: job.reportStatus, deferCrossYear: job.deferCrossYear },
    });
    if (result.status === "failed") return finish(db, job.id, "failed", { code: result.code, message: result.message });
    const counts = {
      year: analyzed.parsed.year ?? 0,
      errors: analyzed.findings.filter((f) => f.severity === "error").length,
      warnings: analyzed.findings.filter((f) => f.severity === "warning").length,
    };
    if (result.status === "skipped") {
      // Which version already holds these bytes, and in what state, so the page can say so.
      const [existing] = await db.select({ status: reports.status }).from(reports).where(eq(reports.id, result.reportId));
      const summary: IngestJobSummary = {
        agencyId: "",
        agencyName: analyzed.agency?.name ?? "",
        version: result.version,
        pendingAgency: false,
        ...counts,
        ...(existing ? { existingStatus: existing.status } : {}),
      };
      return finish(db, job.id, "skipped", { reportId: result.reportId, message: result.reason, summary, bytes: null });
    }
    const [agency] = await db.select({ name: agencies.name, reviewStatus: agencies.reviewStatus }).from(agencies).where(eq(agencies.id, result.agencyId));
    const summary: IngestJobSummary = {
      agencyId: result.agencyId,
      agencyName: agency?.name ?? analyzed.agency?.name ?? "",
      version: result.version,
      pendingAgency: agency?.reviewStatus === "pending_review",
      ...counts,
    };
    return finish(db, job.id, "stored", { reportId: result.reportId, summary, bytes: null, code: null, message: null });
  } catch (error) {
    if (error instanceof AccessDeniedError) return finish(db, job.id, "failed", { code: "denied", message: error.message });
    const message = error instanceof Error ? error.message : String(error);
    if (final) {
      await finish(db, job.id, "failed", { code: "unexpected", message: `${job.attempts} 次尝试均失败 Failed after ${job.attempts} tries: ${message}` });
    } else {
      await db.update(ingestJobs).set({ state: "queued", message, updatedAt: new Date() }).where(eq(ingestJobs.id, job.id));
    }
    throw new RetryableJobError(message, { cause: error });
  }
}
