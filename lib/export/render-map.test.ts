import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChartSpec } from "../charts/spec";
import { resultFromSums } from "../charts/sums";
import { MAP_NO_DATA } from "../charts/map";
import { allCounties, simplifyCollection } from "../regions/geo";
import { getGuizhouRegion } from "../regions/guizhou";
import { testGuizhouGeo } from "../regions/testing/read-geo";
import { renderSpecSvg } from "./render-svg";

const v = (numerator: number, denominator: number) => resultFromSums("refusal_rate", { numerator, denominator, byFormat: { "2019": 0, "2021": 3 } });

describe("map SVG export (ECharts SSR)", () => {
  it("renders every 市州 as a path, coloured by value or grey, with the legend's Chinese text", () => {
    const geo = testGuizhouGeo();
    const spec: ChartSpec = {
      type: "map",
      input: {
        indicatorKey: "refusal_rate",
        lang: "zh",
        mapName: "test-svg-520000-prefecture",
        geo: simplifyCollection(geo.prefectures, 0.004),
        items: [
          { code: "520200", name: "六盘水市", shortName: "六盘水", value: v(12, 100) },
          { code: "520100", name: "贵阳市", shortName: "贵阳", value: v(30, 100) },
        ],
      },
    };
    const svg = renderSpecSvg(spec, 800, 460);
    if (process.env.MAP_SVG_OUT) writeFileSync(`${process.env.MAP_SVG_OUT}/prefecture.svg`, svg);
    expect(svg.startsWith("<svg")).toBe(true);
    const paths = svg.match(/<path [^>]*d="M[^"]{40,}"[^>]*>/g) ?? [];
    // 9 filled region shapes (multi-part shapes may add paths) plus the legend ramp.
    expect(paths.length).toBeGreaterThanOrEqual(9);
    expect(svg).toContain(MAP_NO_DATA);
    // Two distinct data colours: the low and the high end of the ramp.
    const fills = new Set(paths.map((p) => /fill="([^"]+)"/.exec(p)?.[1]));
    expect(fills.size).toBeGreaterThanOrEqual(3);
    for (const text of ["六盘水", "贵阳", "无数据", "30.0%", "12.0%"]) expect(svg).toContain(text);
    // The font stack must not close the style attribute early (resvg rejects the SVG otherwise).
    expect(svg).not.toMatch(/style="[^"]*font-family:"/);
  });

  it("keeps shapes without data grey when every shape has an item and a short name (as the pages send)", () => {
    const geo = simplifyCollection(testGuizhouGeo().prefectures, 0.004);
    const items = geo.features.map((f) => ({
      code: f.properties.code,
      name: f.properties.name,
      shortName: getGuizhouRegion(f.properties.code)!.shortName,
      value: f.properties.code === "520200" ? v(5, 100) : resultFromSums("refusal_rate"),
    }));
    const svg = renderSpecSvg({ type: "map", input: { indicatorKey: "refusal_rate", lang: "zh", mapName: "test-svg-all-items", geo, items } }, 800, 460);
    const regionFills = (svg.match(/<path [^>]*d="M[^"]{40,}"[^>]*>/g) ?? []).map((p) => /fill="([^"]+)"/.exec(p)?.[1]);
    expect(regionFills.filter((f) => f === MAP_NO_DATA)).toHaveLength(8);
    for (const short of ["遵义", "黔南州", "六盘水"]) expect(svg).toContain(`>${short}</text>`);
  });

  it("renders the province's 88 counties with 市州 borders", () => {
    const geo = testGuizhouGeo();
    const svg = renderSpecSvg(
      {
        type: "map",
        input: {
          indicatorKey: "refusal_rate",
          lang: "en",
          mapName: "test-svg-520000-county",
          geo: simplifyCollection(allCounties(geo), 0.004),
          borders: simplifyCollection(geo.prefectures, 0.004),
          labels: false,
          items: [{ code: "520281", name: "盘州市", value: v(5, 50) }],
        },
      },
      800,
      460,
    );
    if (process.env.MAP_SVG_OUT) writeFileSync(`${process.env.MAP_SVG_OUT}/county.svg`, svg);
    const paths = svg.match(/<path [^>]*d="M[^"]{40,}"[^>]*>/g) ?? [];
    expect(paths.length).toBeGreaterThanOrEqual(88);
    // The 市州 borders: one unfilled polyline per outline ring.
    expect((svg.match(/<polyline [^>]*stroke="#4a5568"/g) ?? []).length).toBeGreaterThanOrEqual(9);
    expect(svg).toContain("No data");
  });
});
