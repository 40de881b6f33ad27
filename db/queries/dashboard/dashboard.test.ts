import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { resultFromSums } from "../../../lib/charts/sums";
import { aggregateIndicator, getIndicator, yoyChange, type IndicatorReport } from "../../../lib/indicators";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import { ingestReport } from "../../mutations/report/ingest-report";
import type { Db } from "../../client";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestReport } from "../../test/factories";
import { getAgencyProfile } from "./get-agency-profile";
import { getCoverage } from "./get-coverage";
import { getPeerComparison } from "./get-peer-comparison";
import { getRegion } from "./get-region";
import { listAgencies } from "./list-agencies";
import { listIndicatorSums } from "./list-indicator-sums";
import { listRegionAgencies } from "./list-region-agencies";
import { listTopicShares } from "./list-topic-shares";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt");

// Years far from the fixtures' so factory rows and ingested rows never meet in one sum.
const Y1 = 2040;
const Y2 = 2041;

type Cells = Record<string, number | null>;

/** Outcome cells that add up: handled = granted + partial + denied + unable + not processed + other. */
function cells(o: { received: number; granted: number; denied: number; handled: number | null; review?: number; corrected?: number }): Cells {
  return {
    "t3.new_received.total": o.received,
    "t3.carried_over.total": 0,
    "t3.granted.total": o.granted,
    "t3.partially_granted.total": 0,
    "t3.denied_total.total": o.denied,
    "t3.unable_total.total": 0,
    "t3.not_processed_total.total": 0,
    "t3.other_total.total": 0,
    "t3.handled_total.total": o.handled,
    "t3.carried_forward.total": 0,
    "t4.review.total": o.review ?? 0,
    "t4.review.upheld": 0,
    "t4.review.corrected": o.corrected ?? 0,
    "t4.review.other": 0,
    "t4.lit_total.total": 0,
    "t4.lit_total.upheld": 0,
    "t4.lit_total.corrected": 0,
    "t4.lit_total.other": 0,
  };
}

interface Seeded {
  reports: IndicatorReport[];
  deptA: string;
  deptB: string;
  deptC: string;
  aggregateId: string;
}

async function seed(db: Db): Promise<Seeded> {
  const out: IndicatorReport[] = [];
  const add = async (agencyId: string, regionCode: string, year: number, c: Cells, scope: "self" | "region_aggregate" = "self", format: "2019" | "2021" = "2021") => {
    const r = await createTestReport(db, { agencyId, year, regionCode, cells: c, report: { scope, formatVersion: format } });
    out.push({ id: r.report.id, year, scope, formatVersion: format, cells: c });
    return r.report.id;
  };
  const gov = await createTestAgency(db, { name: `盘州测试政府${Math.random()}`, regionCode: "520281" });
  const deptA = await createTestAgency(db, { name: `盘州自然资源局${Math.random()}`, kind: "department", level: "county", deptType: "自然资源", regionCode: "520281" });
  const deptB = await createTestAgency(db, { name: `钟山自然资源局${Math.random()}`, kind: "department", level: "county", deptType: "自然资源", regionCode: "520201" });
  const deptC = await createTestAgency(db, { name: `贵阳南明自然资源局${Math.random()}`, kind: "department", level: "county", deptType: "自然资源", regionCode: "520102" });
  const city = await createTestAgency(db, { name: `六盘水汇总${Math.random()}`, level: "prefecture", regionCode: "520200" });

  await add(gov.id, "520281", Y1, cells({ received: 40, granted: 30, denied: 4, handled: 40, review: 2, corrected: 1 }));
  await add(gov.id, "520281", Y2, cells({ received: 50, granted: 30, denied: 10, handled: 50, review: 3 }));
  await add(deptA.id, "520281", Y1, cells({ received: 10, granted: 5, denied: 5, handled: 10 }));
  await add(deptA.id, "520281", Y2, cells({ received: 20, granted: 10, denied: 8, handled: 20 }));
  await add(deptB.id, "520201", Y2, cells({ received: 8, granted: 8, denied: 0, handled: 8 }));
  // Handled total missing: left out of every outcome rate, numerator and denominator alike.
  await add(deptB.id, "520201", Y1, cells({ received: 5, granted: 5, denied: 1, handled: null }));
  await add(deptC.id, "520102", Y2, cells({ received: 30, granted: 10, denied: 15, handled: 30 }));
  // A region-wide report of 六盘水市: already contains the others, so never added.
  const aggregateId = await add(city.id, "520200", Y2, cells({ received: 9999, granted: 1, denied: 9000, handled: 9999 }), "region_aggregate");
  return { reports: out, deptA: deptA.id, deptB: deptB.id, deptC: deptC.id, aggregateId };
}

describeEachDb("dashboard queries", (getDb) => {
  let ctx: Ctx;
  let s: Seeded;
  beforeAll(async () => {
    ctx = systemCtx("test", getDb());
    s = await seed(getDb());
  });

  it("sums rates from numerators and denominators, self scope only, matching aggregateIndicator", async () => {
    const rows = await listIndicatorSums({ ctx, input: { indicatorKeys: ["refusal_rate", "new_received", "review_per_100"], groupBy: "year", regionCode: "520200", years: [Y1, Y2] } });
    expect(rows.map((r) => r.key)).toEqual([String(Y1), String(Y2)]);
    const y2 = rows[1]!;
    expect(y2.regionAggregate).toBe(1);
    expect(y2.reports).toBe(4);
    const refusal = resultFromSums("refusal_rate", y2.sums["refusal_rate"]);
    // 盘州 gov 10/50, 盘州 dept 8/20, 钟山 dept 0/8 — not the 9000/9999 of the aggregate.
    expect(refusal).toMatchObject({ numerator: 18, denominator: 78, reports: 3 });
    expect(refusal.value).toBeCloseTo(18 / 78, 12);
    const inMemory = s.reports.filter((r) => r.year === Y2 && r.id !== undefined);
    const lps = inMemory.filter((r) => r.id !== s.reports.find((x) => x.cells["t3.new_received.total"] === 30)?.id);
    const agg = aggregateIndicator(getIndicator("refusal_rate"), lps);
    expect(refusal.value).toBeCloseTo(agg.value!, 12);
    expect(agg.excluded.regionAggregate).toBe(1);

    const y1 = resultFromSums("refusal_rate", rows[0]!.sums["refusal_rate"]);
    // 钟山 Y1 has no handled total: out of numerator and denominator.
    expect(y1).toMatchObject({ numerator: 9, denominator: 50, reports: 2 });
    const received = resultFromSums("new_received", rows[0]!.sums["new_received"]);
    expect(received).toMatchObject({ value: 55, reports: 3 });

    const change = yoyChange(refusal.value, y1.value);
    expect(change.abs).toBeCloseTo(18 / 78 - 9 / 50, 12);
    expect(resultFromSums("review_per_100", y2.sums["review_per_100"]).value).toBeCloseTo((100 * 3) / 78, 12);
  });

  it("groups by child region under the province, keeping the region aggregate out of the sums", async () => {
    const rows = await listIndicatorSums({ ctx, input: { indicatorKeys: ["refusal_rate"], groupBy: "childRegion", regionCode: "520000", years: [Y2] } });
    const byCode = new Map(rows.map((r) => [r.key, r]));
    expect([...byCode.keys()].sort()).toEqual(["520100", "520200"]);
    expect(resultFromSums("refusal_rate", byCode.get("520200")!.sums["refusal_rate"])).toMatchObject({ numerator: 18, denominator: 78 });
    expect(byCode.get("520200")!.regionAggregate).toBe(1);
    expect(resultFromSums("refusal_rate", byCode.get("520100")!.sums["refusal_rate"])).toMatchObject({ numerator: 15, denominator: 30 });
    const counties = await listIndicatorSums({ ctx, input: { indicatorKeys: ["new_received"], groupBy: "childRegion", regionCode: "520200", years: [Y2] } });
    // 六盘水市本级 (the aggregate's own code) is its own row, with nothing summed.
    expect(counties.map((r) => r.key).sort()).toEqual(["520200", "520201", "520281"]);
    expect(counties.find((r) => r.key === "520200")!.sums["new_received"]!.numerator).toBeNull();
  });

  it("filters by agency level and department type", async () => {
    const rows = await listIndicatorSums({ ctx, input: { indicatorKeys: ["new_received"], groupBy: "year", years: [Y2], kind: "department", deptType: "自然资源" } });
    expect(resultFromSums("new_received", rows[0]!.sums["new_received"]).value).toBe(20 + 8 + 30);
  });

  it("says when a format-sensitive indicator mixes 2019 and 2021 reports", async () => {
    const db = getDb();
    const a = await createTestAgency(db, { regionCode: "520422" });
    await createTestReport(db, { agencyId: a.id, year: 2042, regionCode: "520422", report: { formatVersion: "2019" }, cells: { "t2v19.admin_license.decisions": 10, "t2v19.admin_penalty.decisions": 4, "t2v19.admin_coercion.decisions": 1 } });
    const b = await createTestAgency(db, { regionCode: "520422" });
    await createTestReport(db, { agencyId: b.id, year: 2042, regionCode: "520422", cells: { "t2.admin_license.decisions": 20, "t2.admin_penalty.decisions": 5, "t2.admin_coercion.decisions": 0 } });
    const [row] = await listIndicatorSums({ ctx, input: { indicatorKeys: ["service_ratio"], groupBy: "year", regionCode: "520422", years: [2042] } });
    const v = resultFromSums("service_ratio", row!.sums["service_ratio"]);
    expect(v).toMatchObject({ numerator: 30, denominator: 10, value: 3, formatsMixed: true, formats: ["2019", "2021"] });
  });

  it("places an agency among its peers (same level and dept_type, itself excluded)", async () => {
    const peers = await getPeerComparison({ ctx, input: { agencyId: s.deptA, indicatorKey: "refusal_rate", year: Y2 } });
    expect(peers?.group).toMatchObject({ level: "county", deptType: "自然资源", basis: "deptType" });
    // 钟山 0/8 and 南明 15/30; the subject (8/20) is left out.
    // The subject's own 8/20 placed among them: one below, none equal.
    expect(peers?.position).toEqual({ value: 0.4, n: 2, min: 0, p25: 0.125, median: 0.25, p75: 0.375, max: 0.5, below: 1, equal: 0 });
    const y2 = peers?.stats.find((x) => x.year === Y2);
    expect(y2).toMatchObject({ n: 2, median: 0.25, p25: 0.125, p75: 0.375 });
    expect(peers?.members?.map((m) => m.value).sort()).toEqual([0, 0.5]);
    // Y1: 钟山 has no handled total, so no value; 南明 has no Y1 report.
    expect(peers?.stats.find((x) => x.year === Y1)).toMatchObject({ n: 0, median: null });
  });

  it("gives an agency's series per current report, with its report ids", async () => {
    const p = await getAgencyProfile({ ctx, input: { agencyId: s.deptA, indicatorKeys: ["refusal_rate", "new_received", "yoy_new_received"] } });
    expect(p?.agency).toMatchObject({ kind: "department", deptType: "自然资源", regionName: "盘州市" });
    expect(p?.series.map((x) => x.year)).toEqual([Y1, Y2]);
    expect(p?.series[1]?.values["refusal_rate"]).toMatchObject({ numerator: 8, denominator: 20, value: 0.4, smallSample: true });
    expect(p?.series[1]?.values["yoy_new_received"]?.value).toBeCloseTo(1, 12);
    expect(p?.reports.map((r) => r.year)).toEqual([Y2, Y1]);
    expect(p?.series[1]?.reportId).toBe(p?.reports[0]?.id);
  });

  it("counts coverage, on-time publication, errors and topics from ingested reports", async () => {
    const name = `盘州市覆盖测试${Math.random().toString(36).slice(2, 7)}局`;
    for (const year of [2036, 2037]) {
      const analyzed = await analyzeDocument(SAMPLE, "report.txt", { agencyName: name, year });
      const r = await ingestReport({ ctx, input: { bytes: new Uint8Array(SAMPLE), fileName: `r${year}.txt`, analyzed } });
      expect(r.status).toBe("created");
    }
    // A second agency that published in 2036 only: expected in 2037, not received.
    const other = `盘州市覆盖测试${Math.random().toString(36).slice(2, 7)}办`;
    const analyzed = await analyzeDocument(new Uint8Array([...SAMPLE, 10]), "x.txt", { agencyName: other, year: 2036 });
    expect((await ingestReport({ ctx, input: { bytes: new Uint8Array([...SAMPLE, 10]), fileName: "x.txt", analyzed } })).status).toBe("created");

    const cov = await getCoverage({ ctx, input: { year: 2037, regionCode: "520281" } });
    expect(cov).toMatchObject({ expected: 2, received: 1 });
    expect(cov.onTime + cov.late + cov.unknownDate).toBe(1);
    // The sample fails H-T3-BAL (an error).
    expect(cov.withErrors).toBe(1);

    const topics = await listTopicShares({ ctx, input: { year: 2037, regionCode: "520281" } });
    expect(topics.reports).toBe(1);
    expect(topics.topics.map((t) => t.topic).sort()).toEqual(["demolition", "land_requisition"]);
    expect(topics.topics[0]!.applications).toBe(topics.applications);
  });

  it("counts reports whose tables were only partly read, by child region", async () => {
    // The sample with its 表四 cut short (the last five of its fifteen figures gone).
    const lines = SAMPLE.toString("utf8").split("\n");
    const t4End = lines.findIndex((l) => l.startsWith("五、存在的主要问题"));
    const cut = Buffer.from([...lines.slice(0, t4End - 5), ...lines.slice(t4End)].join("\n"));
    const year = 2038;
    for (const [suffix, bytes] of [["全", SAMPLE], ["缺", cut]] as const) {
      const name = `盘州市读取测试${Math.random().toString(36).slice(2, 7)}${suffix}局`;
      const analyzed = await analyzeDocument(bytes, "r.txt", { agencyName: name, year });
      expect((await ingestReport({ ctx, input: { bytes: new Uint8Array(bytes), fileName: "r.txt", analyzed } })).status).toBe("created");
    }
    const county = await getCoverage({ ctx, input: { year, regionCode: "520281" } });
    expect(county).toMatchObject({ received: 2, partlyRead: 1 });
    // The province's view puts it under 六盘水市, and nowhere else.
    const province = await getCoverage({ ctx, input: { year, regionCode: "520000" } });
    expect(province.partlyRead).toBe(1);
    expect(province.byChild.find((c) => c.code === "520200")?.partlyRead).toBe(1);
    expect(province.byChild.filter((c) => c.partlyRead > 0)).toHaveLength(1);
  });

  it("lists regions, their agencies and searches agencies", async () => {
    const region = await getRegion({ ctx, input: { code: "520281" } });
    expect(region?.name).toBe("盘州市");
    expect(region?.ancestors.map((a) => a.name)).toEqual(["贵州省", "六盘水市"]);
    expect(region?.children.length).toBe(27);
    expect(await getRegion({ ctx, input: { code: "999999" } })).toBeNull();

    const list = await listRegionAgencies({ ctx, input: { regionCode: "520281" } });
    const a = list.find((x) => x.id === s.deptA);
    expect(a?.reports.map((r) => r.year)).toEqual([Y2, Y1]);

    const found = await listAgencies({ ctx, input: { q: "自然资源局", deptType: "自然资源", regionCode: "520200" } });
    expect(found.rows.map((r) => r.id).sort()).toEqual([s.deptA, s.deptB].sort());
    expect(found.rows.find((r) => r.id === s.deptA)).toMatchObject({ reportCount: 2, latestYear: Y2 });
    const none = await listAgencies({ ctx, input: { q: "%" } });
    expect(none.total).toBe(0);
  });

  it("refuses a context without a viewer", async () => {
    const bad = { db: getDb() } as unknown as Ctx;
    await expect(listIndicatorSums({ ctx: bad, input: { indicatorKeys: ["new_received"], groupBy: "year" } })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
