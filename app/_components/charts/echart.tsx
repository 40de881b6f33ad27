"use client";

/**
 * The one ECharts wrapper (STYLE rule 13): registers only the series and components our option
 * builders use (echart-core.ts, a chunk of its own, fetched once per page), renders SVG (crisp
 * when pasted into a briefing, selectable text) and follows its container's width.
 */
import { useEffect, useRef, useState } from "react";
import type { EChartsType } from "echarts/core";
import type { ChartOption } from "@/lib/charts/types";
import type { RegionFeatureCollection } from "@/lib/regions/geo";

type CoreModules = typeof import("./echart-core");
let core: Promise<CoreModules> | undefined;
const loadCore = () => (core ??= import("./echart-core"));
// Requested when this module first runs in the browser, in parallel with hydration.
if (typeof window !== "undefined") void loadCore();

export interface EChartProps {
  /** Null while there is nothing to draw yet (server rendering): the box is rendered all the same. */
  option: ChartOption | null;
  height: number;
  /** Accessible name of the drawing; the data table next to it carries the numbers. */
  label: string;
  /** Shapes the option's `geo.map` refers to, registered before the option is set. */
  maps?: readonly { name: string; geo: RegionFeatureCollection }[];
  /** A click on a data item or map region, with its name as ECharts knows it. */
  onItemClick?: (name: string) => void;
}

type MapModules = typeof import("./echart-map-modules");

export function EChart({ option, height, label, maps, onItemClick }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onItemClick);
  useEffect(() => {
    click.current = onItemClick;
  }, [onItemClick]);

  const [coreModules, setCoreModules] = useState<CoreModules | null>(null);
  useEffect(() => {
    let live = true;
    void loadCore().then((m) => {
      if (live) setCoreModules(m);
    });
    return () => {
      live = false;
    };
  }, []);

  // Map modules must be registered before init: an instance snapshots the visual encoders
  // (visualMap's among them) when it is created.
  const needsMap = Boolean(maps?.length);
  const [mapModules, setMapModules] = useState<MapModules | null>(null);
  useEffect(() => {
    if (!needsMap || mapModules) return;
    let live = true;
    void import("./echart-map-modules").then((m) => {
      if (live) setMapModules(m);
    });
    return () => {
      live = false;
    };
  }, [needsMap, mapModules]);
  const ready = coreModules !== null && (!needsMap || mapModules !== null);

  useEffect(() => {
    const el = ref.current;
    if (!el || !ready || !coreModules) return;
    const instance = coreModules.init(el, undefined, { renderer: "svg", locale: "ZH" });
    chart.current = instance;
    instance.on("click", (p) => {
      if (typeof p.name === "string" && p.name) click.current?.(p.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [ready, coreModules]);

  useEffect(() => {
    if (!ready) return;
    // registerMap is global and keyed by name; a name always stands for the same shapes.
    for (const m of maps ?? []) mapModules?.registerMap(m.name, m.geo);
    if (option) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option, maps, mapModules]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      style={{ width: "100%", height, cursor: onItemClick ? "pointer" : undefined }}
      data-chart="echarts"
    />
  );
}
