import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { pgSchema, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, MigrationError, migrateDb, pendingMigrations, readMigrationJournal } from "./migrate";
import { regions } from "./schema";
import { createTestDb, testDbKinds, type TestDb } from "./test/db";

const infoTables = pgSchema("information_schema").table("tables", {
  tableSchema: text("table_schema"),
  tableName: text("table_name"),
});

const TAGS = readMigrationJournal().map((m) => m.tag);

/** A copy of db/migrations with one more migration whose SQL fails halfway. */
function migrationsWithBrokenLast(root: string): string {
  const folder = path.join(root, "migrations");
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number; when: number; tag: string }[] };
  const last = journal.entries.at(-1);
  if (!last) throw new Error("no migrations to extend");
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_broken" });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(
    path.join(folder, "9999_broken.sql"),
    `CREATE TABLE "half_written" ("id" integer);\n--> statement-breakpoint\nSELECT no_such_function();\n`,
  );
  return folder;
}

for (const kind of testDbKinds()) {
  describe(`migrations [${kind}]`, () => {
    let testDb: TestDb;
    let root: string;

    beforeAll(async () => {
      testDb = await createTestDb(kind, { migrate: false });
      root = mkdtempSync(path.join(tmpdir(), "gongkai-migrations-"));
    });
    afterAll(async () => {
      await testDb.close();
      rmSync(root, { recursive: true, force: true });
    });

    it("refuses a broken migration and leaves the database untouched", async () => {
      const folder = migrationsWithBrokenLast(root);
      await expect(migrateDb(testDb.db, { migrationsFolder: folder })).rejects.toThrow(
        new MigrationError('Migration failed, nothing was applied: function no_such_function() does not exist'),
      );
      const tables = await testDb.db.select().from(infoTables).where(eq(infoTables.tableSchema, "public"));
      expect(tables).toEqual([]);
    });

    it("applies every migration to an empty database and reports them", async () => {
      expect((await pendingMigrations(testDb.db)).map((m) => m.tag)).toEqual(TAGS);
      const result = await migrateDb(testDb.db);
      expect(result.applied.map((m) => m.tag)).toEqual(TAGS);
      expect(TAGS).toEqual(["0000_init_schema", "0001_seed_guizhou_regions", "0002_users_sessions_valid_after", "0003_dashboard_rollups", "0004_report_coverage", "0005_dashboard-cache-generation", "0006_topic-counts", "0007_revoked-sessions", "0008_ingest-jobs", "0009_corrections", "0010_demo-load", "0011_page-generation", "0012_peer-dists"]);
      const [regionCount] = await testDb.db.select({ n: count() }).from(regions);
      expect(regionCount?.n).toBe(125);
    });

    it("is idempotent: a second run applies nothing and changes nothing", async () => {
      const result = await migrateDb(testDb.db);
      expect(result.applied).toEqual([]);
      expect(await pendingMigrations(testDb.db)).toEqual([]);
      const [regionCount] = await testDb.db.select({ n: count() }).from(regions);
      expect(regionCount?.n).toBe(125);
    });

    it("returns int8 (count, sum) as numbers, bigint only beyond 2^53, on both drivers", async () => {
      const [row] = await testDb.db
        .select({ n: sql<number>`count(*)`, big: sql<bigint>`9007199254740993::int8` })
        .from(sql`(values (1), (2)) as v(x)`);
      expect(row).toEqual({ n: 2, big: 9007199254740993n });
    });

    it("says where it looked when the migrations folder is missing", async () => {
      await expect(migrateDb(testDb.db, { migrationsFolder: path.join(root, "nowhere") })).rejects.toThrow(
        /No migrations found at .*nowhere.*_journal\.json\. Run this from the project root/,
      );
    });
  });
}
