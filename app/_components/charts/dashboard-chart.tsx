"use client";

/**
 * Client leaf: turns a plain chart spec from the server into an ECharts option and draws it. The
 * server render draws the spec as SVG (echart.tsx); the browser draws it live on the first
 * interaction. A map's spec comes without its shapes: the server render looks them up itself, and
 * the live map fetches them from `shapesUrl` (a separate response the browser caches) when it
 * turns live, so the page's RSC payload carries none of their coordinates.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { regionCodeOf } from "@/lib/charts/map";
import { buildChartOption, chartHeight, type ChartSpec } from "@/lib/charts/spec";
import type { RegionFeatureCollection } from "@/lib/regions/geo";
import { EChart } from "./echart";

interface Shapes {
  geo: RegionFeatureCollection;
  borders?: RegionFeatureCollection;
}

/** The map's shapes from /api/geo/<name>; null while loading, "failed" when they could not be had. */
function useShapes(url: string | undefined): Shapes | null | "failed" {
  const [state, setState] = useState<{ url: string; shapes: Shapes | "failed" } | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    fetch(url)
      .then(async (r) => {
        if (!r.ok) throw new Error(`${r.status}`);
        return (await r.json()) as Shapes;
      })
      .then(
        (shapes) => live && setState({ url, shapes }),
        () => live && setState({ url, shapes: "failed" }),
      );
    return () => {
      live = false;
    };
  }, [url]);
  return url && state?.url === url ? state.shapes : null;
}

/** A dashboard figure's drawing width at 1280 px and wider (the page's content width caps it): maps span the page, the rest half of it. */
const SERVER_WIDTH = { map: 1118, other: 534 } as const;

export function DashboardChart({ spec: lean, label, shapesUrl }: { spec: ChartSpec; label: string; shapesUrl?: string }) {
  const router = useRouter();
  const [live, setLive] = useState(false);
  const onLive = useCallback(() => setLive(true), []);
  const shapes = useShapes(live ? shapesUrl : undefined);
  const spec = useMemo((): ChartSpec | null => {
    if (!shapesUrl) return lean;
    if (lean.type !== "map" || !shapes || shapes === "failed") return null;
    return { type: "map", input: { ...lean.input, geo: shapes.geo, ...(shapes.borders ? { borders: shapes.borders } : {}) } };
  }, [lean, shapesUrl, shapes]);
  // The live option is the browser's: the server render draws `server` (the spec) as SVG instead.
  const option = useMemo(() => (spec && typeof window !== "undefined" ? buildChartOption(spec) : null), [spec]);
  const maps = useMemo(() => (spec?.type === "map" ? [{ name: spec.input.mapName, geo: spec.input.geo }] : undefined), [spec]);
  const height = chartHeight(lean);
  const server = useMemo(() => ({ spec: lean }), [lean]);
  const serverWidth = lean.type === "map" ? SERVER_WIDTH.map : SERVER_WIDTH.other;
  if (shapes === "failed") {
    const en = lean.type === "map" && lean.input.lang === "en";
    return (
      <div role="img" aria-label={label} style={{ height, display: "grid", placeItems: "center" }} data-chart="pending">
        {en ? "The map's shapes could not be loaded; reload the page." : "地图形状加载失败，请刷新页面。"}
      </div>
    );
  }
  // A click on a map region opens that region's page, keeping the year, indicator and filters.
  const onItemClick =
    lean.type === "map"
      ? (name: string) => {
          if (spec?.type !== "map") return;
          const code = regionCodeOf(spec.input, name);
          const href = spec.input.items.find((it) => it.code === code)?.href;
          if (href) router.push(href);
        }
      : undefined;
  return (
    <EChart
      option={option}
      height={height}
      label={label}
      maps={maps}
      onItemClick={onItemClick}
      server={server}
      serverWidth={serverWidth}
      onLive={onLive}
    />
  );
}
