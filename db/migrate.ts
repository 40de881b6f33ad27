/**
 * Applies the committed drizzle-kit migrations (db/migrations) with the migrator of whichever
 * driver the database uses. Drizzle runs all pending migrations in one transaction, so a failure
 * leaves the database as it was.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, is, max } from "drizzle-orm";
import { bigint, pgSchema, text } from "drizzle-orm/pg-core";
import { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { z } from "zod";
import type { Db } from "./client";

/** Relative to the working directory, so it resolves the same under tsx, vitest and `next start`. */
export const MIGRATIONS_FOLDER = "db/migrations";

// drizzle's own bookkeeping (schema "drizzle"), read to report what a run applied. Declared here,
// outside db/schema, so drizzle-kit never tries to manage it.
const drizzleMigrations = pgSchema("drizzle").table("__drizzle_migrations", {
  hash: text("hash").notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});
const infoTables = pgSchema("information_schema").table("tables", {
  tableSchema: text("table_schema"),
  tableName: text("table_name"),
});

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), when: z.number(), tag: z.string() })),
});

export interface MigrationInfo {
  /** File name without .sql, e.g. 0001_seed_guizhou_regions. */
  tag: string;
  /** The journal timestamp drizzle orders migrations by. */
  when: number;
}

export interface MigrateResult {
  /** Migrations this run applied, in order; empty when the database was up to date. */
  applied: MigrationInfo[];
  /** Every migration in the folder. */
  all: MigrationInfo[];
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export function readMigrationJournal(folder: string = MIGRATIONS_FOLDER): MigrationInfo[] {
  const dir = path.resolve(folder);
  const journalPath = path.join(dir, "meta", "_journal.json");
  if (!existsSync(journalPath)) {
    throw new MigrationError(`No migrations found at ${journalPath}. Run this from the project root (where package.json is).`);
  }
  const parsed = journalSchema.safeParse(JSON.parse(readFileSync(journalPath, "utf8")));
  if (!parsed.success) throw new MigrationError(`${journalPath} is not a drizzle-kit journal: ${parsed.error.message}`);
  return parsed.data.entries.map((e) => ({ tag: e.tag, when: e.when })).sort((a, b) => a.when - b.when);
}

/** The journal timestamp of the newest applied migration, or null on an empty database. */
async function lastAppliedAt(db: Db): Promise<number | null> {
  try {
    return await readLastAppliedAt(db);
  } catch (error) {
    throw new MigrationError(
      `Cannot query the database: ${rootMessage(error)}. Check DATABASE_URL (or PGLITE_DIR) and that the database server is running.`,
      { cause: error },
    );
  }
}

async function readLastAppliedAt(db: Db): Promise<number | null> {
  const exists = await db
    .select({ name: infoTables.tableName })
    .from(infoTables)
    .where(and(eq(infoTables.tableSchema, "drizzle"), eq(infoTables.tableName, "__drizzle_migrations")));
  if (exists.length === 0) return null;
  const [row] = await db.select({ last: max(drizzleMigrations.createdAt) }).from(drizzleMigrations);
  return row?.last ?? null;
}

/** The innermost message: drizzle wraps driver errors as "Failed query: <sql>" with the real cause below. */
function rootMessage(error: unknown): string {
  let e: unknown = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** Migrations in the folder that the database has not applied yet, in order. */
export async function pendingMigrations(db: Db, options: { migrationsFolder?: string } = {}): Promise<MigrationInfo[]> {
  const all = readMigrationJournal(path.resolve(options.migrationsFolder ?? MIGRATIONS_FOLDER));
  const before = await lastAppliedAt(db);
  return all.filter((m) => before === null || m.when > before);
}

export async function migrateDb(db: Db, options: { migrationsFolder?: string } = {}): Promise<MigrateResult> {
  const migrationsFolder = path.resolve(options.migrationsFolder ?? MIGRATIONS_FOLDER);
  const all = readMigrationJournal(migrationsFolder);
  const before = await lastAppliedAt(db);
  try {
    if (is(db, PgliteDatabase)) await migratePglite(db, { migrationsFolder });
    else if (is(db, PostgresJsDatabase)) await migratePostgres(db, { migrationsFolder });
    else throw new MigrationError("migrateDb: the database is neither PGlite nor postgres.js; open it with db/client.ts.");
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(`Migration failed, nothing was applied: ${rootMessage(error)}`, { cause: error });
  }
  return { applied: all.filter((m) => before === null || m.when > before), all };
}
