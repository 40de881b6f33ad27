/**
 * The ECharts modules only maps need (series-map, lines for borders, geo, continuous visualMap,
 * graphic for the no-data swatch), loaded by echart.tsx through a dynamic import so pages without
 * a map do not download them (~36 kB gzipped). echart.tsx waits for them before init: an
 * instance created earlier would not apply visualMap's colours.
 */
import { LinesChart, MapChart } from "echarts/charts";
import { GeoComponent, GraphicComponent, VisualMapContinuousComponent } from "echarts/components";
import { registerMap, use as registerEcharts } from "echarts/core";

registerEcharts([MapChart, LinesChart, GeoComponent, VisualMapContinuousComponent, GraphicComponent]);

export { registerMap };
