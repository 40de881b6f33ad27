/**
 * Loads the 贵州 demo corpus into a database through the real pipeline: each generated file
 * (text, HTML, GBK HTML, DOCX, PDF) is analysed from its bytes exactly like an uploaded report
 * and stored by the ingest mutation, one transaction per document. Used by `npm start` on an
 * empty database and by `npm run demo:reset`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { DEFAULT_SURFACE_MIX, countCorpus, generateCorpus, type DemoCorpusOptions, type DemoSample } from "../../lib/demo";
import type { AnalyzedDocument } from "../../lib/ingest/analyze";
import { createAnalyzePool } from "./analyze-pool";
import type { Db } from "../../db/client";
import { systemCtx } from "../../db/context";
import { ingestReport } from "../../db/mutations/report/ingest-report";
import { refreshCrossYear } from "../../db/mutations/report/refresh-cross-year";
import { createProgress } from "./progress";
import { ROOT } from "./run";

export const DEMO_SEED = 20250101;

export interface DemoLoadOptions {
  seed?: number;
  /** Only these 市州 (e.g. ["520200"] for a small, fast corpus in end-to-end tests). */
  prefectures?: string[];
  /** With prefectures: also every county-level government's report for these years (a whole peer group to rank). */
  countyGovernmentYears?: number[];
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
  };
}

export async function loadDemoCorpus(db: Db, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const opts = demoCorpusOptions(options);
  const planned = countCorpus(opts);
  const ctx = systemCtx("demo corpus", db);
  const progress = createProgress(planned.agencyYears, "demo corpus");
  const started = Date.now();
  const agencyIds = new Set<string>();
  let reports = 0;
  let failed = 0;
  // Analysis runs in a worker while this thread writes; a small window keeps both busy.
  const pool = createAnalyzePool();
  const window: { path: string; fileName: string; bytes: Uint8Array<ArrayBuffer>; analyzed: Promise<AnalyzedDocument> }[] = [];
  const store = async () => {
    const item = window.shift();
    if (!item) return;
    progress.tick(item.path);
    const analyzed = await item.analyzed;
    const result = await ingestReport({ ctx, input: { bytes: item.bytes, fileName: item.fileName, analyzed, status: "published", deferCrossYear: true } });
    if (result.status === "created") {
      reports++;
      agencyIds.add(result.agencyId);
    } else if (result.status === "failed") {
      failed++;
      progress.log(`demo corpus: ${item.path} failed: ${result.message}`);
    }
  };
  try {
    for (const file of generateCorpus(opts)) {
      const bytes = new Uint8Array(file.bytes);
      const fileName = file.path.split("/").pop() ?? file.path;
      window.push({ path: file.path, fileName, bytes, analyzed: pool.analyze(bytes, fileName) });
      if (window.length >= 8) await store();
    }
    while (window.length) await store();
  } finally {
    await pool.close();
  }
  progress.done();
  await refreshCrossYear({ ctx, input: { agencyIds: [...agencyIds] } });
  return { reports, failed, seconds: (Date.now() - started) / 1000 };
}
