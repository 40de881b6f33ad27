/**
 * The dashboards' shared read cache: the overview, region, agency and compare pages (and their
 * exports) read the same published figures for every signed-in viewer, so one server process
 * computes each (query, input) once per dashboard generation and serves it to every reader.
 *
 * Invalidation is a counter in the database, not a message: every write that changes what the
 * dashboards show bumps `dashboard_cache_generation` in its own transaction (rollups.ts
 * bumpDashboardGeneration, called by each rollup refresh, dirty mark and peer-value rebuild).
 * A request reads the counter once (one primary-key lookup, memoised for the request by React
 * `cache`) and an entry is served only while its stamp equals it. So a write from any process —
 * a server action here, `npm run ingest` beside the running server, another server on the same
 * PostgreSQL — is seen by the next request of every process, with no notification to lose and
 * no time-to-live to wait out. An entry is stamped with the counter read *before* its queries
 * ran: under read committed those queries see at least that generation's data, so an entry is
 * never older than its stamp (at worst newer, and then merely recomputed once).
 * Next's `revalidateTag` alone would only clear the process that made the write; `'use cache'`
 * needs `cacheComponents`, which would turn every page's notFound() after the shell into a 200.
 *
 * Only published data may enter (scope "published": current reports, their rollups, regions,
 * agency names). Drafts, submissions, explanations and the audit log never do — callers read
 * those per request, outside this cache. Every entry point still checks that the Ctx has a viewer.
 */
import "server-only";
import { cache } from "react";
import type { Db } from "../../client";
import type { Ctx } from "../../context";
import { dashboardCacheGeneration } from "../../schema";
import { assertViewer } from "./_sql";

/** Entries per database handle; a page makes ~10 reads, so this holds a few dozen pages' worth. */
const MAX_ENTRIES = 600;

interface Entry {
  generation: number;
  value: Promise<unknown>;
}

interface Store {
  entries: Map<string, Entry>;
  /** Newest generation seen: an older stamp can never be served again, so those entries go. */
  newest: number;
}

// Per handle: tests open many databases in one process, and a key must never cross them.
const stores = new WeakMap<Db, Store>();

async function loadGeneration(db: Db): Promise<number> {
  const [row] = await db.select({ generation: dashboardCacheGeneration.generation }).from(dashboardCacheGeneration).limit(1);
  return Number(row?.generation ?? 0);
}

/** The dashboard generation; once per request inside a render (React `cache`), every call elsewhere. */
export const readDashboardGeneration = cache((db: Db): Promise<number> => loadGeneration(db));

/** JSON with sorted object keys, so `{a, b}` and `{b, a}` are one key. */
function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Outside production a cached value is frozen, so a caller that mutates one fails its tests. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    if (value instanceof Map) {
      for (const v of value.values()) deepFreeze(v);
    } else {
      Object.freeze(value);
      for (const v of Object.values(value)) deepFreeze(v);
    }
  }
  return value;
}

export interface CachedReadKey {
  /** The query's name: one namespace per function. */
  name: string;
  /** Only "published": data every signed-in viewer may see (see above). */
  scope: "published";
  /** The query's input; part of the key. */
  input: unknown;
}

/**
 * `load()` through the cache: the same promise for every caller while the generation holds
 * (concurrent first readers share one load). A failed load is not kept.
 */
export async function cachedDashboardRead<T>(ctx: Ctx, key: CachedReadKey, load: () => Promise<T>): Promise<T> {
  assertViewer(ctx);
  const generation = await readDashboardGeneration(ctx.db);
  let store = stores.get(ctx.db);
  if (!store) stores.set(ctx.db, (store = { entries: new Map(), newest: generation }));
  if (generation > store.newest) {
    store.entries.clear();
    store.newest = generation;
  }
  const k = `${key.name}|${key.scope}|${stableKey(key.input)}`;
  const hit = store.entries.get(k);
  if (hit && hit.generation === generation) {
    // Least recently used goes first: re-inserting moves the key to the end.
    store.entries.delete(k);
    store.entries.set(k, hit);
    return hit.value as Promise<T>;
  }
  const value = load().then((v) => (process.env.NODE_ENV === "production" ? v : deepFreeze(v)));
  const entry: Entry = { generation, value };
  store.entries.set(k, entry);
  value.catch(() => {
    if (store.entries.get(k) === entry) store.entries.delete(k);
  });
  while (store.entries.size > MAX_ENTRIES) {
    const oldest = store.entries.keys().next().value;
    if (oldest === undefined) break;
    store.entries.delete(oldest);
  }
  return value;
}
