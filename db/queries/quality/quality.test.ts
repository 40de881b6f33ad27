import { expect, it } from "vitest";
import type { Db } from "../../client";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import { findings } from "../../schema";
import type { FindingSeverity } from "../../schema/findings.constants";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestReport } from "../../test/factories";
import { getQualityOverview } from "./get-quality-overview";
import { listQualityFilters } from "./list-quality-filters";
import { listReportsWithErrors } from "./list-reports-with-errors";

// A year no other test uses, so the counts below see only the reports this file creates.
const YEAR = 2031;

async function addFindings(db: Db, reportId: string, list: [rule: string, severity: FindingSeverity][]) {
  await db.insert(findings).values(list.map(([rule, severity]) => ({ reportId, rule, severity, messageZh: `${rule} 不成立`, messageEn: `${rule} fails` })));
}

async function report(db: Db, regionCode: string, opts: { status?: "draft" | "published"; isCurrent?: boolean; version?: number; agencyId?: string } = {}) {
  const agencyId = opts.agencyId ?? (await createTestAgency(db, { regionCode, level: regionCode === "520000" ? "province" : "county" })).id;
  const { report } = await createTestReport(db, {
    agencyId,
    year: YEAR,
    regionCode,
    report: { status: opts.status ?? "published", isCurrent: opts.isCurrent ?? true, version: opts.version ?? 1 },
  });
  return report;
}

/**
 * 六盘水 (盘州 520281): A1 passes; A2 fails COL and BAL (and has a warning); A4's old version
 * failed but its current v2 passes; A5 is a draft with errors (excluded).
 * 贵阳 (南明 520102): A3 fails COL. 省本级 (520000): A6 fails T4-SUM.
 */
async function seed(db: Db) {
  const a1 = await report(db, "520281");
  const a2 = await report(db, "520281");
  await addFindings(db, a2.id, [["H-T3-COL", "error"], ["H-T3-BAL", "error"], ["H-T3-BAL", "error"], ["S-N-NEW", "warning"]]);
  const a3 = await report(db, "520102");
  await addFindings(db, a3.id, [["H-T3-COL", "error"]]);
  const a4old = await report(db, "520281", { isCurrent: false });
  await addFindings(db, a4old.id, [["H-T3-SUM", "error"]]);
  const a4 = await report(db, "520281", { agencyId: a4old.agencyId, version: 2 });
  const a5 = await report(db, "520281", { status: "draft", isCurrent: false });
  await addFindings(db, a5.id, [["H-T3-SUM", "error"]]);
  const a6 = await report(db, "520000");
  await addFindings(db, a6.id, [["H-T4-SUM", "error"], ["S-X-YOY", "warning"]]);
  return { a1, a2, a3, a4, a6 };
}

describeEachDb("quality queries", (getDb) => {
  let seeded: Awaited<ReturnType<typeof seed>> | undefined;
  const ctx = (): Ctx => systemCtx("test", getDb());
  const data = async () => (seeded ??= await seed(getDb()));

  it("counts passing reports and failing hard rules over current published reports of the province", async () => {
    await data();
    const o = await getQualityOverview({ ctx: ctx(), input: { year: YEAR, regionCode: "520000" } });
    expect(o.region).toEqual({ code: "520000", name: "贵州省", level: "province" });
    expect(o.reports).toBe(5);
    expect(o.passing).toBe(2);
    expect(o.rules).toEqual([
      { rule: "H-T3-COL", reports: 2 },
      { rule: "H-T3-BAL", reports: 1 },
      { rule: "H-T4-SUM", reports: 1 },
    ]);
    const rows = Object.fromEntries(o.byRegion.map((r) => [r.code ?? "self", r]));
    expect(rows.self).toMatchObject({ name: null, reports: 1, passing: 0, byRule: { "H-T4-SUM": 1 } });
    expect(rows["520200"]).toMatchObject({ name: "六盘水市", reports: 3, passing: 2, byRule: { "H-T3-COL": 1, "H-T3-BAL": 1 } });
    expect(rows["520100"]).toMatchObject({ name: "贵阳市", reports: 1, passing: 0, byRule: { "H-T3-COL": 1 } });
    expect(rows["520300"]).toMatchObject({ reports: 0, passing: 0, byRule: {} });
    expect(o.byRegion[0]?.code).toBeNull();
  });

  it("narrows to a prefecture and groups by its counties", async () => {
    await data();
    const o = await getQualityOverview({ ctx: ctx(), input: { year: YEAR, regionCode: "520200" } });
    expect([o.reports, o.passing]).toEqual([3, 2]);
    const panzhou = o.byRegion.find((r) => r.code === "520281");
    expect(panzhou).toMatchObject({ name: "盘州市", reports: 3, passing: 2 });
    expect(o.byRegion.find((r) => r.code === null)).toBeUndefined();
  });

  it("lists the reports with errors, most errors first, with the first error message", async () => {
    const { a2, a3, a6 } = await data();
    const list = await listReportsWithErrors({ ctx: ctx(), input: { year: YEAR, regionCode: "520000" } });
    expect(list.total).toBe(3);
    expect(list.rows[0]).toMatchObject({ reportId: a2.id, errorCount: 3, firstRule: "H-T3-BAL", firstMessageZh: "H-T3-BAL 不成立", regionName: "盘州市" });
    expect(list.rows.map((r) => r.reportId).sort()).toEqual([a2.id, a3.id, a6.id].sort());
    const page2 = await listReportsWithErrors({ ctx: ctx(), input: { year: YEAR, regionCode: "520000", limit: 2, offset: 2 } });
    expect(page2.rows).toHaveLength(1);
    expect(page2.total).toBe(3);
  });

  it("is empty for a year without reports", async () => {
    const o = await getQualityOverview({ ctx: ctx(), input: { year: 2032, regionCode: "520000" } });
    expect([o.reports, o.passing, o.rules.length]).toEqual([0, 0, 0]);
    expect((await listReportsWithErrors({ ctx: ctx(), input: { year: 2032, regionCode: "520000" } })).total).toBe(0);
  });

  it("offers the years with reports and the regions around the selection", async () => {
    await data();
    const f = await listQualityFilters({ ctx: ctx(), input: { regionCode: "520200" } });
    expect(f.years).toContain(YEAR);
    const codes = f.regions.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["520000", "520100", "520200", "520281"]));
    expect(codes).not.toContain("520102");
  });

  it("refuses a viewer that is not signed in", async () => {
    const anonymous = { db: getDb(), viewer: { kind: "anonymous" } } as unknown as Ctx;
    await expect(getQualityOverview({ ctx: anonymous, input: { year: YEAR, regionCode: "520000" } })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
