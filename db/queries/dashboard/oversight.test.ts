/**
 * What an oversight officer reads first (issue #18): outliers against peer medians, the agencies
 * behind the coverage card, an admin code resolving to its government, the agency table sorted by
 * errors, where applications go, and comparisons that rank a whole group with flagged figures.
 * Real databases (PGlite, and Postgres when TEST_DATABASE_URL is set), rows from the factories.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import type { Db } from "../../client";
import { findings } from "../../schema";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestReport } from "../../test/factories";
import { parseCompareParams } from "../../../lib/export/compare-params";
import { compareChartSpec, compareRecords } from "../../../lib/charts/compare";
import { compareCsv } from "../../../lib/export/csv";
import { getComparison } from "../compare/get-comparison";
import { findGovernmentByAdminCode } from "./find-government-by-admin-code";
import { listAgencies } from "./list-agencies";
import { listApplicationDestinations } from "./list-application-destinations";
import { listCoverageGaps } from "./list-coverage-gaps";
import { listOutliers } from "./list-outliers";

// Within the comparison page's year range (2019–2030); the test database holds only these rows.
const Y = 2029;

/** Outcome cells whose refusal rate is denied ÷ handled. */
function cells(denied: number, handled: number, received = handled) {
  return {
    "t3.new_received.total": received,
    "t3.carried_over.total": 0,
    "t3.granted.total": handled - Math.min(denied, handled),
    "t3.partially_granted.total": 0,
    "t3.denied_total.total": denied,
    "t3.unable_total.total": 0,
    "t3.not_processed_total.total": 0,
    "t3.other_total.total": 0,
    "t3.handled_total.total": handled,
    "t3.carried_forward.total": 0,
  };
}

// County codes of 六盘水市 (5202) and 贵阳市 (5201).
const COUNTIES = ["520201", "520203", "520204", "520281", "520102", "520103", "520111", "520112", "520113", "520115"];

interface Seeded {
  govIds: string[];
  errorAgency: string;
  impossibleAgency: string;
  lateAgency: string;
  missingAgency: string;
  errorReport: string;
}

async function seed(db: Db): Promise<Seeded> {
  const govIds: string[] = [];
  let errorAgency = "";
  let impossibleAgency = "";
  let errorReport = "";
  // Ten county governments: refusal 10 % for most, 60 % at 钟山 (an outlier, with an error
  // finding), and 六枝 reporting 45 refused of 40 handled (impossible).
  for (const [i, code] of COUNTIES.entries()) {
    const gov = await createTestAgency(db, { name: i === 3 ? "盘州市人民政府" : `县政府${code}测试`, kind: "government", level: "county", regionCode: code });
    govIds.push(gov.id);
    const c = i === 0 ? cells(24, 40) : i === 1 ? cells(45, 40) : cells(4 + (i % 3), 40);
    const r = await createTestReport(db, { agencyId: gov.id, year: Y, regionCode: code, cells: c, report: { publishedOn: `${Y + 1}-03-01` } });
    if (i === 0) {
      errorAgency = gov.id;
      errorReport = r.report.id;
      await db.insert(findings).values({ reportId: r.report.id, rule: "H-T3-BAL", severity: "error", cells: ["t3.new_received.total"], messageZh: "不平衡", messageEn: "unbalanced" });
    }
    if (i === 1) impossibleAgency = gov.id;
  }
  // A bureau that published last year only, and one that published after the 31 Jan deadline.
  const missing = await createTestAgency(db, { name: `盘州自然资源局${Math.random()}`, kind: "department", level: "county", deptType: "自然资源", regionCode: "520281" });
  await createTestReport(db, { agencyId: missing.id, year: Y - 1, regionCode: "520281", cells: cells(1, 60) });
  const late = await createTestAgency(db, { name: `盘州住建局${Math.random()}`, kind: "department", level: "county", deptType: "住建", regionCode: "520281" });
  await createTestReport(db, { agencyId: late.id, year: Y, regionCode: "520281", cells: cells(2, 50, 50), report: { publishedOn: `${Y + 1}-02-15` } });
  return { govIds, errorAgency, impossibleAgency, lateAgency: late.id, missingAgency: missing.id, errorReport };
}

describeEachDb("oversight reads", (getDb) => {
  let ctx: Ctx;
  let s: Seeded;
  beforeAll(async () => {
    ctx = systemCtx("oversight test", getDb());
    s = await seed(getDb());
  }, 300_000);

  it("outliers: furthest from the peer median first, within the region, flags kept", async () => {
    const all = await listOutliers({ ctx, input: { year: Y, regionCode: "520000", indicatorKey: "refusal_rate", minGroup: 5 } });
    // 钟山 (60 % against a 12.5 % median) leads; 六枝's impossible 112.5 % is flagged, not a peer.
    expect(all[0]).toMatchObject({ agencyId: s.impossibleAgency, impossible: true });
    expect(all[1]).toMatchObject({ agencyId: s.errorAgency, value: 0.6, reportErrors: true, impossible: false, groupSize: 9 });
    expect(all[1]!.median).toBeCloseTo(0.125, 6);
    const guiyang = await listOutliers({ ctx, input: { year: Y, regionCode: "520100", indicatorKey: "refusal_rate", minGroup: 5 } });
    expect(guiyang.every((o) => o.regionCode?.startsWith("5201"))).toBe(true);
    expect(guiyang.map((o) => o.agencyId)).not.toContain(s.errorAgency);
  });

  it("coverage gaps: the agency that did not report this year and the one that reported late", async () => {
    const gaps = await listCoverageGaps({ ctx, input: { year: Y, regionCode: "520281" } });
    expect(gaps.map((g) => [g.agencyId, g.gap])).toEqual(
      expect.arrayContaining([
        [s.missingAgency, "missing"],
        [s.lateAgency, "late"],
      ]),
    );
    expect(gaps.find((g) => g.gap === "late")).toMatchObject({ publishedOn: `${Y + 1}-02-15`, deadline: `${Y + 1}-01-31` });
    // Governments have until 31 March: 1 March is on time.
    expect(gaps.map((g) => g.agencyId)).not.toContain(s.govIds[3]);
  });

  it("an admin code resolves to its government, as the export API's agency=520281", async () => {
    expect(await findGovernmentByAdminCode({ ctx, input: { code: "520281" } })).toEqual({ id: s.govIds[3] });
    expect(await findGovernmentByAdminCode({ ctx, input: { code: "529999" } })).toBeNull();
    expect(await findGovernmentByAdminCode({ ctx, input: { code: "abc" } })).toBeNull();
  });

  it("the agency table sorts by reports with errors and shows the latest new applications", async () => {
    const list = await listAgencies({ ctx, input: { kind: "government", level: "county", sort: "errors", dir: "desc", pageSize: 5 } });
    expect(list.rows[0]).toMatchObject({ id: s.errorAgency, reportsWithErrors: 1, latestYear: Y, latestNewReceived: 40 });
    const byNew = await listAgencies({ ctx, input: { regionCode: "520281", sort: "new_received", dir: "desc" } });
    expect(byNew.rows.map((r) => r.latestNewReceived)).toEqual([...byNew.rows.map((r) => r.latestNewReceived)].sort((a, b) => (b ?? -1) - (a ?? -1)));
  });

  it("where applications go: new applications by kind and department type", async () => {
    const rows = (await listApplicationDestinations({ ctx, input: { regionCode: "520281" } })).filter((r) => r.year === Y);
    expect(rows.find((r) => r.kind === "government")).toMatchObject({ applications: 40, reports: 1 });
    expect(rows.find((r) => r.kind === "department" && r.deptType === "住建")).toMatchObject({ applications: 50, reports: 1 });
  });

  it("a ranking of a whole group: every county government, the report with errors marked in chart data and CSV", async () => {
    const parsed = parseCompareParams(new URLSearchParams(`group=government:county:52&year=${Y}&view=ranking`));
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    const r = await getComparison({ ctx, input: { params: parsed.value } });
    if (!r.ok) throw new Error(r.error.message.en);
    const spec = compareChartSpec(r.value, "refusal_rate", "zh");
    const records = compareRecords(spec);
    expect(records).toHaveLength(10);
    // The impossible value is last among those with a value, never first.
    expect(records[0]).toMatchObject({ reportErrors: true, value: 0.6, shown: "60.0% ⚠" });
    expect(records.filter((x) => x.value !== null).at(-1)).toMatchObject({ impossible: true });
    const csv = compareCsv(records, "zh");
    expect(csv.split("\r\n")[1]).toContain(",是,否,");
    const excluded = parseCompareParams(new URLSearchParams(`group=government:county:52&year=${Y}&view=ranking&flagged=exclude`));
    if (!excluded.ok) throw new Error("parse");
    const r2 = await getComparison({ ctx, input: { params: excluded.value } });
    if (!r2.ok) throw new Error(r2.error.message.en);
    expect(r2.value.values.find((v) => v.reportId === s.errorReport)).toMatchObject({ value: null, reason: "excluded_errors" });
  });

  it("more than 50 agencies: a ranking takes them, bars point to the ranking", async () => {
    for (let i = 0; i < 52; i += 1) await createTestAgency(getDb(), { name: `测试开发区${i}-${Math.random()}`, kind: "dev_zone", level: "county", regionCode: "520281" });
    const ranking = parseCompareParams(new URLSearchParams("group=dev_zone:county:520281&view=ranking"));
    const bars = parseCompareParams(new URLSearchParams("group=dev_zone:county:520281&view=bars"));
    if (!ranking.ok || !bars.ok) throw new Error("parse");
    const ok = await getComparison({ ctx, input: { params: ranking.value } });
    expect(ok.ok && ok.value.agencies.length).toBe(52);
    const refused = await getComparison({ ctx, input: { params: bars.value } });
    expect(!refused.ok && refused.error.code).toBe("too_many_series");
    expect(!refused.ok && refused.error.message.zh).toContain("排名");
  });

  describe("without a signed-in viewer", () => {
    it("refuses every new read", async () => {
      const bad = { db: getDb() } as unknown as Ctx;
      await expect(listOutliers({ ctx: bad, input: { year: Y, indicatorKey: "refusal_rate" } })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(listCoverageGaps({ ctx: bad, input: { year: Y } })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(findGovernmentByAdminCode({ ctx: bad, input: { code: "520281" } })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(listApplicationDestinations({ ctx: bad, input: {} })).rejects.toBeInstanceOf(AccessDeniedError);
    });
  });
});
