/**
 * Server-side rendering of a chart option to an SVG string with ECharts' zero-dependency SSR
 * (SVG renderer, `ssr: true`). The same modules as the browser wrapper
 * (app/_components/charts/echart.tsx) are registered, so an option renders identically in both.
 */
import { BarChart, LineChart, LinesChart, MapChart } from "echarts/charts";
import {
  DatasetComponent,
  GeoComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from "echarts/components";
import { init, registerMap, use as registerEcharts } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { buildChartOption, chartHeight, type ChartSpec } from "../charts/spec";
import type { ChartOption } from "../charts/types";
import type { ChartSize } from "../charts/compare";
import type { RegionFeatureCollection } from "../regions/geo";

registerEcharts([
  BarChart,
  LineChart,
  MapChart,
  LinesChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DatasetComponent,
  MarkLineComponent,
  MarkAreaComponent,
  GeoComponent,
  VisualMapContinuousComponent,
  GraphicComponent,
  SVGRenderer,
]);

/** Shapes a map option refers to by name (`geo.map`); registered before rendering. */
export interface ChartMap {
  name: string;
  geo: RegionFeatureCollection;
}

export function renderChartSvg(option: ChartOption, size: ChartSize, maps: readonly ChartMap[] = []): string {
  // The registry is per process; a name always stands for the same shapes (see mapName in map specs).
  for (const m of maps) registerMap(m.name, m.geo);
  const chart = init(null, undefined, { renderer: "svg", ssr: true, width: size.width, height: size.height, locale: "ZH" });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The maps a spec needs registered: the map spec's shapes, none for the others. */
export function specMaps(spec: ChartSpec): ChartMap[] {
  return spec.type === "map" ? [{ name: spec.input.mapName, geo: spec.input.geo }] : [];
}

/** A dashboard chart spec as SVG (exports of the dashboards' charts, maps included). */
export function renderSpecSvg(spec: ChartSpec, width = 800, height = chartHeight(spec)): string {
  return renderChartSvg(buildChartOption(spec), { width, height }, specMaps(spec));
}
