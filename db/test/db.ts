/**
 * Migrated databases for tests. In-memory PGlite always; a throwaway database on the
 * TEST_DATABASE_URL server as well when that is set (CI sets it). Each call gets its own
 * database, so test files never see each other's rows.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { describe, afterAll, beforeAll } from "vitest";
import { env } from "../../lib/env";
import { createDb, redactUrl, type Db, type DbKind } from "../client";
import { migrateDb } from "../migrate";

export interface TestDb {
  db: Db;
  kind: DbKind;
  /** Postgres: the database's URL, for a second connection or a child process. */
  url?: string;
  /** Closes the connection and, on Postgres, drops the database. */
  close: () => Promise<void>;
}

/** The kinds this run covers: PGlite, plus Postgres when TEST_DATABASE_URL is set. */
export function testDbKinds(): DbKind[] {
  if (!env.TEST_DATABASE_URL) return ["pglite"];
  return env.TEST_DB_KINDS === "postgres" ? ["postgres"] : ["pglite", "postgres"];
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface CreateTestDbOptions {
  /** Leave the database empty (default: apply every migration). */
  migrate?: boolean;
}

/** A fresh database of the given kind (default PGlite in memory), migrated unless asked not to be. */
export async function createTestDb(kind: DbKind = "pglite", options: CreateTestDbOptions = {}): Promise<TestDb> {
  const migrate = options.migrate ?? true;
  if (kind === "pglite") {
    const handle = createDb({ kind: "pglite", dataDir: null });
    if (migrate) await migrateDb(handle.db);
    return { db: handle.db, kind, close: () => handle.close() };
  }

  const serverUrl = env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("createTestDb('postgres') needs TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres");
  // Database names are identifiers we generate: lower-case hex only, so no quoting issues.
  const name = `gongkai_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end({ timeout: 5 });
    throw new Error(`Cannot create a test database on ${redactUrl(serverUrl)}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const url = withDatabase(serverUrl, name);
  const handle = createDb({ kind: "postgres", url }, { maxConnections: 4 });
  const close = async () => {
    try {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
  try {
    if (migrate) await migrateDb(handle.db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db: handle.db, kind, url, close };
}

/**
 * Runs a suite once per database kind of this run, each against its own migrated database:
 *
 *   describeEachDb("reports", (getDb) => { it("…", async () => { const db = getDb(); … }) })
 */
export function describeEachDb(name: string, suite: (getDb: () => Db, kind: DbKind) => void): void {
  for (const kind of testDbKinds()) {
    describe(`${name} [${kind}]`, () => {
      let testDb: TestDb | undefined;
      beforeAll(async () => {
        testDb = await createTestDb(kind);
      });
      afterAll(async () => {
        await testDb?.close();
      });
      suite(() => {
        if (!testDb) throw new Error("describeEachDb: the database is not ready yet; call getDb() inside a test or hook.");
        return testDb.db;
      }, kind);
    });
  }
}
