/**
 * A small pool of analysis workers (scripts/lib/analyze-worker.ts). Falls back to analysing on
 * the calling thread when workers cannot start, so correctness never depends on the pool.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { analyzeDocument, type AnalyzedDocument, type AnalyzeOptions } from "../../lib/ingest/analyze";

export interface AnalyzePool {
  analyze(bytes: Uint8Array<ArrayBuffer>, fileName: string, options?: AnalyzeOptions): Promise<AnalyzedDocument>;
  close(): Promise<void>;
}

type Pending = { resolve: (a: AnalyzedDocument) => void; reject: (e: Error) => void };

export function createAnalyzePool(size = Math.max(1, availableParallelism() - 1)): AnalyzePool {
  const pending = new Map<number, Pending>();
  let next = 0;
  let workers: Worker[] = [];
  try {
    // tsx's loader is registered per thread, so each worker registers it before loading the .ts entry.
    const entry = new URL("./analyze-worker.ts", import.meta.url).href;
    const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    workers = Array.from({ length: size }, () => new Worker(bootstrap, { eval: true }));
  } catch {
    workers = [];
  }
  for (const w of workers) {
    w.on("message", (msg: { id: number; analyzed?: AnalyzedDocument; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.analyzed) p.resolve(msg.analyzed);
      else p.reject(new Error(msg.error ?? "analysis failed"));
    });
    w.on("error", (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  return {
    analyze(bytes, fileName, options = {}) {
      if (!workers.length) return analyzeDocument(bytes, fileName, options);
      const id = next++;
      const worker = workers[id % workers.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const { tools: _tools, ...cloneable } = options;
        worker.postMessage({ id, bytes, fileName, options: cloneable });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
