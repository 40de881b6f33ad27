/**
 * Issue #16: SIGKILL the ingest CLI at random points of a bulk load, three times, then let it
 * finish: the database opens each time, holds no partial report, its rollups equal a full
 * rebuild, and the re-run completes the load. PGlite always; PostgreSQL when TEST_DATABASE_URL
 * is set. The long variant (500 reports, 20 kills) is `npm run bench:crash`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { crashLoad } from "../scripts/lib/crash-load";
import { createTestDb, testDbKinds } from "./test/db";

const REPORTS = 40;
const KILLS = 3;

describe("a bulk load killed with SIGKILL", () => {
  for (const kind of testDbKinds()) {
    it(`${kind}: ${KILLS} kills in ${REPORTS} reports leave no partial report, and the re-run completes the load`, async () => {
      if (kind === "pglite") {
        const dir = mkdtempSync(path.join(tmpdir(), "gongkai-crash-db-"));
        try {
          const r = await crashLoad({ reports: REPORTS, kills: KILLS, target: { kind: "pglite", dataDir: dir }, log: console.log });
          expect(r.problems).toEqual([]);
          expect(r.stored).toBe(REPORTS);
          expect(r.kills.filter((k) => k.killed && k.storedAfter < REPORTS).length).toBeGreaterThan(0);
          // PGlite commits each document to disk: every report the CLI said it created survives the kill.
          for (const k of r.kills.filter((x) => x.killed)) expect(k.storedAfter).toBeGreaterThanOrEqual(k.afterCreated);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      } else {
        const db = await createTestDb("postgres", { migrate: false });
        try {
          const r = await crashLoad({ reports: REPORTS, kills: KILLS, target: { kind: "postgres", url: db.url! }, log: console.log });
          expect(r.problems).toEqual([]);
          expect(r.stored).toBe(REPORTS);
        } finally {
          await db.close();
        }
      }
    }, 600_000);
  }
});
