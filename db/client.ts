/**
 * The database connection: PostgreSQL through postgres.js when DATABASE_URL is set, embedded
 * PGlite in .data/pglite otherwise. One instance per process, cached on globalThis so Next's
 * dev-mode module reloads reuse it. Not `server-only`: the tsx scripts import it too; the
 * queries and mutations that the app imports carry that marker.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../lib/env";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/**
 * The database as queries and mutations see it. PgliteDatabase and PostgresJsDatabase both
 * extend this and differ only in the raw-result type, so code written against it runs on either.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** What `db.transaction(async (tx) => …)` passes; write through it, never through `db`, inside. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbKind = "pglite" | "postgres";

export type DbTarget =
  | { kind: "postgres"; url: string }
  /** `dataDir: null` is an in-memory database (tests). */
  | { kind: "pglite"; dataDir: string | null };

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** Where it points, for messages: the folder, ":memory:", or the URL without its password. */
  location: string;
  close: () => Promise<void>;
}

export const DEFAULT_PGLITE_DIR = ".data/pglite";

/** The one place the database settings are read (through lib/env, which validates them). */
export function dbTargetFromEnv(): DbTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR };
}

/** A URL safe to print: the password replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/**
 * postgres.js returns int8 (count(*), sum(integer)) as strings and PGlite as numbers. Parse
 * them like PGlite does, numbers while exact and bigint beyond 2^53, so results match on both.
 */
function parseInt8(value: string): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : BigInt(value);
}

export interface CreateDbOptions {
  /** postgres.js pool size (default 10). */
  maxConnections?: number;
}

/** Opens a database. Most code wants `getDb()`; this is for tests and scripts that need their own. */
export function createDb(target: DbTarget, options: CreateDbOptions = {}): DbHandle {
  if (target.kind === "postgres") {
    const client = postgres(target.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      types: { int8: { to: 20, from: [20], serialize: (v: number | bigint) => String(v), parse: parseInt8 } },
    });
    const db: Db = drizzlePostgres({ client, schema });
    return {
      db,
      kind: "postgres",
      location: redactUrl(target.url),
      close: () => client.end({ timeout: 5 }),
    };
  }

  if (target.dataDir === null) {
    const client = new PGlite();
    const db: Db = drizzlePglite({ client, schema });
    return { db, kind: "pglite", location: ":memory:", close: () => client.close() };
  }

  const dir = path.resolve(target.dataDir);
  // Lock first: opening the folder is what corrupts it.
  const lock = acquirePgliteLock(target.dataDir);
  let client: PGlite;
  try {
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  } catch (error) {
    lock.release();
    throw error;
  }
  const db: Db = drizzlePglite({ client, schema });
  return {
    db,
    kind: "pglite",
    location: target.dataDir,
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock.release();
      }
    },
  };
}

interface DbGlobal {
  __gongkaiDb?: DbHandle;
}

/** globalThis with our one slot; the slot is only ever written by getDb below. */
function dbGlobal(): DbGlobal {
  return globalThis as typeof globalThis & DbGlobal;
}

function currentHandle(): DbHandle {
  const g = dbGlobal();
  g.__gongkaiDb ??= createDb(dbTargetFromEnv());
  return g.__gongkaiDb;
}

/** The process's database, opened on first use from DATABASE_URL / PGLITE_DIR. */
export function getDb(): Db {
  return currentHandle().db;
}

/** Which driver `getDb()` uses, without opening anything. */
export function dbKind(): DbKind {
  return dbGlobal().__gongkaiDb?.kind ?? dbTargetFromEnv().kind;
}

/** Where `getDb()` points, for start-up messages. */
export function dbLocation(): string {
  const open = dbGlobal().__gongkaiDb;
  if (open) return open.location;
  const target = dbTargetFromEnv();
  return target.kind === "postgres" ? redactUrl(target.url) : (target.dataDir ?? ":memory:");
}

/** Closes the process's database and releases the PGlite lock, e.g. before handing the folder to `next start`. */
export async function closeDb(): Promise<void> {
  const g = dbGlobal();
  const handle = g.__gongkaiDb;
  g.__gongkaiDb = undefined;
  if (handle) await handle.close();
}
