/**
 * The system tools behind OCR and old-format conversion, as the `ExtractTools` the pure extractors
 * take (lib/ingest/extract/tools.ts):
 *
 * - OCR: poppler's `pdftoppm` renders a scanned PDF page to grayscale PGM (stdin → stdout);
 *   `tesseract` (with the chi_sim model) reads a PGM from stdin and writes TSV word boxes. One
 *   Tesseract thread per page (OMP_THREAD_LIMIT=1): callers parallelise across documents.
 * - LibreOffice (`soffice --headless --convert-to docx`): one conversion at a time per process
 *   (a per-thread queue plus a lock file named after the process id, so worker threads queue
 *   too), a fresh profile directory per conversion (-env:UserInstallation), a time limit after
 *   which the process group is killed, temporary files always removed.
 *
 * Nothing here is cached across calls except the tool probe (per thread), so the tools are safe
 * in worker threads and child processes.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { PdfTraceError, type ExtractTools, type OcrEngine, type OfficeConverter, type PdfTracer } from "../ingest/extract/tools";
import { TOOL_INSTALL } from "../ingest/extract/tools";
import { encodePgm, parsePnm, type GrayImage } from "../ingest/ocr/image";
import { createTraceServer, TraceServerStartError, type TraceServer } from "./pdf-trace-server";
import { ProcessError, runProcess, type RunOptions, type RunResult } from "./process";

export const TOOL_LIMITS = {
  traceMs: 60_000,
  /** mutool trace output; a real report's is under 2 MB. */
  traceBytes: 64 * 1024 * 1024,
  /** Address space of the long-lived MuPDF process (a report needs under 100 MB). */
  traceMemoryMb: 1024,
  rasterizeMs: 60_000,
  recognizeMs: 120_000,
  convertMs: 90_000,
  /** Waiting for another conversion to finish before giving up. */
  convertQueueMs: 5 * 60_000,
} as const;

export interface ToolStatus {
  ocr: { available: boolean; tesseract: string | null; chiSim: boolean; eng: boolean; pdftoppm: boolean; missing: string[] };
  office: { available: boolean; soffice: string | null; missing: string[] };
  pdf: { available: boolean; mutool: string | null; missing: string[] };
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return null;
}

let probed: ToolStatus | null = null;

/** Which tools this machine has (looked up once per thread). */
export function probeTools(): ToolStatus {
  if (probed) return probed;
  const tesseract = onPath("tesseract");
  let version: string | null = null;
  let chiSim = false;
  let eng = false;
  if (tesseract) {
    const v = spawnSync(tesseract, ["--version"], { encoding: "utf8", timeout: 10_000 });
    version = /tesseract\s+v?([\d.]+)/i.exec(`${v.stdout}${v.stderr}`)?.[1] ?? "?";
    const langs = spawnSync(tesseract, ["--list-langs"], { encoding: "utf8", timeout: 10_000 });
    chiSim = /^chi_sim$/m.test(`${langs.stdout}${langs.stderr}`);
    eng = /^eng$/m.test(`${langs.stdout}${langs.stderr}`);
  }
  const pdftoppm = onPath("pdftoppm") !== null;
  const soffice = onPath("soffice") ?? onPath("libreoffice");
  const ocrMissing = [...(tesseract ? [] : ["tesseract-ocr"]), ...(tesseract && !chiSim ? ["tesseract-ocr-chi-sim"] : []), ...(pdftoppm ? [] : ["poppler-utils"])];
  const mutool = onPath("mutool");
  probed = {
    ocr: { available: ocrMissing.length === 0, tesseract: version, chiSim, eng, pdftoppm, missing: ocrMissing },
    office: { available: soffice !== null, soffice, missing: soffice ? [] : ["libreoffice-writer-nogui"] },
    pdf: { available: mutool !== null, mutool, missing: mutool ? [] : ["mupdf-tools"] },
  };
  return probed;
}

/** CPU time of the child processes (user + system, ms), reported after each run: benchmarks only. */
export type CpuMeter = (what: "rasterize" | "recognize", ms: number) => void;

/** Runs the command under bash and reports its CPU time from bash's `times` (children's line). */
async function metered(meter: CpuMeter | undefined, what: "rasterize" | "recognize", command: string, args: string[], opts: RunOptions): Promise<RunResult> {
  if (!meter) return runProcess(command, args, opts);
  const r = await runProcess("bash", ["-c", '"$@"; rc=$?; times >&2; exit $rc', "bash", command, ...args], opts);
  const last = r.stderr.trim().split("\n").at(-1) ?? "";
  const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/.exec(last);
  if (m) meter(what, (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000);
  return r;
}

export function tesseractEngine(
  version = probeTools().ocr.tesseract ?? "?",
  digitsLang = probeTools().ocr.eng ? "eng" : "chi_sim",
  meter?: CpuMeter,
): OcrEngine {
  return {
    name: `tesseract ${version} (chi_sim)`,
    async rasterizePdfPage(pdf: Uint8Array, page: number, dpi: number): Promise<GrayImage> {
      const r = await metered(meter, "rasterize", "pdftoppm", ["-r", String(dpi), "-gray", "-f", String(page), "-l", String(page), "-"], {
        input: pdf,
        timeoutMs: TOOL_LIMITS.rasterizeMs,
        maxOutputBytes: 200 * 1024 * 1024,
      });
      return parsePnm(new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength));
    },
    async recognize(image: GrayImage, opts: { dpi: number }): Promise<string> {
      const r = await metered(meter, "recognize", "tesseract", ["stdin", "stdout", "-l", "chi_sim", "--psm", "6", "--dpi", String(Math.round(opts.dpi)), "tsv"], {
        input: encodePgm(image),
        timeoutMs: TOOL_LIMITS.recognizeMs,
        maxOutputBytes: 64 * 1024 * 1024,
        env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      });
      return r.stdout.toString("utf8");
    },
    async recognizeNumbers(crops: readonly GrayImage[], opts: { dpi: number }): Promise<string[]> {
      if (crops.length === 0) return [];
      // One process for all crops: Tesseract reads a list of image files, one "page" each.
      const dir = mkdtempSync(path.join(tmpdir(), "gongkai-ocr-"));
      try {
        const files = crops.map((c, i) => {
          const file = path.join(dir, `n${i}.pgm`);
          writeFileSync(file, encodePgm(c));
          return file;
        });
        const list = path.join(dir, "list.txt");
        writeFileSync(list, files.join("\n") + "\n");
        const args = [list, "stdout", "-l", digitsLang, "--psm", "7", "--dpi", String(Math.round(opts.dpi)), "-c", "tessedit_char_whitelist=0123456789.-", "tsv"];
        const r = await metered(meter, "recognize", "tesseract", args, {
          timeoutMs: TOOL_LIMITS.recognizeMs,
          maxOutputBytes: 16 * 1024 * 1024,
          env: { ...process.env, OMP_THREAD_LIMIT: "1" },
        });
        const byPage: string[][] = crops.map(() => []);
        for (const line of r.stdout.toString("utf8").split("\n")) {
          const page = Number(line.split("\t")[1]);
          if (Number.isInteger(page) && page >= 1 && page <= crops.length) byPage[page - 1]?.push(line);
        }
        return byPage.map((lines) => lines.join("\n"));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// ───────────────────────────── LibreOffice ─────────────────────────────

let queue: Promise<unknown> = Promise.resolve();

/** Runs jobs of this thread one after another. */
function serialize<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Exclusive across the threads of this process: a lock file created with O_EXCL. */
async function withProcessLock<T>(job: () => Promise<T>): Promise<T> {
  const lock = path.join(tmpdir(), `gongkai-soffice-${process.pid}.lock`);
  const deadline = Date.now() + TOOL_LIMITS.convertQueueMs;
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, `${process.pid}:${threadId}:${Date.now()}\n`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A lock older than any conversion may take was left by a crash: take it over.
      try {
        if (Date.now() - statSync(lock).mtimeMs > TOOL_LIMITS.convertMs * 2) unlinkSync(lock);
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error("another document conversion is still running; try again later");
      await sleep(150);
    }
  }
  try {
    return await job();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // already removed
    }
  }
}

export function libreOfficeConverter(soffice = probeTools().office.soffice ?? "soffice"): OfficeConverter {
  const convert = (bytes: Uint8Array, from: string, to: "docx" | "pdf"): Promise<Uint8Array> =>
    serialize(() =>
      withProcessLock(async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "gongkai-convert-"));
        try {
          const input = path.join(dir, `input.${from}`);
          const outDir = path.join(dir, "out");
          writeFileSync(input, bytes);
          await runProcess(
            soffice,
            [
              `-env:UserInstallation=file://${path.join(dir, "profile")}`,
              "--headless",
              "--norestore",
              "--nolockcheck",
              "--nodefault",
              "--nologo",
              "--convert-to",
              to === "docx" ? "docx:MS Word 2007 XML" : "pdf:writer_pdf_Export",
              "--outdir",
              outDir,
              input,
            ],
            { timeoutMs: TOOL_LIMITS.convertMs, env: { ...process.env, HOME: dir }, cwd: dir, maxOutputBytes: 1024 * 1024 },
          );
          let out: Buffer;
          try {
            out = readFileSync(path.join(outDir, `input.${to}`));
          } catch {
            throw new Error(`LibreOffice wrote no ${to.toUpperCase()} (the file is damaged, encrypted or not a text document)`);
          }
          return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
    );
  return {
    name: "LibreOffice",
    convertToDocx: (bytes, from) => convert(bytes, from, "docx"),
    convertToPdf: (bytes, from) => convert(bytes, from, "pdf"),
  };
}

/** The tools this machine has, ready to inject: `extractDocument(bytes, name, { tools: systemTools() })`. */
// ───────────────────────────── MuPDF ─────────────────────────────

/**
 * `mutool trace`: every glyph and path MuPDF draws, for the PDF reader (extract/pdf-trace.ts).
 * The file goes through a private temporary folder (MuPDF seeks, so stdin will not do); the output
 * is capped, a slow trace is stopped, and a file MuPDF will not open is left to pdf.js.
 */
export function mutoolTracer(mutool = probeTools().pdf.mutool ?? "mutool"): PdfTracer {
  return {
    name: "MuPDF",
    async trace(pdf: Uint8Array): Promise<string> {
      const dir = mkdtempSync(path.join(tmpdir(), "gongkai-pdf-"));
      try {
        const file = path.join(dir, "in.pdf");
        writeFileSync(file, pdf);
        const r = await runProcess(mutool, ["trace", file], { timeoutMs: TOOL_LIMITS.traceMs, maxOutputBytes: TOOL_LIMITS.traceBytes });
        return r.stdout.toString("utf8");
      } catch (err) {
        if (err instanceof ProcessError && err.reason === "output") throw new PdfTraceError(`over ${TOOL_LIMITS.traceBytes / 1024 / 1024} MB of drawing`, "too_large");
        if (err instanceof ProcessError && err.reason === "timeout") throw new PdfTraceError(err.message, "timeout");
        throw new PdfTraceError(err instanceof Error ? err.message : String(err), "unreadable");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The long-lived tracer (./pdf-trace-server.ts): one `mutool run` process for this thread, shared
 * by every caller of systemTools(); where it cannot start, `mutool trace` per file as before.
 */
export function mutoolRunTracer(mutool = probeTools().pdf.mutool ?? "mutool"): PdfTracer {
  const server = sharedTraceServer(mutool);
  const fallback = mutoolTracer(mutool);
  let canRun = true;
  return {
    name: "MuPDF",
    async trace(pdf, opts) {
      if (!canRun) return fallback.trace(pdf);
      try {
        return await server.trace(pdf, opts);
      } catch (err) {
        if (!(err instanceof TraceServerStartError)) throw err;
        canRun = false;
        return fallback.trace(pdf);
      }
    },
  };
}

const traceServers = new Map<string, TraceServer>();

function sharedTraceServer(mutool: string): TraceServer {
  let server = traceServers.get(mutool);
  if (!server) {
    server = createTraceServer({ mutool, timeoutMs: TOOL_LIMITS.traceMs, maxOutputBytes: TOOL_LIMITS.traceBytes, memoryMb: TOOL_LIMITS.traceMemoryMb });
    traceServers.set(mutool, server);
  }
  return server;
}

/** CPU time (ms) of this thread's live tool processes (the long-lived tracer), for benchmarks. */
export function liveToolCpuMs(): number {
  let ms = 0;
  for (const server of traceServers.values()) ms += server.liveCpuMs();
  return ms;
}

export function systemTools(status: ToolStatus = probeTools()): ExtractTools {
  return {
    ...(status.pdf.available ? { pdf: mutoolRunTracer(status.pdf.mutool ?? "mutool") } : {}),
    ...(status.ocr.available ? { ocr: tesseractEngine(status.ocr.tesseract ?? "?", status.ocr.eng ? "eng" : "chi_sim") } : {}),
    ...(status.office.available ? { office: libreOfficeConverter(status.office.soffice ?? "soffice") } : {}),
  };
}

/** One start-up line per capability, Chinese then English, with the install command when off. */
export function describeToolStatus(status: ToolStatus = probeTools()): string[] {
  const lines: string[] = [];
  lines.push(
    status.ocr.available
      ? `OCR 已启用（tesseract ${status.ocr.tesseract}，chi_sim）：可读取扫描版 PDF 和 PNG/JPEG 图片。 OCR on: scanned PDFs and PNG/JPEG images are read.`
      : `OCR 未启用（缺少 ${status.ocr.missing.join(", ")}）：扫描版 PDF 和图片将被拒绝。启用：${TOOL_INSTALL.ocr}  OCR off (missing ${status.ocr.missing.join(", ")}): scanned PDFs and images are refused. To enable: ${TOOL_INSTALL.ocr}`,
  );
  lines.push(
    status.office.available
      ? `LibreOffice 已启用：可读取 .doc、.wps、.rtf、.odt。 LibreOffice on: .doc, .wps, .rtf and .odt files are read.`
      : `LibreOffice 未安装：.doc、.wps、.rtf、.odt 文件将被拒绝。启用：${TOOL_INSTALL.office}  LibreOffice missing: .doc, .wps, .rtf and .odt files are refused. To enable: ${TOOL_INSTALL.office}`,
  );
  lines.push(
    status.pdf.available
      ? `PDF：使用 MuPDF 读取（快）。 PDF: read with MuPDF (fast).`
      : `PDF：未安装 MuPDF，改用 pdf.js 读取（结果相同，但慢数倍）。启用：${TOOL_INSTALL.pdf}  PDF: MuPDF missing, read with pdf.js (same results, several times slower). To enable: ${TOOL_INSTALL.pdf}`,
  );
  return lines;
}
