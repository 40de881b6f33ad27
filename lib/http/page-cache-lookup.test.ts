/**
 * The page cache's per-request check (page-cache-lookup.ts) against a real database: it finds the
 * session as the pages do — refusing forged, signed-out and disabled ones — keys the page by the
 * user as the database has them now and by language, and its stamp moves with every write and
 * stays away while the demo banner shows.
 */
import type { IncomingMessage } from "node:http";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authConfig } from "@/auth.config";
import type { Db } from "@/db/client";
import { demoLoad, revokedSessions, users } from "@/db/schema";
import { describeEachDb } from "@/db/test/db";
import { createTestAgency, createTestUser } from "@/db/test/factories";
import { pageCacheLookup } from "./page-cache-lookup";

const COOKIE = "authjs.session-token";

async function sessionCookie(userId: string, role: string, issuedAtMs: number, secret = authConfig.secret!): Promise<string> {
  const token = await encode({ token: { userId, role, agencyId: null, regionCode: "520000", issuedAtMs }, secret, salt: COOKIE });
  return `${COOKIE}=${token}`;
}

function request(cookie: string | undefined): IncomingMessage {
  return { headers: cookie ? { cookie } : {} } as IncomingMessage;
}

describeEachDb("page cache lookup", (getDb) => {
  const lookup = pageCacheLookup(() => getDb());
  const issuedAtMs = Date.now();

  async function oversightUser(db: Db) {
    return createTestUser(db, { role: "oversight", regionCode: "520000" });
  }

  it("keys a valid session by the user and the language, and refuses no or forged sessions", async () => {
    const db = getDb();
    const user = await oversightUser(db);
    const cookie = await sessionCookie(user.id, "oversight", issuedAtMs);
    const zh = await lookup(request(cookie));
    expect(zh?.key).toContain(user.id);
    expect(zh?.stamp).toMatch(/^\d+:\d+$/);
    const en = await lookup(request(`${cookie}; lang=en`));
    expect(en?.key).not.toBe(zh?.key);
    expect(await lookup(request(undefined))).toBeNull();
    expect(await lookup(request(await sessionCookie(user.id, "oversight", issuedAtMs, "another-secret-of-32-characters-at-least!")))).toBeNull();
  });

  it("keys by the user as the database has them now: a renamed user gets another page", async () => {
    const db = getDb();
    const user = await oversightUser(db);
    const cookie = await sessionCookie(user.id, "oversight", issuedAtMs);
    const before = await lookup(request(cookie));
    await db.update(users).set({ name: "新名字" }).where(eq(users.id, user.id));
    const after = await lookup(request(cookie));
    expect(after?.key).not.toBe(before?.key);
  });

  it("refuses a signed-out session and a disabled user", async () => {
    const db = getDb();
    const user = await oversightUser(db);
    const cookie = await sessionCookie(user.id, "oversight", issuedAtMs);
    expect(await lookup(request(cookie))).not.toBeNull();
    await db.insert(revokedSessions).values({ userId: user.id, issuedAtMs });
    expect(await lookup(request(cookie))).toBeNull();
    const other = await oversightUser(db);
    const otherCookie = await sessionCookie(other.id, "oversight", issuedAtMs);
    await db.update(users).set({ disabled: true }).where(eq(users.id, other.id));
    expect(await lookup(request(otherCookie))).toBeNull();
  });

  it("moves its stamp with a write to a page's data, and has none while the demo loads", async () => {
    const db = getDb();
    const user = await oversightUser(db);
    const cookie = await sessionCookie(user.id, "oversight", issuedAtMs);
    const before = await lookup(request(cookie));
    await createTestAgency(db, { name: "新设机构" });
    const after = await lookup(request(cookie));
    expect(after?.stamp).not.toBe(before?.stamp);
    expect(after?.key).toBe(before?.key);

    await db.insert(demoLoad).values({ id: 1, planned: 10, corpus: "small" });
    expect(await lookup(request(cookie))).toBeNull();
    // Just finished, the pages say so; two minutes on they no longer do: another stamp each time.
    await db.update(demoLoad).set({ loaded: 10, finishedAt: new Date() }).where(eq(demoLoad.id, 1));
    const justDone = await lookup(request(cookie));
    await db.update(demoLoad).set({ finishedAt: new Date(Date.now() - 10 * 60_000) }).where(eq(demoLoad.id, 1));
    const later = await lookup(request(cookie));
    expect(justDone?.stamp).toMatch(/demo-done$/);
    expect(later?.stamp).toMatch(/^\d+:\d+$/);
  });
});

describe("page cache lookup without a database", () => {
  it("refuses a request with no cookie before touching the database", async () => {
    const lookup = pageCacheLookup(() => {
      throw new Error("the database must not be opened");
    });
    expect(await lookup(request(undefined))).toBeNull();
    expect(await lookup(request("lang=en"))).toBeNull();
  });
});
