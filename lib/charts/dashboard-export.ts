/**
 * A dashboard chart as one descriptor (id, title, formula, spec, notes) that the page draws and
 * the export endpoints render — so a downloaded chart is exactly the one on screen — plus the
 * figures behind it as records (CSV/XLSX rows) and the export frame (title, formula, footer with
 * source and date) around the page's own ECharts option.
 */
import type { Lang } from "../i18n";
import { getIndicator } from "../indicators/definitions";
import { formatIndicatorValue, formatInteger } from "../indicators/format";
import { CJK_FONT_FAMILY, INK, INK_MUTED, percentText } from "./base";
import { wrap, type ChartSize, type ExportFrame } from "./compare";
import { ct } from "./compare-messages";
import { cm } from "./messages";
import { OUTCOME_INDICATORS, OUTCOME_PARTS, outcomeShare } from "./outcome-mix";
import { sortRanking } from "./ranking";
import { buildChartOption, chartHeight, type ChartSpec } from "./spec";
import { trendYears } from "./trend";
import type { ChartOption } from "./types";

/** The dashboard views with chart exports (the `view=` of /api/export/*). */
export const DASHBOARD_VIEWS = ["region", "agency"] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

export interface DashboardChart {
  /** Stable id within the view: the figure's DOM id and the export's `chart=`. */
  id: string;
  /** Which section of the page shows it (trends, mix, outcomes, peers, …). */
  section: string;
  title: string;
  formula: string;
  spec: ChartSpec;
  /** Notes printed under the chart (format changes, definitions); not the small-sample note. */
  notes: string[];
  /** Some value is a small sample: the "*" note is added. */
  smallSample: boolean;
  /** Nothing to draw: the page says "no data". */
  empty: boolean;
  /** A sentence under the chart (the agency's position among peers). */
  caption?: string;
  /** The figures behind the chart, row by row (dashboardRecords(spec)). */
  rows: DashboardRecord[];
}

/** One plotted figure: what CSV and XLSX rows carry. */
export interface DashboardRecord {
  series: string;
  /** Region, agency, year, topic or applicant type the bar or point is of. */
  name: string;
  /** Region code, agency code (its region's admin code) or category key. */
  code: string;
  year: number | null;
  indicatorKey: string;
  indicator: string;
  numerator: number | null;
  denominator: number | null;
  /** As computed: rates and shares as fractions (0.125 = 12.5%). */
  value: number | null;
  /** As the chart and its data table show it ("12.5%*", "—"). */
  shown: string;
  reports: number | null;
  smallSample: boolean;
  /** Computed from a report with a figure corrected by hand (含手工更正数字). */
  handCorrected: boolean;
}

export const DASHBOARD_RECORD_COLUMNS = [
  "series",
  "name",
  "code",
  "year",
  "indicator",
  "indicatorKey",
  "numerator",
  "denominator",
  "value",
  "shown",
  "reports",
  "smallSample",
  "handCorrected",
] as const satisfies readonly (keyof DashboardRecord)[];

const HEADER: Record<(typeof DASHBOARD_RECORD_COLUMNS)[number] | "chart", { zh: string; en: string }> = {
  chart: { zh: "图表", en: "Chart" },
  series: { zh: "系列", en: "Series" },
  name: { zh: "名称（地区/机关/类别）", en: "Name (region/agency/category)" },
  code: { zh: "代码", en: "Code" },
  year: { zh: "年度", en: "Year" },
  indicator: { zh: "指标", en: "Indicator" },
  indicatorKey: { zh: "指标代码", en: "Indicator key" },
  numerator: { zh: "分子", en: "Numerator" },
  denominator: { zh: "分母", en: "Denominator" },
  value: { zh: "数值", en: "Value" },
  shown: { zh: "图中显示", en: "As shown" },
  reports: { zh: "报告数", en: "Reports" },
  smallSample: { zh: "样本较小", en: "Small sample" },
  handCorrected: { zh: "含手工更正数字", en: "Corrected by hand" },
};

/** Column headers; with `withChart` a first column names the chart (several charts in one CSV). */
export function dashboardRecordHeader(lang: Lang, withChart = false): string[] {
  return [...(withChart ? [HEADER.chart[lang]] : []), ...DASHBOARD_RECORD_COLUMNS.map((c) => HEADER[c][lang])];
}

/** The figures behind a chart spec, in the order of its data table. */
export function dashboardRecords(spec: ChartSpec): DashboardRecord[] {
  switch (spec.type) {
    case "trend": {
      const { lang } = spec.input;
      const def = getIndicator(spec.input.indicatorKey);
      const years = trendYears(spec.input);
      return spec.input.series.flatMap((s) => {
        const byYear = new Map(s.points.map((p) => [p.year, p.value]));
        return years.map((year) => {
          const v = byYear.get(year);
          return {
            series: s.name,
            name: s.name,
            code: s.code ?? "",
            year,
            indicatorKey: def.key,
            indicator: def.label[lang],
            numerator: v?.numerator ?? null,
            denominator: v?.denominator ?? null,
            value: v?.value ?? null,
            shown: v ? formatIndicatorValue(def, v, lang) : "—",
            reports: v?.reports ?? 0,
            smallSample: v?.smallSample ?? false,
            handCorrected: v?.handCorrected === true,
          };
        });
      });
    }
    case "outcomeMix": {
      const { lang } = spec.input;
      return spec.input.categories.flatMap((c) =>
        OUTCOME_PARTS.map((part) => {
          const share = outcomeShare(c, part);
          return {
            series: cm(lang, `outcome.${part}`),
            name: c.label,
            code: c.code ?? "",
            year: c.year ?? null,
            indicatorKey: OUTCOME_INDICATORS[part],
            indicator: cm(lang, `outcome.${part}`),
            numerator: c.parts[part],
            denominator: c.handled,
            value: share,
            shown: percentText(share, lang),
            reports: null,
            smallSample: false,
            handCorrected: c.handCorrected?.[part] === true,
          };
        }),
      );
    }
    case "groupedBars": {
      const { lang, unit } = spec.input;
      return spec.input.categories.flatMap((name, i) =>
        spec.input.series.map((s) => {
          const v = s.values[i] ?? null;
          return {
            series: s.name,
            name,
            code: spec.input.keys?.[i] ?? "",
            year: s.year ?? spec.input.year ?? null,
            indicatorKey: spec.input.keys?.[i] ?? "",
            indicator: name,
            numerator: s.numerators?.[i] ?? null,
            denominator: s.denominators?.[i] ?? null,
            value: v,
            shown: unit === "share" ? percentText(v, lang) : formatInteger(v, lang),
            reports: s.reports?.[i] ?? null,
            smallSample: false,
            handCorrected: s.handCorrected?.[i] === true,
          };
        }),
      );
    }
    case "ranking": {
      const { lang } = spec.input;
      const def = getIndicator(spec.input.indicatorKey);
      return sortRanking(spec.input.items).map((it) => ({
        series: def.label[lang],
        name: it.label,
        code: it.code ?? "",
        year: spec.input.year ?? null,
        indicatorKey: def.key,
        indicator: def.label[lang],
        numerator: it.value.numerator,
        denominator: it.value.denominator,
        value: it.value.value,
        shown: formatIndicatorValue(def, it.value, lang),
        reports: it.value.reports,
        smallSample: it.value.smallSample,
        handCorrected: it.value.handCorrected === true,
      }));
    }
    case "map": {
      const { lang } = spec.input;
      const def = getIndicator(spec.input.indicatorKey);
      return spec.input.items.map((it) => ({
        series: def.label[lang],
        name: it.name,
        code: it.code,
        year: spec.input.year ?? null,
        indicatorKey: def.key,
        indicator: def.label[lang],
        numerator: it.value.numerator,
        denominator: it.value.denominator,
        value: it.value.value,
        shown: formatIndicatorValue(def, it.value, lang),
        reports: it.value.reports,
        smallSample: it.value.smallSample,
        handCorrected: it.value.handCorrected === true,
      }));
    }
    case "peerBand": {
      const { lang } = spec.input;
      const def = getIndicator(spec.input.indicatorKey);
      const row = (series: string, year: number, value: number | null, reports: number | null, small = false, corrected = false): DashboardRecord => ({
        series,
        name: series,
        code: "",
        year,
        indicatorKey: def.key,
        indicator: def.label[lang],
        numerator: null,
        denominator: null,
        value,
        shown: formatIndicatorValue(def, { value, smallSample: small }, lang),
        reports,
        smallSample: small,
        handCorrected: corrected,
      });
      return [...spec.input.years]
        .sort((a, b) => a.year - b.year)
        .flatMap((y) => [
          row(spec.input.agencyName, y.year, y.value, null, y.smallSample, y.handCorrected === true),
          row(cm(lang, "chart.p25"), y.year, y.p25, y.n),
          row(cm(lang, "chart.median"), y.year, y.median, y.n),
          row(cm(lang, "chart.p75"), y.year, y.p75, y.n),
        ]);
    }
  }
}

// ───────────────────────────── the export frame ─────────────────────────────

export const DASHBOARD_EXPORT_WIDTH = 880;
const PAD = 24;
/** Title line and the gap under the header; each formula line adds FORMULA_LINE_H. */
const HEADER_BASE_H = 48;
const FORMULA_LINE_H = 16;
const FOOTER_LINE_H = 16;

function specLang(spec: ChartSpec): Lang {
  return spec.input.lang;
}

/** The footer: the page's notes under the chart, then source and export date (and a missing font). */
export function dashboardFooterLines(chart: Pick<DashboardChart, "spec" | "notes" | "smallSample" | "empty" | "caption">, frame: ExportFrame): string[] {
  const lang = specLang(chart.spec);
  const lines = [...(chart.caption ? [chart.caption] : []), ...(chart.empty ? [cm(lang, "chart.noData")] : []), ...chart.notes];
  if (chart.smallSample) lines.push(cm(lang, "chart.smallSample"));
  lines.push(`${ct(lang, "chart.source")}　${ct(lang, "chart.exported", { date: frame.exportedOn })}`);
  if (frame.fontMissing) lines.push(ct(lang, "chart.fontMissing"));
  return lines.flatMap((l) => wrap(l, DASHBOARD_EXPORT_WIDTH - 2 * PAD, 11));
}

type ExportChart = Pick<DashboardChart, "title" | "formula" | "spec" | "notes" | "smallSample" | "empty" | "caption">;

/** "计算公式：…" wrapped to the image's width: a long formula is shown whole, never cut off. */
function formulaLines(chart: Pick<ExportChart, "formula" | "spec">): string[] {
  const lang = specLang(chart.spec);
  return wrap(`${cm(lang, "chart.formula")}${lang === "zh" ? "：" : ": "}${chart.formula}`, DASHBOARD_EXPORT_WIDTH - 2 * PAD, 12);
}

function headerHeight(chart: Pick<ExportChart, "formula" | "spec">): number {
  return HEADER_BASE_H + formulaLines(chart).length * FORMULA_LINE_H;
}

/** Export size in CSS pixels (the PNG is twice this): header, the page's plot height, footer. */
export function dashboardChartSize(chart: ExportChart, frame: ExportFrame): ChartSize {
  const footer = dashboardFooterLines(chart, frame).length;
  return { width: DASHBOARD_EXPORT_WIDTH, height: headerHeight(chart) + chartHeight(chart.spec) + 16 + footer * FOOTER_LINE_H + 10 };
}

type Grid = Extract<NonNullable<ChartOption["grid"]>, { top?: unknown }>;
type Legend = Extract<NonNullable<ChartOption["legend"]>, { top?: unknown }>;

const plus = (v: unknown, d: number) => (typeof v === "number" ? v + d : d);

/**
 * The page's own option (buildChartOption) with room for the title and formula above and the
 * footer below; nothing else changes, so the export draws what the page draws.
 */
export function buildDashboardExportOption(chart: ExportChart, frame: ExportFrame): ChartOption {
  const base = buildChartOption(chart.spec);
  const footer = dashboardFooterLines(chart, frame);
  const footerH = 16 + footer.length * FOOTER_LINE_H + 10;
  const headerH = headerHeight(chart);
  const grid: Grid = { ...(base.grid as Grid) };
  grid.top = plus(grid.top, headerH);
  grid.bottom = plus(grid.bottom, footerH);
  grid.left = plus(grid.left, PAD - 8);
  grid.right = plus(grid.right, PAD - 8);
  const legend = base.legend as Legend | undefined;
  // A map has no grid: its geo box moves under the header, its colour scale above the footer.
  const mapLayout =
    chart.spec.type === "map"
      ? {
          geo: { ...(base.geo as Record<string, unknown>), top: plus((base.geo as { top?: unknown }).top, headerH), bottom: plus((base.geo as { bottom?: unknown }).bottom, footerH), left: plus((base.geo as { left?: unknown }).left, PAD - 8), right: plus((base.geo as { right?: unknown }).right, PAD - 8) },
          ...(base.visualMap ? { visualMap: { ...(base.visualMap as Record<string, unknown>), bottom: plus((base.visualMap as { bottom?: unknown }).bottom, footerH), left: PAD } } : {}),
          graphic: ((base.graphic ?? []) as Record<string, unknown>[]).map((g) => ({ ...g, bottom: plus(g.bottom, footerH), left: plus(g.left, PAD - 8) })),
        }
      : { grid };
  return {
    ...base,
    backgroundColor: "#ffffff",
    ...mapLayout,
    ...(legend && legend.show !== false ? { legend: { ...legend, top: plus(legend.top, headerH - 4), left: PAD } } : {}),
    title: [
      {
        text: chart.title,
        subtext: formulaLines(chart).join("\n"),
        left: PAD,
        top: 10,
        itemGap: 6,
        textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 17, fontWeight: "bold", color: INK },
        subtextStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 12, color: INK_MUTED, lineHeight: FORMULA_LINE_H },
      },
      {
        text: footer.join("\n"),
        left: PAD,
        bottom: 10,
        textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 11, fontWeight: "normal", color: INK_MUTED, lineHeight: FOOTER_LINE_H },
      },
    ],
  };
}

/** A descriptor from its parts: rows computed from the spec, notes without blanks. */
export function dashboardChart(d: Omit<DashboardChart, "rows" | "notes" | "smallSample" | "empty"> & { notes?: (string | null | undefined)[]; smallSample?: boolean; empty?: boolean }): DashboardChart {
  const rows = dashboardRecords(d.spec);
  // The legend of the ✎ in the data table, also printed under an exported image.
  const corrected = rows.some((r) => r.handCorrected) ? cm(specLang(d.spec), "chart.handCorrected") : null;
  return {
    ...d,
    notes: [...(d.notes ?? []), corrected].filter((n): n is string => Boolean(n)),
    smallSample: d.smallSample ?? false,
    empty: d.empty ?? false,
    rows,
  };
}
