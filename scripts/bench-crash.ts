/**
 * npm run bench:crash [-- --reports 500 --kills 20] — the long fault-injection run (db/crash.test.ts
 * runs 3 kills in 40 reports): SIGKILL `npm run ingest` at random points of a bulk load, check the
 * database after every kill (opens, no partial report, rollups equal a full rebuild), then finish
 * the load. PGlite in a temporary folder, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import "./lib/load-env";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "../lib/env";
import { createTestDb } from "../db/test/db";
import { crashLoad } from "./lib/crash-load";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

async function main(): Promise<number> {
  const reports = arg("reports", 500);
  const kills = arg("kills", 20);
  let failed = 0;
  const dir = mkdtempSync(path.join(tmpdir(), "gongkai-bench-crash-"));
  try {
    console.log(`PGlite: ${reports} reports, ${kills} kills`);
    const r = await crashLoad({ reports, kills, target: { kind: "pglite", dataDir: dir }, log: console.log });
    console.log(`PGlite: ${r.problems.length ? `PROBLEMS:\n  ${r.problems.join("\n  ")}` : `${r.kills.filter((k) => k.killed).length} kills survived (${r.kills.filter((k) => !k.killed).length} runs finished first), ${r.stored}/${r.reports} reports at the end`}`);
    if (r.problems.length) failed++;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (env.TEST_DATABASE_URL) {
    const db = await createTestDb("postgres", { migrate: false });
    try {
      console.log(`\nPostgreSQL: ${reports} reports, ${kills} kills`);
      const r = await crashLoad({ reports, kills, target: { kind: "postgres", url: db.url! }, log: console.log });
      console.log(`PostgreSQL: ${r.problems.length ? `PROBLEMS:\n  ${r.problems.join("\n  ")}` : `${r.kills.filter((k) => k.killed).length} kills survived (${r.kills.filter((k) => !k.killed).length} runs finished first), ${r.stored}/${r.reports} reports at the end`}`);
      if (r.problems.length) failed++;
    } finally {
      await db.close();
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
