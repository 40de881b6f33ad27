/** Ranking bars: regions or agencies sorted by one indicator, with the (peer) median as a markLine. */
import type { Lang } from "../i18n";
import { getIndicator } from "../indicators/definitions";
import { formatIndicatorValue } from "../indicators/format";
import { axisLabelFormatter, baseOption, colon, describeValue, escapeHtml, formulaLine, plotValue, tooltipShell } from "./base";
import { cm } from "./messages";
import type { DashboardValue } from "./sums";
import type { ChartOption } from "./types";

export interface RankingItem {
  label: string;
  /** Region code or agency code (exports). */
  code?: string;
  href?: string;
  value: DashboardValue;
  /** Drawn in the accent colour (the agency among its peers). */
  highlight?: boolean;
}

export interface RankingInput {
  indicatorKey: string;
  lang: Lang;
  items: RankingItem[];
  /** The year ranked (exports). */
  year?: number;
  /** Median of the plotted group, as an indicator value (fraction for rates); null = no markLine. */
  median?: number | null;
}

/** Highest first; items without a value last, in input order. */
export function sortRanking(items: readonly RankingItem[]): RankingItem[] {
  return items
    .map((it, i) => ({ it, i }))
    .sort((a, b) => {
      const va = a.it.value.value;
      const vb = b.it.value.value;
      if (va === null && vb === null) return a.i - b.i;
      if (va === null) return 1;
      if (vb === null) return -1;
      return vb - va || a.i - b.i;
    })
    .map((x) => x.it);
}

export function buildRankingOption(input: RankingInput): ChartOption {
  const def = getIndicator(input.indicatorKey);
  const { lang } = input;
  const items = sortRanking(input.items);
  const median = input.median ?? null;
  return {
    ...baseOption(),
    // The y axis is inverted (highest first), so the median label at the line's start sits on top.
    grid: { left: 8, right: 56, top: median !== null ? 28 : 8, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    tooltip: {
      ...tooltipShell(),
      trigger: "item",
      formatter: (p: unknown) => {
        const it = items[(p as { dataIndex: number }).dataIndex];
        if (!it) return "";
        return `<div><b>${escapeHtml(it.label)}</b></div><div>${escapeHtml(def.label[lang])}${colon(lang)}${escapeHtml(describeValue(def, it.value, lang))}</div>${formulaLine(def.formula[lang], lang)}`;
      },
    },
    xAxis: { type: "value", axisLabel: { formatter: axisLabelFormatter(def) } },
    yAxis: { type: "category", data: items.map((it) => it.label), inverse: true, axisLabel: { width: 180, overflow: "break", lineHeight: 12, interval: 0 } },
    series: [
      {
        type: "bar",
        name: def.label[lang],
        barMaxWidth: 18,
        data: items.map((it) => ({
          value: plotValue(def, it.value.value),
          itemStyle: { color: it.highlight ? "#b42318" : it.value.smallSample ? "#9bb3d4" : "#1f4e8c" },
        })),
        label: {
          show: true,
          position: "right",
          fontSize: 11,
          formatter: (p: unknown) => {
            const it = items[(p as { dataIndex: number }).dataIndex];
            return it ? formatIndicatorValue(def, it.value, lang) : "";
          },
        },
        ...(median !== null
          ? {
              markLine: {
                symbol: "none",
                silent: true,
                lineStyle: { type: "dashed", color: "#c8841b" },
                label: { formatter: `${cm(lang, "chart.median")} ${formatIndicatorValue(def, { value: median, smallSample: false }, lang)}`, position: "start" },
                data: [{ xAxis: plotValue(def, median) ?? 0 }],
              },
            }
          : {}),
      },
    ],
  };
}
