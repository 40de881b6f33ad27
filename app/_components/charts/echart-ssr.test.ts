/**
 * The charts' server render (echart-ssr.ts): what the page's HTML shows before ECharts reaches the
 * browser. Real ECharts SSR, real 贵州 shapes; checked on what a reader sees in the drawing.
 */
import { describe, expect, it } from "vitest";
import { CJK_FONT_FAMILY } from "@/lib/charts/base";
import type { ChartSpec } from "@/lib/charts/spec";
import { resultFromSums } from "@/lib/charts/sums";
import { renderSpecSvg } from "@/lib/export/render-svg";
import { getMapShapesByName } from "@/app/_lib/guizhou-geo-shapes";
import { serverChartSvg } from "./echart-ssr";

const v = (numerator: number, denominator: number) => resultFromSums("refusal_rate", { numerator, denominator, byFormat: { "2019": 0, "2021": 2 } });

const trend: ChartSpec = {
  type: "trend",
  input: {
    indicatorKey: "refusal_rate",
    lang: "zh",
    series: [{ name: "盘州市", points: [2021, 2022, 2023, 2024].map((year, i) => ({ year, value: v(10 + i * 5, 200) })) }],
  },
};

/** The overview's map as the browser gets it: the items, no shapes (they are looked up by name). */
const leanMap: ChartSpec = {
  type: "map",
  input: {
    indicatorKey: "refusal_rate",
    lang: "zh",
    mapName: "gongkai-520000-prefecture",
    geo: { type: "FeatureCollection", features: [] },
    items: [
      { code: "520200", name: "六盘水市", shortName: "六盘水", href: "/regions/520200?year=2024", value: v(12, 100) },
      { code: "520100", name: "贵阳市", shortName: "贵阳", href: "/regions/520100?year=2024", value: v(3, 20) },
    ],
  },
};

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe("charts drawn on the server", () => {
  it("draws a trend with its years and axis values, scaled to its box, without the live chart's extras", () => {
    const svg = serverChartSvg({ spec: trend }, 560, 300)!;
    expect(svg).toMatch(/^<svg width="100%" height="100%" preserveAspectRatio="xMidYMid meet"/);
    expect(svg).toContain('viewBox="0 0 560 300"');
    expect(texts(svg)).toEqual(expect.arrayContaining(["2021", "2024", "0%"]));
    // The line itself: a path through the four years.
    expect(svg).toMatch(/<path d="M[\d. ]+(L[\d. ]+){3}"[^>]*stroke=/);
    // The font is named once, on the root, for every text; no SSR hover styles or event metadata.
    expect(svg.split(CJK_FONT_FAMILY)).toHaveLength(2);
    expect(svg).not.toMatch(/ecmeta_|zr\d+-cls|<style|\n/);
    // Not animated: the SSR frame is the final one (bars and lines not caught mid-way).
    expect(svg).not.toContain("<animate");
  });

  it("is much smaller than the export's SVG of the same chart", () => {
    const exported = renderSpecSvg(trend, 560, 300);
    const embedded = serverChartSvg({ spec: trend }, 560, 300)!;
    expect(embedded.length).toBeLessThan(exported.length * 0.7);
    // …and says the same: every text of the export is in it.
    expect(texts(embedded)).toEqual(texts(exported));
  });

  it("looks a map's shapes up by its name, colours the regions with data and labels them", () => {
    const svg = serverChartSvg({ spec: leanMap }, 1160, 520)!;
    const full = getMapShapesByName("gongkai-520000-prefecture")!;
    expect(full.geo.features).toHaveLength(9);
    // One filled outline per 市州 at least, in whole pixels.
    const shapes = [...svg.matchAll(/<path d="(M[^"]{400,})"/g)].map((m) => m[1]!);
    expect(shapes.length).toBeGreaterThanOrEqual(9);
    for (const d of shapes) expect(d).not.toMatch(/\d\.\d/);
    expect(texts(svg)).toEqual(expect.arrayContaining(["六盘水", "贵阳*", "无数据"]));
    // The legend's colour ramp still runs from the palette's lightest blue to its darkest.
    const ramps = [...svg.matchAll(/<linearGradient\b[^>]*>(.*?)<\/linearGradient>/g)].map((g) => [...g[1]!.matchAll(/stop-color="([^"]+)"/g)].map((m) => m[1]));
    const ramp = ramps.find((stops) => stops[0] === "rgb(198,219,239)" && stops.at(-1) === "rgb(8,69,148)");
    expect(ramp?.length).toBeGreaterThan(5);
    expect(ramp?.length).toBeLessThan(30);
  });

  it("draws a spec once per size: the same drawing again, another one at another width", () => {
    const first = serverChartSvg({ spec: trend }, 534, 300);
    expect(serverChartSvg({ spec: trend }, 534, 300)).toBe(first);
    const wider = serverChartSvg({ spec: trend }, 1118, 300)!;
    expect(wider).toContain('viewBox="0 0 1118 300"');
    // Another figure, another drawing: the key is the spec itself.
    const other: ChartSpec = { type: "trend", input: { ...trend.input, series: [{ name: "水城区", points: [{ year: 2024, value: v(1, 100) }] }] } };
    expect(texts(serverChartSvg({ spec: other }, 534, 300)!)).not.toEqual(texts(first!));
  });

  it("gives nothing (the browser then draws) for a map whose shapes it does not know", () => {
    const unknown: ChartSpec = { ...leanMap, input: { ...leanMap.input, mapName: "gongkai-999999-prefecture" } };
    expect(serverChartSvg({ spec: unknown }, 1160, 520)).toBeNull();
  });
});
