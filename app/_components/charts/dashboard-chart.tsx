"use client";

/** Client leaf: turns a plain chart spec from the server into an ECharts option and draws it. */
import { useMemo } from "react";
import { buildChartOption, chartHeight, type ChartSpec } from "@/lib/charts/spec";
import { EChart } from "./echart";

export function DashboardChart({ spec, label }: { spec: ChartSpec; label: string }) {
  const option = useMemo(() => buildChartOption(spec), [spec]);
  return <EChart option={option} height={chartHeight(spec)} label={label} />;
}
