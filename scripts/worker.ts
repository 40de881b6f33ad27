/**
 * npm run worker -- [--concurrency N]
 *
 * Runs ingest jobs from the PostgreSQL queue (pg-boss) until stopped (Ctrl-C / SIGTERM, which
 * finishes the jobs in hand first). Start as many as you like, on any machine that reaches the
 * database: they share the work. Each job parses in its own process under PARSE_MEMORY_MB /
 * PARSE_TIME_LIMIT_S. On embedded PGlite there is no separate worker: the server runs the jobs.
 */
import "./lib/load-env";
import { closeDb, dbKind, dbLocation, getDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { startIngestRunners, stopIngestQueue } from "../db/jobs/server";
import { env } from "../lib/env";
import { closeSharedParseIsolate } from "../lib/system/isolate/shared";

function concurrencyArg(argv: string[]): number {
  const i = argv.findIndex((a) => a === "--concurrency" || a.startsWith("--concurrency="));
  if (i < 0) return env.PARSE_WORKERS;
  const raw = argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`--concurrency must be a whole number from 1 to 64 (got ${raw}). 并发数须为 1–64 的整数。`);
  return n;
}

async function main(): Promise<number> {
  if (dbKind() !== "postgres") {
    console.error(
      "npm run worker needs PostgreSQL: set DATABASE_URL. On embedded PGlite the server (npm start) runs the jobs itself. 需要 PostgreSQL（DATABASE_URL）；使用内置 PGlite 时由服务器自行处理任务。",
    );
    return 2;
  }
  const concurrency = concurrencyArg(process.argv.slice(2));
  await migrateDb(getDb());
  await startIngestRunners(concurrency);
  console.log(`worker: running ingest jobs, ${concurrency} at a time (database: ${dbLocation()}; memory cap ${env.PARSE_MEMORY_MB} MB, time limit ${env.PARSE_TIME_LIMIT_S} s per file)`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  console.log("worker: stopping after the jobs in hand…");
  await stopIngestQueue();
  await closeSharedParseIsolate();
  await closeDb();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
