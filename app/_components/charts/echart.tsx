"use client";

/**
 * The one ECharts wrapper (STYLE rule 13). Two stages:
 *
 * 1. Server render: the chart is drawn as SVG by ECharts' SSR renderer (echart-ssr.ts, imported
 *    only on the server) into the HTML, so every chart shows at first paint and prints without
 *    the browser downloading ECharts (~195 kB gzipped, more than the rest of a page's scripts).
 *    The SVG is part of this client component's server render, so it is in the HTML once and not
 *    repeated in the RSC payload; hydration keeps it as it is.
 * 2. Live: on the first interaction with the chart (pointer over it, focus, touch, click), or at
 *    once where there is no server drawing (a client-side navigation) or the box is much narrower
 *    than the drawing (a phone), the ECharts modules we use (echart-core.ts, a chunk of its own;
 *    echart-map-modules.ts for maps) are fetched and the chart is drawn again in place, with
 *    tooltips and clicks. A click made before that is replayed on the live chart (a map region
 *    still opens its page). It renders SVG (crisp when pasted into a briefing, selectable text)
 *    and follows its container's width.
 */
import { use, useCallback, useEffect, useRef, useState } from "react";
import type { EChartsType } from "echarts/core";
import type { ChartOption } from "@/lib/charts/types";
import type { RegionFeatureCollection } from "@/lib/regions/geo";
import type { ServerDrawing } from "./echart-ssr";

type CoreModules = typeof import("./echart-core");
type MapModules = typeof import("./echart-map-modules");
type SsrModule = typeof import("./echart-ssr");
let core: Promise<CoreModules> | undefined;
const loadCore = () => (core ??= import("./echart-core"));
let ssr: Promise<SsrModule> | undefined;

/** The width the server draws at when the caller does not say: a half-width dashboard figure at 1280 px. */
const DEFAULT_SERVER_WIDTH = 534;

/**
 * The chart as SVG, during the server render only (null in the browser). `typeof window` is a
 * build-time constant in the browser bundle, so echart-ssr.ts is never part of it.
 */
function useServerSvg(drawing: ServerDrawing | null, width: number, height: number): string | null {
  if (typeof window !== "undefined" || !drawing) return null;
  const m = use((ssr ??= import("./echart-ssr")));
  return m.serverChartSvg(drawing, width, height);
}

export interface EChartProps {
  /** Null while there is nothing to draw live yet (server rendering, a map's shapes not fetched). */
  option: ChartOption | null;
  height: number;
  /** Accessible name of the drawing; the data table next to it carries the numbers. */
  label: string;
  /** Shapes the option's `geo.map` refers to, registered before the option is set. */
  maps?: readonly { name: string; geo: RegionFeatureCollection }[];
  /** A click on a data item or map region, with its name as ECharts knows it. */
  onItemClick?: (name: string) => void;
  /** What the server draws (a dashboard spec; a map's shapes are looked up there); defaults to `option`. */
  server?: ServerDrawing;
  /** The box's usual width, which the server draws at (the SVG then scales to the real box). */
  serverWidth?: number;
  /** Called when the chart turns live: a map fetches its shapes then. */
  onLive?: () => void;
}

/**
 * Replays a click made on the server drawing on the live chart: zrender listens on the element
 * it draws in and hit-tests by coordinates, so the events go to what is now under the point.
 */
function replayClick(chartBox: HTMLElement, at: { x: number; y: number }) {
  const under = document.elementFromPoint(at.x, at.y);
  const el = under && chartBox.contains(under) ? under : chartBox;
  const init = { clientX: at.x, clientY: at.y, bubbles: true, cancelable: true, isPrimary: true, pointerId: 1, pointerType: "mouse" };
  for (const type of ["pointermove", "pointerdown", "pointerup"]) el.dispatchEvent(new PointerEvent(type, init));
  for (const type of ["mousemove", "mousedown", "mouseup", "click"]) el.dispatchEvent(new MouseEvent(type, init));
}

export function EChart({ option, height, label, maps, onItemClick, server, serverWidth = DEFAULT_SERVER_WIDTH, onLive }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onItemClick);
  useEffect(() => {
    click.current = onItemClick;
  }, [onItemClick]);

  const svg = useServerSvg(server ?? (option ? { option } : null), serverWidth, height);
  // "static": the server's SVG is shown; "live": ECharts is wanted; "drawn": ECharts has drawn.
  const [stage, setStage] = useState<"static" | "live" | "drawn">("static");
  const pendingClick = useRef<{ x: number; y: number } | null>(null);
  const firstDraw = useRef(true);
  const goLive = useCallback(() => setStage((s) => (s === "static" ? "live" : s)), []);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Nothing from the server (a client-side navigation, or the server render failed): draw now.
    if (!el.querySelector("[data-chart-static] svg")) return goLive();
    // A box much narrower than the drawing (a phone) would shrink its text: draw at its own width once idle.
    if (el.clientWidth > 0 && el.clientWidth < serverWidth * 0.75) {
      if ("requestIdleCallback" in window) window.requestIdleCallback(goLive);
      else setTimeout(goLive, 200); // Safari before 18
    }
  }, [goLive, serverWidth]);

  const live = stage !== "static";
  useEffect(() => {
    if (live) onLive?.();
  }, [live, onLive]);

  const [coreModules, setCoreModules] = useState<CoreModules | null>(null);
  useEffect(() => {
    if (!live) return;
    let on = true;
    void loadCore().then((m) => {
      if (on) setCoreModules(m);
    });
    return () => {
      on = false;
    };
  }, [live]);

  // Map modules must be registered before init: an instance snapshots the visual encoders
  // (visualMap's among them) when it is created.
  const needsMap = Boolean(maps?.length);
  const [mapModules, setMapModules] = useState<MapModules | null>(null);
  useEffect(() => {
    if (!live || !needsMap || mapModules) return;
    let on = true;
    void import("./echart-map-modules").then((m) => {
      if (on) setMapModules(m);
    });
    return () => {
      on = false;
    };
  }, [live, needsMap, mapModules]);
  // Not before the option: a map's (and so `maps`) waits for its shapes, and the map modules for them.
  const ready = coreModules !== null && option !== null && (!needsMap || mapModules !== null);

  useEffect(() => {
    const el = ref.current;
    if (!el || !ready || !coreModules) return;
    const instance = coreModules.init(el, undefined, { renderer: "svg", locale: "ZH" });
    chart.current = instance;
    instance.on("click", (p) => {
      if (typeof p.name === "string" && p.name) click.current?.(p.name);
    });
    // The server's drawing stays until the live one is on screen.
    instance.on("finished", () => setStage("drawn"));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [ready, coreModules]);

  useEffect(() => {
    if (!ready || !chart.current) return;
    // registerMap is global and keyed by name; a name always stands for the same shapes.
    for (const m of maps ?? []) mapModules?.registerMap(m.name, m.geo);
    if (!option) return;
    // Taking over from the server's drawing: no entry animation, the chart is already there.
    chart.current.setOption(firstDraw.current ? { ...option, animation: false } : option, { notMerge: true });
    firstDraw.current = false;
  }, [ready, option, maps, mapModules]);

  useEffect(() => {
    const at = pendingClick.current;
    const el = ref.current;
    if (stage !== "drawn" || !at || !el) return;
    pendingClick.current = null;
    const frame = requestAnimationFrame(() => replayClick(el, at));
    return () => cancelAnimationFrame(frame);
  }, [stage]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      style={{ position: "relative", width: "100%", height, cursor: onItemClick ? "pointer" : undefined }}
      data-chart="echarts"
      data-chart-stage={stage}
      onPointerEnter={goLive}
      onFocus={goLive}
      onTouchStart={goLive}
      onClick={(e) => {
        if (stage === "drawn") return;
        pendingClick.current = { x: e.clientX, y: e.clientY };
        goLive();
      }}
    >
      {stage === "drawn" ? null : (
        // The server's SVG; the browser's first render leaves it as the server sent it.
        <div data-chart-static="" style={{ position: "absolute", inset: 0, zIndex: 1 }} dangerouslySetInnerHTML={{ __html: svg ?? "" }} suppressHydrationWarning />
      )}
      <div ref={ref} style={{ width: "100%", height: "100%" }} />
    </div>
  );
}
