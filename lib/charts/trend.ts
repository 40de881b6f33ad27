/** Trend lines: one indicator over the years, one line per series (a region, an agency). */
import type { Lang } from "../i18n";
import { getIndicator } from "../indicators/definitions";
import { axisLabelFormatter, baseOption, colon, describeValue, escapeHtml, formulaLine, plotValue, tooltipShell } from "./base";
import type { ChartOption, LineSeriesOption } from "./types";
import type { DashboardValue } from "./sums";

export interface TrendPoint {
  year: number;
  value: DashboardValue;
  /** The one report behind the value (agency series): the data table links to it. */
  href?: string;
}

export interface TrendInput {
  indicatorKey: string;
  lang: Lang;
  /** `code`: region code or agency code of the series (exports). */
  series: { name: string; code?: string; points: TrendPoint[] }[];
}

export function trendYears(input: Pick<TrendInput, "series">): number[] {
  return [...new Set(input.series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
}

export function buildTrendOption(input: TrendInput): ChartOption {
  const def = getIndicator(input.indicatorKey);
  const { lang } = input;
  const years = trendYears(input);
  const byYear = input.series.map((s) => new Map(s.points.map((p) => [p.year, p.value])));
  const series: LineSeriesOption[] = input.series.map((s, i) => ({
    type: "line",
    name: s.name,
    connectNulls: false,
    symbolSize: 7,
    data: years.map((y) => plotValue(def, byYear[i]?.get(y)?.value)),
  }));
  return {
    ...baseOption(),
    grid: { left: 8, right: 24, top: input.series.length > 1 ? 40 : 24, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    legend: input.series.length > 1 ? { top: 0, type: "scroll" } : { show: false },
    tooltip: {
      ...tooltipShell(),
      trigger: "axis",
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { dataIndex: number; seriesIndex: number; marker?: string }[]) : [];
        const i = list[0]?.dataIndex ?? 0;
        const year = years[i];
        const lines = list.map((p) => {
          const v = byYear[p.seriesIndex]?.get(year ?? 0);
          const name = input.series[p.seriesIndex]?.name ?? "";
          return `<div>${p.marker ?? ""}${escapeHtml(name)}${colon(lang)}${escapeHtml(v ? describeValue(def, v, lang) : "—")}</div>`;
        });
        return `<div><b>${year ?? ""}${lang === "zh" ? "年" : ""}</b></div>${lines.join("")}${formulaLine(def.formula[lang], lang)}`;
      },
    },
    xAxis: { type: "category", data: years.map(String), boundaryGap: false },
    yAxis: { type: "value", axisLabel: { formatter: axisLabelFormatter(def) }, scale: false },
    series,
  };
}
