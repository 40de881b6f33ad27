import { expect, it } from "vitest";
import type { Db } from "../../client";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import { findings } from "../../schema";
import { describeEachDb } from "../../test/db";
import { ctxFor } from "../../test/ctx";
import { createTestAgency, createTestReport, createTestUser } from "../../test/factories";
import { countReviewQueue, listReviewQueue } from "./list-review-queue";

// A year no other test uses.
const YEAR = 2033;
const COMPLETE = { t2: { read: 20, of: 20, status: "complete", missing: [] }, t3: { read: 175, of: 175, status: "complete", missing: [] }, t4: { read: 15, of: 15, status: "complete", missing: [] } };
const PARTIAL_T4 = { ...COMPLETE, t4: { read: 10, of: 15, status: "partial", missing: ["t4.lit_after_review.*"] } };

async function report(db: Db, regionCode: string, o: { coverage?: object; errors?: number; received?: number; status?: "published" | "submitted"; agencyId?: string; year?: number }) {
  const agencyId = o.agencyId ?? (await createTestAgency(db, { regionCode, level: "county" })).id;
  const published = (o.status ?? "published") === "published";
  const { report } = await createTestReport(db, {
    agencyId,
    year: o.year ?? YEAR,
    regionCode,
    cells: { "t3.new_received.total": o.received ?? 10 },
    report: { status: o.status ?? "published", isCurrent: published, coverage: (o.coverage ?? COMPLETE) as never },
  });
  if (o.errors) await db.insert(findings).values(Array.from({ length: o.errors }, () => ({ reportId: report.id, rule: "H-T3-COL", severity: "error" as const, messageZh: "不成立", messageEn: "fails" })));
  return { report, agencyId };
}

describeEachDb("the queue of what needs a person", (getDb) => {
  it("lists partly read, erroneous and submitted reports, published first, largest volume first, and scopes submissions", async () => {
    const db = getDb();
    const sys: Ctx = systemCtx("test", db);
    await report(db, "520281", {}); // complete, no errors: not in the queue
    const partial = await report(db, "520281", { coverage: PARTIAL_T4, received: 50 });
    const small = await report(db, "520281", { errors: 2, received: 5 });
    const big = await report(db, "520281", { errors: 1, received: 500 });
    const submitted = await report(db, "520281", { status: "submitted", received: 9000 });
    await report(db, "520102", { errors: 3 }); // 贵阳: outside 盘州

    const q = await listReviewQueue({ ctx: sys, input: { year: YEAR, regionCode: "520281" } });
    expect(q.rows.map((r) => r.reportId)).toEqual([big.report.id, partial.report.id, small.report.id, submitted.report.id]);
    expect(q.counts).toEqual({ partlyRead: 1, withErrors: 2, pendingReview: 1 });
    expect(q.total).toBe(4);
    const p = q.rows[1]!;
    expect(p).toMatchObject({ unreadCells: 5, partTables: ["t4"], errorCount: 0, applications: 50, status: "published" });
    expect(q.rows[3]).toMatchObject({ pendingReview: true, status: "submitted" });

    // A submission is private: oversight of another region and other agencies do not see it.
    const guiyang = await createTestUser(db, { role: "oversight", regionCode: "520100" });
    const other = await createTestUser(db, { role: "agency" });
    const own = await createTestUser(db, { role: "agency", agencyId: submitted.agencyId });
    for (const [user, sees] of [[guiyang, false], [other, false], [own, true]] as const) {
      const r = await listReviewQueue({ ctx: ctxFor(db, user), input: { year: YEAR, regionCode: "520281" } });
      expect(r.rows.some((x) => x.reportId === submitted.report.id), user.email).toBe(sees);
      expect(r.rows.some((x) => x.reportId === partial.report.id)).toBe(true);
    }
    await expect(listReviewQueue({ ctx: { db, viewer: { kind: "anonymous" } } as unknown as Ctx, input: { year: YEAR, regionCode: "520281" } })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("counts for the overview and region pages: the queue's own numbers, scoped by region and by who may see a submission", async () => {
    const db = getDb();
    const year = YEAR + 1;
    const at = (regionCode: string, o: Parameters<typeof report>[2]) => report(db, regionCode, { ...o, year });
    await at("520281", {});
    await at("520281", { coverage: PARTIAL_T4, errors: 1 });
    await at("520281", { errors: 2 });
    const submitted = await at("520281", { status: "submitted" });
    await at("520102", { coverage: PARTIAL_T4 });
    const sys: Ctx = systemCtx("test", db);

    // The province counts both regions; the numbers equal the queue's own.
    const all = await countReviewQueue({ ctx: sys, input: { year, regionCode: "520000" } });
    const list = await listReviewQueue({ ctx: sys, input: { year, regionCode: "520000" } });
    expect(all).toEqual({ total: list.total, ...list.counts });
    expect(all).toEqual({ total: 4, partlyRead: 2, withErrors: 2, pendingReview: 1 });
    // 六盘水 (a region page): only 盘州's reports.
    expect(await countReviewQueue({ ctx: sys, input: { year, regionCode: "520200" } })).toEqual({ total: 3, partlyRead: 1, withErrors: 2, pendingReview: 1 });

    // The submission counts only for those who may see it.
    const guiyang = await createTestUser(db, { role: "oversight", regionCode: "520100" });
    const province = await createTestUser(db, { role: "oversight", regionCode: "520000" });
    const other = await createTestUser(db, { role: "agency" });
    const own = await createTestUser(db, { role: "agency", agencyId: submitted.agencyId });
    const admin = await createTestUser(db, { role: "admin" });
    for (const [user, pending] of [[guiyang, 0], [province, 1], [other, 0], [own, 1], [admin, 1]] as const) {
      const c = await countReviewQueue({ ctx: ctxFor(db, user), input: { year, regionCode: "520000" } });
      expect(c, `${user.role} ${user.regionCode ?? ""}`).toEqual({ total: 3 + pending, partlyRead: 2, withErrors: 2, pendingReview: pending });
    }
    await expect(countReviewQueue({ ctx: { db, viewer: { kind: "anonymous" } } as unknown as Ctx, input: { year, regionCode: "520000" } })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
