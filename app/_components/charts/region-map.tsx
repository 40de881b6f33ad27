/**
 * The map of a region's dashboard: the province's 市州 (or, with `map=county`, its 88 counties
 * with 市州 borders), or a 市州's counties, coloured by the selected indicator for the year.
 * Counties and townships get no map: one shape says nothing. Server component; the shapes of
 * the region shown travel in the spec to the client leaf.
 */
import Link from "next/link";
import type { Ctx } from "@/db/context";
import type { RegionSummary } from "@/db/queries/dashboard/get-region";
import { listIndicatorSums, type IndicatorSumsRow } from "@/db/queries/dashboard/list-indicator-sums";
import { cm, formatNote, resultFromSums, type ChartSpec, type MapItem } from "@/lib/charts";
import { getIndicator } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import { getGuizhouRegion } from "@/lib/regions";
import { getRegionMapShapes, type MapView } from "@/app/_lib/guizhou-geo";
import { ChartFigure } from "./chart-figure";
import { dashboardQuery, type DashboardParams } from "./search-params";
import styles from "./dashboard.module.css";
import mapStyles from "./region-map.module.css";

export interface RegionMapProps {
  ctx: Ctx;
  lang: Lang;
  region: RegionSummary;
  year: number;
  params: DashboardParams;
}

export async function RegionMap({ ctx, lang, region, year, params }: RegionMapProps) {
  const view: MapView = region.level === "province" && params.map === "county" ? "county" : "prefecture";
  const shapes = getRegionMapShapes(region.code, view);
  if (!shapes) return null;

  const def = getIndicator(params.indicator);
  const filters = { ...(params.level ? { level: params.level } : {}), ...(params.deptType ? { deptType: params.deptType } : {}) };
  const sumsUnder = (regionCode: string) =>
    listIndicatorSums({ ctx, input: { indicatorKeys: [def.key], groupBy: "childRegion", regionCode, years: [year], ...filters } });
  // Counties of the whole province: one grouped query per 市州 (the child level of each root).
  const roots = view === "county" ? [...new Set(shapes.geo.features.map((f) => `${f.properties.code.slice(0, 4)}00`))] : [region.code];
  const rows: IndicatorSumsRow[] = (await Promise.all(roots.map(sumsUnder))).flat();
  const byCode = new Map(rows.map((r) => [r.key, r]));
  // Reports of a level above the shapes (省直, 市直 departments) have no shape: said in a note.
  const shapeCodes = new Set(shapes.geo.features.map((f) => f.properties.code));
  const ownLevel = rows.some((r) => r.reports > 0 && !shapeCodes.has(r.key));

  const q = dashboardQuery({ year, indicator: params.indicator, level: params.level, deptType: params.deptType });
  const items: MapItem[] = shapes.geo.features.map((f) => {
    const def0 = getGuizhouRegion(f.properties.code);
    return {
      code: f.properties.code,
      name: f.properties.name,
      shortName: def0?.shortName ?? f.properties.name,
      href: `/regions/${f.properties.code}${q}`,
      value: resultFromSums(def, byCode.get(f.properties.code)?.sums[def.key]),
    };
  });
  const spec: ChartSpec = {
    type: "map",
    input: { indicatorKey: def.key, lang, mapName: shapes.mapName, geo: shapes.geo, ...(shapes.borders ? { borders: shapes.borders } : {}), items, labels: view !== "county" },
  };
  const values = items.map((i) => i.value);
  const switchHref = (v: MapView) => {
    const s = new URLSearchParams(q.slice(1));
    if (v === "county") s.set("map", "county");
    const str = s.toString();
    return `${str ? `?${str}` : "?"}#map-section-title`;
  };

  return (
    <section className={styles.section} aria-labelledby="map-section-title">
      <h2 id="map-section-title" className={styles.sectionTitle}>
        {cm(lang, "map.title")} · {def.label[lang]} · {year}
      </h2>
      {region.level === "province" ? (
        <nav className={mapStyles.switch} aria-label={cm(lang, "map.view")}>
          <span>{cm(lang, "map.view")}：</span>
          {(["prefecture", "county"] as const).map((v) => (
            <Link key={v} href={switchHref(v)} aria-current={v === view ? "true" : undefined} className={v === view ? mapStyles.current : undefined} scroll={false}>
              {cm(lang, v === "county" ? "map.viewCounty" : "map.viewPrefecture")}
            </Link>
          ))}
        </nav>
      ) : null}
      <ChartFigure
        id="map"
        lang={lang}
        title={`${region.name} · ${def.label[lang]}`}
        formula={def.formula[lang]}
        spec={spec}
        notes={[
          formatNote(def, values, lang),
          ownLevel ? cm(lang, "map.ownLevel") : null,
          cm(lang, "map.clickHint"),
        ]}
        smallSample={values.some((v) => v.smallSample)}
      >
        <p className={styles.muted}>{cm(lang, "map.source")}</p>
      </ChartFigure>
    </section>
  );
}
