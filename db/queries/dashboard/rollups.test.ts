/**
 * The dashboard rollups give exactly what the direct SQL over report_figures gives (the
 * *FromFigures functions, kept as the oracle), after every kind of write: ingest, a new version,
 * a bulk load, accepting a submission, a correction, a cross-year finding change, a failed ingest,
 * clearing. And the incrementally maintained rows equal a rebuild from scratch — the peer
 * distributions included, so every merge of one report in or out leaves what a rebuild makes.
 */
import { readFileSync } from "node:fs";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { isGroupSummable } from "../../../lib/charts/sums";
import { INDICATORS } from "../../../lib/indicators";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import type { AnalyzedDocument } from "../../../lib/ingest/analyze";
import type { Db } from "../../client";
import { systemCtx, type Ctx } from "../../context";
import { keyRows } from "../../mutations/dashboard/rollups";
import { refreshDashboardRollups } from "../../mutations/dashboard/refresh-dashboard-rollups";
import { acceptReport } from "../../mutations/report/accept-report";
import { clearReports } from "../../mutations/report/clear-reports";
import { correctReport } from "../../mutations/report/correct-report";
import { ingestReport } from "../../mutations/report/ingest-report";
import { refreshCrossYear } from "../../mutations/report/refresh-cross-year";
import { agencies, dashboardCoverage, dashboardGroups, figureColumn, dashboardPeerDists, dashboardPeerGroups, dashboardPeerValues, dashboardRollupsDirty, dashboardTopics, reportFigures, reports } from "../../schema";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestReport } from "../../test/factories";
import { getCoverage, getCoverageFromFigures } from "./get-coverage";
import { getPeerComparison, getPeerComparisonFromFigures } from "./get-peer-comparison";
import { GROUP_BYS, listIndicatorSums, listIndicatorSumsFromFigures, type ListIndicatorSumsInput } from "./list-indicator-sums";
import { listTopicShares, listTopicSharesFromFigures } from "./list-topic-shares";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const KEYS = INDICATORS.filter(isGroupSummable).map((d) => d.key);
const YEARS = [2061, 2062, 2063];
const REGIONS = ["520000", "520200", "520281", "520201", "520100"];
const FILTERS: Partial<ListIndicatorSumsInput>[] = [
  {},
  { years: [2062] },
  { years: [2061, 2063] },
  { level: "county" },
  { kind: "department" },
  { kind: "government", years: [2062] },
  { deptType: "自然资源" },
  { level: "prefecture", kind: "government" },
];

let seq = 0;

/** Ingests the sample as `agencyName`'s report of `year`, with its figures shifted by `k` so reports differ. */
async function ingest(
  ctx: Ctx,
  agencyName: string,
  year: number,
  k: number,
  opts: { status?: "published" | "submitted"; defer?: boolean; edit?: (a: AnalyzedDocument) => void } = {},
) {
  const bytes = new TextEncoder().encode(SAMPLE + " ".repeat(++seq));
  const analyzed = await analyzeDocument(bytes, "r.txt", { agencyName, year });
  for (const [key, cell] of Object.entries(analyzed.parsed.cells)) {
    if (key.startsWith("t3.") && typeof cell.value === "number") cell.value += k;
  }
  opts.edit?.(analyzed);
  const r = await ingestReport({ ctx, input: { bytes, fileName: `r${seq}.txt`, analyzed, status: opts.status ?? "published", deferCrossYear: opts.defer ?? false } });
  if (r.status !== "created") throw new Error(JSON.stringify(r));
  return r;
}

/** The rollup tables' rows, without timestamps, in a fixed order. */
async function snapshot(db: Db) {
  const strip = <T extends { createdAt?: unknown; updatedAt?: unknown }>(rows: T[]) => rows.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
  return {
    groups: strip(await db.select().from(dashboardGroups).orderBy(asc(sql`1`), asc(sql`2`), asc(sql`3`), asc(sql`4`), asc(sql`5`), asc(sql`6`), asc(sql`7`))),
    coverage: strip(await db.select().from(dashboardCoverage).orderBy(asc(sql`1`), asc(sql`2`))),
    topics: strip(await db.select().from(dashboardTopics).orderBy(asc(sql`1`), asc(sql`2`), asc(sql`3`))),
    peers: strip(await db.select().from(dashboardPeerValues).orderBy(asc(dashboardPeerValues.reportId))),
    peerGroups: await db.select().from(dashboardPeerGroups).orderBy(asc(sql`1`), asc(sql`2`), asc(sql`3`), asc(sql`4`)),
    peerDists: await db.select().from(dashboardPeerDists).orderBy(asc(sql`1`), asc(sql`2`), asc(sql`3`), asc(sql`4`), asc(sql`5`)),
  };
}

async function expectRollupsMatch(ctx: Ctx): Promise<void> {
  for (const regionCode of REGIONS) {
    for (const groupBy of GROUP_BYS.filter((g) => g !== "agency")) {
      for (const f of FILTERS) {
        const input: ListIndicatorSumsInput = { indicatorKeys: KEYS, groupBy, regionCode, ...f };
        expect(await listIndicatorSums({ ctx, input }), JSON.stringify({ groupBy, regionCode, f })).toEqual(await listIndicatorSumsFromFigures({ ctx, input }));
      }
    }
    for (const year of [YEARS[0]! - 1, ...YEARS, YEARS.at(-1)! + 1]) {
      expect(await getCoverage({ ctx, input: { year, regionCode } })).toEqual(await getCoverageFromFigures({ ctx, input: { year, regionCode } }));
      expect(await listTopicShares({ ctx, input: { year, regionCode } })).toEqual(await listTopicSharesFromFigures({ ctx, input: { year, regionCode } }));
    }
  }
  const agencyIds = await ctx.db.selectDistinct({ id: reportFigures.agencyId }).from(reportFigures);
  let placed = 0;
  for (const { id } of agencyIds) {
    for (const indicatorKey of ["refusal_rate", "new_received", "service_ratio", "fee_income"]) {
      for (const year of [undefined, YEARS[1]]) {
        const input = { agencyId: id, indicatorKey, ...(year ? { year } : {}) };
        const direct = await getPeerComparisonFromFigures({ ctx, input });
        expect(await getPeerComparison({ ctx, input }), JSON.stringify(input)).toEqual(direct);
        if (direct?.position?.value !== null && direct?.position?.value !== undefined) placed += 1;
        // Other values placed (a draft's): below all, on each stored order statistic (ties), between, above all, none.
        const pos = direct?.position;
        const probes = pos && year && indicatorKey === "refusal_rate" ? [-1, pos.min, pos.p25, pos.median, pos.max, pos.max === null ? null : pos.max + 0.5, 1e9, null] : [];
        for (const value of new Set(probes)) {
          const at = { ...input, value };
          expect(await getPeerComparison({ ctx, input: at }), JSON.stringify(at)).toEqual(await getPeerComparisonFromFigures({ ctx, input: at }));
        }
      }
    }
  }
  // The agency's own value is placed (and left out of its peers) in most of these.
  expect(placed).toBeGreaterThan(0);
  // What the write paths maintained incrementally is what a rebuild from scratch gives.
  const incremental = await snapshot(ctx.db);
  await refreshDashboardRollups({ ctx, input: { mode: "all" } });
  expect(await snapshot(ctx.db)).toEqual(incremental);
}

describeEachDb("dashboard rollups", (getDb) => {
  let ctx: Ctx;
  const [Y1, Y2, Y3] = YEARS as [number, number, number];
  const names = {
    gov: `盘州市卷测试${Math.random().toString(36).slice(2, 6)}办`,
    dept: `盘州市卷测试${Math.random().toString(36).slice(2, 6)}局`,
  };

  beforeAll(() => {
    ctx = systemCtx("rollups test", getDb());
  });

  it("pass a thousand (year, region) keys to SQL intact (one parameter per value made PGlite match none)", async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => ({ year: 2000 + (i % 25), regionCode: String(520000 + i) }));
    const rows = await getDb().execute(sql`select count(*)::int n, count(distinct (year, region_code))::int d, sum(year)::int y from (${keyRows(keys)}) k`);
    const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { n: number; d: number; y: number }[];
    expect(row).toEqual({ n: 1000, d: 1000, y: keys.reduce((a, k) => a + k.year, 0) });
    expect(() => keyRows([{ year: 2024, regionCode: "52'00" }])).toThrow(/out of shape/);
  });

  it("match the direct sums after ingests and directly written reports of every scope and format", async () => {
    const db = getDb();
    await ingest(ctx, names.gov, Y1, 0);
    await ingest(ctx, names.gov, Y2, 3);
    await ingest(ctx, names.dept, Y2, 7, {
      // A needed cell missing: this report drops out of the outcome rates, not of the volume.
      edit: (a) => (a.parsed.cells["t3.handled_total.total"] = { value: null, nullReason: "absent", source: null }),
    });
    const dept = await createTestAgency(db, { kind: "department", level: "county", deptType: "自然资源", regionCode: "520201" });
    const city = await createTestAgency(db, { level: "prefecture", regionCode: "520200" });
    const nanming = await createTestAgency(db, { kind: "department", level: "county", deptType: "自然资源", regionCode: "520102" });
    const cells = (n: number) => ({ "t3.new_received.total": n, "t3.handled_total.total": n, "t3.denied_total.total": Math.floor(n / 3), "t2.admin_fee.amount_10k_cny": `${n}.1234` });
    await createTestReport(db, { agencyId: dept.id, year: Y2, regionCode: "520201", cells: cells(11) });
    await createTestReport(db, { agencyId: dept.id, year: Y1, regionCode: "520201", report: { formatVersion: "2019" }, cells: { "t3.new_received.total": 5, "t2v19.admin_license.decisions": 4 } });
    await createTestReport(db, { agencyId: city.id, year: Y2, regionCode: "520200", report: { scope: "region_aggregate" }, cells: cells(999) });
    await createTestReport(db, { agencyId: city.id, year: Y3, regionCode: "520200", report: { scope: "unknown", formatVersion: null }, cells: cells(5) });
    await createTestReport(db, { agencyId: nanming.id, year: Y3, regionCode: "520102", cells: cells(30), report: { publishedOn: `${Y3 + 1}-05-01` } });
    const unplaced = await createTestAgency(db, { regionCode: null, reviewStatus: "pending_review" });
    await createTestReport(db, { agencyId: unplaced.id, year: Y2, regionCode: null, cells: cells(40) });
    await expectRollupsMatch(ctx);
  });

  it("match after a new version replaces the current one", async () => {
    await ingest(ctx, names.gov, Y2, 20);
    await expectRollupsMatch(ctx);
  });

  let submittedId = "";
  it("match after a submission arrives (it changes nothing yet)", async () => {
    submittedId = (await ingest(ctx, names.dept, Y2, 40, { status: "submitted" })).reportId;
    await expectRollupsMatch(ctx);
  });

  it("match after the submission is accepted", async () => {
    await acceptReport({ ctx, input: { reportId: submittedId } });
    await expectRollupsMatch(ctx);
  });

  it("match after a figure is corrected by hand (a new version)", async () => {
    const [current] = await getDb()
      .select({ id: reports.id, version: reports.version, natural: figureColumn("t3.new_received.natural_person") })
      .from(reports)
      .innerJoin(reportFigures, eq(reportFigures.reportId, reports.id))
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(and(eq(agencies.name, names.dept), eq(reports.year, Y2), eq(reports.isCurrent, true)));
    // More applications: the department's new_received (a derived total) moves within its peer distribution.
    const saved = await correctReport({ ctx, input: { reportId: current!.id, expectedVersion: current!.version, cells: { "t3.new_received.natural_person": String(Number(current!.natural ?? 0) + 5) }, reason: "原件自然人申请数有误" } });
    expect(saved, JSON.stringify(saved)).toMatchObject({ status: "saved", published: true });
    await expectRollupsMatch(ctx);
  });

  it("match after a cross-year finding changes the later year's errors", async () => {
    // A new Y1 version with other carried-forward figures changes S-X-* findings on Y2.
    await ingest(ctx, names.gov, Y1, 50, {
      edit: (a) => {
        for (const cell of Object.values(a.parsed.cells)) if (typeof cell.value === "number") cell.value += 100;
      },
    });
    await expectRollupsMatch(ctx);
  });

  it("leave no trace of a failed ingest", async () => {
    const db = getDb();
    const before = await snapshot(db);
    const bytes = new TextEncoder().encode(SAMPLE + "x".repeat(++seq));
    const analyzed = await analyzeDocument(bytes, "broken.txt", { agencyName: names.gov, year: Y3 });
    analyzed.parsed.cells["t3.new_received.natural_person"] = { value: 33.5, nullReason: null, source: null };
    await expect(ingestReport({ ctx, input: { bytes, fileName: "broken.txt", analyzed } })).rejects.toThrow(/whole numbers/);
    expect(await snapshot(db)).toEqual(before);
  });

  it("are rebuilt at the end of a bulk load (deferred), and only then", async () => {
    const db = getDb();
    const bulk = `盘州市卷测试${Math.random().toString(36).slice(2, 6)}委`;
    const a = await ingest(ctx, bulk, Y2, 9, { defer: true });
    await ingest(ctx, bulk, Y3, 2, { defer: true });
    expect((await db.select().from(dashboardRollupsDirty)).map((d) => d.year).sort()).toEqual([Y2, Y3]);
    await refreshCrossYear({ ctx, input: { agencyIds: [a.agencyId] } });
    expect(await db.select().from(dashboardRollupsDirty)).toEqual([]);
    await expectRollupsMatch(ctx);
  });

  it("rebuild when stale: no state yet for existing reports, or pairs a crashed bulk load left dirty", async () => {
    const db = getDb();
    await db.execute(sql`delete from dashboard_rollup_state where true`);
    await db.execute(sql`delete from dashboard_groups where true`);
    expect(await refreshDashboardRollups({ ctx })).toEqual({ rebuilt: "all" });
    await expectRollupsMatch(ctx);
    const bulk = `盘州市卷测试${Math.random().toString(36).slice(2, 6)}站`;
    await ingest(ctx, bulk, Y1, 1, { defer: true });
    expect(await refreshDashboardRollups({ ctx })).toEqual({ rebuilt: "dirty", pairs: 1 });
    await expectRollupsMatch(ctx);
  });

  it("are emptied with the reports", async () => {
    await clearReports({ ctx });
    const s = await snapshot(getDb());
    expect(s).toEqual({ groups: [], coverage: [], topics: [], peers: [], peerGroups: [], peerDists: [] });
    expect(await listIndicatorSums({ ctx, input: { indicatorKeys: KEYS, groupBy: "year" } })).toEqual([]);
  });
});
