import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import { auditLog, users } from "../../schema";
import { MAX_FAILED_LOGINS, MAX_FAILED_LOGINS_PER_ADDRESS } from "../../schema/users.constants";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestUser } from "../../test/factories";
import { authenticateUser } from "./authenticate-user";
import { changePassword } from "./change-password";
import { createUser } from "./create-user";
import { disableUser } from "./disable-user";
import { endSession } from "./end-session";
import { resetPassword } from "./reset-password";
import { seedDemoAccounts } from "./seed-demo-accounts";
import { checkViewer } from "../../queries/auth/get-viewer";

describeEachDb("sign-in and accounts", (getDb) => {
  let sys: Ctx;
  let seq = 0;
  const ip = () => `10.0.0.${++seq}`;
  beforeAll(() => {
    sys = systemCtx("sign-in", getDb());
  });

  it("accepts the right password case-insensitively on the email, and never returns the hash", async () => {
    const user = await createTestUser(getDb(), { password: "right-password" });
    const result = await authenticateUser({ ctx: sys, input: { email: user.email.toUpperCase(), password: "right-password", ip: ip() } });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "agency", agencyId: user.agencyId, regionCode: null } });
  });

  it("says only 'invalid' for a wrong password, an unknown email and a disabled account", async () => {
    const user = await createTestUser(getDb(), { password: "right-password" });
    const disabled = await createTestUser(getDb(), { password: "right-password", disabled: true });
    for (const input of [
      { email: user.email, password: "wrong-password" },
      { email: "nobody@test.local", password: "right-password" },
      { email: disabled.email, password: "right-password" },
    ]) {
      expect(await authenticateUser({ ctx: sys, input: { ...input, ip: ip() } })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("locks an account for 15 minutes after 5 wrong passwords, even for the right one, then lets it in", async () => {
    const db = getDb();
    const user = await createTestUser(db, { password: "right-password" });
    const now = new Date("2025-03-01T02:00:00Z");
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      expect(await authenticateUser({ ctx: sys, input: { email: user.email, password: "nope", ip: ip() }, now })).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await authenticateUser({ ctx: sys, input: { email: user.email, password: "nope", ip: ip() }, now });
    expect(locked).toEqual({ ok: false, reason: "locked", until: new Date("2025-03-01T02:15:00Z") });
    const stillLocked = await authenticateUser({ ctx: sys, input: { email: user.email, password: "right-password", ip: ip() }, now: new Date("2025-03-01T02:14:00Z") });
    expect(stillLocked.ok).toBe(false);
    const later = await authenticateUser({ ctx: sys, input: { email: user.email, password: "right-password", ip: ip() }, now: new Date("2025-03-01T02:16:00Z") });
    expect(later.ok).toBe(true);
    const [row] = await db.select({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, user.id));
    expect(row).toEqual({ failedLogins: 0, lockedUntil: null });
  });

  it("answers an unknown email exactly as an account: invalid four times, locked on the fifth and for 15 minutes", async () => {
    const db = getDb();
    const user = await createTestUser(db, { password: "right-password" });
    const unknown = `nobody-${++seq}@test.local`;
    const answers = async (email: string) => {
      const out: string[] = [];
      const at = (m: number) => new Date(Date.UTC(2025, 3, 1, 2, m));
      for (let i = 0; i < MAX_FAILED_LOGINS + 1; i++) {
        const r = await authenticateUser({ ctx: sys, input: { email, password: "nope", ip: ip() }, now: at(i) });
        out.push(r.ok ? "ok" : r.reason === "locked" ? `locked until +${(r.until.getTime() - at(0).getTime()) / 60_000}` : r.reason);
      }
      // After the lock: counting starts again.
      const r = await authenticateUser({ ctx: sys, input: { email, password: "nope", ip: ip() }, now: at(40) });
      out.push(r.ok ? "ok" : r.reason);
      return out;
    };
    const known = await answers(user.email);
    expect(known).toEqual(["invalid", "invalid", "invalid", "invalid", "locked until +19", "locked until +19", "invalid"]);
    expect(await answers(unknown)).toEqual(known);
  });

  it("ends a session on the server at sign-out: its cookie (and any copy) is refused, the account's other sessions stand", async () => {
    const db = getDb();
    const user = await createTestUser(db, { password: "right-password" });
    const laptop = Date.now() - 60_000;
    const phone = laptop + 1234;
    expect((await checkViewer({ db, userId: user.id, issuedAtMs: laptop })).ok).toBe(true);
    await endSession({ ctx: ctxFor(db, user), input: { issuedAtMs: laptop, ip: "203.0.113.5" } });
    expect(await checkViewer({ db, userId: user.id, issuedAtMs: laptop })).toEqual({ ok: false, reason: "signed_out" });
    expect((await checkViewer({ db, userId: user.id, issuedAtMs: phone })).ok).toBe(true);
    // Signing out twice (two tabs) is harmless; the audit log has the sign-out.
    await endSession({ ctx: ctxFor(db, user), input: { issuedAtMs: laptop, ip: null } });
    const rows = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(rows.filter((r) => r.action === "user.sign_out")).toHaveLength(2);
    await expect(endSession({ ctx: sys, input: { issuedAtMs: laptop } })).rejects.toThrow(AccessDeniedError);
  });

  it("limits failures per client address across accounts", async () => {
    const address = "192.0.2.77";
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ADDRESS; i++) {
      await authenticateUser({ ctx: sys, input: { email: `guess-${i}@test.local`, password: "x", ip: address } });
    }
    const user = await createTestUser(getDb(), { password: "right-password" });
    const result = await authenticateUser({ ctx: sys, input: { email: user.email, password: "right-password", ip: address } });
    expect(result.ok === false && result.reason).toBe("address_limited");
    expect((await authenticateUser({ ctx: sys, input: { email: user.email, password: "right-password", ip: ip() } })).ok).toBe(true);
  });

  it("records sign-ins and failures in the audit log", async () => {
    const user = await createTestUser(getDb(), { password: "right-password" });
    await authenticateUser({ ctx: sys, input: { email: user.email, password: "bad", ip: "198.51.100.1" } });
    await authenticateUser({ ctx: sys, input: { email: user.email, password: "right-password", ip: "198.51.100.1" } });
    const rows = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(rows.map((r) => r.action)).toEqual(["user.sign_in_failed", "user.sign_in"]);
  });

  it("is only for the sign-in route (a system ctx)", async () => {
    const user = await createTestUser(getDb());
    await expect(authenticateUser({ ctx: ctxFor(getDb(), user), input: { email: user.email, password: "x" } })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("creates, resets, disables accounts; a reset lifts a lockout; change-password needs the current one", async () => {
    const db = getDb();
    const admin = ctxFor(db, await createTestUser(db, { role: "admin" }));
    const created = await createUser({ ctx: admin, input: { email: " New.Person@Test.local ", name: "新人", role: "oversight", regionCode: "520200" } });
    expect(created.email).toBe("new.person@test.local");
    expect(created.generatedPassword).toMatch(/^[A-Za-z2-9]{16}$/);
    await expect(createUser({ ctx: admin, input: { email: "NEW.person@test.local", name: "x", role: "admin" } })).rejects.toMatchObject({ code: "email_taken" });
    await expect(createUser({ ctx: admin, input: { email: "a@test.local", name: "x", role: "agency" } })).rejects.toMatchObject({ code: "scope_missing" });
    expect((await authenticateUser({ ctx: sys, input: { email: created.email, password: created.generatedPassword!, ip: ip() } })).ok).toBe(true);

    await db.update(users).set({ lockedUntil: new Date(Date.now() + 60_000) }).where(eq(users.id, created.userId));
    const reset = await resetPassword({ ctx: admin, input: { userId: created.userId, password: "reset-password-1" } });
    expect(reset.generatedPassword).toBeNull();
    const me = ctxFor(db, { id: created.userId, role: "oversight", agencyId: null, regionCode: "520200" });
    await expect(changePassword({ ctx: me, input: { currentPassword: "wrong-one-here", newPassword: "changed-password-2" } })).rejects.toMatchObject({ code: "wrong_password" });
    await expect(changePassword({ ctx: me, input: { currentPassword: "reset-password-1", newPassword: "short" } })).rejects.toMatchObject({ code: "invalid_input" });
    await changePassword({ ctx: me, input: { currentPassword: "reset-password-1", newPassword: "changed-password-2" } });
    expect((await authenticateUser({ ctx: sys, input: { email: created.email, password: "changed-password-2", ip: ip() } })).ok).toBe(true);

    await disableUser({ ctx: admin, input: { userId: created.userId } });
    expect((await authenticateUser({ ctx: sys, input: { email: created.email, password: "changed-password-2", ip: ip() } })).ok).toBe(false);
    await expect(disableUser({ ctx: admin, input: { userId: admin.viewer.kind === "user" ? admin.viewer.userId : "" } })).rejects.toMatchObject({ code: "self" });
  });

  it("seeds the demo accounts once", async () => {
    const db = getDb();
    const first = await seedDemoAccounts(db);
    const again = await seedDemoAccounts(db);
    expect(first.accounts.map((a) => [a.email, a.created])).toEqual([
      ["admin@demo.local", true],
      ["oversight@demo.local", true],
      ["panzhou@demo.local", true],
    ]);
    expect(again.accounts.every((a) => !a.created)).toBe(true);
    const panzhou = await authenticateUser({ ctx: sys, input: { email: "panzhou@demo.local", password: "gongkai-demo", ip: ip() } });
    expect(panzhou.ok && panzhou.user.role).toBe("agency");
  });
  it("counts a wrong current password on change-password toward the lockout, like a failed sign-in", async () => {
    const db = getDb();
    const user = await createTestUser(db, { password: "right-password" });
    const me = ctxFor(db, user);
    const now = new Date("2025-04-01T02:00:00Z");
    // One failed sign-in and three wrong current passwords share the counter…
    await authenticateUser({ ctx: sys, input: { email: user.email, password: "nope", ip: ip() }, now });
    for (let i = 0; i < MAX_FAILED_LOGINS - 2; i++) {
      await expect(changePassword({ ctx: me, input: { currentPassword: "nope-nope", newPassword: "another-password-1", ip: "192.0.2.9" }, now })).rejects.toMatchObject({ code: "wrong_password" });
    }
    // …so the fifth failure locks the account, and says so.
    await expect(changePassword({ ctx: me, input: { currentPassword: "nope-nope", newPassword: "another-password-1" }, now })).rejects.toMatchObject({
      code: "locked",
      details: { until: "2025-04-01T02:15:00.000Z" },
    });
    // Locked: neither the right password on change-password nor a sign-in gets through.
    await expect(changePassword({ ctx: me, input: { currentPassword: "right-password", newPassword: "another-password-1" }, now })).rejects.toMatchObject({ code: "locked" });
    expect(await authenticateUser({ ctx: sys, input: { email: user.email, password: "right-password", ip: ip() }, now })).toMatchObject({ ok: false, reason: "locked" });
    const rows = await db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(rows.map((r) => r.action)).toEqual([
      "user.sign_in_failed",
      "user.change_password_failed",
      "user.change_password_failed",
      "user.change_password_failed",
      "user.change_password_failed",
      "user.lock",
      "user.change_password_failed",
      "user.sign_in_failed",
    ]);
    expect(rows[1]?.details).toMatchObject({ ip: "192.0.2.9", reason: "wrong_password" });
    expect(rows[4]?.details).toMatchObject({ reason: "wrong_password_locked" });
  });

  it("voids sessions issued before a password change or reset; later ones stand", async () => {
    const db = getDb();
    const user = await createTestUser(db, { password: "old-password-1" });
    const admin = ctxFor(db, await createTestUser(db, { role: "admin" }));
    const before = Date.now() - 1;
    expect((await checkViewer({ db, userId: user.id, issuedAtMs: before })).ok).toBe(true);
    const changed = await changePassword({ ctx: ctxFor(db, user), input: { currentPassword: "old-password-1", newPassword: "new-password-22" } });
    expect(await checkViewer({ db, userId: user.id, issuedAtMs: before })).toEqual({ ok: false, reason: "password_changed" });
    // A token without the claim (issued before it existed) is refused too; one issued at the change stands.
    expect(await checkViewer({ db, userId: user.id, issuedAtMs: null })).toEqual({ ok: false, reason: "password_changed" });
    expect((await checkViewer({ db, userId: user.id, issuedAtMs: changed.sessionsValidAfter.getTime() })).ok).toBe(true);
    // Millisecond precision: a session 1 ms before the change is void, though in the same second.
    expect((await checkViewer({ db, userId: user.id, issuedAtMs: changed.sessionsValidAfter.getTime() - 1 })).ok).toBe(false);

    const afterChange = Date.now() + 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await resetPassword({ ctx: admin, input: { userId: user.id, password: "reset-password-33" } });
    expect(await checkViewer({ db, userId: user.id, issuedAtMs: afterChange })).toEqual({ ok: false, reason: "password_changed" });
    expect((await checkViewer({ db, userId: user.id, issuedAtMs: Date.now() + 1 })).ok).toBe(true);
    const [row] = await db.select({ at: users.sessionsValidAfter }).from(users).where(eq(users.id, user.id));
    expect(row?.at).toBeInstanceOf(Date);
  });
});
