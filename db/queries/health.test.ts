/**
 * Issue #16 defect 8: health must fail when the database's files are gone, though `select 1`
 * still answers from memory (PGlite folder removed under the running app).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../client";
import { migrateDb } from "../migrate";
import { getHealth } from "./health";

describe("getHealth", () => {
  it("answers ok on a live database and fails once the PGlite folder is removed, where select 1 still passes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gongkai-health-"));
    const handle = createDb({ kind: "pglite", dataDir: dir });
    try {
      await migrateDb(handle.db);
      expect(await getHealth({ db: handle.db, pgliteDir: dir })).toMatchObject({ ok: true });
      rmSync(dir, { recursive: true, force: true });
      await handle.db.execute(sql`select 1`); // what health used to ask
      await expect(getHealth({ db: handle.db, pgliteDir: dir })).rejects.toThrow(/PG_VERSION/);
    } finally {
      await handle.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
