import { describe, expect, it } from "vitest";
import { simplifyCollection } from "../regions/geo";
import { testGuizhouGeo } from "../regions/testing/read-geo";
import { buildMapOption, MAP_NO_DATA, MAP_PALETTE, mapRange, regionCodeOf, type MapInput } from "./map";
import { buildChartOption } from "./spec";
import { resultFromSums } from "./sums";
import { chartTable } from "./table";
import { getIndicator } from "../indicators";

const v = (numerator: number, denominator: number | null) => resultFromSums("refusal_rate", { numerator, denominator, byFormat: { "2019": 0, "2021": 2 } });

function input(over: Partial<MapInput> = {}): MapInput {
  const geo = simplifyCollection(testGuizhouGeo().prefectures, 0.01);
  return {
    indicatorKey: "refusal_rate",
    lang: "zh",
    mapName: "test-520000-prefecture",
    geo,
    items: [
      { code: "520200", name: "六盘水市", shortName: "六盘水", href: "/regions/520200?year=2024", value: v(12, 100) },
      { code: "520100", name: "贵阳市", shortName: "贵阳", href: "/regions/520100?year=2024", value: v(3, 20) },
      { code: "520300", name: "遵义市", shortName: "遵义", value: v(0, 0) },
    ],
    ...over,
  };
}

type Opt = {
  geo: { map: string; nameProperty: string; nameMap: Record<string, string>; label: { formatter: (p: { name: string }) => string }; itemStyle: { areaColor: string } };
  visualMap?: { min: number; max: number; text: string[]; inRange: { color: string[] } };
  series: { type: string; data?: { name: string; value: number }[] }[];
  tooltip: { formatter: (p: unknown) => string };
  graphic: { style: { text?: string; fill: string } }[];
};

describe("map option", () => {
  const o = buildMapOption(input()) as unknown as Opt;

  it("draws the registered shapes keyed by code, values only where there are values", () => {
    expect(o.geo).toMatchObject({ map: "test-520000-prefecture", nameProperty: "code", preserveAspect: "contain", nameMap: { "520200": "六盘水", "522700": "黔南布依族苗族自治州" } });
    expect(o.series[0]).toMatchObject({ type: "map" });
    // 遵义 has a zero denominator ("—"): no data, so it stays grey.
    expect(o.series[0]!.data).toEqual([
      { name: "六盘水", value: 12 },
      { name: "贵阳", value: 15 },
    ]);
    expect(o.geo.itemStyle.areaColor).toBe(MAP_NO_DATA);
  });

  it("has a sequential single-hue legend in the dashboards' format, and a 无数据 entry", () => {
    expect(o.visualMap).toMatchObject({ min: 12, max: 15, text: ["15.0%", "12.0%"], inRange: { color: [...MAP_PALETTE] } });
    expect(o.graphic.map((g) => g.style.text).filter(Boolean)).toEqual(["无数据"]);
    expect(o.graphic[0]!.style.fill).toBe(MAP_NO_DATA);
  });

  it("labels small samples with * and explains values in the tooltip", () => {
    expect(o.geo.label.formatter({ name: "贵阳" })).toBe("贵阳*");
    expect(o.geo.label.formatter({ name: "六盘水" })).toBe("六盘水");
    const tip = o.tooltip.formatter({ name: "六盘水" });
    expect(tip).toContain("六盘水市");
    expect(tip).toContain("12.0%（12 / 100）");
    expect(tip).toContain("报告数：2");
    expect(tip).toContain(getIndicator("refusal_rate").formula.zh);
    expect(o.tooltip.formatter({ name: "黔南布依族苗族自治州" })).toContain("无数据");
    expect(regionCodeOf(input(), "六盘水")).toBe("520200");
  });

  it("widens a one-value range and has no legend ramp without values", () => {
    const def = getIndicator("refusal_rate");
    expect(mapRange(def, [{ code: "520200", name: "x", value: v(1, 10) }])).toEqual({ min: 0, max: 10 });
    const empty = buildMapOption(input({ items: [] })) as unknown as Opt;
    expect(empty.visualMap).toBeUndefined();
    expect(empty.series[0]!.data).toEqual([]);
  });

  it("draws 市州 borders over counties as lines on the geo", () => {
    const geo = testGuizhouGeo();
    const o2 = buildChartOption({ type: "map", input: input({ geo: simplifyCollection(geo.countiesByPrefecture.get("520200")!, 0.01), borders: simplifyCollection(geo.prefectures, 0.01), labels: false }) }) as unknown as Opt;
    expect(o2.series.map((s) => s.type)).toEqual(["map", "lines"]);
  });
});

describe("map data table", () => {
  it("lists every shape with name (linked), code, value, numerator, denominator, reports", () => {
    const t = chartTable({ type: "map", input: input() });
    expect(t.head).toEqual(["地区", "区划代码", "依申请公开不予公开率", "分子", "分母", "报告数"].map((h, i) => (i === 2 ? getIndicator("refusal_rate").label.zh : h)));
    expect(t.rows).toHaveLength(9);
    const lps = t.rows.find((r) => r[1]?.text === "520200")!;
    expect(lps.map((c) => c.text)).toEqual(["六盘水市", "520200", "12.0%", "12", "100", "2"]);
    expect(lps[0]?.href).toBe("/regions/520200?year=2024");
    const qn = t.rows.find((r) => r[1]?.text === "522700")!;
    expect(qn.map((c) => c.text)).toEqual(["黔南布依族苗族自治州", "522700", "—", "—", "—", "0"]);
  });
});
