/**
 * Fault injection for bulk loads: `npm run ingest` on N demo reports, SIGKILLed at random points
 * several times, then run to completion. After every kill the database must open, hold no partial
 * report (each stored report has its figures row, and its figures are the generated ones), and
 * its dashboard rollups — once the start-up step has rebuilt what the load left dirty — must equal
 * a full rebuild. Used by db/crash.test.ts (short) and `npm run bench:crash` (long).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql, type SQL } from "drizzle-orm";
import { createDb, type Db, type DbTarget } from "../../db/client";
import { refreshAllRollupsInTx } from "../../db/mutations/dashboard/rollups";
import { figureCells, reportFigures } from "../../db/schema/report-figures";
import { agencies, reports } from "../../db/schema";
import { generateCorpus, manifestCells, type ManifestReport } from "../../lib/demo";
import { ensureDashboardRollups } from "./rollups";

export interface CrashLoadOptions {
  reports: number;
  kills: number;
  target: DbTarget;
  seed?: number;
  log?: (line: string) => void;
}

export interface CrashLoadResult {
  reports: number;
  /** Each run: where it was to be killed, whether it was (a run may finish first), what was stored after. */
  kills: { afterCreated: number; killed: boolean; storedAfter: number }[];
  stored: number;
  problems: string[];
}

/**
 * The first `n` reports of the demo corpus (六盘水, then 贵阳: 六盘水 alone has 342), written to a
 * folder; returns their manifest entries by file name.
 */
export function writeDemoReports(dir: string, n: number, seed = 20250101): Map<string, ManifestReport> {
  const out = new Map<string, ManifestReport>();
  const gen = generateCorpus({ seed, prefectures: ["520200", "520100"], sample: null });
  for (let s = gen.next(); !s.done && out.size < n; s = gen.next()) {
    const name = path.basename(s.value.path);
    writeFileSync(path.join(dir, name), s.value.bytes);
    out.set(name, s.value.entry);
  }
  return out;
}

function childEnv(target: DbTarget): NodeJS.ProcessEnv {
  const base = { ...process.env, GONGKAI_DEMO: "off" };
  return target.kind === "postgres" ? { ...base, DATABASE_URL: target.url, PGLITE_DIR: "" } : { ...base, DATABASE_URL: "", PGLITE_DIR: target.dataDir ?? "" };
}

/**
 * Runs the ingest CLI on `dir` and kills it with SIGKILL: once it has reported `kill.afterLines`
 * files stored (plus a random few ms), or `kill.afterMs` after it started. A re-run's runners first
 * finish the jobs a killed run left queued, which print no line, so re-runs are killed by time.
 */
function runIngest(
  dir: string,
  target: DbTarget,
  kill: { afterLines?: number; afterMs?: number } | null,
  rand: () => number,
): Promise<{ killed: boolean; code: number | null; out: string; lines: number; firstLineMs: number | null; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/ingest.ts", "--verbose", dir], { env: childEnv(target), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let lines = 0;
    let firstLineMs: number | null = null;
    let killed = false;
    const killNow = () => {
      if (killed) return;
      killed = true;
      child.kill("SIGKILL");
    };
    const timer = kill?.afterMs !== undefined ? setTimeout(killNow, kill.afterMs) : null;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      out += text;
      // A file stored by this run ("created") or found stored ("skipped").
      const seen = (text.match(/(?:created|skipped) {2}/gu) ?? []).length;
      if (seen > 0 && firstLineMs === null) firstLineMs = Date.now() - started;
      lines += seen;
      if (kill?.afterLines !== undefined && !killed && lines >= kill.afterLines) setTimeout(killNow, Math.floor(rand() * 40));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ killed, code, out: out.slice(-2000), lines, firstLineMs, ms: Date.now() - started });
    });
  });
}

/** postgres.js returns the rows, PGlite `{ rows }`. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

async function snapshot(db: Db, table: string): Promise<string> {
  return (await rowsOf<{ j: string }>(db, sql.raw(`select (to_jsonb(t) - 'created_at' - 'updated_at')::text as j from ${table} t order by 1`))).map((r) => r.j).join("\n");
}

/** Checks one state of the database; returns the problems found and how many reports it holds. */
export async function checkDatabase(db: Db, manifest: Map<string, ManifestReport>): Promise<{ stored: number; problems: string[] }> {
  const problems: string[] = [];
  const orphans = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from reports r where not exists (select 1 from report_figures f where f.report_id = r.id)`);
  const orphanCount = orphans[0]?.n ?? 0;
  if (orphanCount > 0) problems.push(`${orphanCount} report(s) without figures`);
  // By region and year, then by name: a township is stored under its registry name (石桥镇人民政府)
  // where the document prints its county too (盘州市石桥镇人民政府).
  const byRegionYear = new Map<string, ManifestReport[]>();
  for (const e of manifest.values()) {
    const key = `${e.agency.region_code}|${e.year}`;
    byRegionYear.set(key, [...(byRegionYear.get(key) ?? []), e]);
  }
  const rows = await db
    .select({ fig: reportFigures, name: agencies.name, region: agencies.regionCode, year: reports.year })
    .from(reports)
    .innerJoin(reportFigures, eq(reportFigures.reportId, reports.id))
    .innerJoin(agencies, eq(agencies.id, reports.agencyId));
  for (const r of rows) {
    const candidates = byRegionYear.get(`${r.region ?? ""}|${r.year}`) ?? [];
    const entry = candidates.find((e) => e.agency.name === r.name) ?? candidates.find((e) => e.agency.name.endsWith(r.name) || r.name.endsWith(e.agency.name));
    if (!entry) {
      problems.push(`unexpected report ${r.name} ${r.year}`);
      continue;
    }
    const want = manifestCells(entry);
    const got = figureCells(r.fig, Object.keys(want));
    const wrong = Object.entries(want).filter(([k, v]) => (got[k] === null || got[k] === undefined ? null : Number(got[k])) !== v);
    if (wrong.length) problems.push(`${r.name} ${r.year}: ${wrong.length} figure(s) differ, e.g. ${wrong[0]![0]}`);
  }
  const dup = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from (select agency_id, year from reports where is_current group by 1, 2 having count(*) > 1) d`);
  if ((dup[0]?.n ?? 0) > 0) problems.push("two current versions of one report");
  // Rollups: what start-up leaves (rebuild of the dirty pairs) equals a full rebuild.
  await ensureDashboardRollups(db, () => {});
  const tables = ["dashboard_groups", "dashboard_topics", "dashboard_coverage"];
  const before = await Promise.all(tables.map((t) => snapshot(db, t)));
  await db.transaction((tx) => refreshAllRollupsInTx(tx));
  const after = await Promise.all(tables.map((t) => snapshot(db, t)));
  tables.forEach((t, i) => {
    if (before[i] !== after[i]) problems.push(`${t} differs from a full rebuild`);
  });
  return { stored: rows.length, problems };
}

/** Open, check, close (PGlite: one process at a time). */
async function checkTarget(target: DbTarget, manifest: Map<string, ManifestReport>): Promise<{ stored: number; problems: string[] }> {
  const handle = createDb(target);
  try {
    return await checkDatabase(handle.db, manifest);
  } finally {
    await handle.close();
  }
}

export async function crashLoad({ reports: n, kills, target, seed = 7, log = () => {} }: CrashLoadOptions): Promise<CrashLoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "gongkai-crash-"));
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
  try {
    const filesDir = path.join(dir, "files");
    mkdirSync(filesDir);
    const manifest = writeDemoReports(filesDir, n);
    const t0 = Date.now();
    const result: CrashLoadResult = { reports: manifest.size, kills: [], stored: 0, problems: [] };
    let killedRuns = 0;
    // The first run is a fresh load: killed after a random number of stored files. It also measures
    // how long the CLI takes to start and to store a report, to place later kills in time.
    let startMs = 0;
    let msPerReport = 0;
    for (let k = 0; k < kills; k++) {
      const done = result.kills.at(-1)?.storedAfter ?? 0;
      // The kills left share what is left of the load, so all of them land inside it.
      const share = Math.max(1, Math.floor((manifest.size - done - 1) / (kills - k)));
      const afterLines = done + 1 + Math.floor(rand() * share);
      const kill = k === 0 ? { afterLines } : { afterMs: Math.round(startMs + rand() * share * msPerReport) };
      const run = await runIngest(filesDir, target, kill, rand);
      if (k === 0 && run.firstLineMs !== null) {
        startMs = run.firstLineMs;
        msPerReport = Math.max(1, (run.ms - run.firstLineMs) / Math.max(1, run.lines - 1));
      }
      if (run.killed) killedRuns++;
      const check = await checkTarget(target, manifest);
      // What the CLI had reported stored when it was killed must all be there.
      result.kills.push({ afterCreated: run.lines, killed: run.killed, storedAfter: check.stored });
      for (const p of check.problems) result.problems.push(`after kill ${k + 1}: ${p}`);
      const when = "afterMs" in kill ? `${((kill.afterMs ?? 0) / 1000).toFixed(1)} s in` : `${afterLines} files in`;
      log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] kill ${k + 1}/${kills}: ${run.killed ? `SIGKILL ${when} (${run.lines} reported stored)` : `finished before the kill (exit ${run.code})`}; ${check.stored} report(s) stored; ${check.problems.length ? check.problems.join("; ") : "consistent"}`);
    }
    // A harness that cannot follow the load never kills it: say so rather than report "consistent".
    if (kills > 0 && killedRuns === 0) result.problems.push(`none of the ${kills} runs was killed: the ingest CLI's per-file lines were not seen`);
    const last = await runIngest(filesDir, target, null, rand);
    if (last.code !== 0) result.problems.push(`the final run exited ${last.code}: ${last.out.slice(-500)}`);
    const check = await checkTarget(target, manifest);
    result.stored = check.stored;
    for (const p of check.problems) result.problems.push(`after the final run: ${p}`);
    if (check.stored !== manifest.size) result.problems.push(`the final run left ${check.stored} of ${manifest.size} reports`);
    log(`final run: ${check.stored}/${manifest.size} reports; ${check.problems.length ? check.problems.join("; ") : "consistent"}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
