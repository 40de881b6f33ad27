"use client";

/** Client leaf: turns a plain chart spec from the server into an ECharts option and draws it. */
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { regionCodeOf } from "@/lib/charts/map";
import { buildChartOption, chartHeight, type ChartSpec } from "@/lib/charts/spec";
import { EChart } from "./echart";

export function DashboardChart({ spec, label }: { spec: ChartSpec; label: string }) {
  const router = useRouter();
  const option = useMemo(() => buildChartOption(spec), [spec]);
  const maps = useMemo(() => (spec.type === "map" ? [{ name: spec.input.mapName, geo: spec.input.geo }] : undefined), [spec]);
  // A click on a map region opens that region's page, keeping the year, indicator and filters.
  const onItemClick =
    spec.type === "map"
      ? (name: string) => {
          const code = regionCodeOf(spec.input, name);
          const href = spec.input.items.find((it) => it.code === code)?.href;
          if (href) router.push(href);
        }
      : undefined;
  return <EChart option={option} height={chartHeight(spec)} label={label} maps={maps} onItemClick={onItemClick} />;
}
