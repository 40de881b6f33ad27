/**
 * Worker thread for analyzeDocument: the pure extract → parse → validate work runs here while
 * the main thread writes to the database, so bulk loads use both cores.
 */
import { parentPort } from "node:worker_threads";
import { analyzeDocument, type AnalyzeOptions } from "../../lib/ingest/analyze";
import { systemTools } from "../../lib/system";

interface Job {
  id: number;
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  options: AnalyzeOptions;
}

parentPort?.on("message", (job: Job) => {
  // Tools are functions and cannot cross the thread boundary: each worker makes its own.
  analyzeDocument(job.bytes, job.fileName, { ...job.options, tools: systemTools() }).then(
    (analyzed) => parentPort?.postMessage({ id: job.id, analyzed }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
