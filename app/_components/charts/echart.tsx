"use client";

/**
 * The one ECharts wrapper (STYLE rule 13): registers only the series and components our option
 * builders use (lib/charts/types.ts lists the same set), renders SVG (crisp when pasted into a
 * briefing, selectable text) and follows its container's width.
 */
import { useEffect, useRef } from "react";
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
import { init, use as registerEcharts, type EChartsType } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { ChartOption } from "@/lib/charts/types";

// echarts/core `use` (renamed: it is not React's `use` hook).
registerEcharts([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

export interface EChartProps {
  option: ChartOption;
  height: number;
  /** Accessible name of the drawing; the data table next to it carries the numbers. */
  label: string;
}

export function EChart({ option, height, label }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: "svg", locale: "ZH" });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: "100%", height }} data-chart="echarts" />;
}
