import { describe, expect, it } from "vitest";
import { aggregateIndicator, getIndicator } from "../indicators";
import { buildGroupedBarsOption } from "./grouped-bars";
import { buildOutcomeMixOption } from "./outcome-mix";
import { buildPeerBandOption } from "./peer-band";
import { buildRankingOption, sortRanking } from "./ranking";
import { buildChartOption, type ChartSpec } from "./spec";
import { formatNote, formatNoteKind } from "./format-note";
import { resultFromSums, type DashboardValue } from "./sums";
import { chartTable } from "./table";
import { buildTrendOption } from "./trend";
import { CJK_FONT_FAMILY } from "./base";

const v = (key: string, numerator: number, denominator: number | null, formats: ("2019" | "2021")[] = ["2021"]): DashboardValue =>
  resultFromSums(key, { numerator, denominator, byFormat: { "2019": formats.includes("2019") ? 1 : 0, "2021": formats.includes("2021") ? 1 : 0 } });

type Series = { type?: string; name?: string; data?: unknown[]; stack?: string; markLine?: { data?: unknown[] }; markArea?: { data?: unknown[] } };
const seriesOf = (o: { series?: unknown }) => (Array.isArray(o.series) ? o.series : [o.series]) as Series[];
const tooltipText = (o: { tooltip?: unknown }, arg: unknown) => (o.tooltip as { formatter: (p: unknown) => string }).formatter(arg);

describe("resultFromSums", () => {
  it("equals aggregateIndicator over the same reports", () => {
    const def = getIndicator("refusal_rate");
    const reports = [
      { formatVersion: "2021" as const, scope: "self" as const, year: 2024, cells: { "t3.denied_total.total": 3, "t3.handled_total.total": 40 } },
      { formatVersion: "2021" as const, scope: "self" as const, year: 2024, cells: { "t3.denied_total.total": 1, "t3.handled_total.total": 0 } },
    ];
    const agg = aggregateIndicator(def, reports);
    const fromSums = resultFromSums(def, { numerator: 4, denominator: 40, byFormat: { "2019": 0, "2021": 2 } });
    expect(fromSums).toMatchObject({ value: agg.value, numerator: agg.numerator, denominator: agg.denominator, smallSample: agg.smallSample, reports: 2 });
  });

  it("gives null with zero_denominator for a zero denominator and no_reports for none", () => {
    expect(resultFromSums("refusal_rate", { numerator: 0, denominator: 0, byFormat: { "2019": 0, "2021": 3 } })).toMatchObject({ value: null, reason: "zero_denominator", smallSample: true });
    expect(resultFromSums("refusal_rate")).toMatchObject({ value: null, reason: "no_reports", reports: 0 });
  });
});

describe("trend option", () => {
  const input = {
    indicatorKey: "refusal_rate",
    lang: "zh" as const,
    series: [{ name: "贵州省", points: [{ year: 2022, value: v("refusal_rate", 5, 100) }, { year: 2023, value: v("refusal_rate", 0, 0) }, { year: 2024, value: v("refusal_rate", 30, 120) }] }],
  };
  const o = buildTrendOption(input);

  it("plots the input values (rates in percent), a zero denominator as a gap", () => {
    expect(seriesOf(o)[0]?.data).toEqual([5, null, 25]);
    expect((o.xAxis as { data: string[] }).data).toEqual(["2022", "2023", "2024"]);
  });

  it("uses the CJK font and Chinese labels, and puts the formula in the tooltip", () => {
    expect((o.textStyle as { fontFamily: string }).fontFamily).toBe(CJK_FONT_FAMILY);
    const text = tooltipText(o, [{ dataIndex: 2, seriesIndex: 0, marker: "" }]);
    expect(text).toContain("2024年");
    expect(text).toContain("25.0%（30 / 120）");
    expect(text).toContain("计算公式：不予公开率 = 不予公开（8类合计）÷ 本年办理结果总计");
  });

  it("has a data table with the same numbers, '—' for the zero denominator", () => {
    const t = chartTable({ type: "trend", input });
    expect(t.head).toEqual(["年度", "不予公开率", "分子", "分母", "报告数"]);
    expect(t.rows.map((r) => r[1]?.text)).toEqual(["5.0%", "—", "25.0%"]);
    expect(t.rows[2]?.map((c) => c.text)).toEqual(["2024", "25.0%", "30", "120", "1"]);
  });

  it("is in English when asked", () => {
    const en = buildTrendOption({ ...input, lang: "en" });
    expect(tooltipText(en, [{ dataIndex: 0, seriesIndex: 0 }])).toContain("Formula: Refusal share");
  });
});

describe("format-change note", () => {
  it("flags format-sensitive indicators across 2019/2021 and mixed sums", () => {
    const def = getIndicator("service_ratio");
    expect(formatNoteKind(def, [v("service_ratio", 3, 1, ["2019"]), v("service_ratio", 3, 1, ["2021"])])).toBe("formatMixed");
    expect(formatNoteKind(def, [v("service_ratio", 3, 1, ["2019", "2021"])])).toBe("formatMixed");
    expect(formatNote(def, [], "zh", [2020, 2021])).toContain("2019年与2021年两版报告格式");
  });

  it("says when 2019–2020 have no value by definition, and nothing for comparable indicators", () => {
    expect(formatNoteKind(getIndicator("fee_unpaid_rate"), [], [2019, 2024])).toBe("format2021Only");
    expect(formatNoteKind(getIndicator("refusal_rate"), [v("refusal_rate", 1, 2, ["2019"]), v("refusal_rate", 1, 2, ["2021"])], [2019, 2024])).toBeNull();
  });
});

describe("outcome mix option", () => {
  const categories = [
    { label: "六盘水市", href: "/regions/520200", handled: 200, parts: { granted: 100, partial: 20, denied: 40, unable: 20, not_processed: 10, other: 10 } },
    { label: "贵阳市", handled: 0, parts: { granted: 0, partial: 0, denied: 0, unable: 0, not_processed: 0, other: 0 } },
  ];
  const o = buildOutcomeMixOption({ lang: "zh", categories });
  it("stacks one series per outcome with shares of handled, '—' for a zero denominator", () => {
    const s = seriesOf(o);
    expect(s.map((x) => x.name)).toEqual(["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]);
    expect(s.every((x) => x.stack === "outcome")).toBe(true);
    expect(s.map((x) => x.data?.[0])).toEqual([50, 10, 20, 10, 5, 5]);
    expect(s[0]?.data?.[1]).toBeNull();
    const t = chartTable({ type: "outcomeMix", input: { lang: "zh", categories } });
    expect(t.rows[0]?.[0]).toEqual({ text: "六盘水市", href: "/regions/520200" });
    expect(t.rows[0]?.[3]?.text).toBe("20（10.0%）");
    expect(t.rows[1]?.[2]?.text).toBe("0（—）");
  });
});

describe("ranking option", () => {
  const items = [
    { label: "甲", value: v("refusal_rate", 1, 100) },
    { label: "乙", value: v("refusal_rate", 0, 0) },
    { label: "丙", value: v("refusal_rate", 10, 20), highlight: true },
  ];
  it("sorts highest first, no value last, and marks the median", () => {
    expect(sortRanking(items).map((i) => i.label)).toEqual(["丙", "甲", "乙"]);
    const o = buildRankingOption({ indicatorKey: "refusal_rate", lang: "zh", items, median: 0.255 });
    const s = seriesOf(o)[0]!;
    expect((s.data as { value: number | null }[]).map((d) => d.value)).toEqual([50, 1, null]);
    expect(s.markLine?.data).toEqual([{ xAxis: 25.5 }]);
    const t = chartTable({ type: "ranking", input: { indicatorKey: "refusal_rate", lang: "zh", items } });
    expect(t.rows.map((r) => r.slice(1, 5).map((c) => c.text))).toEqual([
      ["丙", "50.0%*", "10", "20"],
      ["甲", "1.0%", "1", "100"],
      ["乙", "—", "0", "0"],
    ]);
  });
});

describe("peer band option", () => {
  it("draws one P25–P75 box per year, the peer median and the agency's values", () => {
    const o = buildPeerBandOption({
      indicatorKey: "refusal_rate",
      lang: "zh",
      agencyName: "盘州市自然资源局",
      years: [
        { year: 2023, n: 10, p25: 0.1, median: 0.2, p75: 0.3, value: 0.4, smallSample: false },
        { year: 2024, n: 0, p25: null, median: null, p75: null, value: 0.5, smallSample: true },
      ],
    });
    const [median, own] = seriesOf(o);
    expect(median?.data).toEqual([[2023, 20], [2024, null]]);
    expect(median?.markArea?.data).toEqual([[{ xAxis: 2022.7, yAxis: 10 }, { xAxis: 2023.3, yAxis: 30 }]]);
    expect(own?.data).toEqual([[2023, 40], [2024, 50]]);
    expect(own?.name).toBe("本机关");
    // The grey-blue band has its own legend entry.
    expect((o.legend as { data: string[] }).data).toContain("同类 P25–P75");
  });
});

describe("grouped bars and the dispatcher", () => {
  it("builds the option named by the spec, with the same numbers in its table", () => {
    const spec: ChartSpec = {
      type: "groupedBars",
      input: { lang: "zh", unit: "share", formula: "f", categories: ["土地征收", "房屋拆迁"], series: [{ name: "机关占比", values: [0.5, null], numerators: [5, 0], denominators: [10, 0] }] },
    };
    const o = buildChartOption(spec);
    expect(seriesOf(o)[0]?.data).toEqual([50, null]);
    expect(o.series).toEqual(buildGroupedBarsOption(spec.input).series);
    expect(chartTable(spec).rows.map((r) => r[1]?.text)).toEqual(["50.0%（5 / 10）", "—（0 / 0）"]);
  });
});
