/**
 * The process's ingest queue (PostgreSQL: pg-boss; PGlite: in-process), with the process's
 * parse isolate. Kept on globalThis so the server's instrumentation hook, its server actions
 * and the CLIs of one process share one queue.
 */
import "server-only";
import { env } from "../../lib/env";
import { sharedParseIsolate } from "../../lib/system/isolate/shared";
import { dbKind, getDb } from "../client";
import { createIngestQueue, type IngestQueue } from "./queue";

interface QueueGlobal {
  __gongkaiIngestQueue?: IngestQueue;
  __gongkaiIngestRunners?: Promise<void>;
}

const slot = () => globalThis as typeof globalThis & QueueGlobal;

export function getIngestQueue(): IngestQueue {
  const g = slot();
  g.__gongkaiIngestQueue ??= createIngestQueue({ db: getDb(), kind: dbKind(), url: env.DATABASE_URL, isolate: sharedParseIsolate() });
  return g.__gongkaiIngestQueue;
}

/** Starts this process's job runners once (PARSE_WORKERS of them). */
export function startIngestRunners(concurrency = env.PARSE_WORKERS): Promise<void> {
  const g = slot();
  g.__gongkaiIngestRunners ??= (async () => {
    void sharedParseIsolate().warm();
    await getIngestQueue().work(concurrency);
  })();
  return g.__gongkaiIngestRunners;
}

export async function stopIngestQueue(): Promise<void> {
  const g = slot();
  const queue = g.__gongkaiIngestQueue;
  g.__gongkaiIngestQueue = undefined;
  g.__gongkaiIngestRunners = undefined;
  if (queue) await queue.stop();
}
