/**
 * The charts' server render: echart.tsx imports this module only while it renders on the server
 * (the SSR pass of the client wrapper), never in the browser, and draws the chart as SVG with
 * ECharts' SSR renderer — the same modules and option builders as the export
 * (lib/export/render-svg.ts). The SVG is in the server-rendered HTML only, not in the RSC
 * payload, so the page shows every chart at first paint without downloading ECharts.
 */
import { buildChartOption, type ChartSpec } from "@/lib/charts/spec";
import { CJK_FONT_FAMILY } from "@/lib/charts/base";
import type { ChartOption } from "@/lib/charts/types";
import { renderChartSvg, specMaps } from "@/lib/export/render-svg";
import { getMapShapesByName } from "@/app/_lib/guizhou-geo-shapes";

/** What the server draws: a dashboard spec (a map's shapes are looked up by its name) or a ready option. */
export type ServerDrawing = { spec: ChartSpec } | { option: ChartOption };

/**
 * The chart as an SVG string `width` × `height`, sized by its viewBox so it scales to its box;
 * null when there is nothing to draw (a map whose shapes are unknown) or ECharts fails (the
 * browser then draws it).
 */
export function serverChartSvg(drawing: ServerDrawing, width: number, height: number): string | null {
  // A spec is plain data and its drawing depends on nothing else: drawn once per process. (An
  // option holds formatter functions, which a key could not tell apart: drawn every time.)
  if (!("spec" in drawing)) return draw(drawing, width, height);
  const key = `${width}x${height}:${JSON.stringify(drawing.spec)}`;
  const hit = drawings.get(key);
  if (hit !== undefined) {
    // Most recently used last.
    drawings.delete(key);
    drawings.set(key, hit);
    return hit;
  }
  const svg = draw(drawing, width, height);
  remember(key, svg);
  return svg;
}

/**
 * Drawings of specs, least recently used first, up to ~8 M characters: a map costs a few hundred
 * ms of server CPU to draw (the 88 counties ~160 k characters), a bar chart tens of ms.
 */
const drawings = new Map<string, string | null>();
let drawnChars = 0;
const MAX_DRAWN_CHARS = 8_000_000;

function remember(key: string, svg: string | null): void {
  drawings.set(key, svg);
  drawnChars += key.length + (svg?.length ?? 0);
  for (const [k, v] of drawings) {
    if (drawnChars <= MAX_DRAWN_CHARS || k === key) break;
    drawings.delete(k);
    drawnChars -= k.length + (v?.length ?? 0);
  }
}

function draw(drawing: ServerDrawing, width: number, height: number): string | null {
  try {
    let option: ChartOption;
    let maps: ReturnType<typeof specMaps> = [];
    if ("spec" in drawing) {
      let spec = drawing.spec;
      if (spec.type === "map" && !spec.input.geo.features.length) {
        const shapes = getMapShapesByName(spec.input.mapName);
        if (!shapes) return null;
        spec = { type: "map", input: { ...spec.input, geo: shapes.geo, ...(shapes.borders ? { borders: shapes.borders } : {}) } };
      }
      option = buildChartOption(spec);
      maps = specMaps(spec);
    } else {
      option = drawing.option;
    }
    // No entry animation: the SSR frame is the final one.
    return compactSvg(renderChartSvg({ ...option, animation: false }, { width, height }, maps), width, height);
  } catch (error) {
    console.error(`chart server render failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The decimal numbers of an attribute value rounded to `digits` places (-0 written 0). */
const round = (value: string, digits: number) => value.replace(/-?\d+\.\d+/g, (n) => String(Number(Number(n).toFixed(digits)) || 0));

/** Every eighth gradient stop, and the last: the ramp between them is linear all the same. */
function thin(stops: string): string {
  const all = stops.match(/<stop\b[^>]*><\/stop>/g) ?? [];
  return all.filter((_, i) => i % 8 === 0 || i === all.length - 1).join("");
}

const FONT_DECL = `font-family:${CJK_FONT_FAMILY};`;

/**
 * The SVG as the page embeds it, smaller than the export's (the HTML carries one per chart):
 * - scales with its box (width 100%; the viewBox keeps the proportions);
 * - the charts' font family once on the root, inherited by every text, instead of on each text;
 * - without what only a live chart uses: pointer-events, hover classes and their style sheet,
 *   the `ecmeta_` attributes of ECharts' SSR client runtime, the newlines between elements;
 * - long outlines (map shapes) rounded to whole pixels, other shapes and positions to tenths;
 * - a map legend's colour ramp with one stop in eight (its hundred stops sample six colours).
 */
export function compactSvg(svg: string, width: number, height: number): string {
  return svg
    .replace(/<style\b[^>]*><!\[CDATA\[[\s\S]*?\]\]>\s*<\/style>/g, "")
    .replace(/ class="zr\d+-cls-\d+"/g, "")
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
    .replace(/ pointer-events="visible"/g, "")
    .replaceAll(FONT_DECL, "")
    .replace(/ style=""/g, "")
    .replace(/ d="([^"]{400,})"/g, (_m, d: string) => ` d="${round(d, 0)}"`)
    .replace(/ (d|transform)="([^"]*\d\.\d\d[^"]*)"/g, (_m, name: string, value: string) => ` ${name}="${round(value, 1)}"`)
    .replace(/>\s+</g, "><")
    .replace(/(<linearGradient\b[^>]*>)((?:<stop\b[^>]*><\/stop>){20,})(<\/linearGradient>)/g, (_m, open: string, stops: string, close: string) => open + thin(stops) + close)
    .replace(
      /^<svg width="\d+(\.\d+)?" height="\d+(\.\d+)?"/,
      `<svg width="100%" height="100%" preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false" data-width="${width}" data-height="${height}" style="${FONT_DECL}"`,
    );
}
