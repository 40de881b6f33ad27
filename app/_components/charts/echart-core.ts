/**
 * The ECharts modules every chart uses (series, components, the SVG renderer), registered once.
 * echart.tsx loads this file as its own chunk, requested as soon as a chart's module runs in the
 * browser: ECharts is ~195 kB gzipped (its core alone ~108 kB), more than the rest of a page's
 * scripts together, so the page hydrates and its links and filters work without waiting for it.
 * Map modules: echart-map-modules.ts. lib/charts/types.ts lists the same set.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { init, use as registerEcharts } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// echarts/core `use` (renamed: it is not React's `use` hook).
registerEcharts([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

export { init };
