/**
 * The ECharts option type our builders return: ComposeOption over exactly the series and
 * components the client wrapper registers (app/_components/charts/echart-core.ts, and
 * echart-map-modules.ts for maps), so a builder
 * cannot use a module that is not loaded.
 */
import type { BarSeriesOption, LineSeriesOption, LinesSeriesOption, MapSeriesOption } from "echarts/charts";
import type {
  GeoComponentOption,
  GraphicComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
  | MapSeriesOption
  | LinesSeriesOption
  | GeoComponentOption
  | VisualMapComponentOption
  | GraphicComponentOption
>;

export type { BarSeriesOption, LineSeriesOption };
