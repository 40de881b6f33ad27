/**
 * The comparison charts (grouped bars, trend lines, small multiples, ranking with the median) as
 * pure option builders. The /compare page draws them in the browser and /api/export/chart renders
 * the very same option with ECharts SSR, adding only a footer (source, date), so a downloaded
 * chart is what the page showed. Everything here is plain data in, plain data out.
 */
import type { Lang } from "../i18n";
import { getIndicator, type IndicatorDef } from "../indicators/definitions";
import { formatIndicatorValue, formatInteger } from "../indicators/format";
import type { CompareView } from "../export/compare-params";
import type { Comparison, CompareNullReason, CompareValue } from "../export/comparison";
import { axisLabelFormatter, BORDER, colon, escapeHtml, INK, INK_MUTED, PALETTE, plotValue, tooltipShell } from "./base";
import { agencyDisplayName } from "../regions/english";
import { ct } from "./compare-messages";
import type { BarSeriesOption, ChartOption, LineSeriesOption } from "./types";

// ───────────────────────────── the spec (plain data) ─────────────────────────────

export interface ComparePoint {
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  smallSample: boolean;
  regionAggregate: boolean;
  reason?: CompareNullReason;
  reportId: string | null;
  /** The report has error findings: marked ⚠ and outlined in every view and export. */
  reportErrors: boolean;
  /** A figure it is computed from was corrected by hand. */
  handCorrected: boolean;
  /** An impossible value (a share above 100 %): grey, ranked last, not in the median. */
  impossible: boolean;
}

export interface CompareSeries {
  agencyId: string;
  /** Agency name as shown (with "（汇总）" when every report is region-wide). */
  name: string;
  adminCode: string | null;
  /** Aligned with the spec's years. */
  points: ComparePoint[];
}

/** One chart: serialisable from the server page to the client leaf and used by the SSR export. */
export interface CompareChartSpec {
  view: CompareView;
  lang: Lang;
  indicatorKey: string;
  title: string;
  formula: string;
  /** The years drawn (ranking: the one year ranked). */
  years: number[];
  series: CompareSeries[];
  /** Median of the compared agencies per year, aligned with years. */
  medians: (number | null)[];
  /** Quartiles of the same values (the ranking's band), aligned with years. */
  p25s: (number | null)[];
  p75s: (number | null)[];
  notes: string[];
  anySmallSample: boolean;
}

function yearsLabel(years: readonly number[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return "";
  return first === last ? String(first) : `${first}–${last}`;
}

/** The chart of one indicator of a comparison, in the comparison's view. */
export function compareChartSpec(c: Comparison, indicatorKey: string, lang: Lang): CompareChartSpec {
  const def = getIndicator(indicatorKey);
  const view = c.params.view;
  // Ranking shows one year: the last of the range (the latest the reader asked for).
  const years = view === "ranking" ? c.years.slice(-1) : [...c.years];
  const byKey = new Map<string, CompareValue>();
  for (const v of c.values) if (v.indicatorKey === indicatorKey) byKey.set(`${v.agencyId}|${v.year}`, v);
  const series: CompareSeries[] = c.agencies.map((a) => {
    const points: ComparePoint[] = years.map((year) => {
      const v = byKey.get(`${a.id}|${year}`);
      return {
        year,
        value: v?.value ?? null,
        numerator: v?.numerator ?? null,
        denominator: v?.denominator ?? null,
        smallSample: v?.smallSample ?? false,
        regionAggregate: v?.regionAggregate ?? false,
        reportId: v?.reportId ?? null,
        reportErrors: v?.reportErrors ?? false,
        handCorrected: v?.handCorrected ?? false,
        impossible: v?.impossible ?? false,
        ...(v?.reason ? { reason: v.reason } : { ...(v ? {} : { reason: "no_report" as const }) }),
      };
    });
    const withReport = points.filter((p) => p.reportId !== null);
    const aggregateOnly = withReport.length > 0 && withReport.every((p) => p.regionAggregate);
    const name = agencyDisplayName(lang, a.name, a.adminCode);
    return { agencyId: a.id, name: aggregateOnly ? `${name}${ct(lang, "chart.aggregateMark")}` : name, adminCode: a.adminCode, points };
  });
  const statsByYear = new Map(c.medians.filter((m) => m.indicatorKey === indicatorKey).map((m) => [m.year, m]));
  const medians = years.map((y) => statsByYear.get(y)?.median ?? null);
  const p25s = years.map((y) => statsByYear.get(y)?.p25 ?? null);
  const p75s = years.map((y) => statsByYear.get(y)?.p75 ?? null);
  const points = series.flatMap((s) => s.points);

  const anySmallSample = series.some((s) => s.points.some((p) => p.smallSample && p.value !== null));
  const notes: string[] = [];
  if (def.formatSensitive && years.some((y) => y <= 2020) && years.some((y) => y >= 2021)) notes.push(ct(lang, "chart.formatMixed"));
  if (series.some((s) => s.points.some((p) => p.regionAggregate))) notes.push(ct(lang, "chart.regionAggregate"));
  if (view === "ranking") notes.push(ct(lang, "chart.quartileNote"));
  if (points.some((p) => p.reportErrors && p.value !== null)) notes.push(ct(lang, "chart.flaggedNote"));
  if (points.some((p) => p.impossible)) notes.push(ct(lang, "chart.impossibleNote"));
  if (points.some((p) => p.handCorrected && p.value !== null)) notes.push(ct(lang, "chart.handCorrectedNote"));
  const excluded = points.filter((p) => p.reason === "excluded_errors").length;
  if (excluded > 0) notes.push(ct(lang, "chart.excludedNote", { n: excluded }));

  const label = def.label[lang];
  const title =
    view === "ranking" ? ct(lang, "title.ranking", { indicator: label, year: yearsLabel(years) }) : ct(lang, "title.compare", { indicator: label, years: yearsLabel(years) });
  return { view, lang, indicatorKey, title, formula: def.formula[lang], years, series, medians, p25s, p75s, notes, anySmallSample };
}

// ───────────────────────────── layout ─────────────────────────────

/**
 * The CJK font stack in single quotes: ECharts' SSR writes it into a double-quoted style
 * attribute unescaped, so double quotes (as in lib/charts/base.ts) would break the SVG.
 */
export const COMPARE_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const CJK_FONT_FAMILY = COMPARE_FONT_FAMILY;

export const COMPARE_CHART_WIDTH = 960;
const PAD = 24;
const TITLE_H = 62;
const LEGEND_ROW_H = 22;
const FOOTER_LINE_H = 16;
const MULTIPLES_PANEL_H = 170;

/** Rough text width for layout: CJK glyphs are square, Latin about 0.6 em. */
export function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\u9FFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? fontSize : fontSize * 0.62;
  return w;
}

function legendNames(spec: CompareChartSpec): string[] {
  switch (spec.view) {
    case "bars":
      return spec.years.length > 1 ? spec.years.map(String) : [];
    case "lines":
      return spec.series.length > 1 ? spec.series.map((s) => s.name) : [];
    default:
      return [];
  }
}

/** Legend rows when items (icon + gap + text) wrap at the chart's width. */
function legendRows(names: readonly string[], width: number): number {
  if (names.length === 0) return 0;
  let rows = 1;
  let x = 0;
  for (const n of names) {
    const w = 25 + 5 + textWidth(n, 12) + 10;
    if (x > 0 && x + w > width - 2 * PAD) {
      rows += 1;
      x = 0;
    }
    x += w;
  }
  return rows;
}

/** The export's footer: the notes the page prints under the chart as text, then source and date. */
function footerLines(spec: CompareChartSpec, frame: ExportFrame | undefined): string[] {
  if (!frame) return [];
  const lines = [...spec.notes];
  if (spec.anySmallSample) lines.push(ct(spec.lang, "chart.smallSample"));
  lines.push(`${ct(spec.lang, "chart.source")}　${ct(spec.lang, "chart.exported", { date: frame.exportedOn })}`);
  if (frame.fontMissing) lines.push(ct(spec.lang, "chart.fontMissing"));
  return lines;
}

/** Wraps a footer line to the chart's width (ECharts titles do not wrap by themselves in SSR). */
export function wrap(line: string, width: number, fontSize: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of line) {
    if (textWidth(cur + ch, fontSize) > width) {
      out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function multiplesColumns(n: number): number {
  return Math.max(1, Math.min(4, n));
}

export interface ChartSize {
  width: number;
  height: number;
}

export interface ExportFrame {
  /** YYYY-MM-DD, passed in (lib is pure: no clock). */
  exportedOn: string;
  /** The server found no CJK font: say so in the image. */
  fontMissing?: boolean;
}

interface Layout extends ChartSize {
  top: number;
  bottom: number;
  legendRows: number;
  footer: string[];
  /** Exported (PNG/SVG): the formula is drawn under the title. On the page it is HTML text beside the chart, once. */
  exported: boolean;
}

function layout(spec: CompareChartSpec, frame?: ExportFrame): Layout {
  const width = COMPARE_CHART_WIDTH;
  const rows = legendRows(legendNames(spec), width);
  const footer = footerLines(spec, frame).flatMap((l) => wrap(l, width - 2 * PAD, 11));
  // Ranking: room above the bars for the median's label.
  const top = TITLE_H + (rows > 0 ? rows * LEGEND_ROW_H + 8 : 0) + (spec.view === "ranking" ? 30 : 12);
  const bottom = 16 + footer.length * FOOTER_LINE_H + 8;
  const n = Math.max(1, spec.series.length);
  let body: number;
  switch (spec.view) {
    case "bars":
      body = n * Math.max(30, spec.years.length * 13 + 12) + 30;
      break;
    case "ranking":
      body = n * 28 + 30;
      break;
    case "lines":
      body = 360;
      break;
    case "multiples":
      body = Math.ceil(n / multiplesColumns(n)) * MULTIPLES_PANEL_H;
      break;
  }
  return { width, height: Math.round(top + body + bottom), top, bottom, legendRows: rows, footer, exported: frame !== undefined };
}

/** The chart's size in CSS pixels (the PNG export is twice this). */
export function compareChartSize(spec: CompareChartSpec, frame?: ExportFrame): ChartSize {
  const l = layout(spec, frame);
  return { width: l.width, height: l.height };
}

// ───────────────────────────── option builders ─────────────────────────────

/** Small samples are drawn in a pale tint of the series colour; their labels stay full ink. */
export function paleTint(hex: string, amount = 0.55): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const [r, g, b] = [mix((n >> 16) & 255), mix((n >> 8) & 255), mix(n & 255)];
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, "0")}`;
}

/** The value as labelled: "12.5%*", with ⚠ when its report has errors, "不可能的值" when impossible. */
function shown(def: IndicatorDef, p: ComparePoint, lang: Lang): string {
  const base = formatIndicatorValue(def, p, lang);
  if (p.value === null) return base;
  const flags = [p.reportErrors ? ct(lang, "chart.flaggedMark") : "", p.impossible ? ct(lang, "chart.impossibleMark") : ""].filter(Boolean);
  return flags.length ? `${base} ${flags.join(" ")}` : base;
}

/** The label of a missing value: "无数据", with why when the reason is more than no report. */
function missingLabel(p: ComparePoint, lang: Lang): string {
  if (!p.reason || p.reason === "no_report" || p.reason === "no_reports") return ct(lang, "chart.noData");
  return `— ${ct(lang, `reason.${p.reason}`)}`;
}

const FLAG_RED = "#c0392b";
const IMPOSSIBLE_GREY = "#b8bcc2";

function pointLine(def: IndicatorDef, name: string, p: ComparePoint, lang: Lang): string {
  const nd = p.denominator !== null && p.numerator !== null ? `（${formatInteger(p.numerator, lang)} / ${formatInteger(p.denominator, lang)}）` : "";
  const why = p.value === null && p.reason ? `（${ct(lang, `reason.${p.reason}`)}）` : "";
  return `<div>${escapeHtml(name)} ${p.year}${colon(lang)}${escapeHtml(shown(def, p, lang) + nd + why)}</div>`;
}

function formulaHtml(spec: CompareChartSpec): string {
  return `<div style="margin-top:6px;color:${INK_MUTED};font-size:11px">${escapeHtml(ct(spec.lang, "chart.formula"))}${colon(spec.lang)}${escapeHtml(spec.formula)}</div>`;
}

function frameOption(spec: CompareChartSpec, l: Layout) {
  const titles: NonNullable<ChartOption["title"]> = [
    {
      text: spec.title,
      subtext: l.exported ? `${ct(spec.lang, "chart.formula")}${colon(spec.lang)}${spec.formula}` : "",
      left: PAD,
      top: 12,
      itemGap: 8,
      textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 18, fontWeight: "bold", color: INK },
      subtextStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 12, color: INK_MUTED, width: l.width - 2 * PAD, overflow: "truncate" },
    },
  ];
  if (l.footer.length > 0) {
    titles.push({
      text: l.footer.join("\n"),
      left: PAD,
      bottom: 10,
      textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 11, fontWeight: "normal", color: INK_MUTED, lineHeight: FOOTER_LINE_H },
    });
  }
  return {
    color: [...PALETTE],
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: CJK_FONT_FAMILY, color: INK },
    animation: false,
    title: titles,
  };
}

function legend(l: Layout) {
  return l.legendRows > 0
    ? { top: TITLE_H + 4, left: PAD, right: PAD, itemGap: 10, textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 12, color: INK } }
    : { show: false };
}

function barData(def: IndicatorDef, p: ComparePoint, color: string) {
  const fill = p.impossible ? IMPOSSIBLE_GREY : p.smallSample ? paleTint(color) : color;
  return {
    value: plotValue(def, p.value),
    itemStyle: p.reportErrors ? { color: fill, borderColor: FLAG_RED, borderWidth: 2, borderType: "dashed" as const } : { color: fill },
  };
}

function buildBars(spec: CompareChartSpec, def: IndicatorDef, l: Layout): ChartOption {
  const { lang } = spec;
  const labels = spec.series.length * spec.years.length <= 40;
  const series: BarSeriesOption[] = spec.years.map((year, yi) => {
    const color = PALETTE[yi % PALETTE.length]!;
    return {
      type: "bar",
      name: String(year),
      barMaxWidth: 16,
      barGap: "15%",
      itemStyle: { color },
      data: spec.series.map((s) => barData(def, s.points[yi]!, color)),
      label: {
        show: labels,
        position: "right",
        fontSize: 10,
        color: INK_MUTED,
        formatter: (p: unknown) => {
          const pt = spec.series[(p as { dataIndex: number }).dataIndex]?.points[yi];
          if (!pt) return "";
          return pt.value !== null ? shown(def, pt, lang) : spec.years.length === 1 ? missingLabel(pt, lang) : "";
        },
      },
    };
  });
  return {
    ...frameOption(spec, l),
    legend: legend(l),
    grid: { left: PAD, right: PAD + 36, top: l.top, bottom: l.bottom, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    tooltip: {
      ...tooltipShell(),
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { dataIndex: number }[]) : [];
        const s = spec.series[list[0]?.dataIndex ?? 0];
        if (!s) return "";
        return `<div><b>${escapeHtml(s.name)}</b></div>${s.points.map((p) => pointLine(def, String(p.year), p, lang)).join("")}${formulaHtml(spec)}`;
      },
    },
    xAxis: { type: "value", axisLabel: { formatter: axisLabelFormatter(def), color: INK_MUTED }, splitLine: { lineStyle: { color: BORDER } } },
    yAxis: { type: "category", inverse: true, data: spec.series.map((s) => s.name), axisLabel: { width: 240, overflow: "break", lineHeight: 13, interval: 0, color: INK, fontSize: 12 } },
    series,
  };
}

/**
 * Which lines get a label at their last point: at most one per band of 6% of the value range, so
 * end labels never sit on one another (the legend and the data table name the rest).
 */
export function endLabelled(spec: CompareChartSpec): Set<number> {
  const last = spec.series
    .map((s, i) => ({ i, v: [...s.points].reverse().find((p) => p.value !== null)?.value ?? null }))
    .filter((x): x is { i: number; v: number } => x.v !== null)
    .sort((a, b) => b.v - a.v);
  const out = new Set<number>();
  if (last.length === 0) return out;
  const all = spec.series.flatMap((s) => s.points.map((p) => p.value)).filter((v): v is number => v !== null);
  const range = Math.max(...all, 0) - Math.min(...all, 0) || 1;
  let prev: number | null = null;
  for (const x of last) {
    if (prev === null || (prev - x.v) / range >= 0.06) {
      out.add(x.i);
      prev = x.v;
    }
  }
  return out;
}

function lastValueIndex(s: CompareSeries): number {
  for (let i = s.points.length - 1; i >= 0; i -= 1) if (s.points[i]?.value !== null) return i;
  return -1;
}

function buildLines(spec: CompareChartSpec, def: IndicatorDef, l: Layout): ChartOption {
  const { lang } = spec;
  const labelled = endLabelled(spec);
  const series: LineSeriesOption[] = spec.series.map((s, si) => {
    const lastIndex = lastValueIndex(s);
    return {
      type: "line",
      name: s.name,
      connectNulls: false,
      symbolSize: 7,
      lineStyle: { width: 2 },
      data: s.points.map((p) => ({ value: plotValue(def, p.value), symbol: p.smallSample ? "emptyCircle" : "circle" })),
      // Each line's latest value at its end, where labels do not collide (endLabelled).
      label: {
        show: labelled.has(si),
        position: "right",
        fontSize: 11,
        color: PALETTE[si % PALETTE.length],
        formatter: (p: unknown) => {
          const i = (p as { dataIndex: number }).dataIndex;
          const pt = s.points[i];
          return i === lastIndex && pt && pt.value !== null ? shown(def, pt, lang) : "";
        },
      },
    };
  });
  return {
    ...frameOption(spec, l),
    legend: legend(l),
    grid: { left: PAD, right: PAD + 56, top: l.top, bottom: l.bottom, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    tooltip: {
      ...tooltipShell(),
      trigger: "axis",
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as { dataIndex: number; seriesIndex: number }[]) : [];
        const yi = list[0]?.dataIndex ?? 0;
        const lines = list.map((p) => {
          const s = spec.series[p.seriesIndex];
          const pt = s?.points[yi];
          return s && pt ? pointLine(def, s.name, pt, lang) : "";
        });
        return `${lines.join("")}${formulaHtml(spec)}`;
      },
    },
    xAxis: { type: "category", data: spec.years.map(String), boundaryGap: false, axisLabel: { color: INK } },
    yAxis: { type: "value", axisLabel: { formatter: axisLabelFormatter(def), color: INK_MUTED }, splitLine: { lineStyle: { color: BORDER } } },
    series,
  };
}

function buildMultiples(spec: CompareChartSpec, def: IndicatorDef, l: Layout): ChartOption {
  const { lang } = spec;
  const n = spec.series.length;
  const cols = multiplesColumns(n);
  const panelW = (l.width - 2 * PAD) / cols;
  const plotted = spec.series.flatMap((s) => s.points.map((p) => plotValue(def, p.value))).filter((v): v is number => v !== null);
  // One scale for every panel, or the panels cannot be compared by eye.
  const hi = plotted.length > 0 ? Math.max(...plotted, 0) : 1;
  const lo = plotted.length > 0 ? Math.min(...plotted, 0) : 0;
  // About three round steps span the data: short, even tick labels on every panel.
  const interval = niceBound((hi - lo) / 3 || 1);
  const max = Math.ceil(hi / interval - 1e-9) * interval;
  const min = Math.floor(lo / interval + 1e-9) * interval;
  // Value labels only where each bar has room for "12.5%*".
  const labels = (panelW - 60) / Math.max(1, spec.years.length) >= 40;
  const frame = frameOption(spec, l);
  const titles = [...(frame.title as object[])];
  const grids: object[] = [];
  const xAxes: object[] = [];
  const yAxes: object[] = [];
  const series: BarSeriesOption[] = [];
  spec.series.forEach((s, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const left = PAD + col * panelW;
    const top = l.top + row * MULTIPLES_PANEL_H;
    titles.push({
      text: s.name,
      left: left + 4,
      top,
      textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 12, fontWeight: "bold", color: INK, width: panelW - 12, overflow: "truncate" },
    });
    grids.push({ left: left + 44, top: top + 26, width: panelW - 60, height: MULTIPLES_PANEL_H - 58 });
    xAxes.push({ gridIndex: i, type: "category", data: spec.years.map(String), axisLabel: { fontSize: 10, color: INK_MUTED, interval: 0 }, axisTick: { show: false } });
    yAxes.push({
      gridIndex: i,
      type: "value",
      max,
      min,
      interval,
      axisLabel: { fontSize: 10, color: INK_MUTED, formatter: axisLabelFormatter(def) },
      splitLine: { lineStyle: { color: BORDER } },
    });
    const color = PALETTE[0]!;
    series.push({
      type: "bar",
      name: s.name,
      xAxisIndex: i,
      yAxisIndex: i,
      barMaxWidth: 18,
      data: s.points.map((p) => barData(def, p, color)),
      label: {
        show: labels,
        position: "top",
        fontSize: 10,
        color: INK,
        formatter: (p: unknown) => {
          const pt = s.points[(p as { dataIndex: number }).dataIndex];
          return pt && pt.value !== null ? shown(def, pt, lang) : "";
        },
      },
    });
  });
  return {
    ...frame,
    title: titles,
    legend: { show: false },
    tooltip: {
      ...tooltipShell(),
      trigger: "item",
      formatter: (p: unknown) => {
        const { seriesIndex, dataIndex } = p as { seriesIndex: number; dataIndex: number };
        const s = spec.series[seriesIndex];
        const pt = s?.points[dataIndex];
        return s && pt ? `${pointLine(def, s.name, pt, lang)}${formulaHtml(spec)}` : "";
      },
    },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
}

/** A round axis bound at or above v (18.18 → 20, 0.37 → 0.4, 0 → 0): axis labels stay short. */
export function niceBound(v: number): number {
  if (v <= 0) return 0;
  const step = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= v - 1e-9) return Math.round(m * step * 1e6) / 1e6;
  return 10 * step;
}

/** Ranking order: highest first, then impossible values (never "highest"), then agencies without a value (in input order). */
export function rankingOrder(spec: CompareChartSpec): CompareSeries[] {
  const tier = (p: ComparePoint | undefined) => (p?.value == null ? 2 : p.impossible ? 1 : 0);
  return spec.series
    .map((s, i) => ({ s, i, p: s.points[0], v: s.points[0]?.value ?? null }))
    .sort((a, b) => tier(a.p) - tier(b.p) || (a.v !== null && b.v !== null ? b.v - a.v : 0) || a.i - b.i)
    .map((x) => x.s);
}

function buildRanking(spec: CompareChartSpec, def: IndicatorDef, l: Layout): ChartOption {
  const { lang } = spec;
  const items = rankingOrder(spec);
  const median = spec.medians[0] ?? null;
  const p25 = spec.p25s[0] ?? null;
  const p75 = spec.p75s[0] ?? null;
  const color = PALETTE[0]!;
  return {
    ...frameOption(spec, l),
    legend: { show: false },
    grid: { left: PAD, right: PAD + 56, top: l.top, bottom: l.bottom, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    tooltip: {
      ...tooltipShell(),
      trigger: "item",
      formatter: (p: unknown) => {
        const s = items[(p as { dataIndex: number }).dataIndex];
        const pt = s?.points[0];
        return s && pt ? `${pointLine(def, s.name, pt, lang)}${formulaHtml(spec)}` : "";
      },
    },
    xAxis: { type: "value", axisLabel: { formatter: axisLabelFormatter(def), color: INK_MUTED }, splitLine: { lineStyle: { color: BORDER } } },
    yAxis: { type: "category", inverse: true, data: items.map((s) => s.name), axisLabel: { width: 240, overflow: "break", lineHeight: 13, interval: 0, color: INK, fontSize: 12 } },
    series: [
      {
        type: "bar",
        name: def.label[lang],
        barMaxWidth: 18,
        data: items.map((s) => barData(def, s.points[0]!, color)),
        label: {
          show: true,
          position: "right",
          fontSize: 11,
          color: INK,
          // Readable where a label crosses the median line.
          backgroundColor: "#ffffff",
          padding: [1, 2],
          formatter: (p: unknown) => {
            const pt = items[(p as { dataIndex: number }).dataIndex]?.points[0];
            if (!pt) return "";
            return pt.value === null ? missingLabel(pt, lang) : shown(def, pt, lang);
          },
        },
        ...(p25 !== null && p75 !== null && p75 > p25
          ? {
              markArea: {
                silent: true,
                itemStyle: { color: "rgba(200, 132, 27, 0.10)" },
                label: { show: true, position: "insideTop", formatter: ct(lang, "chart.quartiles"), fontSize: 10, color: "#8a5a12", offset: [0, -16] },
                data: [[{ xAxis: plotValue(def, p25) ?? 0 }, { xAxis: plotValue(def, p75) ?? 0 }]],
              },
            }
          : {}),
        ...(median !== null
          ? {
              markLine: {
                symbol: "none",
                silent: true,
                lineStyle: { type: "dashed", color: "#c8841b", width: 1.5 },
                label: {
                  formatter: `${ct(lang, "chart.median")} ${formatIndicatorValue(def, { value: median, smallSample: false }, lang)}`,
                  position: "start",
                  fontSize: 11,
                  color: "#8a5a12",
                },
                data: [{ xAxis: plotValue(def, median) ?? 0 }],
              },
            }
          : {}),
      },
    ],
  };
}

/** The ECharts option of a comparison chart; `frame` adds the export footer (source, date). */
export function buildCompareOption(spec: CompareChartSpec, frame?: ExportFrame): ChartOption {
  const def = getIndicator(spec.indicatorKey);
  const l = layout(spec, frame);
  switch (spec.view) {
    case "bars":
      return buildBars(spec, def, l);
    case "lines":
      return buildLines(spec, def, l);
    case "multiples":
      return buildMultiples(spec, def, l);
    case "ranking":
      return buildRanking(spec, def, l);
  }
}

// ───────────────────────────── the data behind the chart ─────────────────────────────

/** One row of the data table, CSV and XLSX: exactly one plotted value. */
export interface CompareRecord {
  agency: string;
  adminCode: string;
  year: number;
  indicatorKey: string;
  indicator: string;
  numerator: number | null;
  denominator: number | null;
  /** As computed (rates as fractions). */
  value: number | null;
  /** As the chart labels it ("12.5%*", "—"). */
  shown: string;
  smallSample: boolean;
  scope: string;
  /** The report has error findings. */
  reportErrors: boolean;
  /** Computed from a figure corrected by hand. */
  handCorrected: boolean;
  /** The value is impossible (a share above 100 %). */
  impossible: boolean;
  note: string;
  reportId: string;
}

/** The chart's figures, row by row, in the chart's order (ranking: ranked order). */
export function compareRecords(spec: CompareChartSpec): CompareRecord[] {
  const def = getIndicator(spec.indicatorKey);
  const { lang } = spec;
  const order = spec.view === "ranking" ? rankingOrder(spec) : spec.series;
  return order.flatMap((s) =>
    s.points.map((p) => ({
      agency: s.name,
      adminCode: s.adminCode ?? "",
      year: p.year,
      indicatorKey: def.key,
      indicator: def.label[lang],
      numerator: p.numerator,
      denominator: p.denominator,
      value: p.value,
      shown: shown(def, p, lang),
      smallSample: p.smallSample,
      scope: p.reportId === null ? "" : ct(lang, p.regionAggregate ? "scope.region_aggregate" : "scope.self"),
      reportErrors: p.reportErrors,
      handCorrected: p.handCorrected,
      impossible: p.impossible,
      note: p.value === null && p.reason ? ct(lang, `reason.${p.reason}`) : "",
      reportId: p.reportId ?? "",
    })),
  );
}

export const COMPARE_RECORD_COLUMNS = [
  "agency",
  "adminCode",
  "year",
  "indicator",
  "indicatorKey",
  "numerator",
  "denominator",
  "value",
  "shown",
  "smallSample",
  "scope",
  "reportErrors",
  "handCorrected",
  "impossible",
  "note",
] as const satisfies readonly (keyof CompareRecord)[];

export function compareRecordHeader(lang: Lang): string[] {
  const map: Record<(typeof COMPARE_RECORD_COLUMNS)[number], Parameters<typeof ct>[1]> = {
    agency: "col.agency",
    adminCode: "col.adminCode",
    year: "col.year",
    indicator: "col.indicator",
    indicatorKey: "col.indicatorKey",
    numerator: "col.numerator",
    denominator: "col.denominator",
    value: "col.value",
    shown: "col.shown",
    smallSample: "col.smallSample",
    scope: "col.scope",
    reportErrors: "col.reportErrors",
    handCorrected: "col.handCorrected",
    impossible: "col.impossible",
    note: "col.note",
  };
  return COMPARE_RECORD_COLUMNS.map((c) => ct(lang, map[c]));
}
