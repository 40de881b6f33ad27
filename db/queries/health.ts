import "server-only";
import { sql } from "drizzle-orm";
import { dbKind, getDb } from "@/db/client";

export type Health = { ok: true; db: ReturnType<typeof dbKind> };

/**
 * Round-trips `select 1` through the app's database connection. Public on purpose (the health
 * probe carries no tenant data), so unlike other queries it takes no session or scope.
 * Throws when the database cannot be reached; the route turns that into a 503.
 */
export async function getHealth(): Promise<Health> {
  await getDb().execute(sql`select 1`);
  return { ok: true, db: dbKind() };
}
