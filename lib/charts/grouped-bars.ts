/** Grouped bars: a few series over shared categories (topic shares, applicant types, years). */
import type { Lang } from "../i18n";
import { formatInteger } from "../indicators/format";
import { baseOption, colon, escapeHtml, formulaLine, percentText, tooltipShell } from "./base";
import type { BarSeriesOption, ChartOption } from "./types";

export interface GroupedBarsSeries {
  name: string;
  /** Shares as fractions (unit "share") or counts (unit "count"); null = "—". */
  values: (number | null)[];
  numerators?: (number | null)[];
  denominators?: (number | null)[];
  /** Reports behind each value (exports). */
  reports?: (number | null)[];
  /** The year of this series when series are years (exports). */
  year?: number;
  /** Values computed from a report with a figure corrected by hand (server-side, lib/charts/hand-corrected.ts). */
  handCorrected?: boolean[];
}

export interface GroupedBarsInput {
  lang: Lang;
  unit: "share" | "count";
  categories: string[];
  /** Stable keys of the categories (topic key, indicator key) for exports. */
  keys?: string[];
  /** The year the bars are of (exports). */
  year?: number;
  series: GroupedBarsSeries[];
  formula: string;
  /** Horizontal bars suit long category names. */
  horizontal?: boolean;
}

export function buildGroupedBarsOption(input: GroupedBarsInput): ChartOption {
  const { lang, unit, categories } = input;
  const toPlot = (v: number | null) => (v === null ? null : unit === "share" ? Math.round(v * 10000) / 100 : v);
  const series: BarSeriesOption[] = input.series.map((s) => ({ type: "bar", name: s.name, barMaxWidth: 22, data: s.values.map(toPlot) }));
  const valueAxis = { type: "value" as const, axisLabel: { formatter: unit === "share" ? "{value}%" : "{value}" } };
  const categoryAxis = { type: "category" as const, data: categories, axisLabel: input.horizontal ? { width: 132, overflow: "break" as const } : { interval: 0, rotate: categories.length > 6 ? 30 : 0 } };
  return {
    ...baseOption(),
    grid: { left: 8, right: 24, top: input.series.length > 1 ? 40 : 16, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    legend: input.series.length > 1 ? { top: 0 } : { show: false },
    tooltip: {
      ...tooltipShell(),
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { dataIndex: number; seriesIndex: number; marker?: string }[]) : [];
        const i = list[0]?.dataIndex ?? 0;
        const lines = list.map((p) => {
          const s = input.series[p.seriesIndex];
          if (!s) return "";
          const v = s.values[i] ?? null;
          const shown = unit === "share" ? percentText(v, lang) : formatInteger(v, lang);
          const n = s.numerators?.[i];
          const d = s.denominators?.[i];
          const nd = n != null && d != null ? `（${formatInteger(n, lang)} / ${formatInteger(d, lang)}）` : "";
          return `<div>${p.marker ?? ""}${escapeHtml(s.name)}${colon(input.lang)}${escapeHtml(shown + nd)}</div>`;
        });
        return `<div><b>${escapeHtml(categories[i] ?? "")}</b></div>${lines.join("")}${formulaLine(input.formula, lang)}`;
      },
    },
    xAxis: input.horizontal ? valueAxis : categoryAxis,
    yAxis: input.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series,
  };
}
