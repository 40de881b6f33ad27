/**
 * The dashboard chart descriptors (what the page draws and /api/export renders): the records
 * behind each chart are the numbers of its data table, titles follow the language, and the
 * export option keeps the page's plot with a title, the formula and a footer.
 */
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { getRegionMapShapes } from "@/app/_lib/guizhou-geo";
import type { IndicatorSumsRow } from "@/db/queries/dashboard/list-indicator-sums";
import { chartTable, type IndicatorSums } from "@/lib/charts";
import { buildDashboardExportOption, dashboardChartSize } from "@/lib/charts/dashboard-export";
import { renderChartSvg } from "@/lib/export/render-svg";
import ExcelJS from "exceljs";
import { dashboardCsv, dashboardXlsx } from "@/lib/export/dashboard";
import type { CorrectedReport } from "@/lib/charts/hand-corrected";
import { regionDashboardCharts, type RegionDashboardLoaded } from "./region-dashboard-charts";

const sums = (numerator: number, denominator: number | null): IndicatorSums => ({ numerator, denominator, byFormat: { "2019": 0, "2021": 2 } });

/** Sums for every indicator the charts read (same numbers for each: enough to compare tables). */
function row(key: string, n: number, d: number): IndicatorSumsRow {
  const keys = ["refusal_rate", "new_received", "substantive_disclosure_rate", "review_per_100", "granted_rate", "partial_rate", "unable_rate", "not_processed_rate", "other_rate"];
  const applicant = ["natural_person", "commercial", "research", "social_org", "legal_service", "other"].map((c) => `applicant_share.${c}`);
  return {
    key,
    reports: 2,
    regionAggregate: 0,
    unknownScope: 0,
    sums: Object.fromEntries([...keys, ...applicant].map((k) => [k, k === "new_received" ? sums(n * 10, null) : sums(n, d)])),
  };
}

/** 2024: 40 reports read, 10 mention land requisition, 4 state its count (12 of their 30 new applications). */
function withTopics(r: IndicatorSumsRow): IndicatorSumsRow {
  const y = (n: number | null, d: number | null, reports: number): IndicatorSums => ({ numerator: n, denominator: d, byFormat: { "2019": 0, "2021": reports } });
  return {
    ...r,
    sums: {
      ...r.sums,
      "topic_mention.land_requisition": y(10, 40, 40),
      "topic_mention.planning": y(3, 40, 40),
      "topic_mention.education": y(0, 40, 40),
      "topic_count.land_requisition": y(12, null, 4),
      "topic_count_share.land_requisition": y(12, 30, 4),
      topic_counts_stated: y(5, 40, 40),
    },
  };
}

const coverage = { year: 2024, expected: 2, received: 2, onTime: 2, late: 0, unknownDate: 0, withErrors: 0, partlyRead: 0, regionAggregate: 0, byChild: [] };
const DATA: RegionDashboardLoaded = {
  map: null,
  corrected: [],
  correctedUnfiltered: [],
  byYear: [row("2022", 3, 40), row("2023", 4, 50), withTopics(row("2024", 6, 60))],
  byChild: [row("520201", 2, 20), row("520281", 7, 35)],
  coverage,
  coveragePrev: { ...coverage, year: 2023 },
  topics: { reports: 2, applications: 100, topics: [{ topic: "land_requisition", reports: 1, applications: 60 }] },
  destinations: [
    { year: 2023, kind: "government", deptType: null, applications: 30, reports: 3 },
    { year: 2024, kind: "government", deptType: null, applications: 40, reports: 4 },
    { year: 2024, kind: "department", deptType: "自然资源", applications: 50, reports: 4 },
    { year: 2024, kind: "township", deptType: null, applications: 10, reports: 5 },
  ],
  childNames: new Map([
    ["520201", { code: "520201", name: "钟山区", shortName: "钟山区", level: "county" as const }],
    ["520281", { code: "520281", name: "盘州市", shortName: "盘州市", level: "county" as const }],
  ]),
};
const REGION = { code: "520200", name: "六盘水市", shortName: "六盘水", level: "prefecture" as const };

describe("the map descriptor", () => {
  const shapes = getRegionMapShapes("520200", "prefecture")!;
  const data: RegionDashboardLoaded = { ...DATA, map: { view: "prefecture", shapes, rows: DATA.byChild, corrected: [] } };
  const charts = regionDashboardCharts(data, { lang: "zh", region: REGION, year: 2024, params: { indicator: "refusal_rate" } });
  const map = charts.find((c) => c.id === "map")!;

  it("sits between the application mix and the outcomes, one shape per county of 六盘水市", () => {
    expect(charts.map((c) => c.section)).toEqual(["trends", "trends", "trends", "trends", "mix", "mix", "mix", "mix", "map", "outcomes", "outcomes"]);
    expect(map.spec.type).toBe("map");
    expect(map.rows.map((r) => r.code).sort()).toEqual(shapes.geo.features.map((f) => f.properties.code).sort());
  });

  it("records carry each county's sums and the data table's numbers; counties without reports have none", () => {
    expect(map.rows.find((r) => r.code === "520281")).toMatchObject({ name: "盘州市", year: 2024, numerator: 7, denominator: 35, value: 0.2, reports: 2 });
    expect(map.rows.find((r) => r.code === "520203")).toMatchObject({ value: null, reports: 0, shown: "—" });
    const table = chartTable(map.spec);
    expect(table.rows.map((cells) => cells[1]!.text).sort()).toEqual(map.rows.map((r) => r.code).sort());
  });

  it("exports as an SVG with the shapes and the title", () => {
    const frame = { exportedOn: "2026-11-29", fontMissing: false };
    const svg = renderChartSvg(buildDashboardExportOption(map, frame), dashboardChartSize(map, frame), [{ name: (map.spec as { input: { mapName: string } }).input.mapName, geo: shapes.geo }]);
    expect(svg).toContain("六盘水市 · 不予公开率");
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(shapes.geo.features.length);
  });
});

describe("the map descriptor in English", () => {
  const shapes = getRegionMapShapes("520200", "prefecture")!;
  const data: RegionDashboardLoaded = { ...DATA, map: { view: "prefecture", shapes, rows: DATA.byChild, corrected: [] } };
  const charts = regionDashboardCharts(data, { lang: "en", region: REGION, year: 2024, params: { indicator: "refusal_rate" } });
  const map = charts.find((c) => c.id === "map")!;

  it("names the region and its counties in pinyin: title, records, shape labels", () => {
    expect(map.title.startsWith("Liupanshui City · ")).toBe(true);
    expect(map.rows.find((r) => r.code === "520281")?.name).toBe("Panzhou City");
    expect(map.rows.find((r) => r.code === "520203")?.name).toBe("Liuzhi Special District");
    const items = (map.spec as { input: { items: { code: string; shortName?: string }[] } }).input.items;
    expect(items.find((i) => i.code === "520281")?.shortName).toBe("Panzhou");
  });

  it("names the region's trend series and ranked children in English", () => {
    expect(charts.find((c) => c.id === "trend-refusal_rate")!.rows[0]?.name).toBe("Liupanshui City");
    expect(charts.find((c) => c.id === "ranking")!.rows.map((r) => r.name)).toEqual(["Panzhou City", "Zhongshan District"]);
  });
});

describe("regionDashboardCharts", () => {
  const zh = regionDashboardCharts(DATA, { lang: "zh", region: REGION, year: 2024, params: { indicator: "refusal_rate" } });
  const en = regionDashboardCharts(DATA, { lang: "en", region: REGION, year: 2024, params: { indicator: "refusal_rate" } });

  it("lists the page's charts with stable ids, the same in both languages", () => {
    expect(zh.map((c) => c.id)).toEqual(["trend-refusal_rate", "trend-new_received", "trend-substantive_disclosure_rate", "trend-review_per_100", "topics", "topic-counts", "destinations", "applicants", "outcomes", "ranking"]);
    expect(en.map((c) => c.id)).toEqual(zh.map((c) => c.id));
    expect(zh.find((c) => c.id === "trend-refusal_rate")!.title).toBe("不予公开率");
    expect(en.find((c) => c.id === "trend-refusal_rate")!.title).toBe("Refusal share");
    expect(zh.find((c) => c.id === "ranking")!.title).toBe("地区排名：不予公开率");
    expect(en.find((c) => c.id === "ranking")!.title).toMatch(/^Regions ranked/);
  });

  it("the application mix: mentions as a share of reports, counts only where stated, and where applications go", () => {
    const mentions = zh.find((c) => c.id === "topics")!;
    expect(mentions.title).toBe("申请内容：提及各主题的年报占比");
    // Topics no report mentions are left out; the share is of reports (10 of 40), not of applications.
    expect(mentions.rows.map((r) => [r.indicatorKey, r.numerator, r.denominator, r.shown])).toEqual([
      ["topic_mention.land_requisition", 10, 40, "25.0%"],
      ["topic_mention.planning", 3, 40, "7.5%"],
    ]);
    const counts = zh.find((c) => c.id === "topic-counts")!;
    expect(counts.rows).toEqual([expect.objectContaining({ indicatorKey: "topic_count.land_requisition", value: 12, numerator: 12, denominator: 30, reports: 4 })]);
    expect(counts.rows[0]!.name).toBe("土地征收（4份年报）");
    expect(counts.notes).toContain("5 份年报写明了分主题件数（共 40 份年报）。");
    expect(en.find((c) => c.id === "topic-counts")!.notes).toContain("5 of 40 reports state a count per topic.");
    const dest = en.find((c) => c.id === "destinations")!;
    const d2024 = dest.rows.filter((r) => r.year === 2024).map((r) => [r.code, r.numerator, r.denominator, r.shown]);
    expect(d2024).toEqual([
      ["dept:自然资源", 50, 100, "50.0%"],
      ["government", 40, 100, "40.0%"],
      ["township", 10, 100, "10.0%"],
    ]);
    expect(dest.rows.find((r) => r.year === 2023 && r.code === "government")).toMatchObject({ numerator: 30, denominator: 30, value: 1 });
    expect(dest.rows.map((r) => r.name)).toContain("Natural resources departments");
  });

  it("trend records carry the data table's numbers, with the region's name and code", () => {
    const trend = zh.find((c) => c.id === "trend-refusal_rate")!;
    const table = chartTable(trend.spec);
    expect(trend.rows.map((r) => [String(r.year), r.shown, String(r.numerator), String(r.denominator), String(r.reports)])).toEqual(table.rows.map((cells) => cells.map((c) => c.text)));
    expect(trend.rows[2]).toMatchObject({ name: "六盘水市", code: "520200", year: 2024, indicatorKey: "refusal_rate", numerator: 6, denominator: 60, value: 0.1, reports: 2 });
  });

  it("ranking records are in the ranked order of the table, with child region codes", () => {
    const ranking = zh.find((c) => c.id === "ranking")!;
    const table = chartTable(ranking.spec);
    expect(ranking.rows.map((r) => [r.name, r.shown])).toEqual(table.rows.map((cells) => [cells[1]!.text, cells[2]!.text]));
    expect(ranking.rows.map((r) => r.code)).toEqual(["520281", "520201"]);
    expect(ranking.rows[0]).toMatchObject({ numerator: 7, denominator: 35, value: 0.2, year: 2024 });
  });

  it("outcome and applicant records keep numerators and denominators", () => {
    const outcomes = zh.find((c) => c.id === "outcomes")!;
    expect(outcomes.rows.filter((r) => r.code === "520281" && r.indicatorKey === "refusal_rate")).toEqual([expect.objectContaining({ numerator: 7, denominator: 35, value: 0.2, name: "盘州市" })]);
    const applicants = zh.find((c) => c.id === "applicants")!;
    expect(applicants.rows[0]).toMatchObject({ indicatorKey: "applicant_share.natural_person", numerator: 6, denominator: 60, year: 2024 });
  });

  it("renders the export with the page's plot, a Chinese title, the formula and the footer", () => {
    const chart = zh.find((c) => c.id === "ranking")!;
    const frame = { exportedOn: "2026-11-30" };
    const option = buildDashboardExportOption(chart, frame);
    expect((option.grid as { outerBoundsMode?: string }).outerBoundsMode).toBe("same");
    const svg = renderChartSvg(option, dashboardChartSize(chart, frame));
    expect(svg).toMatch(/<text[^>]*>地区排名：不予公开率<\/text>/);
    expect(svg).toContain("计算公式：");
    expect(svg).toContain("导出日期：2026-11-30");
    expect(svg).toContain("font-family:'Noto Sans CJK SC'");
    // Well-formed: the font stack did not end a style attribute early (resvg rejects broken XML).
    expect(() => new Resvg(svg)).not.toThrow();
    expect(svg).not.toContain('"Noto');
    expect(svg).toContain("盘州市");
  });

  it("CSV: BOM, one row per plotted figure, a chart column for several charts", () => {
    const trend = en.find((c) => c.id === "trend-refusal_rate")!;
    const one = dashboardCsv([trend], "en");
    expect(one.startsWith("\uFEFFSeries,Name (region/agency/category),Code,Year,Indicator,Indicator key,Numerator,Denominator,Value,As shown,Reports,Small sample,Corrected by hand\r\n")).toBe(true);
    expect(one.trimEnd().split("\r\n")).toHaveLength(1 + 3);
    const all = dashboardCsv(zh, "zh");
    expect(all.split("\r\n")[0]!.startsWith("\uFEFF图表,系列,")).toBe(true);
    expect(all.trimEnd().split("\r\n")).toHaveLength(1 + zh.reduce((n, c) => n + c.rows.length, 0));
  });

  it("XLSX pack: one sheet per chart with the records as numbers, and a README", async () => {
    const bytes = await dashboardXlsx({ charts: zh, lang: "zh", link: "http://x/regions/520200", exportedAt: "2026-11-30T00:00:00Z" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...zh.map((c) => c.title.replace(/[\\/?*[\]:]/g, "·").slice(0, 31)), "说明"]);
    const ws = wb.getWorksheet("不予公开率")!;
    expect(ws.getRow(4).values).toEqual([undefined, "六盘水市", "六盘水市", "520200", 2024, "不予公开率", "refusal_rate", 6, 60, 0.1, "10.0%", 2, "否", "否"]);
    expect(ws.getRow(4).getCell(9).numFmt).toBe("0.0%");
  });
});

describe("figures corrected by hand", () => {
  // 盘州市's 2024 report (leaf region 520281) had its 不予公开 total corrected by hand.
  const fixed: CorrectedReport = { reportId: "r1", agencyId: "a1", year: 2024, scope: "self", regionCode: "520281", formatVersion: "2021", cells: ["t3.denied_total.total"] };
  const shapes = getRegionMapShapes("520200", "prefecture")!;
  const data: RegionDashboardLoaded = { ...DATA, corrected: [fixed], correctedUnfiltered: [fixed], map: { view: "prefecture", shapes, rows: DATA.byChild, corrected: [fixed] } };
  const zh = regionDashboardCharts(data, { lang: "zh", region: REGION, year: 2024, params: { indicator: "refusal_rate" } });
  const en = regionDashboardCharts(data, { lang: "en", region: REGION, year: 2024, params: { indicator: "refusal_rate" } });
  const chart = (id: string) => zh.find((c) => c.id === id)!;

  it("marks exactly the values the corrected cell feeds: its year, its county, the indicators that read it", () => {
    expect(chart("trend-refusal_rate").rows.map((r) => [r.year, r.handCorrected])).toEqual([
      [2022, false],
      [2023, false],
      [2024, true],
    ]);
    // 本年新收 does not read 不予公开: not marked.
    expect(chart("trend-new_received").rows.every((r) => !r.handCorrected)).toBe(true);
    expect(chart("ranking").rows.map((r) => [r.code, r.handCorrected])).toEqual([
      ["520281", true],
      ["520201", false],
    ]);
    expect(chart("map").rows.filter((r) => r.handCorrected).map((r) => r.code)).toEqual(["520281"]);
    expect(chart("outcomes").rows.filter((r) => r.handCorrected).map((r) => [r.code, r.indicatorKey])).toEqual([["520281", "refusal_rate"]]);
  });

  it("a report of another year, another scope or a cell no indicator here reads marks nothing", () => {
    const others: CorrectedReport[] = [
      { ...fixed, year: 2021 },
      { ...fixed, scope: "region_aggregate" },
      { ...fixed, cells: ["t3.new_received.natural_person"] },
    ];
    const charts = regionDashboardCharts({ ...data, corrected: others, map: { ...data.map!, corrected: others } }, { lang: "zh", region: REGION, year: 2024, params: { indicator: "refusal_rate" } });
    for (const id of ["trend-refusal_rate", "ranking", "map", "outcomes"]) expect(charts.find((c) => c.id === id)!.rows.some((r) => r.handCorrected)).toBe(false);
  });

  it("the data table shows ✎ with its title, and the chart has the legend line", () => {
    const ranking = chart("ranking");
    const table = chartTable(ranking.spec);
    expect(table.rows[0]![2]).toMatchObject({ corrected: "含手工更正数字" });
    expect(table.rows[1]![2]!.corrected).toBeUndefined();
    expect(ranking.notes.some((n) => n.startsWith("✎ 含手工更正数字"))).toBe(true);
    expect(chart("trend-new_received").notes.some((n) => n.includes("✎"))).toBe(false);
    expect(en.find((c) => c.id === "ranking")!.notes.some((n) => n.startsWith("✎ Corrected by hand"))).toBe(true);
  });

  it("CSV and XLSX say 是/Yes in the 含手工更正数字 column for exactly the marked rows", async () => {
    const csv = dashboardCsv([chart("ranking")], "zh").trimEnd().split("\r\n");
    const header = csv[0]!.replace("\uFEFF", "").split(",");
    const col = header.indexOf("含手工更正数字");
    expect(col).toBe(header.length - 1);
    expect(csv.slice(1).map((l) => [l.split(",")[2], l.split(",")[col]])).toEqual([
      ["520281", "是"],
      ["520201", "否"],
    ]);
    expect(dashboardCsv([en.find((c) => c.id === "ranking")!], "en").split("\r\n")[1]!.endsWith(",yes")).toBe(true);
    const bytes = await dashboardXlsx({ charts: [chart("ranking")], lang: "zh", link: "http://x/regions/520200", exportedAt: "2026-11-30T00:00:00Z" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const last = (ws.getRow(1).values as unknown[]).length - 1;
    expect(ws.getRow(1).getCell(last).value).toBe("含手工更正数字");
    expect([ws.getRow(2).getCell(last).value, ws.getRow(3).getCell(last).value]).toEqual(["是", "否"]);
  });

  it("destinations: every share of the year whose 本年新收 was corrected", () => {
    const withNew: CorrectedReport = { ...fixed, cells: ["t3.new_received.total"] };
    const charts = regionDashboardCharts({ ...data, corrected: [withNew], correctedUnfiltered: [withNew] }, { lang: "zh", region: REGION, year: 2024, params: { indicator: "refusal_rate" } });
    const dest = charts.find((c) => c.id === "destinations")!;
    expect(dest.rows.filter((r) => r.year === 2024 && r.value !== null).every((r) => r.handCorrected)).toBe(true);
    expect(dest.rows.filter((r) => r.year === 2023).some((r) => r.handCorrected)).toBe(false);
  });
});
