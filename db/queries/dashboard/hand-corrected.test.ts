/**
 * Figures corrected by hand, as the dashboards and their exports mark them: the list of corrected
 * current reports (listHandCorrected), and the region and agency charts built from it — a value
 * computed from a corrected cell carries the mark in its records (the CSV/XLSX 含手工更正数字
 * column) and its data table (✎); values that do not read the cell, other regions, and drafts do
 * not. On a real database, through the real correction mutation.
 */
import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { agencyCharts, loadAgencyData } from "../../../app/_components/charts/agency-charts";
import { loadRegionDashboard, regionDashboardCharts } from "../../../app/_components/charts/region-dashboard-charts";
import { chartTable } from "../../../lib/charts/table";
import { dashboardCsv } from "../../../lib/export/dashboard";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import { correctReport } from "../../mutations/report/correct-report";
import { ingestReport } from "../../mutations/report/ingest-report";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestUser } from "../../test/factories";
import { getRegion } from "./get-region";
import { listHandCorrected } from "./list-hand-corrected";

// The real 盘州 2024 report: 上年结转 总计 reads 0 where the row says 4.
const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const CARRIED = "t3.carried_over.total";

describeEachDb("figures corrected by hand on the dashboards", (getDb) => {
  let system: Ctx;
  let oversight: Ctx;
  let guiyang: Ctx;
  let panzhou: Ctx;
  let otherAgency: Ctx;
  let admin: Ctx;
  let agencyId: string;
  let fixedId: string;
  let n = 0;

  const publish = async (year: number) => {
    const bytes = new TextEncoder().encode(SAMPLE.replaceAll("2024", String(year)) + " ".repeat(++n));
    const result = await ingestReport({ ctx: system, input: { bytes, fileName: `panzhou-${year}.txt`, analyzed: await analyzeDocument(bytes, "r.txt"), status: "published" } });
    if (result.status !== "created") throw new Error(JSON.stringify(result));
    return result.reportId;
  };

  beforeAll(async () => {
    const db = getDb();
    system = systemCtx("test", db);
    const a = await createTestAgency(db, { name: "盘州市人民政府", nameNorm: "盘州市人民政府", regionCode: "520281" });
    agencyId = a.id;
    const other = await createTestAgency(db, { regionCode: "520102" });
    oversight = ctxFor(db, await createTestUser(db, { role: "oversight", regionCode: "520000", name: "省公开办 李四" }));
    guiyang = ctxFor(db, await createTestUser(db, { role: "oversight", regionCode: "520100" }));
    panzhou = ctxFor(db, await createTestUser(db, { role: "agency", agencyId: a.id }));
    otherAgency = ctxFor(db, await createTestUser(db, { role: "agency", agencyId: other.id }));
    admin = ctxFor(db, await createTestUser(db, { role: "admin" }));

    const v2023 = await publish(2023);
    const v2024 = await publish(2024);
    expect(await listHandCorrected({ ctx: admin, input: {} })).toEqual([]);
    const saved = await correctReport({ ctx: oversight, input: { reportId: v2024, expectedVersion: 1, cells: { [CARRIED]: "4" }, reason: "原件第二行合计为 4" } });
    if (saved.status !== "saved") throw new Error(JSON.stringify(saved));
    fixedId = saved.reportId;
    // The agency's own correction of 2023 is a draft: not current, so never marked on a dashboard.
    const draft = await correctReport({ ctx: panzhou, input: { reportId: v2023, expectedVersion: 1, cells: { [CARRIED]: "4" }, reason: "填报时漏填" } });
    expect(draft).toMatchObject({ status: "saved", published: false });
  });

  it("lists the current corrected report and its cells for every signed-in role (published data), and nothing for a signed-out caller", async () => {
    for (const ctx of [admin, oversight, guiyang, panzhou, otherAgency]) {
      const rows = await listHandCorrected({ ctx, input: {} });
      expect(rows).toEqual([{ reportId: fixedId, agencyId, year: 2024, scope: "self", regionCode: "520281", formatVersion: "2021", cells: [CARRIED] }]);
    }
    await expect(listHandCorrected({ ctx: { db: getDb(), viewer: null } as unknown as Ctx, input: {} })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("filters by region subtree, agency attributes and agency", async () => {
    expect(await listHandCorrected({ ctx: oversight, input: { regionCode: "520200" } })).toHaveLength(1);
    expect(await listHandCorrected({ ctx: oversight, input: { regionCode: "520100" } })).toEqual([]);
    expect(await listHandCorrected({ ctx: oversight, input: { level: "county" } })).toHaveLength(1);
    expect(await listHandCorrected({ ctx: oversight, input: { level: "province" } })).toEqual([]);
    expect(await listHandCorrected({ ctx: oversight, input: { agencyId } })).toHaveLength(1);
    expect(await listHandCorrected({ ctx: oversight, input: { agencyId: "00000000-0000-4000-8000-000000000000" } })).toEqual([]);
    expect(await listHandCorrected({ ctx: oversight, input: { agencyId, regionCode: "520100" } })).toEqual([]);
  });

  it("the region dashboard (六盘水市) marks the 2024 workload and 盘州's row, not 本年新收; its CSV says 是", async () => {
    const region = (await getRegion({ ctx: otherAgency, input: { code: "520200" } }))!;
    const params = { indicator: "workload" };
    const data = await loadRegionDashboard(otherAgency, { region, year: 2024, params });
    const charts = regionDashboardCharts(data, { lang: "zh", region, year: 2024, params });
    const trend = charts.find((c) => c.id === "trend-workload")!;
    expect(trend.rows.map((r) => [r.year, r.handCorrected])).toEqual([
      [2023, false],
      [2024, true],
    ]);
    expect(trend.notes.some((x) => x.startsWith("✎ 含手工更正数字"))).toBe(true);
    expect(chartTable(trend.spec).rows.map((cells) => cells[1]!.corrected ?? null)).toEqual([null, "含手工更正数字"]);
    expect(charts.find((c) => c.id === "trend-new_received")!.rows.some((r) => r.handCorrected)).toBe(false);
    const ranking = charts.find((c) => c.id === "ranking")!;
    expect(ranking.rows.filter((r) => r.handCorrected).map((r) => r.code)).toEqual(["520281"]);
    const csv = dashboardCsv([ranking], "zh").trimEnd().split("\r\n");
    const header = csv[0]!.replace("\uFEFF", "").split(",");
    const col = header.indexOf("含手工更正数字");
    expect(col).toBeGreaterThan(0);
    expect(csv.slice(1).map((l) => l.split(",")[col])).toEqual(["是"]);

    // 贵阳市 has no corrected report: nothing marked there.
    const gy = (await getRegion({ ctx: guiyang, input: { code: "520100" } }))!;
    const gyCharts = regionDashboardCharts(await loadRegionDashboard(guiyang, { region: gy, year: 2024, params }), { lang: "zh", region: gy, year: 2024, params });
    expect(gyCharts.some((c) => c.rows.some((r) => r.handCorrected))).toBe(false);
  });

  it("the agency page marks the corrected year's values that read the cell, and its export column", async () => {
    const data = (await loadAgencyData(otherAgency, { agencyId, indicator: "workload" }))!;
    const charts = agencyCharts(data, { lang: "en", indicator: "workload" });
    const trend = charts.find((c) => c.id === "trend-workload")!;
    expect(trend.rows.map((r) => [r.year, r.handCorrected])).toEqual([
      [2023, false],
      [2024, true],
    ]);
    expect(charts.find((c) => c.id === "trend-refusal_rate")!.rows.some((r) => r.handCorrected)).toBe(false);
    const csv = dashboardCsv([trend], "en").trimEnd().split("\r\n");
    expect(csv[0]!.endsWith(",Corrected by hand")).toBe(true);
    expect(csv.slice(1).map((l) => l.split(",").at(-1))).toEqual(["no", "yes"]);
  });
});
