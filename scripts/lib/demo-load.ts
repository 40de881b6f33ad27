/**
 * Loads the 贵州 demo corpus into a database through the real pipeline: each generated file
 * (text, HTML, GBK HTML, DOCX, PDF) is analysed from its bytes exactly like an uploaded report
 * and stored by the ingest mutation, one transaction per document. Used by `npm start` on an
 * empty database and by `npm run demo:reset`.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { DEFAULT_SURFACE_MIX, countCorpus, generateCorpus, type DemoAgency, type DemoCorpusOptions, type DemoSample } from "../../lib/demo";
import type { AnalyzedDocument } from "../../lib/ingest/analyze";
import { createAnalyzePool } from "./analyze-pool";
import type { Db } from "../../db/client";
import { systemCtx } from "../../db/context";
import { ingestReport } from "../../db/mutations/report/ingest-report";
import { finishDemoLoad, recordDemoProgress } from "../../db/mutations/demo/demo-load";
import { refreshCrossYear, refreshDirtyRollups } from "../../db/mutations/report/refresh-cross-year";
import { reports as reportsTable, sourceDocuments } from "../../db/schema";
import { createProgress } from "./progress";
import { ROOT } from "./run";

export const DEMO_SEED = 20250101;
/** A tracked load rebuilds the dashboards' rollups it deferred this often (and when it stops). */
const ROLLUP_EVERY_MS = 15_000;

export interface DemoLoadOptions {
  seed?: number;
  /** Only these 市州 (e.g. ["520200"] for a small, fast corpus in end-to-end tests). */
  prefectures?: string[];
  /** With prefectures: also every county-level government's report for these years (a whole peer group to rank). */
  countyGovernmentYears?: number[];
  /** Only these agencies' reports of these years (a few documents, for tests). */
  only?: { agencies: (a: DemoAgency) => boolean; years: number[] };
}

export interface DemoLoadResult {
  reports: number;
  failed: number;
  seconds: number;
}

function readSample(): DemoSample | null {
  const dir = join(ROOT, "lib/ingest/__fixtures__/panzhou/2024");
  if (!existsSync(join(dir, "input.txt"))) return null;
  return {
    bytes: new Uint8Array(readFileSync(join(dir, "input.txt"))),
    expected: JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as DemoSample["expected"],
  };
}

/** The generator's options for the demo corpus (also used by bench:jobs). */
export function demoCorpusOptions(options: DemoLoadOptions = {}): DemoCorpusOptions {
  return {
    seed: options.seed ?? DEMO_SEED,
    scale: 1,
    sample: readSample(),
    surfaceMix: DEFAULT_SURFACE_MIX,
    // node:zlib compresses PDF streams several times faster than fflate; output stays deterministic.
    deflate: (d) => new Uint8Array(deflateSync(d, { level: 6 })),
    ...(options.prefectures ? { prefectures: options.prefectures } : {}),
    ...(options.prefectures && options.countyGovernmentYears
      ? { also: { agencies: (a) => a.kind === "government" && a.level === "county", years: options.countyGovernmentYears } }
      : {}),
    ...(options.only ? { prefectures: [], also: options.only } : {}),
  };
}

export interface DemoLoadRun {
  /** Stops between documents: the ones already analysing are stored, the rest wait for a resume. */
  signal?: AbortSignal;
  /** Skip documents already stored (by sha256): a load resumed after a stop or a restart. */
  resume?: boolean;
  /** Record progress in the demo_load row (the banner reads it); off for demo:reset's plain reload. */
  track?: boolean;
  /** Per-document progress on the console (a bar on a terminal); the server logs every tenth instead. */
  quiet?: boolean;
  /** Called after each document with the number stored so far. */
  onProgress?: (done: number) => void;
  /**
   * Awaited before each document is stored: the serving app lets the requests in flight finish
   * first (PGlite runs one transaction at a time, and a reader should not wait behind the demo).
   */
  pace?: () => Promise<void>;
}

export interface DemoLoadOutcome extends DemoLoadResult {
  /** Documents the corpus holds. */
  planned: number;
  /** Documents stored so far, including those a resumed load found already stored. */
  done: number;
  /** True when the signal stopped the load before its end. */
  stopped: boolean;
}

/** "small" is the e2e corpus: 六盘水市, and every county government's 2023–2024 reports. */
export function demoLoadOptions(corpus: "full" | "small"): DemoLoadOptions {
  return corpus === "small" ? { prefectures: ["520200"], countyGovernmentYears: [2023, 2024] } : {};
}

export function plannedDemoFiles(options: DemoLoadOptions = {}): number {
  return countCorpus(demoCorpusOptions(options)).files;
}

async function storedHashes(db: Db): Promise<Set<string>> {
  const rows = await db.select({ sha256: sourceDocuments.sha256 }).from(sourceDocuments);
  return new Set(rows.map((r) => r.sha256));
}

export async function loadDemoCorpus(db: Db, options: DemoLoadOptions = {}, run: DemoLoadRun = {}): Promise<DemoLoadOutcome> {
  const opts = demoCorpusOptions(options);
  const planned = countCorpus(opts).files;
  const ctx = systemCtx("demo corpus", db);
  const progress = run.quiet ? null : createProgress(planned, "demo corpus");
  const started = Date.now();
  const stored = run.resume ? await storedHashes(db) : new Set<string>();
  let reports = 0;
  let failed = 0;
  let done = 0;
  let lastRecorded = 0;
  let lastLogged = 0;
  // 0: a resumed load rebuilds at its first record what a stopped one left (see the stop below).
  let lastRollups = 0;
  const record = async (force = false) => {
    if (!run.track || (!force && Date.now() - lastRecorded < 1000)) return;
    lastRecorded = Date.now();
    await recordDemoProgress({ ctx, input: { loaded: done, failed } });
    // The dashboards fill in as the load goes: the rollups it deferred, rebuilt every 15 s.
    if (force || Date.now() - lastRollups > ROLLUP_EVERY_MS) {
      await run.pace?.();
      await refreshDirtyRollups({ ctx });
      lastRollups = Date.now();
    }
  };
  const advance = async (label: string) => {
    done++;
    progress?.tick(label);
    run.onProgress?.(done);
    if (run.quiet && done - lastLogged >= Math.max(1, Math.round(planned / 10))) {
      lastLogged = done;
      console.log(`demo corpus: ${done}/${planned} stored (${Math.round((done / planned) * 100)} %)`);
    }
    await record();
  };
  // Analysis runs in workers while this thread writes; a small window keeps both busy.
  const pool = createAnalyzePool();
  const window: { path: string; fileName: string; bytes: Uint8Array<ArrayBuffer>; analyzed: Promise<AnalyzedDocument> }[] = [];
  const store = async () => {
    const item = window.shift();
    if (!item) return;
    const analyzed = await item.analyzed;
    await run.pace?.();
    const result = await ingestReport({ ctx, input: { bytes: item.bytes, fileName: item.fileName, analyzed, status: "published", deferCrossYear: true } });
    if (result.status === "created") {
      reports++;
    } else if (result.status === "failed") {
      failed++;
      (progress?.log ?? console.log)(`demo corpus: ${item.path} failed: ${result.message}`);
    }
    await advance(item.path);
  };
  let stopped = false;
  try {
    for (const file of generateCorpus(opts)) {
      // PGlite answers through microtasks only, so without this turn of the event loop a stop
      // (a signal, a child's exit) would wait behind every document still to go.
      if (run.signal) await new Promise((resolve) => setImmediate(resolve));
      if (run.signal?.aborted) {
        stopped = true;
        break;
      }
      const bytes = new Uint8Array(file.bytes);
      if (stored.size && stored.has(createHash("sha256").update(bytes).digest("hex"))) {
        await advance(file.path);
        continue;
      }
      const fileName = file.path.split("/").pop() ?? file.path;
      window.push({ path: file.path, fileName, bytes, analyzed: pool.analyze(bytes, fileName) });
      if (window.length >= 8) await store();
    }
    // A stop leaves the documents still in the window to the resumed load.
    while (window.length && !run.signal?.aborted) await store();
    if (window.length) {
      // A stop is answered at once: the analyses in flight are dropped with their workers below.
      stopped = true;
      for (const w of window) w.analyzed.catch(() => undefined);
    }
  } finally {
    await pool.close();
  }
  progress?.done();
  if (!stopped) {
    // Cross-year checks were deferred per document: run them once for every agency with a report.
    const agencies = await db.selectDistinct({ id: reportsTable.agencyId }).from(reportsTable);
    await refreshCrossYear({ ctx, input: { agencyIds: agencies.map((a) => a.id) }, pace: run.pace });
    if (run.track) await finishDemoLoad({ ctx, input: { loaded: done, failed } });
  } else if (run.track) {
    // The progress, not the rollups: whoever resumes the load rebuilds them within 15 s, and a
    // stop (the build is done, or the server shuts down) should not wait for them.
    await recordDemoProgress({ ctx, input: { loaded: done, failed } });
  }
  return { reports, failed, seconds: (Date.now() - started) / 1000, planned, done, stopped };
}
