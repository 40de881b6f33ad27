import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildCompareOption, compareChartSize, compareChartSpec, compareRecords, endLabelled, niceBound, type CompareChartSpec } from "../charts/compare";
import type { CompareView } from "./compare-params";
import { computeComparison, neededCellKeys, type CompareAgency, type CompareReportRow } from "./comparison";
import { compareCsv, UTF8_BOM } from "./csv";
import { renderChartSvg } from "./render-svg";
import { compareXlsx } from "./xlsx";

const AGENCIES: CompareAgency[] = [
  { id: "a-pz", name: "盘州市人民政府", adminCode: "520281", kind: "government", level: "county", deptType: null },
  { id: "a-zs", name: "六盘水市钟山区人民政府", adminCode: "520201", kind: "government", level: "county", deptType: null },
  { id: "a-lz", name: "六枝特区人民政府", adminCode: "520203", kind: "government", level: "county", deptType: null },
];

// denied / handled per agency and year; 钟山 has no 2022 report, 六枝 a zero denominator in 2023.
const FIGURES: Record<string, Record<number, [number, number]>> = {
  "a-pz": { 2021: [3, 60], 2022: [4, 80], 2023: [5, 100] },
  "a-zs": { 2021: [1, 10], 2023: [2, 40] },
  "a-lz": { 2021: [6, 60], 2022: [9, 90], 2023: [0, 0] },
};

// 钟山区 2023's report has an error finding.
const WITH_ERRORS = new Set(["a-zs-2023"]);

function reports(): CompareReportRow[] {
  return Object.entries(FIGURES).flatMap(([agencyId, years]) =>
    Object.entries(years).map(([y, [denied, handled]]) => ({
      agencyId,
      reportId: `${agencyId}-${y}`,
      year: Number(y),
      scope: "self" as const,
      formatVersion: "2021" as const,
      cells: { "t3.denied_total.total": denied, "t3.handled_total.total": handled },
      errorFindings: WITH_ERRORS.has(`${agencyId}-${y}`) ? 1 : 0,
    })),
  );
}

function spec(view: CompareView, indicator = "refusal_rate", excludeFlagged = false, rows: CompareReportRow[] = reports()): CompareChartSpec {
  const c = computeComparison({
    params: { agencies: [], groups: [], years: { from: 2021, to: 2023 }, indicators: [indicator], view, excludeFlagged },
    years: [2021, 2022, 2023],
    agencies: AGENCIES,
    groups: [],
    reports: rows,
  });
  return compareChartSpec(c, indicator, "zh");
}

describe("computeComparison", () => {
  it("computes each agency-year from its own report, with a median over the compared agencies", () => {
    const s = spec("bars");
    const pz = s.series[0]!;
    expect(pz.points.map((p) => [p.numerator, p.denominator, p.value])).toEqual([
      [3, 60, 0.05],
      [4, 80, 0.05],
      [5, 100, 0.05],
    ]);
    const zs = s.series[1]!;
    expect(zs.points[1]).toMatchObject({ value: null, reason: "no_report", reportId: null });
    expect(zs.points[0]).toMatchObject({ value: 0.1, smallSample: true });
    const lz = s.series[2]!;
    expect(lz.points[2]).toMatchObject({ value: null, reason: "zero_denominator", numerator: 0, denominator: 0 });
    // 2021: 0.05, 0.1, 0.1 → 0.1; 2022: 0.05, 0.1 (钟山 has no report) → 0.075; 2023: 0.05, 0.05 (六枝 has no value)
    expect(s.medians[0]).toBe(0.1);
    expect(s.medians[1]).toBeCloseTo(0.075, 12);
    expect(s.medians[2]).toBe(0.05);
  });

  it("reads only the cells its indicators need", () => {
    expect(neededCellKeys(["refusal_rate"])).toEqual(["t3.denied_total.total", "t3.handled_total.total"]);
  });
});

describe("option builders", () => {
  it("grouped bars: one series per year whose data equal the input, in percent; Chinese title and formula", () => {
    const s = spec("bars");
    const o = buildCompareOption(s);
    const series = o.series as { name: string; data: { value: number | null }[] }[];
    expect(series.map((x) => x.name)).toEqual(["2021", "2022", "2023"]);
    expect(series[0]!.data.map((d) => d.value)).toEqual([5, 10, 10]);
    expect(series[1]!.data.map((d) => d.value)).toEqual([5, null, 10]);
    const title = (o.title as { text: string; subtext?: string }[])[0]!;
    expect(title.text).toBe("不予公开率对比（2021–2023年）");
    // On the page the formula is HTML text under the heading: the chart does not repeat it.
    expect(title.subtext).toBe("");
    const exported = (buildCompareOption(s, { exportedOn: "2025-03-01" }).title as { subtext?: string }[])[0]!;
    expect(exported.subtext).toContain("不予公开率 = 不予公开（8类合计）÷ 本年办理结果总计");
    expect((o.yAxis as { data: string[] }).data).toEqual(AGENCIES.map((a) => a.name));
  });

  it("trend lines: one series per agency over the years", () => {
    const o = buildCompareOption(spec("lines"));
    const series = o.series as { name: string; data: { value: number | null }[] }[];
    expect(series.map((x) => x.name)).toEqual(AGENCIES.map((a) => a.name));
    expect(series[2]!.data.map((d) => d.value)).toEqual([10, 10, null]);
  });

  it("small multiples: a panel (grid, axes, title) per agency on one shared scale", () => {
    const o = buildCompareOption(spec("multiples"));
    expect((o.grid as unknown[]).length).toBe(3);
    const y = o.yAxis as { max: number }[];
    expect(new Set(y.map((a) => a.max)).size).toBe(1);
    const titles = (o.title as { text: string }[]).map((t) => t.text);
    for (const a of AGENCIES) expect(titles).toContain(a.name);
  });

  it("multiples use round axis steps", () => {
    expect([niceBound(18.1818), niceBound(0.37), niceBound(0), niceBound(100), niceBound(7)]).toEqual([20, 0.5, 0, 100, 10]);
  });

  it("ranking: the last year, highest first, with the median as a markLine", () => {
    const s = spec("ranking");
    expect(s.years).toEqual([2023]);
    expect(s.title).toBe("不予公开率排名（2023年）");
    const o = buildCompareOption(s);
    expect((o.yAxis as { data: string[] }).data).toEqual(["盘州市人民政府", "六盘水市钟山区人民政府", "六枝特区人民政府"]);
    const bar = (o.series as { markLine: { data: { xAxis: number }[] } }[])[0]!;
    expect(bar.markLine.data[0]!.xAxis).toBe(5);
  });

  it("ranking: impossible values are flagged and ranked last, never highest; quartiles exclude them", () => {
    // 六枝 2023 reports 9 refused of 6 handled: 150 %, impossible.
    const rows = reports().map((r) => (r.reportId === "a-lz-2023" ? { ...r, cells: { "t3.denied_total.total": 9, "t3.handled_total.total": 6 } } : r));
    const s = spec("ranking", "refusal_rate", false, rows);
    const o = buildCompareOption(s);
    expect((o.yAxis as { data: string[] }).data).toEqual(["盘州市人民政府", "六盘水市钟山区人民政府", "六枝特区人民政府"]);
    const lz = compareRecords(s).find((r) => r.adminCode === "520203")!;
    expect(lz).toMatchObject({ value: 1.5, impossible: true, shown: "150.0%* 不可能的值" });
    expect(s.medians[0]).toBe(0.05);
    expect([s.p25s[0], s.p75s[0]]).toEqual([0.05, 0.05]);
    expect(s.notes.join()).toContain("不可能的值");
    const bar = (o.series as { data: { itemStyle: { color: string; borderColor?: string } }[] }[])[0]!;
    // 钟山 (errors) outlined red; 六枝 (impossible) grey.
    expect(bar.data[1]!.itemStyle.borderColor).toBe("#c0392b");
    expect(bar.data[2]!.itemStyle.color).toBe("#b8bcc2");
  });

  it("flagged=exclude leaves out reports with errors, everywhere including the median", () => {
    const s = spec("ranking", "refusal_rate", true);
    const zs = compareRecords(s).find((r) => r.adminCode === "520201")!;
    expect(zs).toMatchObject({ value: null, reportErrors: true, note: "已排除：年报有错误" });
    expect(s.notes).toContain("已排除有错误年报的数字（1 个）。");
    expect(s.medians[0]).toBe(0.05);
    // Excluded values sit with the missing ones, below every value.
    const o = buildCompareOption(s);
    expect((o.yAxis as { data: string[] }).data).toEqual(["盘州市人民政府", "六盘水市钟山区人民政府", "六枝特区人民政府"]);
    expect(s.series[1]!.points[0]).toMatchObject({ value: null, reason: "excluded_errors" });
  });

  it("the export frame adds source and date in the footer and makes the chart taller", () => {
    const s = spec("bars");
    const framed = buildCompareOption(s, { exportedOn: "2025-03-01" });
    const footer = (framed.title as { text: string }[]).at(-1)!.text;
    expect(footer).toContain("数据来源：公开 Gongkai，各机关政府信息公开工作年度报告");
    expect(footer).toContain("2025-03-01");
    expect(compareChartSize(s, { exportedOn: "2025-03-01" }).height).toBeGreaterThan(compareChartSize(s).height);
    const missing = buildCompareOption(s, { exportedOn: "2025-03-01", fontMissing: true });
    expect((missing.title as { text: string }[]).at(-1)!.text).toContain("CJK font not found — install fonts-noto-cjk");
  });

  it("labels line ends only where they do not collide", () => {
    const s = spec("lines");
    // 盘州 ends at 5%, 钟山 at 5%: one label for both values; 六枝 ends at 10%.
    expect(endLabelled(s).size).toBe(2);
  });
});

describe("SVG", () => {
  it("renders the Chinese title and agency names as <text>, with well-formed attributes", () => {
    const s = spec("bars");
    const frame = { exportedOn: "2025-03-01" };
    const svg = renderChartSvg(buildCompareOption(s, frame), compareChartSize(s, frame));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toMatch(/<text[^>]*>不予公开率对比（2021–2023年）<\/text>/);
    expect(svg).toMatch(/<text[^>]*>盘州市人民政府<\/text>/);
    expect(svg).toContain(`width="960"`);
    // The font stack must not close the style attribute early.
    expect(svg).not.toMatch(/style="[^"]*font-family:"/);
  });
});

describe("CSV", () => {
  it("starts with a BOM and a header, and its rows equal the chart's data", () => {
    const s = spec("bars");
    const csv = compareCsv(compareRecords(s), "zh");
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("机关,行政区划代码,年度,指标,指标代码,分子,分母,数值,显示值,小样本,口径,年报有错误,含手工更正数字,不可能的值,说明");
    expect(lines).toHaveLength(1 + 3 * 3);
    expect(lines[1]).toBe("盘州市人民政府,520281,2021,不予公开率,refusal_rate,3,60,0.05,5.0%,否,本级,否,否,否,");
    expect(lines[5]).toBe("六盘水市钟山区人民政府,520201,2022,不予公开率,refusal_rate,,,,—,否,,否,否,否,无已发布年报");
    // The report with an error finding is marked in its own column and in the label.
    expect(lines[6]).toBe("六盘水市钟山区人民政府,520201,2023,不予公开率,refusal_rate,2,40,0.05,5.0% ⚠,否,本级,是,否,否,");
    const rows = lines.slice(1).map((l) => l.split(","));
    const fromSpec = s.series.flatMap((x) => x.points.map((p) => [p.numerator, p.denominator, p.value]));
    expect(rows.map((r) => [r[5], r[6], r[7]].map((v) => (v === "" ? null : Number(v))))).toEqual(fromSpec);
  });

  it("marks a figure computed from a cell corrected by hand, and only the indicators that read it", () => {
    const rows = reports().map((r) => (r.reportId === "a-pz-2022" ? { ...r, correctedCells: ["t3.denied_total.total"] } : r));
    const lines = compareCsv(compareRecords(spec("bars", "refusal_rate", false, rows)), "zh").slice(1).trimEnd().split("\r\n");
    expect(lines[2]).toBe("盘州市人民政府,520281,2022,不予公开率,refusal_rate,4,80,0.05,5.0%,否,本级,否,是,否,");
    expect(lines.slice(1).filter((l) => l.split(",")[12] === "是")).toHaveLength(1);
    // new_received does not read the corrected cell: not marked.
    const other = compareCsv(compareRecords(spec("bars", "new_received", false, rows)), "zh").slice(1).trimEnd().split("\r\n");
    expect(other.slice(1).filter((l) => l.split(",")[12] === "是")).toEqual([]);
  });

  it("quotes commas and quotes, and defuses formulas", () => {
    const s = spec("bars");
    const records = compareRecords(s).map((r) => ({ ...r, agency: '=HYPERLINK("x"),局' }));
    const line = compareCsv(records, "zh").split("\r\n")[1]!;
    expect(line.startsWith(`"'=HYPERLINK(""x""),局",`)).toBe(true);
  });
});

describe("XLSX", () => {
  it("opens with exceljs; a sheet per chart with the chart's figures and a README with the formula", async () => {
    const charts = [spec("bars"), spec("bars", "granted_rate")];
    const bytes = await compareXlsx({ charts, lang: "zh", link: "http://localhost/compare?agency=520281", exportedAt: "2025-03-01T00:00:00.000Z" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["不予公开率", "予以公开率", "说明"]);
    const ws = wb.getWorksheet("不予公开率")!;
    expect(ws.getRow(1).getCell(1).value).toBe("机关");
    expect(ws.rowCount).toBe(1 + 9);
    const records = compareRecords(charts[0]!);
    records.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.agency);
      expect(row.getCell(2).value).toBe(r.adminCode);
      expect(row.getCell(3).value).toBe(r.year);
      expect(row.getCell(6).value ?? null).toBe(r.numerator);
      expect(row.getCell(7).value ?? null).toBe(r.denominator);
      expect(row.getCell(8).value ?? null).toBe(r.value);
    });
    const readme = wb.getWorksheet("说明")!;
    const text = readme.getSheetValues().flat().map((v) => (typeof v === "string" ? v : "")).join("\n");
    expect(text).toContain("不予公开率 = 不予公开（8类合计）÷ 本年办理结果总计");
    expect(text).toContain("http://localhost/compare?agency=520281");
  });
});
