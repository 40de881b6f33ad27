import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrationJournal } from "../db/migrate";
import { acquirePgliteLock } from "../db/pglite-lock";
import { runTs } from "../db/test/spawn";

const SCRIPT = "scripts/db-migrate.ts";

describe("npm run db:migrate", () => {
  let root: string;
  let env: Record<string, string | undefined>;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "gongkai-db-migrate-"));
    env = { DATABASE_URL: "", PGLITE_DIR: path.join(root, "pglite") };
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("applies the migrations, lists them, and reports up to date on the next run", async () => {
    const first = await runTs(SCRIPT, [], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    // Every committed migration, in journal order (the first four are named so a lost one shows).
    const tags = readMigrationJournal().map((m) => m.tag);
    expect(tags.slice(0, 4)).toEqual(["0000_init_schema", "0001_seed_guizhou_regions", "0002_users_sessions_valid_after", "0003_dashboard_rollups"]);
    expect(first.stdout).toContain(`Applied ${tags.length} of ${tags.length} migrations:\n${tags.map((t) => `  ✓ ${t}`).join("\n")}`);

    const second = await runTs(SCRIPT, [], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Up to date: all ${tags.length} migrations were already applied.`);
  });

  it("fails with the lock message and exit code 1 while another process holds the database", async () => {
    const lock = acquirePgliteLock(path.join(root, "pglite"));
    try {
      const result = await runTs(SCRIPT, [], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`db:migrate failed: The embedded database at ${path.join(root, "pglite")} is in use by process ${process.pid}`);
    } finally {
      lock.release();
    }
  });

  it("rejects unknown arguments with the usage", async () => {
    const result = await runTs(SCRIPT, ["--force"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: npm run db:migrate [-- --dry-run]");
  });
});
