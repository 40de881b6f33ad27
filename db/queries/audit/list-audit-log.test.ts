import { beforeAll, expect, it } from "vitest";
import type { Db } from "../../client";
import { systemCtx, type Ctx } from "../../context";
import { auditLog, findings, type User } from "../../schema";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestReport, createTestUser } from "../../test/factories";
import { listAuditLog } from "./list-audit-log";

describeEachDb("listAuditLog scope and filters", (getDb) => {
  let db: Db;
  let ids: { draftA: string; draftB: string; findingA: string; agencyA: string; agencyB: string };
  let u: { admin: User; agencyA: User; agencyB: User; ov6ps: User; ovZunyi: User; ovProvince: User };
  const ctx = (user: User): Ctx => ctxFor(db, user);
  const actions = async (c: Ctx, input = {}) => (await listAuditLog({ ctx: c, input })).items.map((i) => `${i.action}:${i.agencyName ?? i.subjectEmail ?? "-"}`);

  beforeAll(async () => {
    db = getDb();
    // Agency A under 盘州 (六盘水 520200), agency B under 红花岗 (遵义 520300).
    const agencyA = await createTestAgency(db, { name: `审计甲${Date.now()}`, regionCode: "520281" });
    const agencyB = await createTestAgency(db, { name: `审计乙${Date.now()}`, regionCode: "520302" });
    const draftA = (await createTestReport(db, { agencyId: agencyA.id, report: { status: "draft", isCurrent: false } })).report;
    const draftB = (await createTestReport(db, { agencyId: agencyB.id, regionCode: "520302", report: { status: "draft", isCurrent: false } })).report;
    const [finding] = await db
      .insert(findings)
      .values({ reportId: draftA.id, rule: "T.test", severity: "error", messageZh: "测试", messageEn: "test" })
      .returning({ id: findings.id });
    u = {
      admin: await createTestUser(db, { role: "admin" }),
      agencyA: await createTestUser(db, { role: "agency", agencyId: agencyA.id }),
      agencyB: await createTestUser(db, { role: "agency", agencyId: agencyB.id }),
      ov6ps: await createTestUser(db, { role: "oversight", regionCode: "520200" }),
      ovZunyi: await createTestUser(db, { role: "oversight", regionCode: "520300" }),
      ovProvince: await createTestUser(db, { role: "oversight", regionCode: "520000" }),
    };
    ids = { draftA: draftA.id, draftB: draftB.id, findingA: finding!.id, agencyA: agencyA.id, agencyB: agencyB.id };
    const t0 = Date.parse("2025-05-01T01:00:00Z");
    const at = (i: number) => new Date(t0 + i * 60_000);
    await db.insert(auditLog).values([
      { at: at(0), actorUserId: u.agencyA.id, action: "report.ingest", entity: "report", entityId: draftA.id },
      { at: at(1), actorUserId: u.agencyA.id, action: "finding.explain", entity: "finding", entityId: finding!.id, details: { length: 12 } },
      { at: at(2), actorUserId: u.agencyB.id, action: "report.ingest", entity: "report", entityId: draftB.id },
      { at: at(3), actorUserId: u.ov6ps.id, action: "report.return", entity: "report", entityId: draftA.id, details: { comment: "请核对" } },
      { at: at(4), actorUserId: u.admin.id, action: "user.create", entity: "user", entityId: u.agencyA.id, details: { email: u.agencyA.email } },
      { at: at(5), actorUserId: u.agencyA.id, action: "user.sign_in", entity: "user", entityId: u.agencyA.id },
      { at: at(6), actorUserId: null, action: "user.lock", entity: "user", entityId: u.agencyB.id },
      { at: at(7), actorUserId: null, action: "agency.create", entity: "agency", entityId: agencyB.id },
    ]);
  });

  const mine = (list: string[]) => list.filter((s) => s.includes("审计") || s.includes("@test.local"));

  it("admin sees everything, newest first", async () => {
    const list = mine(await actions(ctx(u.admin), { from: "2025-05-01", to: "2025-05-01" }));
    expect(list.map((s) => s.split(":")[0])).toEqual([
      "agency.create",
      "user.lock",
      "user.sign_in",
      "user.create",
      "report.return",
      "report.ingest",
      "finding.explain",
      "report.ingest",
    ]);
    expect((await listAuditLog({ ctx: systemCtx("t", db), input: {} })).total).toBeGreaterThanOrEqual(8);
  });

  it("an agency user sees its own agency's reports and findings and its own actions, never agency B's", async () => {
    const a = await listAuditLog({ ctx: ctx(u.agencyA), input: {} });
    expect(a.items.map((i) => i.action)).toEqual(["user.sign_in", "report.return", "finding.explain", "report.ingest"]);
    expect(a.items.every((i) => i.agencyId === null || i.agencyId === ids.agencyA)).toBe(true);
    // The finding entry links to its report.
    expect(a.items.find((i) => i.action === "finding.explain")).toMatchObject({ reportId: ids.draftA, agencyId: ids.agencyA });
    // The admin's user.create about this account is user management: admin only.
    expect(a.items.some((i) => i.action === "user.create")).toBe(false);

    const b = await listAuditLog({ ctx: ctx(u.agencyB), input: {} });
    expect(b.items.map((i) => i.action)).toEqual(["agency.create", "user.lock", "report.ingest"]);
    expect(b.items.some((i) => i.reportId === ids.draftA)).toBe(false);
  });

  it("oversight of 六盘水 sees 六盘水's entries, not 遵义's; province oversight sees both", async () => {
    const lps = await listAuditLog({ ctx: ctx(u.ov6ps), input: {} });
    expect(lps.items.map((i) => i.action)).toEqual(["report.return", "finding.explain", "report.ingest"]);
    expect(lps.items.some((i) => i.agencyId === ids.agencyB)).toBe(false);

    const zunyi = await listAuditLog({ ctx: ctx(u.ovZunyi), input: {} });
    expect(zunyi.items.map((i) => i.action)).toEqual(["agency.create", "report.ingest"]);
    expect(zunyi.items.every((i) => i.agencyId === ids.agencyB)).toBe(true);

    const province = await listAuditLog({ ctx: ctx(u.ovProvince), input: {} });
    expect(province.items.filter((i) => i.agencyId === ids.agencyA || i.agencyId === ids.agencyB)).toHaveLength(5);
    expect(province.items.some((i) => i.entity === "user")).toBe(false);
  });

  it("filters by action, family, actor, agency, report and date; pages", async () => {
    const admin = ctx(u.admin);
    expect((await listAuditLog({ ctx: admin, input: { action: "report.return", reportId: ids.draftA } })).items).toHaveLength(1);
    expect((await listAuditLog({ ctx: admin, input: { action: "report", reportId: ids.draftA } })).items.map((i) => i.action)).toEqual(["report.return", "report.ingest"]);
    // A report's entries include its findings'.
    expect((await listAuditLog({ ctx: admin, input: { reportId: ids.draftA } })).total).toBe(3);
    expect((await listAuditLog({ ctx: admin, input: { actor: u.ov6ps.email.toUpperCase() } })).items.map((i) => i.action)).toEqual(["report.return"]);
    expect((await listAuditLog({ ctx: admin, input: { agency: "审计乙" } })).total).toBeGreaterThanOrEqual(2);
    expect((await listAuditLog({ ctx: admin, input: { reportId: ids.draftA, from: "2025-05-02" } })).total).toBe(0);
    // 2025-05-01T01:00Z is 09:00 in China: still 5 月 1 日.
    expect((await listAuditLog({ ctx: admin, input: { reportId: ids.draftA, to: "2025-04-30" } })).total).toBe(0);
    const page2 = await listAuditLog({ ctx: admin, input: { reportId: ids.draftA, page: 2, pageSize: 2 } });
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((i) => i.action)).toEqual(["report.ingest"]);
  });
});
