/**
 * npm run bench:jobs [-- --reports N] [--workers 1,2]
 * — bulk ingestion through the PostgreSQL job queue with 1, then 2 `npm run worker` processes,
 * measured not asserted. Needs TEST_DATABASE_URL (a throwaway database is made per run and
 * dropped). The files are the first N of the 贵州 demo corpus (text, HTML, GBK HTML, DOCX, PDF),
 * queued as jobs by this process; the workers (each parsing in its own isolated process) share
 * the queue. Prints reports/s per run and the ratio. Goal (issue 17): 2 workers ≥ 2× one.
 */
import "./lib/load-env";
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { generateCorpus } from "../lib/demo";
import { env } from "../lib/env";
import { systemCtx } from "../db/context";
import { createIngestQueue } from "../db/jobs/queue";
import { enqueueIngestJobs } from "../db/mutations/jobs/enqueue-ingest-jobs";
import { ingestJobs } from "../db/schema";
import { createTestDb } from "../db/test/db";
import { createParseIsolate } from "../lib/system/isolate";
import { demoCorpusOptions } from "./lib/demo-load";
import { ROOT, localBin } from "./lib/run";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function run(files: { fileName: string; bytes: Uint8Array<ArrayBuffer> }[], workers: number): Promise<{ seconds: number; stored: number; failed: number }> {
  const testDb = await createTestDb("postgres");
  const url = testDb.url!;
  // This process only queues (its isolate is never used).
  const isolate = createParseIsolate({ limits: { memoryMb: 1024, timeMs: 60_000 } });
  const queue = createIngestQueue({ db: testDb.db, kind: "postgres", url, isolate });
  const ctx = systemCtx("bench:jobs", testDb.db);
  const ids: string[] = [];
  for (let i = 0; i < files.length; i += 100) {
    const q = await enqueueIngestJobs({ ctx, input: { files: files.slice(i, i + 100), reportStatus: "published", source: "cli", deferCrossYear: true } });
    ids.push(...q.ids);
  }
  await queue.enqueue(ids);
  const procs = Array.from({ length: workers }, () =>
    spawn(localBin("tsx"), ["--conditions=react-server", join(ROOT, "scripts", "worker.ts"), "--concurrency", "1"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  // Timed from the moment every worker has its parse process up, not from process start.
  const t0 = Date.now();
  let firstDone = 0;
  let counts = { open: ids.length, stored: 0, failed: 0 };
  while (counts.open > 0) {
    await new Promise((r) => setTimeout(r, 200));
    const rows = await testDb.db.select({ state: ingestJobs.state, n: sql<number>`count(*)::int` }).from(ingestJobs).groupBy(ingestJobs.state);
    const by = (states: string[]) => rows.filter((r) => states.includes(r.state)).reduce((a, r) => a + Number(r.n), 0);
    counts = { open: by(["queued", "parsing"]), stored: by(["stored", "skipped"]), failed: by(["failed"]) };
    if (!firstDone && counts.stored + counts.failed > 0) firstDone = Date.now();
  }
  const end = Date.now();
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          p.once("exit", () => resolve());
          p.kill("SIGTERM");
        }),
    ),
  );
  await queue.stop();
  await isolate.close();
  await testDb.close();
  // From the first finished job: leaves out the workers' start-up (tsx, migrations, pg-boss).
  return { seconds: (end - (firstDone || t0)) / 1000, stored: counts.stored, failed: counts.failed };
}

async function main(): Promise<void> {
  if (!env.TEST_DATABASE_URL) throw new Error("bench:jobs needs TEST_DATABASE_URL (a PostgreSQL server where it may create and drop databases).");
  const n = Number(arg("reports") ?? 300);
  const workerCounts = (arg("workers") ?? "1,2").split(",").map(Number);
  const files: { fileName: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
  for (const f of generateCorpus(demoCorpusOptions())) {
    files.push({ fileName: f.path.split("/").pop() ?? f.path, bytes: new Uint8Array(f.bytes) });
    if (files.length >= n) break;
  }
  const mix = new Map<string, number>();
  for (const f of files) mix.set(f.fileName.split(".").pop() ?? "?", (mix.get(f.fileName.split(".").pop() ?? "?") ?? 0) + 1);
  console.log(`bench:jobs: ${files.length} demo files (${[...mix].map(([k, v]) => `${v} ${k}`).join(", ")}), ${availableParallelism()} cores, PostgreSQL`);
  const results: { workers: number; rate: number }[] = [];
  for (const workers of workerCounts) {
    const r = await run(files, workers);
    const rate = (r.stored + r.failed - 1) / r.seconds;
    results.push({ workers, rate });
    console.log(`  ${workers} worker process(es): ${r.stored} stored, ${r.failed} failed, ${r.seconds.toFixed(1)} s after the first → ${rate.toFixed(1)} reports/s`);
  }
  const one = results.find((r) => r.workers === 1);
  for (const r of results) if (one && r.workers !== 1) console.log(`  ${r.workers} workers / 1 worker: ${(r.rate / one.rate).toFixed(2)}×`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
