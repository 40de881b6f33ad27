import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { systemCtx, type Ctx } from "../../context";
import { listUsers } from "../../queries/user/list-users";
import { auditLog, users } from "../../schema";
import { MAX_FAILED_LOGINS } from "../../schema/users.constants";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestUser } from "../../test/factories";
import { authenticateUser } from "./authenticate-user";
import { unlockUser } from "./unlock-user";
import { updateUser } from "./update-user";

describeEachDb("administering accounts: unlock, role and scope, search, last sign-in", (getDb) => {
  let admin: Ctx;
  let adminId: string;
  let oversight: Ctx;
  let agencyCtx: Ctx;
  let agencyId: string;
  let seq = 0;
  const ip = () => `10.9.0.${++seq}`;

  beforeAll(async () => {
    const db = getDb();
    const adminUser = await createTestUser(db, { role: "admin" });
    adminId = adminUser.id;
    admin = ctxFor(db, adminUser);
    oversight = ctxFor(db, await createTestUser(db, { role: "oversight", regionCode: "520200" }));
    const agency = await createTestAgency(db, { name: "六枝特区人民政府", nameNorm: "六枝特区人民政府", regionCode: "520203" });
    agencyId = agency.id;
    agencyCtx = ctxFor(db, await createTestUser(db, { role: "agency", agencyId }));
  });

  it("a locked account shows as locked, an admin unlocks it, and its owner signs in at once", async () => {
    const db = getDb();
    const sys = systemCtx("t", db);
    const user = await createTestUser(db, { password: "right-password", name: "锁定测试" });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await authenticateUser({ ctx: sys, input: { email: user.email, password: "wrong", ip: ip() } });
    expect((await authenticateUser({ ctx: sys, input: { email: user.email, password: "right-password", ip: ip() } })).ok).toBe(false);
    const [listed] = await listUsers({ ctx: admin, input: { q: user.email } });
    expect(listed!.lockedUntil).toBeInstanceOf(Date);
    expect(listed!.lastSignInAt).toBeNull();

    await expect(unlockUser({ ctx: oversight, input: { userId: user.id } })).rejects.toMatchObject({ name: "AccessDeniedError" });
    await expect(unlockUser({ ctx: agencyCtx, input: { userId: user.id } })).rejects.toMatchObject({ name: "AccessDeniedError" });
    expect(await unlockUser({ ctx: admin, input: { userId: user.id } })).toEqual({ userId: user.id, wasLocked: true });
    expect((await authenticateUser({ ctx: sys, input: { email: user.email, password: "right-password", ip: ip() } })).ok).toBe(true);

    const [after] = await listUsers({ ctx: admin, input: { q: user.email } });
    expect(after!.lockedUntil).toBeNull();
    expect(after!.lastSignInAt).toBeInstanceOf(Date);
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, user.id))).map((a) => a.action);
    expect(actions).toContain("user.unlock");
  });

  it("search finds accounts by email, name, agency and region", async () => {
    const db = getDb();
    const named = await createTestUser(db, { name: "王检索", role: "agency", agencyId });
    expect((await listUsers({ ctx: admin, input: { q: "王检索" } })).map((u) => u.id)).toEqual([named.id]);
    expect((await listUsers({ ctx: admin, input: { q: "六枝特区" } })).map((u) => u.id)).toContain(named.id);
    expect((await listUsers({ ctx: admin, input: { q: "no-such-account-x" } }))).toEqual([]);
    await expect(listUsers({ ctx: oversight })).rejects.toMatchObject({ name: "AccessDeniedError" });
  });

  it("an admin changes role and scope; only the field the role uses is kept; bad input changes nothing", async () => {
    const db = getDb();
    const user = await createTestUser(db, { role: "agency", agencyId });
    const r = await updateUser({ ctx: admin, input: { userId: user.id, role: "oversight", regionCode: "520200", agencyId } });
    expect(r).toMatchObject({ role: "oversight", regionCode: "520200", agencyId: null, changed: true });
    const [row] = await db.select({ role: users.role, agencyId: users.agencyId, regionCode: users.regionCode }).from(users).where(eq(users.id, user.id));
    expect(row).toEqual({ role: "oversight", agencyId: null, regionCode: "520200" });
    const [entry] = await db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(entry!.details).toMatchObject({ from: { role: "agency", agencyId }, to: { role: "oversight", regionCode: "520200" } });

    await expect(updateUser({ ctx: admin, input: { userId: user.id, role: "agency" } })).rejects.toMatchObject({ code: "scope_missing" });
    await expect(updateUser({ ctx: admin, input: { userId: user.id, role: "oversight", regionCode: "999999" } })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateUser({ ctx: oversight, input: { userId: user.id, role: "admin" } })).rejects.toMatchObject({ name: "AccessDeniedError" });
    await expect(updateUser({ ctx: agencyCtx, input: { userId: user.id, role: "admin" } })).rejects.toMatchObject({ name: "AccessDeniedError" });
    await expect(updateUser({ ctx: admin, input: { userId: adminId, role: "oversight", regionCode: "520200" } })).rejects.toMatchObject({ code: "self" });
    const [still] = await db.select({ role: users.role, regionCode: users.regionCode }).from(users).where(eq(users.id, user.id));
    expect(still).toEqual({ role: "oversight", regionCode: "520200" });
  });
});
