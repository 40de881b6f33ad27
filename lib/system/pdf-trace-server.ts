/**
 * A long-lived MuPDF tracer: one `mutool run` process per parse process (per thread) that reads
 * PDF file names from stdin and answers with a compact record of every glyph and path drawn
 * (lib/ingest/extract/pdf-trace.ts reads it), instead of one `mutool trace` process per file.
 * Starting mutool and collecting its XML cost a PDF 10–20 ms of a 30–50 ms parse; the compact
 * record holds only what the layout reads (glyph origin, advance and unicode; path points; the
 * text and path matrices) and is a third of the XML's size.
 *
 * The limits stay per document:
 * - the bomb guard (extract/pdf-guard.ts) has refused over-inflating files before they get here;
 * - time: a document past `timeoutMs` kills the process (SIGKILL) and fails alone (`timeout`);
 *   the next document starts a fresh process;
 * - output: a document whose record passes `maxOutputBytes` is killed the same way (`too_large`);
 * - memory: the process runs under `ulimit -v` (address space, `memoryMb`), so MuPDF's allocations
 *   fail inside it instead of growing the machine's memory; a failed allocation fails the document
 *   (`too_large`);
 * - a crash (a signal, an exit) fails only the document being read (`crashed`); pages are counted
 *   before any is drawn, so a file over the page limit is refused without tracing it.
 * The process is recycled after `maxDocuments` files (MuPDF's caches do not grow without end),
 * shut down after `idleMs` without work, and never keeps the Node process alive while idle. It is
 * in this process's group: killing a parse process (lib/system/isolate) takes it along.
 *
 * mutool's stdout is a pipe, which C stdio buffers whole: `stdbuf -oL` makes it line-buffered and
 * each answer is one line (records separated by ";"), written and flushed at once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDF_LIMITS } from "../ingest/extract/pdf";
import { COMPACT_TRACE_HEADER } from "../ingest/extract/pdf-trace";
import { PdfTraceError, type PdfTracer } from "../ingest/extract/tools";

/** Objects beyond which a document's Type 3 fonts are not looked for (the scan is ~1 µs each). */
const MAX_OBJECTS_SCANNED = 200_000;

/**
 * The script `mutool run` executes (MuJS, ES5). Request: "<max pages>\t<file>". Answer, one line
 * of space-separated tokens (lib/ingest/extract/pdf-trace.ts reads it): COMPACT_TRACE_HEADER,
 * then records, each a letter and a fixed count of numbers, except a glyph, which is four numbers
 * (code point, origin x and y in its text's space, advance in em):
 *   C n                        the document has n pages, over the limit: none is traced
 *   P n x0 y0 x1 y1            page n (1-based) and its bounds
 *   T a b c d e f              text drawn (filled, or invisible as an OCR layer) with this matrix
 *   S a b c d                  a span: its text matrix without translation
 *   F|K a b c d e f            a filled | stroked path with this matrix, then its points:
 *   m x y | l x y | c x y | h  move, line, curve (end point), close
 *   E | e                      end of the text | of the path
 *   Z ok | Z error <message>   the document's end
 * Numbers are pushed and joined once: MuJS converts them in C, several times faster than string
 * concatenation in the script. Glyphs without a unicode value or glyph id are left out, as the XML
 * reader leaves them out.
 */
export const TRACE_SCRIPT = String.raw`
var out = null;
function clean(e) { return String(e && e.message ? e.message : e).replace(/\s+/g, " "); }
var glyphs = {
  beginSpan: function (font, trm) { out.push("S", trm[0], trm[1], trm[2], trm[3]); },
  showGlyph: function (font, trm, gid, ucs, wmode) {
    if (gid < 0 || ucs < 0) return;
    out.push(ucs, trm[4], trm[5], font.advanceGlyph(gid, wmode ? 1 : 0));
  }
};
// Path points drawn on the page so far: past the cap the page is art, not a form, and the rest of
// its paths are left out (the pdf.js reader stops at the same count), which keeps a page of a
// million strokes from costing seconds here.
var pagePoints = 0;
var points = {
  moveTo: function (x, y) { if (++pagePoints <= ${PDF_LIMITS.maxPathOpsPerPage}) out.push("m", x, y); },
  lineTo: function (x, y) { if (++pagePoints <= ${PDF_LIMITS.maxPathOpsPerPage}) out.push("l", x, y); },
  curveTo: function (x1, y1, x2, y2, x3, y3) { if (++pagePoints <= ${PDF_LIMITS.maxPathOpsPerPage}) out.push("c", x3, y3); },
  closePath: function () { out.push("h"); }
};
function path(kind, p, m) {
  if (pagePoints > ${PDF_LIMITS.maxPathOpsPerPage}) return;
  out.push(kind, m[0], m[1], m[2], m[3], m[4], m[5]);
  p.walk(points);
  out.push("e");
}
function text(t, m) { out.push("T", m[0], m[1], m[2], m[3], m[4], m[5]); t.walk(glyphs); out.push("E"); }
var device = {
  fillText: function (t, m) { text(t, m); },
  ignoreText: function (t, m) { text(t, m); },
  fillPath: function (p, evenOdd, m) { path("F", p, m); },
  strokePath: function (p, stroke, m) { path("K", p, m); }
};
// Type 3 glyph programs are drawings; MuPDF runs every one of them when it loads the font (to
// learn its box), which for a Chromium print's hundred Type 3 fonts is most of the trace. The text
// needs none of it (advances come from /Widths, unicode from /Encoding and /ToUnicode): each
// font gets an empty CharProcs, so there is no program to run, and its glyphs are still shown as
// text at the same places.
function dropType3Glyphs(doc) {
  var n = doc.countObjects();
  if (n > ${MAX_OBJECTS_SCANNED}) return;
  for (var i = 1; i < n; i++) {
    var o;
    try { o = doc.newIndirect(i, 0).resolve(); } catch (e) { continue; }
    if (!o || !o.isDictionary()) continue;
    var sub = o.get("Subtype");
    if (!sub || !sub.isName() || sub.asName() !== "Type3") continue;
    var procs = o.get("CharProcs");
    if (procs && procs.isDictionary()) o.put("CharProcs", doc.newDictionary());
  }
}
function trace(maxPages, file) {
  var doc = new Document(file);
  if (doc.needsPassword() && !doc.authenticatePassword("")) throw new Error("cannot authenticate password");
  var n = doc.countPages();
  if (n > maxPages) { out.push("C", n); return; }
  if (doc.isPDF()) dropType3Glyphs(doc);
  for (var i = 0; i < n; i++) {
    var page = doc.loadPage(i);
    var b = page.bound();
    out.push("P", i + 1, b[0], b[1], b[2], b[3]);
    pagePoints = 0;
    page.run(device, Identity);
  }
}
print("R ready");
for (;;) {
  var line;
  try { line = readline(); } catch (e) { break; }
  if (line === null || line === undefined) break;
  var tab = line.indexOf("\t");
  out = ["${COMPACT_TRACE_HEADER}"];
  try { trace(Number(line.slice(0, tab)), line.slice(tab + 1)); out.push("Z", "ok"); }
  catch (e) { out = ["${COMPACT_TRACE_HEADER}", "Z", "error", clean(e)]; }
  print(out.join(" "));
  out = null;
  // Frees the document now: MuJS counts its own objects, not the memory MuPDF holds behind them.
  gc();
}
`;

export interface TraceServerOptions {
  /** The mutool binary (default: found on PATH). */
  mutool?: string;
  /** One document's wall time. */
  timeoutMs: number;
  /** One document's record. */
  maxOutputBytes: number;
  /** The process's address space (ulimit -v), MB. */
  memoryMb: number;
  /** Documents read by one process before it is replaced (default 200). */
  maxDocuments?: number;
  /** Idle time after which the process is shut down (default 30 s). */
  idleMs?: number;
}

interface Job {
  pdf: Uint8Array;
  maxPages: number;
  resolve: (trace: string) => void;
  reject: (err: unknown) => void;
}

interface Running {
  child: ChildProcess;
  /** Resolves when the script said it is ready; rejects when it died first. */
  ready: Promise<void>;
  dir: string;
  documents: number;
  stderr: string;
  /** Called with each complete answer line; set while a document is out. */
  onLine: ((line: string) => void) | null;
  /** Called when the process exits; set while a document is out. */
  onExit: ((why: string) => void) | null;
  /** Characters of the answer received so far (the output cap). */
  pendingBytes: number;
  dead: boolean;
}

/** `mutool run` could not be started here (no stdbuf, a MuPDF built without JavaScript…). */
export class TraceServerStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TraceServerStartError";
  }
}

const ALLOCATION_FAILED = /malloc|out of memory|cannot allocate|memory allocation/iu;

/** Counters for tests and benchmarks. */
export interface TraceServerStats {
  started: number;
  documents: number;
  killed: number;
}

export interface TraceServer extends PdfTracer {
  readonly stats: TraceServerStats;
  /** The current mutool process id (tests kill it to play a crash), null when none runs. */
  pid(): number | null;
  /**
   * CPU time (user + system, ms) of the live process, from /proc on Linux (0 elsewhere): a
   * finished one is counted in the parent's children's time, a live one is not (benchmarks).
   */
  liveCpuMs(): number;
  close(): Promise<void>;
}

export function createTraceServer(opts: TraceServerOptions): TraceServer {
  const mutool = opts.mutool ?? "mutool";
  const maxDocuments = opts.maxDocuments ?? 200;
  const idleMs = opts.idleMs ?? 30_000;
  const stats: TraceServerStats = { started: 0, documents: 0, killed: 0 };
  const queue: Job[] = [];
  let running: Running | null = null;
  let busy = false;
  let idleTimer: NodeJS.Timeout | null = null;

  const setRef = (r: Running, on: boolean) => {
    const handles = [r.child, r.child.stdin, r.child.stdout, r.child.stderr] as ({ ref?: () => void; unref?: () => void } | null)[];
    for (const h of handles) (on ? h?.ref : h?.unref)?.call(h);
  };

  const stop = (r: Running, kill: boolean) => {
    if (running === r) running = null;
    if (!r.dead) {
      r.dead = true;
      if (kill) r.child.kill("SIGKILL");
      else r.child.stdin?.end();
    }
    rmSync(r.dir, { recursive: true, force: true });
  };

  const start = (): Running => {
    const dir = mkdtempSync(path.join(tmpdir(), "gongkai-trace-"));
    const script = path.join(dir, "trace.js");
    writeFileSync(script, TRACE_SCRIPT);
    const kb = Math.max(1, Math.round(opts.memoryMb * 1024));
    // exec keeps one process: the shell becomes stdbuf, which becomes mutool (same pid).
    const child = spawn("/bin/sh", ["-c", `ulimit -v ${kb} && exec stdbuf -oL "$0" run "$1"`, mutool, script], {
      stdio: ["pipe", "pipe", "pipe"],
      cwd: dir,
    });
    stats.started++;
    const r: Running = { child, ready: Promise.resolve(), dir, documents: 0, stderr: "", onLine: null, onExit: null, pendingBytes: 0, dead: false };
    let buffer = "";
    let readyResolve: () => void = () => undefined;
    let readyReject: (e: Error) => void = () => undefined;
    let isReady = false;
    r.ready = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      let at = chunk.indexOf("\n");
      if (at < 0) {
        buffer += chunk;
        r.pendingBytes += chunk.length;
        if (r.onLine && r.pendingBytes > opts.maxOutputBytes) r.onLine("\u0000over");
        return;
      }
      let rest = chunk;
      while (at >= 0) {
        const line = buffer + rest.slice(0, at);
        buffer = "";
        rest = rest.slice(at + 1);
        r.pendingBytes = 0;
        if (!isReady) {
          if (line.startsWith("R ready")) {
            isReady = true;
            readyResolve();
          }
        } else r.onLine?.(line);
        at = rest.indexOf("\n");
      }
      buffer = rest;
      r.pendingBytes = rest.length;
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      r.stderr = (r.stderr + chunk).slice(-2000);
    });
    child.stdin.on("error", () => undefined);
    const died = (why: string) => {
      const wasDead = r.dead;
      r.dead = true;
      if (running === r) running = null;
      if (!wasDead) rmSync(r.dir, { recursive: true, force: true });
      if (!isReady) readyReject(new Error(`mutool run did not start: ${why}${r.stderr ? `: ${r.stderr.trim().slice(-300)}` : ""}`));
      r.onExit?.(why);
    };
    child.on("error", (e) => died(e.message));
    // "close", not "exit": an answer already written is read before the process counts as gone.
    child.on("close", (code, signal) => died(signal ? `killed by ${signal}` : `exited with ${code}`));
    return r;
  };

  /** A process that has said it is ready, started when there is none (or it has done its share). */
  const ready = async (): Promise<Running> => {
    for (let attempt = 0; ; attempt++) {
      if (!running || running.dead || running.documents >= maxDocuments) {
        if (running) stop(running, false);
        running = start();
      }
      const r = running;
      setRef(r, true);
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          r.ready,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(opts.timeoutMs / 1000)} s`)), opts.timeoutMs);
          }),
        ]);
      } catch (err) {
        stop(r, true);
        throw new TraceServerStartError(err instanceof Error ? err.message : String(err));
      } finally {
        clearTimeout(timer);
      }
      // Died while idle since it was ready (killed from outside): once more with a fresh one.
      if (!r.dead || attempt > 0) return r;
    }
  };

  const runJob = async (job: Job): Promise<string> => {
    const r = await ready();
    if (r.dead) throw new PdfTraceError("MuPDF stopped before it could read the file", "crashed");
    r.documents++;
    stats.documents++;
    const file = path.join(r.dir, `in-${r.documents}.pdf`);
    writeFileSync(file, job.pdf);
    try {
      return await new Promise<string>((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          r.onLine = null;
          r.onExit = null;
        };
        const timer = setTimeout(() => {
          finish();
          stats.killed++;
          stop(r, true);
          reject(new PdfTraceError(`MuPDF did not finish within ${Math.round(opts.timeoutMs / 1000)} s and was stopped`, "timeout"));
        }, opts.timeoutMs);
        r.onLine = (line) => {
          finish();
          if (line === "\u0000over") {
            stats.killed++;
            stop(r, true);
            return reject(new PdfTraceError(`over ${Math.round(opts.maxOutputBytes / 1024 / 1024)} MB of drawing`, "too_large"));
          }
          const error = `${COMPACT_TRACE_HEADER} Z error`;
          if (line.startsWith(error)) {
            const message = line.slice(error.length).trim() || "MuPDF could not read the file";
            return reject(new PdfTraceError(message, ALLOCATION_FAILED.test(message) ? "too_large" : "unreadable"));
          }
          resolve(line);
        };
        r.onExit = (why) => {
          finish();
          reject(new PdfTraceError(`MuPDF stopped while reading the file (${why})`, "crashed"));
        };
        r.child.stdin?.write(`${job.maxPages}\t${file}\n`);
      });
    } finally {
      rmSync(file, { force: true });
    }
  };

  const pump = () => {
    if (busy) return;
    const job = queue.shift();
    if (!job) {
      if (running) {
        const r = running;
        setRef(r, false);
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          if (!busy && running === r) stop(r, false);
        }, idleMs);
        idleTimer.unref();
      }
      return;
    }
    busy = true;
    if (idleTimer) clearTimeout(idleTimer);
    runJob(job).then(job.resolve, (err: unknown) => {
      job.reject(err instanceof PdfTraceError || err instanceof TraceServerStartError ? err : new PdfTraceError(err instanceof Error ? err.message : String(err), "unreadable"));
    }).finally(() => {
      busy = false;
      pump();
    });
  };

  return {
    name: "MuPDF",
    stats,
    pid: () => (running && !running.dead ? (running.child.pid ?? null) : null),
    liveCpuMs() {
      const pid = running && !running.dead ? running.child.pid : undefined;
      if (pid === undefined) return 0;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        // utime and stime: fields 14 and 15 of stat, counted here from the state field (3rd).
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        return 0;
      }
    },
    trace(pdf, traceOpts) {
      return new Promise<string>((resolve, reject) => {
        queue.push({ pdf, maxPages: traceOpts?.maxPages ?? 1_000_000, resolve, reject });
        pump();
      });
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      const r = running;
      if (!r || r.dead) return;
      const exited = new Promise<void>((resolve) => r.child.once("exit", () => resolve()));
      // Held while it goes: an idle (unreferenced) process would let Node exit before "exit".
      setRef(r, true);
      stop(r, true);
      await exited;
    },
  };
}
