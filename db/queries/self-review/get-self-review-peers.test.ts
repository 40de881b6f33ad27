import { beforeAll, expect, it } from "vitest";
import type { Db } from "../../client";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestReport, createTestUser } from "../../test/factories";
import { getSelfReviewPeers } from "./get-self-review-peers";

describeEachDb("getSelfReviewPeers", (getDb) => {
  let db: Db;
  beforeAll(() => {
    db = getDb();
  });

  /** A county government with a report of `year` (published unless said otherwise). */
  async function agencyWithReport(deptType: string, denied: number, handled: number, status: "published" | "draft" = "published") {
    const agency = await createTestAgency(db, { kind: "department", level: "county", deptType });
    const { report } = await createTestReport(db, {
      agencyId: agency.id,
      year: 2024,
      cells: { "t3.denied_total.total": denied, "t3.handled_total.total": handled, "t3.granted.total": handled - denied, "t3.partially_granted.total": 0 },
      report: status === "draft" ? { status: "draft", isCurrent: false, version: 2 } : {},
    });
    return { agency, report };
  }

  it("computes the draft's indicators from its own figures and places them among published peers", async () => {
    const dept = `自审测试${Date.now()}`;
    // Peers' refusal shares: 10%, 20%, 30%, 40%.
    for (const denied of [10, 20, 30, 40]) await agencyWithReport(dept, denied, 100);
    // A peer's draft must not count.
    await agencyWithReport(dept, 99, 100, "draft");
    const { agency, report } = await agencyWithReport(dept, 35, 100, "draft");
    // The agency's own published report is left out of its peers too.
    await createTestReport(db, { agencyId: agency.id, year: 2024, cells: { "t3.denied_total.total": 0, "t3.handled_total.total": 100 } });
    const user = await createTestUser(db, { role: "agency", agencyId: agency.id });

    const peers = await getSelfReviewPeers({ ctx: ctxFor(db, user), input: { reportId: report.id } });
    expect(peers?.group).toMatchObject({ level: "county", deptType: dept, basis: "deptType" });
    const refusal = peers!.rows.find((r) => r.indicatorKey === "refusal_rate")!;
    expect(refusal.own).toMatchObject({ value: 0.35, numerator: 35, denominator: 100 });
    expect(refusal).toMatchObject({ n: 4, median: 0.25, min: 0.1, max: 0.4, rank: 0.75 });
    expect(refusal.p25).toBeCloseTo(0.175, 9);
    expect(refusal.p75).toBeCloseTo(0.325, 9);
    // No reconsideration figures: "—" with a reason, not 0.
    const review = peers!.rows.find((r) => r.indicatorKey === "review_per_100")!;
    expect(review.own.value).toBeNull();
  });

  it("zero denominator gives no value; no peers gives n = 0; other agencies get null", async () => {
    const dept = `无同类${Date.now()}`;
    const agency = await createTestAgency(db, { kind: "department", level: "county", deptType: dept });
    const { report } = await createTestReport(db, {
      agencyId: agency.id,
      cells: { "t3.denied_total.total": 0, "t3.handled_total.total": 0 },
      report: { status: "draft", isCurrent: false },
    });
    const user = await createTestUser(db, { role: "agency", agencyId: agency.id });
    const peers = await getSelfReviewPeers({ ctx: ctxFor(db, user), input: { reportId: report.id } });
    const refusal = peers!.rows.find((r) => r.indicatorKey === "refusal_rate")!;
    expect(refusal.own).toMatchObject({ value: null, reason: "zero_denominator" });
    expect(refusal).toMatchObject({ n: 0, median: null, rank: null });

    const stranger = await createTestUser(db, { role: "agency" });
    expect(await getSelfReviewPeers({ ctx: ctxFor(db, stranger), input: { reportId: report.id } })).toBeNull();
  });
});
