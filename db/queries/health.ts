import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { dbKind, dbTargetFromEnv, getDb, type Db } from "@/db/client";

export type Health = { ok: true; db: ReturnType<typeof dbKind> };

export class DatabaseFilesMissingError extends Error {
  constructor(dir: string) {
    super(`the PGlite folder ${dir} is missing or incomplete (no PG_VERSION)`);
    this.name = "DatabaseFilesMissingError";
  }
}

export interface GetHealthOptions {
  db?: Db;
  /** PGlite's folder (default: the configured one when the app runs on PGlite; null in memory or on PostgreSQL). */
  pgliteDir?: string | null;
}

/**
 * Reads real tables through the app's database connection, and on PGlite checks its folder is
 * still there: `select 1` answers from memory, and so do tables already open, when the folder was
 * removed under the running app while every sign-in failed. Public on purpose (the probe returns
 * no data), so unlike other queries it takes no session or scope. Throws when the database
 * cannot be read; the route answers 503.
 */
export async function getHealth({ db = getDb(), pgliteDir = configuredPgliteDir() }: GetHealthOptions = {}): Promise<Health> {
  if (pgliteDir && !existsSync(path.join(pgliteDir, "PG_VERSION"))) throw new DatabaseFilesMissingError(pgliteDir);
  await db.execute(sql`select (select count(*) from users) as users, pg_relation_size('reports') as reports, pg_relation_size('audit_log') as audit`);
  return { ok: true, db: dbKind() };
}

function configuredPgliteDir(): string | null {
  const target = dbTargetFromEnv();
  return target.kind === "pglite" ? target.dataDir : null;
}
