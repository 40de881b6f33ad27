/** Finds the Postgres server tests may use, if any. */
import postgres from "postgres";
import { env } from "../../lib/env";

/** The machine's local server (trust auth), used when TEST_DATABASE_URL is unset. */
export const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export async function isPostgresReachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * TEST_DATABASE_URL, else the local server when it answers. On CI an unreachable server is an
 * error, not a reason to skip.
 */
export async function findTestPostgres(): Promise<string | null> {
  const url = env.TEST_DATABASE_URL ?? LOCAL_POSTGRES_URL;
  if (await isPostgresReachable(url)) return url;
  if (env.CI) throw new Error(`CI is set but Postgres at ${url} is unreachable.`);
  return null;
}
