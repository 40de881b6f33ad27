/**
 * The ingest queue: one job per file, the same interface on both databases.
 *
 * - PostgreSQL: pg-boss (10.x, the last line that runs on Node 20). Jobs live in the database,
 *   so any number of processes — the web server, `npm run worker` on this or another machine,
 *   `npm run ingest` — share the work; a job whose runner died expires and is tried again.
 * - Embedded PGlite: only one process may open the database, so the server runs the queue
 *   itself, in-process, with the same retries; parsing still happens in the isolate's separate
 *   processes. pg-boss over PGlite (its `db` adapter) was not used: pg-boss's migrations and
 *   its fetch send multi-statement SQL and rely on row locks across connections (SKIP LOCKED),
 *   which PGlite's single connection cannot give workers. Jobs still `queued` or `parsing` when
 *   the server stopped are picked up again when it starts.
 *
 * Retries: an unexpected error (database gone, a crash) returns the job to the queue, at most
 * JOB_RETRY_LIMIT more times; a file that cannot be read fails at once, keeping its reason.
 */
import "server-only";
import { asc, inArray } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { ParseIsolate } from "../../lib/system/isolate";
import type { Db, DbKind } from "../client";
import { ingestJobs } from "../schema";
import { runIngestJob } from "./run-ingest-job";

export const INGEST_QUEUE = "ingest";
export const JOB_RETRY_LIMIT = 2;

export interface IngestQueue {
  readonly kind: "pg-boss" | "in-process";
  /** Hands queued job rows to the queue; returns once they are durable (PG) or accepted. */
  enqueue(jobIds: readonly string[]): Promise<void>;
  /** Starts `concurrency` runners in this process (more calls add more). */
  work(concurrency: number): Promise<void>;
  /** Stops taking jobs, waits for the running ones, closes connections. */
  stop(): Promise<void>;
}

export interface QueueOptions {
  db: Db;
  kind: DbKind;
  /** PostgreSQL only: the database URL pg-boss connects to. */
  url?: string;
  isolate: ParseIsolate;
  /** Seconds before an unanswered retry (default 2). */
  retryDelaySeconds?: number;
  /** Seconds after which a job whose runner vanished is tried again (default 15 min). */
  expireInSeconds?: number;
}

export function createIngestQueue(opts: QueueOptions): IngestQueue {
  if (opts.kind === "postgres") {
    if (!opts.url) throw new Error("The PostgreSQL ingest queue needs the database URL.");
    return pgBossQueue({ ...opts, url: opts.url });
  }
  return inProcessQueue(opts);
}

function pgBossQueue(opts: QueueOptions & { url: string }): IngestQueue {
  const boss = new PgBoss({ connectionString: opts.url, max: 4, application_name: "gongkai-jobs" });
  boss.on("error", (error: Error) => console.error(`job queue: ${error.message}`));
  let started: Promise<void> | null = null;
  const loops: Promise<void>[] = [];
  let stopping = false;
  const runLoop = async () => {
    while (!stopping) {
      let jobs: PgBoss.JobWithMetadata<{ jobId: string }>[];
      try {
        jobs = await boss.fetch<{ jobId: string }>(INGEST_QUEUE, { batchSize: 1, includeMetadata: true });
      } catch (error) {
        if (stopping) return;
        console.error(`job queue: ${error instanceof Error ? error.message : String(error)}`);
        jobs = [];
      }
      const job = jobs[0];
      if (!job) {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      try {
        await runIngestJob(opts.db, job.data.jobId, { isolate: opts.isolate, final: job.retryCount >= job.retryLimit });
        await boss.complete(INGEST_QUEUE, job.id);
      } catch (error) {
        // pg-boss puts it back for a retry while retries remain, else marks it failed.
        await boss.fail(INGEST_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) }).catch(() => {});
      }
    }
  };
  const ensureStarted = () =>
    (started ??= (async () => {
      await boss.start();
      if (!(await boss.getQueue(INGEST_QUEUE))) {
        try {
          await boss.createQueue(INGEST_QUEUE, {
            name: INGEST_QUEUE,
            retryLimit: JOB_RETRY_LIMIT,
            retryDelay: opts.retryDelaySeconds ?? 2,
            expireInSeconds: opts.expireInSeconds ?? 15 * 60,
          });
        } catch (error) {
          // Another process created it first.
          if (!(await boss.getQueue(INGEST_QUEUE))) throw error;
        }
      }
    })());
  return {
    kind: "pg-boss",
    async enqueue(jobIds) {
      if (!jobIds.length) return;
      await ensureStarted();
      await boss.insert(jobIds.map((jobId) => ({ name: INGEST_QUEUE, data: { jobId }, retryLimit: JOB_RETRY_LIMIT, retryDelay: opts.retryDelaySeconds ?? 2 })));
    },
    async work(concurrency) {
      await ensureStarted();
      // Our own fetch loop rather than boss.work(): work() sleeps its polling interval after
      // every job, which capped a runner at 2 jobs/s; this one takes the next job at once and
      // sleeps only when the queue is empty.
      for (let i = 0; i < concurrency; i++) loops.push(runLoop());
    },
    async stop() {
      if (!started) return;
      const was = started;
      started = null;
      stopping = true;
      await was.catch(() => {});
      await Promise.all(loops.splice(0));
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

function inProcessQueue(opts: QueueOptions): IngestQueue {
  const pending: string[] = [];
  const known = new Set<string>();
  const tries = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let concurrency = 0;
  let running = 0;
  let recovered = false;
  let idle: (() => void) | null = null;

  const pump = () => {
    while (running < concurrency && pending.length) {
      const id = pending.shift()!;
      const attempt = (tries.get(id) ?? 0) + 1;
      tries.set(id, attempt);
      running++;
      runIngestJob(opts.db, id, { isolate: opts.isolate, final: attempt > JOB_RETRY_LIMIT })
        .then(
          () => {
            known.delete(id);
            tries.delete(id);
          },
          (error: unknown) => {
            if (attempt > JOB_RETRY_LIMIT) {
              known.delete(id);
              tries.delete(id);
              console.error(`job ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
              return;
            }
            const timer = setTimeout(() => {
              timers.delete(timer);
              pending.push(id);
              pump();
            }, (opts.retryDelaySeconds ?? 2) * 1000);
            timers.add(timer);
          },
        )
        .finally(() => {
          running--;
          if (running === 0 && idle) idle();
          pump();
        });
    }
  };
  const add = (ids: readonly string[]) => {
    for (const id of ids) {
      if (known.has(id)) continue;
      known.add(id);
      pending.push(id);
    }
    pump();
  };
  return {
    kind: "in-process",
    enqueue(jobIds) {
      add(jobIds);
      return Promise.resolve();
    },
    async work(n) {
      concurrency += n;
      if (!recovered) {
        recovered = true;
        // Jobs left by a previous run of this server (stopped or crashed mid-way).
        const open = await opts.db
          .select({ id: ingestJobs.id })
          .from(ingestJobs)
          .where(inArray(ingestJobs.state, ["queued", "parsing"]))
          .orderBy(asc(ingestJobs.createdAt));
        add(open.map((r) => r.id));
      }
      pump();
    },
    async stop() {
      concurrency = 0;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
    },
  };
}
