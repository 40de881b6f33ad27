/**
 * Isolated parse: every file is analysed (lib/ingest/analyze) in a separate process, never in the
 * web server's or the job runner's heap. Each parse has a memory cap and a time limit:
 *
 * - memory: the child's resident set (Linux /proc/<pid>/status VmRSS, read every 50 ms) — this
 *   counts inflated buffers outside the JS heap too, which worker threads' resourceLimits miss —
 *   and V8's own heap limit (--max-old-space-size) as a second stop. Past it the process group
 *   (the child and any mutool/tesseract/soffice it started) is killed and the file is reported
 *   as `too_large`;
 * - time: past the limit the same kill, reported as `extract_failed`.
 *
 * The caller always gets an AnalyzedDocument: a killed parse is one whose `error` says why, so
 * dry runs, uploads and jobs report it like any unreadable file and store nothing. Processes are
 * kept warm between files (starting one costs ~0.5 s) and replaced after a kill.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { failedAnalysis, type AnalyzedDocument, type AnalyzeOptions } from "../../ingest/analyze";

export interface ParseLimits {
  /** Resident memory of the parse process, MB. */
  memoryMb: number;
  /** Wall time of one file, ms. */
  timeMs: number;
}

export interface IsolateOptions {
  /** Parse processes (default 1): files beyond that wait their turn. */
  size?: number;
  limits: ParseLimits;
  /** The project root (default process.cwd()): where the child entry and tsx are found. */
  root?: string;
  /** false: parse without MuPDF/OCR/LibreOffice, as on a machine that has none (default true). */
  systemTools?: boolean;
}

export interface ParseIsolate {
  analyze(bytes: Uint8Array, fileName: string, options?: Omit<AnalyzeOptions, "tools">): Promise<AnalyzedDocument>;
  /** Starts the parse processes now, so the first file does not wait for one to boot. */
  warm(): Promise<void>;
  /** Counters for tests and benchmarks. */
  readonly stats: { files: number; killed: number; started: number; peakRssMb: number };
  close(): Promise<void>;
}

interface Task {
  bytes: Uint8Array;
  fileName: string;
  options: Omit<AnalyzeOptions, "tools">;
  resolve: (a: AnalyzedDocument) => void;
}

interface Slot {
  child: ChildProcess | null;
  ready: Promise<void> | null;
  busy: boolean;
}

type ChildMessage = { ready: true } | { id: number; analyzed?: AnalyzedDocument; error?: string };



/** Resident set of a process in MB, or null where /proc is not there (non-Linux). */
function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

export function tooLargeMessage(limits: ParseLimits): string {
  return `文件解析所需内存超过 ${limits.memoryMb} MB 上限，已停止。 Reading this file needed more than the ${limits.memoryMb} MB memory limit and was stopped.`;
}

export function tooSlowMessage(limits: ParseLimits): string {
  const s = Math.round(limits.timeMs / 1000);
  return `文件解析超过 ${s} 秒时限，已停止。 Reading this file took longer than the ${s} s limit and was stopped.`;
}

export function createParseIsolate(opts: IsolateOptions): ParseIsolate {
  const size = Math.max(1, opts.size ?? 1);
  const root = opts.root ?? process.cwd();
  const entry = path.join(root, "lib", "system", "isolate", "parse-child.ts");
  const { limits } = opts;
  const slots: Slot[] = Array.from({ length: size }, () => ({ child: null, ready: null, busy: false }));
  const queue: Task[] = [];
  const stats = { files: 0, killed: 0, started: 0, peakRssMb: 0 };
  let nextId = 0;
  let closed = false;

  const start = (slot: Slot): Promise<void> => {
    // spawn(node …, "ipc") rather than fork(): the bundler of the web server resolves fork()'s
    // entry at build time, and this one is a .ts file run through tsx at run time.
    // tsx loads the TypeScript entry; V8's heap cap is a second stop behind the RSS watch.
    const child = spawn(process.execPath, ["--import", "tsx", `--max-old-space-size=${limits.memoryMb}`, entry], {
      cwd: root,
      serialization: "advanced",
      // Its own process group, so a kill takes mutool/tesseract/soffice with it.
      detached: true,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    stats.started++;
    slot.child = child;
    slot.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (msg: ChildMessage) => {
        if ("ready" in msg) {
          child.off("message", onMessage);
          child.off("exit", onExit);
          resolve();
        }
      };
      const onExit = (code: number | null, signal: string | null) => reject(new Error(`parse process exited before it was ready (${signal ?? code})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
    // A process that dies between files is simply replaced on the next one.
    child.once("exit", () => {
      if (slot.child === child) {
        slot.child = null;
        slot.ready = null;
      }
    });
    return slot.ready;
  };

  const run = async (slot: Slot, task: Task): Promise<AnalyzedDocument> => {
    if (!slot.child || !slot.ready) void start(slot);
    try {
      await slot.ready;
    } catch (error) {
      return failedAnalysis(task.bytes, task.fileName, "extract_failed", `解析进程无法启动 The parse process could not start: ${(error as Error).message}`);
    }
    const child = slot.child!;
    const id = nextId++;
    return new Promise<AnalyzedDocument>((resolve) => {
      let settled = false;
      let peak = 0;
      const finish = (a: AnalyzedDocument) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watch);
        child.off("message", onMessage);
        child.off("exit", onExit);
        stats.peakRssMb = Math.max(stats.peakRssMb, peak);
        resolve(a);
      };
      const kill = (code: "too_large" | "extract_failed", message: string) => {
        stats.killed++;
        slot.child = null;
        slot.ready = null;
        killGroup(child);
        finish(failedAnalysis(task.bytes, task.fileName, code, message));
      };
      const onMessage = (msg: ChildMessage) => {
        if ("ready" in msg || msg.id !== id) return;
        if (msg.analyzed) finish(msg.analyzed);
        else finish(failedAnalysis(task.bytes, task.fileName, "extract_failed", `文件无法读取 The file could not be read: ${msg.error ?? "?"}`));
      };
      const onExit = (code: number | null, signal: string | null) => {
        slot.child = null;
        slot.ready = null;
        // V8's heap limit aborts the process (SIGABRT / 134): the memory cap, reached in the heap.
        const outOfMemory = signal === "SIGABRT" || code === 134 || (peak > limits.memoryMb * 0.8 && signal === "SIGKILL");
        finish(
          outOfMemory
            ? failedAnalysis(task.bytes, task.fileName, "too_large", tooLargeMessage(limits))
            : failedAnalysis(task.bytes, task.fileName, "extract_failed", `解析进程意外退出 The parse process stopped unexpectedly (${signal ?? `exit ${code}`}).`),
        );
      };
      const timer = setTimeout(() => kill("extract_failed", tooSlowMessage(limits)), limits.timeMs);
      const watch = setInterval(() => {
        const rss = child.pid === undefined ? null : rssMb(child.pid);
        if (rss === null) return;
        peak = Math.max(peak, rss);
        if (rss > limits.memoryMb) kill("too_large", tooLargeMessage(limits));
      }, 50);
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send({ id, bytes: task.bytes, fileName: task.fileName, options: task.options, systemTools: opts.systemTools ?? true });
    });
  };

  const pump = () => {
    for (const slot of slots) {
      if (slot.busy || closed) continue;
      const task = queue.shift();
      if (!task) return;
      slot.busy = true;
      stats.files++;
      void run(slot, task).then((a) => {
        slot.busy = false;
        task.resolve(a);
        pump();
      });
    }
  };

  return {
    stats,
    async warm() {
      await Promise.all(slots.map((slot) => (slot.child && slot.ready ? slot.ready : start(slot)).catch(() => {})));
    },
    analyze(bytes, fileName, options = {}) {
      if (closed) return Promise.resolve(failedAnalysis(bytes, fileName, "extract_failed", "解析已关闭 The parser was shut down."));
      return new Promise((resolve) => {
        queue.push({ bytes, fileName, options, resolve });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.resolve(failedAnalysis(task.bytes, task.fileName, "extract_failed", "解析已关闭 The parser was shut down."));
      await Promise.all(
        slots.map(async (slot) => {
          const child = slot.child;
          slot.child = null;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
          killGroup(child);
          await exited;
        }),
      );
    },
  };
}


