/**
 * The dashboard map as a chart descriptor (section "map"): the province's 市州 (or, with
 * `map=county`, its 88 counties with 市州 borders), or a 市州's counties, coloured by the selected
 * indicator for the year. Counties and townships get none: one shape says nothing. The page
 * (region-map.tsx) and /api/export/* both use it, so a downloaded map is the map on screen.
 */
import "server-only";
import type { Ctx } from "@/db/context";
import type { RegionSummary } from "@/db/queries/dashboard/get-region";
import { listHandCorrected } from "@/db/queries/dashboard/list-hand-corrected";
import { listIndicatorSums, type IndicatorSumsRow } from "@/db/queries/dashboard/list-indicator-sums";
import { childRegionKeyOf, groupHandCorrected, withHandCorrected, type CorrectedReport } from "@/lib/charts/hand-corrected";
import { cm, formatNote, resultFromSums, type MapItem } from "@/lib/charts";
import { dashboardChart, type DashboardChart } from "@/lib/charts/dashboard-export";
import { getIndicator } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import { getGuizhouRegion, regionDisplayName, regionDisplayShortName } from "@/lib/regions";
import { getRegionMapShapes, type MapView } from "@/app/_lib/guizhou-geo";
import { dashboardQuery, type DashboardParams } from "./search-params";

export type RegionMapParams = Pick<DashboardParams, "indicator" | "level" | "deptType" | "map">;

export interface RegionMapData {
  view: MapView;
  shapes: NonNullable<ReturnType<typeof getRegionMapShapes>>;
  rows: IndicatorSumsRow[];
  /** Current reports under the region (same filters) with figures corrected by hand. */
  corrected: CorrectedReport[];
}

export function regionMapView(region: RegionSummary, params: RegionMapParams): MapView {
  return region.level === "province" && params.map === "county" ? "county" : "prefecture";
}

/** The map's sums, through the reader's Ctx; null where the region gets no map. */
export async function loadRegionMap(ctx: Ctx, { region, year, params }: { region: RegionSummary; year: number; params: RegionMapParams }): Promise<RegionMapData | null> {
  const view = regionMapView(region, params);
  const shapes = getRegionMapShapes(region.code, view);
  if (!shapes) return null;
  const filters = { ...(params.level ? { level: params.level } : {}), ...(params.deptType ? { deptType: params.deptType } : {}) };
  const sumsUnder = (regionCode: string) =>
    listIndicatorSums({ ctx, input: { indicatorKeys: [params.indicator], groupBy: "childRegion", regionCode, years: [year], ...filters } });
  // Counties of the whole province: one grouped query per 市州 (the child level of each root).
  const roots = view === "county" ? [...new Set(shapes.geo.features.map((f) => `${f.properties.code.slice(0, 4)}00`))] : [region.code];
  const [rows, corrected] = await Promise.all([Promise.all(roots.map(sumsUnder)).then((r) => r.flat()), listHandCorrected({ ctx, input: { regionCode: region.code, ...filters } })]);
  return { view, shapes, rows, corrected };
}

export function regionMapChart(data: RegionMapData, { lang, region, year, params }: { lang: Lang; region: RegionSummary; year: number; params: RegionMapParams }): DashboardChart {
  const { shapes, rows, view } = data;
  const def = getIndicator(params.indicator);
  const byCode = new Map(rows.map((r) => [r.key, r]));
  // Reports of a level above the shapes (省直, 市直 departments) have no shape: said in a note.
  const shapeCodes = new Set(shapes.geo.features.map((f) => f.properties.code));
  const ownLevel = rows.some((r) => r.reports > 0 && !shapeCodes.has(r.key));
  const q = dashboardQuery({ year, indicator: params.indicator, level: params.level, deptType: params.deptType });
  // A shape's reports: those whose child-region key under the shape's root is the shape (as its sums were grouped).
  const inShape = (code: string) => (r: CorrectedReport) => r.year === year && r.regionCode !== "" && childRegionKeyOf(view === "county" ? `${code.slice(0, 4)}00` : region.code, r.regionCode) === code;
  const items: MapItem[] = shapes.geo.features.map((f) => {
    const known = getGuizhouRegion(f.properties.code);
    return {
      code: f.properties.code,
      name: regionDisplayName(lang, f.properties.code, f.properties.name),
      shortName: regionDisplayShortName(lang, f.properties.code, known?.shortName ?? f.properties.name),
      href: `/regions/${f.properties.code}${q}`,
      value: withHandCorrected(resultFromSums(def, byCode.get(f.properties.code)?.sums[def.key]), groupHandCorrected(data.corrected, def.key, inShape(f.properties.code))),
    };
  });
  const values = items.map((i) => i.value);
  return dashboardChart({
    id: "map",
    section: "map",
    title: `${regionDisplayName(lang, region.code, region.name)} · ${def.label[lang]}`,
    formula: def.formula[lang],
    spec: {
      type: "map",
      input: { indicatorKey: def.key, lang, year, mapName: shapes.mapName, geo: shapes.geo, ...(shapes.borders ? { borders: shapes.borders } : {}), items, labels: view !== "county" },
    },
    empty: values.every((v) => v.value === null),
    notes: [formatNote(def, values, lang), ownLevel ? cm(lang, "map.ownLevel") : null, cm(lang, "map.source")],
    smallSample: values.some((v) => v.smallSample),
  });
}
