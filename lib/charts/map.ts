/**
 * Choropleth of regions (市州 of the province, counties of a 市州 or of the province) coloured by
 * one indicator: a `geo` component drawing the shapes (keyed by admin code), a map series on it
 * carrying the values, a continuous single-hue visualMap, and regions without a value in neutral
 * grey with their own "无数据" legend entry. The shapes travel with the spec (plain GeoJSON) and
 * are registered under `mapName` by whoever renders it (the client leaf, or lib/export/render-svg).
 */
import type { Lang } from "../i18n";
import { getIndicator, type IndicatorDef } from "../indicators/definitions";
import { formatIndicatorValue, formatInteger } from "../indicators/format";
import type { RegionFeatureCollection } from "../regions/geo";
import { baseOption, BORDER, CJK_FONT_FAMILY, colon, describeValue, escapeHtml, formulaLine, INK, INK_MUTED, paren, plotValue, tooltipShell } from "./base";
import { cm } from "./messages";
import type { DashboardValue } from "./sums";
import type { ChartOption } from "./types";

export interface MapItem {
  /** 6-digit admin code: the shape's `properties.code`. */
  code: string;
  /** Official name (tooltip, table). */
  name: string;
  /** Short form drawn on the map (盘州, 黔南州); defaults to the name. */
  shortName?: string;
  href?: string;
  value: DashboardValue;
}

export interface MapInput {
  indicatorKey: string;
  lang: Lang;
  /** The year the values are of (data exports). */
  year?: number;
  /** Name the shapes are registered under (one per distinct set of shapes). */
  mapName: string;
  /** The shapes drawn and coloured, keyed by `properties.code`. */
  geo: RegionFeatureCollection;
  /** Outlines drawn over the shapes, unfilled (the 市州 borders over the province's counties). */
  borders?: RegionFeatureCollection;
  /** One per region with a row; shapes without an item are "no data". */
  items: MapItem[];
  /** Name labels on the shapes (off for the 88 counties: too small to read). */
  labels?: boolean;
}

/** Sequential blues, light to dark (ColorBrewer Blues 3–8): readable in print and for colour-blind readers. */
export const MAP_PALETTE = ["#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"] as const;
export const MAP_NO_DATA = "#e6e8eb";

const hasValue = (v: DashboardValue) => v.value !== null && Number.isFinite(v.value);

/** Value range of the legend, in plotted units; widened when every region has the same value. */
export function mapRange(def: IndicatorDef, items: readonly MapItem[]): { min: number; max: number } | null {
  const vals = items.filter((it) => hasValue(it.value)).map((it) => plotValue(def, it.value.value)!);
  if (!vals.length) return null;
  let min = Math.min(...vals);
  let max = Math.max(...vals);
  if (min === max) {
    if (min > 0) min = 0;
    else max = min + 1;
  }
  return { min, max };
}

/** The legend's end labels, in the dashboards' value format (12.5%, 1,234). */
function legendText(def: IndicatorDef, plotted: number, lang: Lang): string {
  const value = def.kind === "rate" || def.kind === "growth" ? plotted / 100 : plotted;
  return formatIndicatorValue(def, { value, smallSample: false }, lang);
}

/**
 * The name ECharts knows each shape by: its short form (六盘水, 盘州), or the official name where
 * two short forms would collide. ECharts labels shapes without data by this name only (no
 * formatter), so it must be the readable one; `regionCodeOf` maps it back for clicks.
 */
export function mapRegionNames(input: Pick<MapInput, "geo" | "items">): Map<string, string> {
  const byCode = new Map(input.items.map((it) => [it.code, it]));
  const codes = [...new Set([...input.geo.features.map((f) => f.properties.code), ...byCode.keys()])];
  const full = (code: string) => byCode.get(code)?.name ?? input.geo.features.find((f) => f.properties.code === code)?.properties.name ?? code;
  const short = (code: string) => byCode.get(code)?.shortName ?? full(code);
  const count = new Map<string, number>();
  for (const c of codes) count.set(short(c), (count.get(short(c)) ?? 0) + 1);
  return new Map(codes.map((c) => [c, (count.get(short(c)) ?? 0) > 1 ? full(c) : short(c)]));
}

/** The admin code of the shape ECharts names `name` (a click or tooltip on the map). */
export function regionCodeOf(input: Pick<MapInput, "geo" | "items">, name: string): string | undefined {
  for (const [code, n] of mapRegionNames(input)) if (n === name) return code;
  return undefined;
}

export function buildMapOption(input: MapInput): ChartOption {
  const def = getIndicator(input.indicatorKey);
  const { lang } = input;
  const byCode = new Map(input.items.map((it) => [it.code, it]));
  const range = mapRange(def, input.items);
  const labels = input.labels ?? true;
  const noData = cm(lang, "map.noData");
  const names = mapRegionNames(input);
  const codeByName = new Map([...names].map(([c, n]) => [n, c]));

  const tooltip = (code: string) => {
    const it = byCode.get(code);
    const name = it?.name ?? input.geo.features.find((x) => x.properties.code === code)?.properties.name ?? code;
    const lines = [`<div><b>${escapeHtml(name)}</b></div>`];
    if (!it || !hasValue(it.value)) {
      lines.push(`<div>${escapeHtml(def.label[lang])}${colon(lang)}${escapeHtml(it ? formatIndicatorValue(def, it.value, lang) : "—")}${escapeHtml(paren(lang, noData))}</div>`);
    } else {
      lines.push(`<div>${escapeHtml(def.label[lang])}${colon(lang)}${escapeHtml(describeValue(def, it.value, lang))}</div>`);
    }
    if (it) lines.push(`<div>${escapeHtml(cm(lang, "chart.reports"))}${colon(lang)}${escapeHtml(formatInteger(it.value.reports, lang))}</div>`);
    return lines.join("") + formulaLine(def.formula[lang], lang);
  };

  // Legend at the bottom left: the colour ramp, and the grey "no data" swatch beneath it.
  const legendLeft = 8;
  return {
    ...baseOption(),
    tooltip: {
      ...tooltipShell(),
      trigger: "item",
      formatter: (p: unknown) => {
        const raw = (p as { name?: unknown }).name;
        const name = typeof raw === "string" ? raw : "";
        return tooltip(codeByName.get(name) ?? name);
      },
    },
    geo: {
      map: input.mapName,
      // Shapes are keyed by admin code, then shown by their short name (see mapRegionNames).
      nameProperty: "code",
      nameMap: Object.fromEntries(names),
      roam: false,
      // Right of the legend; without preserveAspect the shapes stretch to fill a wide box.
      top: 8,
      bottom: 8,
      left: 96,
      right: 8,
      preserveAspect: "contain",
      selectedMode: false,
      itemStyle: { areaColor: MAP_NO_DATA, borderColor: "#ffffff", borderWidth: labels ? 1 : 0.6 },
      label: {
        show: labels,
        fontFamily: CJK_FONT_FAMILY,
        fontSize: 11,
        color: INK,
        textBorderColor: "rgba(255,255,255,0.85)",
        textBorderWidth: 2,
        formatter: (p: { name: string }) => `${p.name}${byCode.get(codeByName.get(p.name) ?? "")?.value.smallSample ? "*" : ""}`,
      },
      emphasis: {
        itemStyle: { borderColor: INK, borderWidth: 1.5 },
        label: { show: true, fontFamily: CJK_FONT_FAMILY, fontSize: 12, fontWeight: "bold", color: INK },
      },
      select: { disabled: true },
      // Light labels on the dark end of the ramp.
      regions: input.items
        .filter((it) => range && hasValue(it.value) && (plotValue(def, it.value.value)! - range.min) / (range.max - range.min) > 0.6)
        .map((it) => ({ name: names.get(it.code) ?? it.code, label: { color: "#ffffff", textBorderColor: "rgba(8,48,107,0.8)" } })),
      // Shapes without data still get a tooltip ("无数据"), through the geo component.
      tooltip: { show: true },
    },
    ...(range
      ? {
          visualMap: {
            type: "continuous",
            seriesIndex: 0,
            min: range.min,
            max: range.max,
            left: legendLeft,
            bottom: 30,
            itemWidth: 14,
            itemHeight: 120,
            calculable: false,
            realtime: false,
            text: [legendText(def, range.max, lang), legendText(def, range.min, lang)],
            textGap: 6,
            textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 11, color: INK_MUTED },
            inRange: { color: [...MAP_PALETTE] },
          },
        }
      : {}),
    graphic: [
      { type: "rect", left: legendLeft, bottom: 8, shape: { width: 14, height: 12 }, style: { fill: MAP_NO_DATA, stroke: BORDER }, silent: true },
      { type: "text", left: legendLeft + 20, bottom: 8, style: { text: noData, fontSize: 11, fontFamily: CJK_FONT_FAMILY, fill: INK_MUTED }, silent: true },
    ],
    series: [
      {
        type: "map",
        geoIndex: 0,
        // The series fills in the map's regions itself: it needs the geo's naming, or shapes
        // without data take the series colour instead of the grey.
        nameProperty: "code",
        nameMap: Object.fromEntries(names),
        name: def.label[lang],
        // Regions without a value stay out of the data, so the geo's grey shows through.
        data: input.items.filter((it) => hasValue(it.value)).map((it) => ({ name: names.get(it.code) ?? it.code, value: plotValue(def, it.value.value)! })),
      },
      ...(input.borders
        ? [
            {
              type: "lines" as const,
              coordinateSystem: "geo",
              polyline: true,
              silent: true,
              z: 3,
              lineStyle: { color: "#4a5568", width: 1.4, opacity: 1 },
              data: input.borders.features.flatMap((f) =>
                (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates).map((poly) => ({ coords: poly[0] ?? [] })),
              ),
            },
          ]
        : []),
    ],
  };
}

/** Map height: the province is about as tall as wide at dashboard widths. */
export const MAP_HEIGHT = 520;
