/**
 * The process's parse isolate, sized and limited from the environment (PARSE_WORKERS,
 * PARSE_MEMORY_MB, PARSE_TIME_LIMIT_S): the web server's upload actions and the job runner share
 * it. Kept on globalThis so Next's module reloads reuse the same processes.
 */
import { env } from "../../env";
import { createParseIsolate, type ParseIsolate, type ParseLimits } from "./index";

interface IsolateGlobal {
  __gongkaiParseIsolate?: ParseIsolate;
}

export function parseLimitsFromEnv(): ParseLimits {
  return { memoryMb: env.PARSE_MEMORY_MB, timeMs: env.PARSE_TIME_LIMIT_S * 1000 };
}

export function sharedParseIsolate(): ParseIsolate {
  const g = globalThis as typeof globalThis & IsolateGlobal;
  g.__gongkaiParseIsolate ??= createParseIsolate({ size: env.PARSE_WORKERS, limits: parseLimitsFromEnv() });
  return g.__gongkaiParseIsolate;
}

/** Stops the parse processes (CLIs before they exit). */
export async function closeSharedParseIsolate(): Promise<void> {
  const g = globalThis as typeof globalThis & IsolateGlobal;
  const isolate = g.__gongkaiParseIsolate;
  g.__gongkaiParseIsolate = undefined;
  if (isolate) await isolate.close();
}
