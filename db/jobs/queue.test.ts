/**
 * Ingestion as jobs, on PGlite (in-process queue) and PostgreSQL (pg-boss) alike: each file
 * becomes a job that ends stored, skipped or failed with its reason; a failed job keeps its file;
 * unexpected errors are retried a bounded number of times; users see only their own jobs.
 */
import { readFileSync } from "node:fs";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failedAnalysis } from "../../lib/ingest/analyze";
import { createParseIsolate, type ParseIsolate } from "../../lib/system/isolate";
import { makeInflatingPdf } from "../../lib/system/isolate/pdf-bomb";
import { AccessDeniedError, systemCtx } from "../context";
import { enqueueIngestJobs } from "../mutations/jobs/enqueue-ingest-jobs";
import { listIngestJobs } from "../queries/jobs/list-ingest-jobs";
import { ingestJobs, reports } from "../schema";
import { ctxFor } from "../test/ctx";
import { createTestDb, testDbKinds, type TestDb } from "../test/db";
import { createTestUser } from "../test/factories";
import { createIngestQueue, JOB_RETRY_LIMIT, type IngestQueue } from "./queue";
import { waitForJobs } from "./wait";

const SAMPLE = new Uint8Array(readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt"));

for (const kind of testDbKinds()) {
  describe(`ingest jobs [${kind}]`, () => {
    let testDb: TestDb;
    let isolate: ParseIsolate;
    const queues: IngestQueue[] = [];
    const queue = () => {
      const q = createIngestQueue({ db: testDb.db, kind, url: testDb.url, isolate, retryDelaySeconds: 0 });
      queues.push(q);
      return q;
    };
    beforeAll(async () => {
      testDb = await createTestDb(kind);
      // The pure pipeline (no MuPDF), where a hostile PDF inflates inside the parse process.
      isolate = createParseIsolate({ size: 2, limits: { memoryMb: 400, timeMs: 120_000 }, systemTools: false });
    });
    afterAll(async () => {
      for (const q of queues) await q.stop();
      await isolate.close();
      await testDb.close();
    });

    it("runs one job per file: stored, skipped (same bytes), failed with the reason and the file kept", async () => {
      const db = testDb.db;
      const ctx = systemCtx("test", db);
      const bomb = await makeInflatingPdf(256);
      const q = queue();
      await q.work(2);
      const { ids } = await enqueueIngestJobs({
        ctx,
        input: {
          files: [
            { fileName: "panzhou.txt", bytes: SAMPLE },
            { fileName: "again.txt", bytes: SAMPLE },
            { fileName: "bomb.pdf", bytes: bomb },
            { fileName: "notes.txt", bytes: new TextEncoder().encode("这不是年报。 Not a report at all.") },
          ],
          reportStatus: "published",
          source: "cli",
        },
      });
      const before = await listIngestJobs({ ctx, input: { ids } });
      expect(before.map((j) => j.state)).toEqual(["queued", "queued", "queued", "queued"]);
      // The same bytes twice: run the first alone so the second is a skip, not a race.
      await q.enqueue(ids.slice(0, 1));
      await waitForJobs(ctx, ids.slice(0, 1));
      await q.enqueue(ids.slice(1));
      const jobs = await waitForJobs(ctx, ids);
      expect(jobs.map((j) => j.state)).toEqual(["stored", "skipped", "failed", "failed"]);
      expect(jobs[0]!.summary).toMatchObject({ agencyName: "盘州市人民政府", year: 2024, version: 1 });
      expect(jobs[1]!.reportId).toBe(jobs[0]!.reportId);
      expect(jobs[2]).toMatchObject({ code: "too_large" });
      // Refused before reading (a stream inflating past 128 MB), or killed at the memory cap.
      expect(jobs[2]!.message).toMatch(/过大|400 MB/);
      expect(jobs[3]!.code).toMatch(/not_a_report|agency_missing|year_missing|empty_document/);
      const [report] = await db.select({ status: reports.status }).from(reports).where(eq(reports.id, jobs[0]!.reportId!));
      expect(report?.status).toBe("published");
      const rows = await db.select({ id: ingestJobs.id, bytes: ingestJobs.bytes }).from(ingestJobs).where(inArray(ingestJobs.id, ids));
      const bytesOf = new Map(rows.map((r) => [r.id, r.bytes]));
      expect(bytesOf.get(ids[0]!)).toBeNull();
      expect(bytesOf.get(ids[2]!)?.byteLength).toBe(bomb.byteLength);
      // On PostgreSQL every runner on the database shares the queue: stop this one for the next test.
      await q.stop();
    });

    it("retries an unexpected error a bounded number of times, then fails the job with its reason", async () => {
      const db = testDb.db;
      const ctx = systemCtx("test", db);
      let calls = 0;
      const crashing: ParseIsolate = {
        stats: { files: 0, killed: 0, started: 0, peakRssMb: 0 },
        warm: () => Promise.resolve(),
        analyze: () => {
          calls++;
          return Promise.reject(new Error("parse host lost"));
        },
        close: async () => {},
      };
      const q = createIngestQueue({ db, kind, url: testDb.url, isolate: crashing, retryDelaySeconds: 0 });
      queues.push(q);
      const { ids } = await enqueueIngestJobs({ ctx, input: { files: [{ fileName: "x.txt", bytes: SAMPLE }], reportStatus: "published", source: "cli" } });
      await q.work(1);
      await q.enqueue(ids);
      const [job] = await waitForJobs(ctx, ids);
      expect(job).toMatchObject({ state: "failed", code: "unexpected", attempts: JOB_RETRY_LIMIT + 1 });
      expect(job!.message).toContain("parse host lost");
      expect(calls).toBe(JOB_RETRY_LIMIT + 1);
      await q.stop();
      expect(failedAnalysis(SAMPLE, "x.txt", "too_large", "m").error?.code).toBe("too_large");
    });

    it("lets agency users queue only drafts, and shows each user only their own jobs", async () => {
      const db = testDb.db;
      const agencyUser = await createTestUser(db, { role: "agency" });
      const other = await createTestUser(db, { role: "oversight" });
      const admin = await createTestUser(db, { role: "admin" });
      await expect(
        enqueueIngestJobs({ ctx: ctxFor(db, agencyUser), input: { files: [{ fileName: "a.txt", bytes: SAMPLE }], reportStatus: "published", source: "upload" } }),
      ).rejects.toBeInstanceOf(AccessDeniedError);
      const { ids } = await enqueueIngestJobs({ ctx: ctxFor(db, agencyUser), input: { files: [{ fileName: "a.txt", bytes: SAMPLE }], reportStatus: "draft", source: "self_review" } });
      expect(await listIngestJobs({ ctx: ctxFor(db, agencyUser), input: { ids } })).toHaveLength(1);
      expect(await listIngestJobs({ ctx: ctxFor(db, other), input: { ids } })).toHaveLength(0);
      expect(await listIngestJobs({ ctx: ctxFor(db, admin), input: { ids } })).toHaveLength(1);
      // Run under the uploader's scope: 盘州's report is not this agency user's, so it is refused.
      const q = queue();
      await q.work(1);
      await q.enqueue(ids);
      const [job] = await waitForJobs(systemCtx("test", db), ids);
      expect(job).toMatchObject({ state: "failed", code: "denied" });
    });
  });
}
