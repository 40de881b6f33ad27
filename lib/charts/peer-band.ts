/** Peer band: the peers' P25–P75 per year as shaded boxes, their median, and the agency's own line. */
import type { Lang } from "../i18n";
import { getIndicator } from "../indicators/definitions";
import { formatIndicatorValue } from "../indicators/format";
import { axisLabelFormatter, baseOption, colon, escapeHtml, formulaLine, plotValue, tooltipShell } from "./base";
import { cm } from "./messages";
import type { ChartOption } from "./types";

export interface PeerBandYear {
  year: number;
  /** Peers with a value (the agency excluded). */
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
  /** The agency's own value and whether it is a small sample. */
  value: number | null;
  smallSample: boolean;
  /** The agency's value is computed from a figure corrected by hand. */
  handCorrected?: boolean;
}

export interface PeerBandInput {
  indicatorKey: string;
  lang: Lang;
  agencyName: string;
  years: PeerBandYear[];
}

const HALF_WIDTH = 0.3;

export function buildPeerBandOption(input: PeerBandInput): ChartOption {
  const def = getIndicator(input.indicatorKey);
  const { lang } = input;
  const ys = [...input.years].sort((a, b) => a.year - b.year);
  const minYear = ys[0]?.year ?? 2019;
  const maxYear = ys[ys.length - 1]?.year ?? minYear;
  const fmt = (v: number | null, small = false) => formatIndicatorValue(def, { value: v, smallSample: small }, lang);
  return {
    ...baseOption(),
    grid: { left: 8, right: 24, top: 40, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    // Every colour has a legend entry, the shaded P25–P75 band included.
    legend: { top: 0, data: [cm(lang, "chart.subject"), cm(lang, "chart.peerMedian"), cm(lang, "chart.band")] },
    tooltip: {
      ...tooltipShell(),
      trigger: "axis",
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { axisValue: number | string }[]) : [];
        const year = Math.round(Number(list[0]?.axisValue ?? minYear));
        const y = ys.find((d) => d.year === year);
        if (!y) return "";
        return [
          `<div><b>${year}${lang === "zh" ? "年" : ""}</b></div>`,
          `<div>${escapeHtml(input.agencyName)}${colon(lang)}${escapeHtml(fmt(y.value, y.smallSample))}</div>`,
          `<div>${escapeHtml(cm(lang, "chart.peerMedian"))}${colon(lang)}${escapeHtml(fmt(y.median))}</div>`,
          `<div>${escapeHtml(cm(lang, "chart.band"))}${colon(lang)}${escapeHtml(fmt(y.p25))} – ${escapeHtml(fmt(y.p75))}</div>`,
          `<div>${escapeHtml(cm(lang, "chart.peers"))}${colon(lang)}${y.n}</div>`,
          formulaLine(def.formula[lang], lang),
        ].join("");
      },
    },
    xAxis: {
      type: "value",
      // Whole-year ticks one step beyond the data, so every box fits; the outer two stay unlabelled.
      min: minYear - 1,
      max: maxYear + 1,
      interval: 1,
      axisLabel: { formatter: (v: number) => (Number.isInteger(v) && v >= minYear && v <= maxYear ? String(v) : "") },
      splitLine: { show: false },
    },
    yAxis: { type: "value", axisLabel: { formatter: axisLabelFormatter(def) } },
    series: [
      {
        type: "line",
        name: cm(lang, "chart.peerMedian"),
        lineStyle: { type: "dashed", color: "#c8841b" },
        itemStyle: { color: "#c8841b" },
        symbol: "rect",
        symbolSize: 6,
        data: ys.map((y) => [y.year, plotValue(def, y.median)]),
        markArea: {
          silent: true,
          itemStyle: { color: "rgba(31, 78, 140, 0.12)" },
          data: ys
            .filter((y) => y.p25 !== null && y.p75 !== null)
            .map((y) => [
              { xAxis: y.year - HALF_WIDTH, yAxis: plotValue(def, y.p25) ?? 0 },
              { xAxis: y.year + HALF_WIDTH, yAxis: plotValue(def, y.p75) ?? 0 },
            ]),
        },
      },
      {
        type: "line",
        name: cm(lang, "chart.subject"),
        itemStyle: { color: "#b42318" },
        lineStyle: { color: "#b42318" },
        symbolSize: 9,
        data: ys.map((y) => [y.year, plotValue(def, y.value)]),
      },
      {
        // Legend entry only: the band itself is the median series' markArea.
        type: "bar",
        name: cm(lang, "chart.band"),
        itemStyle: { color: "rgba(31, 78, 140, 0.22)" },
        data: [],
      },
    ],
  };
}
