/**
 * npm run bench:ingest [-- --reports N] [--parse-only] [--no-ocr | --ocr-only] [--ocr-docs N] [--ocr-dpi 150,200,300]
 * — ingestion throughput, measured not asserted.
 *
 *   parse: extract + parse + validate per surface format on one core (reports/s), over the
 *          golden fixtures (the sample in text, HTML, GBK HTML, DOCX, markdown, PDF; a
 *          LibreOffice PDF and a real WPS-made PDF, 淮安市政府 2024);
 *   write: the full ingest mutation (one transaction per report) into in-memory PGlite and, when
 *          TEST_DATABASE_URL is set, a throwaway PostgreSQL database; one by one (cross-year
 *          refresh per report) and in bulk (refresh once per agency at the end).
 *   ocr:   scans of the demo PDFs at 150/200/300 dpi through Tesseract (accuracy, s/page on one
 *          core) and demo DOCX files saved as .doc by LibreOffice (scripts/lib/bench-ocr.ts).
 * Goals from the issues: ≥ 300 text/HTML reports/s parsed, ≥ 20 PDF/s, ≥ 200 reports/s written
 * to PostgreSQL in bulk; scans at 200 dpi ≥ 98 % of figures right (every wrong one marked), at
 * 300 dpi ≥ 99 %; OCR ≤ 5 s per page on one core; .doc 100 %.
 */
import "./lib/load-env";
import { readFileSync } from "node:fs";
import { analyzeDocument, type AnalyzedDocument } from "../lib/ingest/analyze";
import { env } from "../lib/env";
import type { DbHandle } from "../db/client";
import { systemCtx } from "../db/context";
import { ingestReport } from "../db/mutations/report/ingest-report";
import { refreshCrossYear } from "../db/mutations/report/refresh-cross-year";
import { createTestDb } from "../db/test/db";
import { benchOcr } from "./lib/bench-ocr";
import { TOOL_INSTALL, type ExtractTools } from "../lib/ingest/extract/tools";
import { liveToolCpuMs, probeTools, systemTools } from "../lib/system";

const FIX = "lib/ingest/__fixtures__";
const FORMATS: [string, string][] = [
  ["text", `${FIX}/panzhou/2024/input.txt`],
  ["html", `${FIX}/formats/html-merged/input.html`],
  ["html-gbk", `${FIX}/formats/html-gbk/input.html`],
  ["docx", `${FIX}/formats/docx/input.docx`],
  ["markdown", `${FIX}/formats/markdown/input.md`],
  ["pdf", `${FIX}/formats/pdf-chromium/input.pdf`],
  // PDFs from the producers agencies use: LibreOffice Writer, and a real WPS/Word-made report.
  ["pdf-lo", `${FIX}/producers/libreoffice/ruled-520200-gov-2023/input.pdf`],
  ["pdf-wps", `${FIX}/real/huaian-szf/2024/input.pdf`],
];

function argText(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/**
 * CPU time of this process's tool processes (ms), from /proc on Linux; 0 elsewhere: the finished
 * children, and the long-lived MuPDF tracer still running.
 */
function childCpuMs(): number {
  return finishedChildCpuMs() + liveToolCpuMs();
}

function finishedChildCpuMs(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of stat (cutime, cstime), counted from the state field (3rd).
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return 0;
  }
}

async function benchParse(): Promise<void> {
  const status = probeTools();
  const tools = systemTools(status);
  console.log("parse throughput (extract + parse + validate, one core; CPU counts the tools' processes too):");
  for (const [name, file] of FORMATS) {
    const engines: [string, ExtractTools][] = name.startsWith("pdf") ? [[tools.pdf ? "MuPDF" : "pdf.js", tools], ...(tools.pdf ? ([["pdf.js", {}]] as [string, ExtractTools][]) : [])] : [["", tools]];
    for (const [engine, t] of engines) {
      const bytes = new Uint8Array(readFileSync(file));
      await analyzeDocument(bytes, file, { tools: t }); // warm-up: JIT, lazy tables
      const budgetMs = 3000;
      let n = 0;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const child0 = childCpuMs();
      while (performance.now() - t0 < budgetMs) {
        await analyzeDocument(bytes, file, { tools: t });
        n++;
      }
      const secs = (performance.now() - t0) / 1000;
      // CPU time too: on a shared machine wall time also counts the other processes' turns.
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = ((cpu.user + cpu.system) / 1000 + (childCpuMs() - child0)) / n;
      const label = engine ? `${name} (${engine})` : name;
      console.log(
        `  ${label.padEnd(18)} ${(n / secs).toFixed(1).padStart(8)} reports/s  (${((secs * 1000) / n).toFixed(2)} ms each, ${cpuMs.toFixed(2)} ms CPU → ${(1000 / cpuMs).toFixed(1)}/s per core, ${(bytes.byteLength / 1024).toFixed(0)} KB)`,
      );
    }
  }
  if (!status.pdf.available) console.log(`  (MuPDF not installed: PDFs are read with pdf.js; ${TOOL_INSTALL.pdf})`);
}

/** N distinct reports: the sample under N agency names of 盘州市 over two years. */
async function corpus(n: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; analyzed: AnalyzedDocument }[]> {
  const text = readFileSync(`${FIX}/panzhou/2024/input.txt`, "utf8");
  const out: { bytes: Uint8Array<ArrayBuffer>; analyzed: AnalyzedDocument }[] = [];
  for (let i = 0; i < n; i++) {
    const year = 2023 + (i % 2);
    const bytes = new TextEncoder().encode(text.replaceAll("2024", String(year)) + `\n<!-- ${i} -->`);
    out.push({ bytes, analyzed: await analyzeDocument(bytes, `r${i}.txt`, { agencyName: `盘州市测试${Math.floor(i / 2)}局` }) });
  }
  return out;
}

type Handle = { db: DbHandle["db"]; close: () => Promise<void> };

/** One transaction per report; bulk mode defers the cross-year refresh to one pass per agency. */
async function benchWrite(label: string, open: () => Promise<Handle>, docs: Awaited<ReturnType<typeof corpus>>) {
  for (const bulk of [false, true]) {
    const handle = await open();
    const ctx = systemCtx("bench", handle.db);
    const t0 = performance.now();
    const agencyIds = new Set<string>();
    for (const [i, d] of docs.entries()) {
      const r = await ingestReport({ ctx, input: { bytes: d.bytes, fileName: `r${i}.txt`, analyzed: d.analyzed, deferCrossYear: bulk } });
      if (r.status !== "created") throw new Error(`bench: report ${i} was ${r.status}`);
      agencyIds.add(r.agencyId);
    }
    if (bulk) await refreshCrossYear({ ctx, input: { agencyIds: [...agencyIds] } });
    const secs = (performance.now() - t0) / 1000;
    const mode = bulk ? "bulk" : "one by one";
    console.log(`  ${label.padEnd(9)} ${mode.padEnd(11)} ${(docs.length / secs).toFixed(1).padStart(7)} reports/s  (${docs.length} reports in ${secs.toFixed(1)} s)`);
    await handle.close();
  }
}

async function main() {
  const ocr = { docs: arg("ocr-docs", 2), resolutions: (argText("ocr-dpi") ?? "150,200,300").split(",").map(Number), verbose: process.argv.includes("--ocr-verbose") };
  if (process.argv.includes("--ocr-only")) return benchOcr(ocr);
  await benchParse();
  if (process.argv.includes("--parse-only")) return;
  const n = arg("reports", 500);
  console.log(`\nwrite throughput (full ingest mutation, ${n} reports, analysis excluded):`);
  const docs = await corpus(n);
  await benchWrite("pglite", () => createTestDb("pglite"), docs);
  if (env.TEST_DATABASE_URL) await benchWrite("postgres", () => createTestDb("postgres"), docs);
  else console.log("  postgres   skipped: set TEST_DATABASE_URL (a throwaway database is created) to measure it");
  if (!process.argv.includes("--no-ocr")) await benchOcr(ocr);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
