/**
 * The page cache's counter (migration 0011, db/page-cache-tables.ts): every table is either
 * watched or left out with a reason, every watched table carries the triggers, and a write bumps
 * the counter exactly once per committed transaction — never for one rolled back, never for a
 * sign-in attempt.
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "./client";
import { PAGE_UNWATCHED_TABLES, PAGE_WATCHED_TABLES } from "./page-cache-tables";
import { agencies, dashboardCacheGeneration, users } from "./schema";
import { describeEachDb } from "./test/db";
import { createTestAgency, createTestUser } from "./test/factories";

/** Rows of a raw query: postgres.js answers an array, PGlite an object with `rows`. */
function names(result: unknown): string[] {
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { name: string }[];
  return rows.map((r) => r.name);
}

async function contentGeneration(db: Db): Promise<number> {
  const [row] = await db.select({ value: dashboardCacheGeneration.contentGeneration }).from(dashboardCacheGeneration);
  return Number(row?.value ?? 0);
}

describeEachDb("page cache counter", (getDb) => {
  it("lists every table of the public schema once, and puts the triggers on each watched one", async () => {
    const db = getDb();
    const tables = names(await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`));
    const listed = [...PAGE_WATCHED_TABLES, ...Object.keys(PAGE_UNWATCHED_TABLES)].sort();
    expect(listed).toEqual(tables);
    const triggers = names(await db.execute(sql`select tgname as name from pg_trigger where not tgisinternal`));
    for (const table of PAGE_WATCHED_TABLES) {
      expect(triggers, table).toContain(`${table}_content_generation`);
      expect(triggers, table).toContain(`${table}_content_generation_truncate`);
    }
    for (const table of Object.keys(PAGE_UNWATCHED_TABLES)) expect(triggers.filter((t) => t.startsWith(`${table}_content`)), table).toEqual([]);
  });

  it("bumps once per committed transaction, however many rows it writes", async () => {
    const db = getDb();
    const before = await contentGeneration(db);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await createTestAgency(tx, { name: `计数测试局${i}` });
    });
    expect(await contentGeneration(db)).toBe(before + 1);
    await createTestAgency(db, { name: "计数测试局单独" });
    expect(await contentGeneration(db)).toBe(before + 2);
  });

  it("does not bump for a transaction rolled back, and counts a savepoint's write only if it stays", async () => {
    const db = getDb();
    const before = await contentGeneration(db);
    await expect(
      db.transaction(async (tx) => {
        await createTestAgency(tx, { name: "回滚测试局" });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await contentGeneration(db)).toBe(before);
    expect(await db.select().from(agencies).where(eq(agencies.name, "回滚测试局"))).toEqual([]);

    // The first write sits in a savepoint that is rolled back; the write after it must still count.
    await db.transaction(async (tx) => {
      await tx
        .transaction(async (inner) => {
          await createTestAgency(inner, { name: "保存点测试局" });
          throw new Error("savepoint rolled back");
        })
        .catch(() => undefined);
      await createTestAgency(tx, { name: "保存点之后测试局" });
    });
    expect(await contentGeneration(db)).toBe(before + 1);
  });

  it("ignores sign-in bookkeeping on users but counts a change a page shows", async () => {
    const db = getDb();
    const user = await createTestUser(db, { role: "admin" });
    const before = await contentGeneration(db);
    await db.update(users).set({ failedLogins: 3, lockedUntil: new Date() }).where(eq(users.id, user.id));
    expect(await contentGeneration(db)).toBe(before);
    await db.update(users).set({ name: "改名后的用户" }).where(eq(users.id, user.id));
    expect(await contentGeneration(db)).toBe(before + 1);
  });
});

describe("page cache tables", () => {
  it("gives a reason for every table left out", () => {
    for (const [table, reason] of Object.entries(PAGE_UNWATCHED_TABLES)) expect(reason.length, table).toBeGreaterThan(20);
    expect(PAGE_WATCHED_TABLES.filter((t) => t in PAGE_UNWATCHED_TABLES)).toEqual([]);
  });
});
