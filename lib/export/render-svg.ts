/**
 * Server-side rendering of a chart option to an SVG string with ECharts' zero-dependency SSR
 * (SVG renderer, `ssr: true`). The same modules as the browser wrapper
 * (app/_components/charts/echart.tsx) are registered, so an option renders identically in both.
 */
import { BarChart, LineChart } from "echarts/charts";
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import { init, use as registerEcharts } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ChartOption } from "../charts/types";
import type { ChartSize } from "../charts/compare";

registerEcharts([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

export function renderChartSvg(option: ChartOption, size: ChartSize): string {
  const chart = init(null, undefined, { renderer: "svg", ssr: true, width: size.width, height: size.height, locale: "ZH" });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
