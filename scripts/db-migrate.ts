/**
 * `npm run db:migrate`: applies the committed migrations in db/migrations to the configured
 * database (DATABASE_URL, else the embedded PGlite folder) and lists what it applied.
 * `npm run db:migrate -- --dry-run` lists the pending migrations and changes nothing.
 */
import "./lib/load-env";
import { z } from "zod";
import { closeDb, dbKind, dbLocation, getDb } from "../db/client";
import { migrateDb, pendingMigrations } from "../db/migrate";

const argsSchema = z.array(z.enum(["--dry-run"], { error: (issue) => `Unknown argument ${String(issue.input)}. Usage: npm run db:migrate [-- --dry-run]` }));

async function main(): Promise<number> {
  const parsed = argsSchema.safeParse(process.argv.slice(2));
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => i.message).join("\n"));
    return 2;
  }
  const dryRun = parsed.data.includes("--dry-run");

  console.log(`database: ${dbKind() === "pglite" ? "embedded PGlite" : "PostgreSQL"} at ${dbLocation()}`);
  try {
    if (dryRun) {
      const pending = await pendingMigrations(getDb());
      if (pending.length === 0) console.log("Up to date: no pending migrations.");
      else console.log(`${pending.length} pending (not applied, --dry-run):\n${pending.map((m) => `  · ${m.tag}`).join("\n")}`);
      return 0;
    }
    const { applied, all } = await migrateDb(getDb());
    if (applied.length === 0) console.log(`Up to date: all ${all.length} migrations were already applied.`);
    else console.log(`Applied ${applied.length} of ${all.length} migrations:\n${applied.map((m) => `  ✓ ${m.tag}`).join("\n")}`);
    return 0;
  } catch (error) {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
