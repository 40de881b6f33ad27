/**
 * npm run bench:corrections — time to save a hand correction (db/mutations/report/correct-report.ts),
 * end to end inside its one transaction: scope check, lock, new version with figures and topics,
 * validation re-run, findings, audit entry, cross-year checks, and the dashboards' rollups and peer
 * values refreshed. Loads `--agencies N` (40) copies of the real 盘州 sample into one county
 * (520281), each under its own agency, then saves `--runs K` (30) corrections in a row, each from
 * the latest version. Prints the median, p90 and max; asserts nothing (no thresholds in tests).
 * On PostgreSQL when TEST_DATABASE_URL is set (a throwaway database is created and dropped), else
 * in-memory PGlite.
 */
import "./lib/load-env";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { desc, eq } from "drizzle-orm";
import { env } from "../lib/env";
import { analyzeDocument } from "../lib/ingest/analyze";
import { systemCtx } from "../db/context";
import { correctReport } from "../db/mutations/report/correct-report";
import { ingestReport } from "../db/mutations/report/ingest-report";
import { refreshDashboardRollups } from "../db/mutations/dashboard/refresh-dashboard-rollups";
import { reports } from "../db/schema";
import { createTestDb } from "../db/test/db";
import { createTestUser } from "../db/test/factories";
import { ctxFor } from "../db/test/ctx";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const AGENCIES = arg("agencies", 40);
const RUNS = arg("runs", 30);
const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main(): Promise<void> {
  const kind = env.TEST_DATABASE_URL ? "postgres" : "pglite";
  const t = await createTestDb(kind);
  try {
    const system = systemCtx("bench-corrections", t.db);
    const ids: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < AGENCIES; i++) {
      const text = SAMPLE.replaceAll("盘州市人民政府(市人民政府办公室)", `盘州市基准测试${i}局`);
      const bytes = new TextEncoder().encode(text);
      const r = await ingestReport({ ctx: system, input: { bytes, fileName: `bench-${i}.txt`, analyzed: await analyzeDocument(bytes, "bench.txt"), status: "published", deferCrossYear: true } });
      if (r.status !== "created") throw new Error(JSON.stringify(r));
      ids.push(r.reportId);
    }
    await refreshDashboardRollups({ ctx: system });
    console.log(`${kind}: loaded ${AGENCIES} reports in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const oversight = ctxFor(t.db, await createTestUser(t.db, { role: "oversight", regionCode: "520000" }));
    const [target] = await t.db.select({ agencyId: reports.agencyId }).from(reports).where(eq(reports.id, ids[0]!));
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [latest] = await t.db.select({ id: reports.id, version: reports.version }).from(reports).where(eq(reports.agencyId, target!.agencyId)).orderBy(desc(reports.version)).limit(1);
      const start = performance.now();
      const r = await correctReport({ ctx: oversight, input: { reportId: latest!.id, expectedVersion: latest!.version, cells: { "t3.carried_over.total": String(4 + (i % 2)) }, reason: "基准测试" } });
      times.push(performance.now() - start);
      if (r.status !== "saved") throw new Error(JSON.stringify(r));
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`save a correction incl. validation and rollup refresh (${RUNS} runs, ${AGENCIES} reports in the county):`);
    console.log(`  median ${pct(sorted, 0.5).toFixed(1)} ms · p90 ${pct(sorted, 0.9).toFixed(1)} ms · max ${sorted.at(-1)!.toFixed(1)} ms · first ${times[0]!.toFixed(1)} ms`);
  } finally {
    await t.close();
  }
}

await main();
