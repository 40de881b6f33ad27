/**
 * npm run ingest -- [--dry-run] [--json] [--agency NAME] [--year N] [--workers N] [--no-wait] [--verbose] <file|dir>...
 *
 * Thin CLI over lib/ingest (pure analysis, in an isolated process per parse) and the ingest jobs
 * (db/jobs): every file becomes one job, run by this process's runners (--workers, default 2)
 * and, on PostgreSQL, by any `npm run worker` process; the progress bar follows the jobs.
 * --no-wait (PostgreSQL) returns once they are queued. Dry run prints one JSON line per file
 * (REPORT-FORMAT.md §0) and opens no database.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { analyzeDocument, toDryRunLine } from "../lib/ingest/analyze";
import { describeToolStatus } from "../lib/system";
import { closeSharedParseIsolate, sharedParseIsolate } from "../lib/system/isolate/shared";
import { MAX_INPUT_BYTES } from "../lib/ingest/extract";
import { closeDb, dbKind, dbLocation, getDb } from "../db/client";
import { systemCtx } from "../db/context";
import { migrateDb } from "../db/migrate";
import { getIngestQueue, startIngestRunners, stopIngestQueue } from "../db/jobs/server";
import { waitForJobs } from "../db/jobs/wait";
import { enqueueIngestJobs } from "../db/mutations/jobs/enqueue-ingest-jobs";
import { refreshCrossYear } from "../db/mutations/report/refresh-cross-year";
import { PgliteLockedError } from "../db/pglite-lock";
import { createProgress } from "./lib/progress";
import { ensureReportCoverage } from "./lib/coverage";
import { ensureDashboardRollups } from "./lib/rollups";

const argsSchema = z.object({
  dryRun: z.boolean(),
  json: z.boolean(),
  /** Return once the jobs are queued (PostgreSQL, with `npm run worker` processes running). */
  noWait: z.boolean(),
  /** One line per file even when there are more than 200 and no terminal (logs, harnesses that follow the load). */
  verbose: z.boolean(),
  /** Job runners in this process (each parses in its own isolated process). */
  workers: z.coerce.number().int().min(1).max(32).default(2),
  agency: z.string().min(2).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  paths: z.array(z.string()).min(1, "Give at least one file or folder. 请至少指定一个文件或文件夹。"),
});
type Args = z.infer<typeof argsSchema>;

const USAGE = "usage: npm run ingest -- [--dry-run] [--json] [--agency NAME] [--year N] [--workers N] [--no-wait] [--verbose] <file|dir>...";

function parseArgs(argv: string[]): Args {
  const raw: Record<string, unknown> = { dryRun: false, json: false, noWait: false, verbose: false, paths: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--dry-run") raw.dryRun = true;
    else if (a === "--json") raw.json = true;
    else if (a === "--no-wait") raw.noWait = true;
    else if (a === "--verbose") raw.verbose = true;
    else if (a === "--agency" || a === "--year" || a === "--workers") raw[a.slice(2)] = argv[++i];
    else if (a.startsWith("--agency=") || a.startsWith("--year=") || a.startsWith("--workers=")) raw[a.slice(2, a.indexOf("="))] = a.slice(a.indexOf("=") + 1);
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith("--")) throw new Error(`Unknown option ${a}\n${USAGE}`);
    else (raw.paths as string[]).push(a);
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}\n${USAGE}`);
  return parsed.data;
}

/** Files under the given paths, sorted; hidden files and JSON manifests are not reports. */
export function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith(".") || name.endsWith(".json")) continue;
        walk(path.join(p, name));
      }
    } else out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

/** What to do about a refusal, on the command line (the web says it in its form). */
function cliHint(code: string | undefined): string {
  if (code === "agency_missing") return " 请用 --agency 指定。 Pass --agency NAME.";
  if (code === "year_missing") return " 请用 --year 指定。 Pass --year N.";
  return "";
}

/** The file's bytes, or nothing past the limit (detection refuses it with too_large, naming its real size). */
function readInput(file: string): { bytes: Uint8Array<ArrayBuffer>; sizeBytes: number } {
  const sizeBytes = statSync(file).size;
  if (sizeBytes > MAX_INPUT_BYTES) return { bytes: new Uint8Array(0), sizeBytes };
  return { bytes: new Uint8Array(readFileSync(file)), sizeBytes };
}

async function dryRun(files: string[], args: Args): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const { bytes, sizeBytes } = readInput(file);
    const analyzed = await sharedParseIsolate().analyze(bytes, path.basename(file), { agencyName: args.agency, year: args.year, sizeBytes });
    const line = toDryRunLine(path.basename(file), analyzed);
    if (!line.ok) failed++;
    if (args.json) console.log(JSON.stringify(line));
    else {
      const errors = line.findings.filter((f) => f.severity === "error").length;
      console.log(
        line.ok
          ? `ok    ${file}: ${line.agency.name} ${line.year} (${line.format_version ?? "?"} format, ${line.surface_format}), ${errors} error finding(s), ${line.issues.length} issue(s)`
          : `FAIL  ${file}: ${line.error?.message}${cliHint(line.error?.code)}`,
      );
    }
  }
  return failed ? 1 : 0;
}

async function ingest(files: string[], args: Args): Promise<number> {
  let db;
  try {
    db = getDb();
    await migrateDb(db);
    await ensureDashboardRollups(db);
    await ensureReportCoverage(db);
  } catch (error) {
    if (error instanceof PgliteLockedError) {
      console.error(`${error.message}\nTo add reports while the app runs, use its upload page (/upload), or stop it first.`);
      return 2;
    }
    throw error;
  }
  if (args.noWait && dbKind() !== "postgres") {
    console.error("--no-wait needs PostgreSQL (DATABASE_URL), where `npm run worker` processes run the jobs. 仅在 PostgreSQL 上可用。");
    return 2;
  }
  const ctx = systemCtx("npm run ingest", db);
  // Many files: defer cross-year checks to one pass per agency at the end (same findings, less work).
  const bulk = files.length > 20;
  const queue = getIngestQueue();
  // This process runs jobs too (unless --no-wait); on PostgreSQL any `npm run worker` shares them.
  if (!args.noWait) await startIngestRunners(args.workers);
  const fileOf = new Map<string, string>();
  const ids: string[] = [];
  const batch = `cli-${Date.now()}`;
  // Files over the input limit are refused here, unread (the same message as the dry run).
  const refused: { file: string; message: string }[] = [];
  const queueable: string[] = [];
  for (const file of files) {
    const { sizeBytes } = readInput(file);
    if (sizeBytes > MAX_INPUT_BYTES) {
      const a = await analyzeDocument(new Uint8Array(0), path.basename(file), { sizeBytes });
      refused.push({ file, message: a.error?.message ?? "too large" });
    } else queueable.push(file);
  }
  for (let i = 0; i < queueable.length; i += 50) {
    const chunk = queueable.slice(i, i + 50);
    const queued = await enqueueIngestJobs({
      ctx,
      input: {
        files: chunk.map((file) => ({ fileName: path.basename(file), bytes: readInput(file).bytes })),
        reportStatus: "published",
        source: "cli",
        batch,
        agencyName: args.agency ?? null,
        year: args.year ?? null,
        deferCrossYear: bulk,
      },
    });
    queued.ids.forEach((id, k) => fileOf.set(id, chunk[k]!));
    ids.push(...queued.ids);
    await queue.enqueue(queued.ids);
  }
  if (args.noWait) {
    console.log(`${ids.length} jobs queued (batch ${batch}); \`npm run worker\` processes run them.  (database: ${dbLocation()})`);
    return 0;
  }
  const touched = new Set<string>();
  const progress = createProgress(files.length, "ingest", process.stderr, { everyLine: args.verbose });
  const summary = { created: 0, skipped: 0, failed: 0 };
  const failures: string[] = [];
  for (const r of refused) {
    progress.tick(path.basename(r.file));
    summary.failed++;
    failures.push(`${r.file}: ${r.message}`);
    progress.log(`FAILED   ${r.file}: ${r.message}`);
  }
  await waitForJobs(ctx, ids, (job) => {
    const file = fileOf.get(job.id) ?? job.fileName;
    progress.tick(path.basename(file));
    if (job.state === "stored") {
      summary.created++;
      if (job.summary?.agencyId) touched.add(job.summary.agencyId);
      progress.log(`created  ${file} → ${job.summary?.agencyName} ${job.summary?.year} v${job.summary?.version}`);
    } else if (job.state === "skipped") {
      summary.skipped++;
      progress.log(`skipped  ${file}: ${job.message}`);
    } else {
      summary.failed++;
      failures.push(`${file}: ${job.message ?? job.code}${cliHint(job.code ?? undefined)}`);
      progress.log(`FAILED   ${file}: ${job.message ?? job.code}${cliHint(job.code ?? undefined)}`);
    }
  });
  progress.done();
  if (bulk && touched.size) {
    const t0 = Date.now();
    await refreshCrossYear({ ctx, input: { agencyIds: [...touched] } });
    console.log(`cross-year checks: ${touched.size} agencies in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(`\n${summary.created} created, ${summary.skipped} skipped, ${summary.failed} failed  (database: ${dbLocation()})`);
  if (failures.length) console.log(`Failed files (nothing was stored for them; the files stay with their failed jobs):\n  ${failures.join("\n  ")}`);
  return summary.failed ? 1 : 0;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  let files: string[];
  try {
    files = collectFiles(args.paths);
  } catch (error) {
    console.error(`Cannot read input: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (!files.length) {
    console.error("No files found under the given paths. 指定路径下没有文件。");
    return 2;
  }
  // Which optional formats are on (stderr, so --json output stays one JSON line per file).
  for (const line of describeToolStatus()) console.error(line);
  try {
    return args.dryRun ? await dryRun(files, args) : await ingest(files, args);
  } finally {
    await stopIngestQueue();
    await closeSharedParseIsolate();
    if (!args.dryRun) await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
