/** Shared pieces of every chart option: CJK font, palette, grid, tooltip shell, value display. */
import type { Lang } from "../i18n";
import { type IndicatorDef } from "../indicators/definitions";
import { formatIndicatorValue, formatInteger, formatPercent } from "../indicators/format";
import { cm } from "./messages";
import type { DashboardValue } from "./sums";

/**
 * The app's CSS font stack (app/globals.css); ECharts draws its own text, so it needs it too.
 * Single quotes only: ECharts' SSR writes the family unescaped into a double-quoted SVG style
 * attribute, so a double quote would end the attribute and break the exported SVG and PNG.
 */
export const CJK_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Accessible, print-safe palette (accent blue first, brand red for refusals). */
export const PALETTE = ["#1f4e8c", "#3f8f5f", "#c8841b", "#b42318", "#6b5b95", "#5b8db8", "#8a93a1", "#2a9d8f", "#e76f51", "#7a5c3e", "#457b9d", "#9c6644"];

export const INK = "#1d2433";
export const INK_MUTED = "#556070";
export const BORDER = "#dde2e8";

export function baseOption() {
  return {
    color: [...PALETTE],
    textStyle: { fontFamily: CJK_FONT_FAMILY, color: INK },
    animation: false,
  };
}

export function tooltipShell() {
  return {
    confine: true,
    textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 12, color: INK },
    extraCssText: "max-width: 360px; white-space: normal;",
  } as const;
}

/** Rates and growth are plotted in percent (12.5 for 0.125) so axes read "12.5%". */
export function plotValue(def: IndicatorDef, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return def.kind === "rate" || def.kind === "growth" ? round(value * 100, 4) : round(value, 4);
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Axis label formatter for plotted values of this indicator. */
export function axisLabelFormatter(def: IndicatorDef): (v: number) => string {
  if (def.kind === "rate" || def.kind === "growth") return (v) => `${v}%`;
  return (v) => new Intl.NumberFormat("zh-CN").format(v);
}

/** "12.5%*（5 / 40）": the value as tables show it, with numerator and denominator when there is one. */
export function describeValue(def: IndicatorDef, v: DashboardValue, lang: Lang): string {
  const shown = formatIndicatorValue(def, v, lang, { withUnit: true });
  if (v.denominator === null || v.numerator === null) return shown;
  const nd = `${formatInteger(v.numerator, lang)} / ${formatInteger(v.denominator, lang)}`;
  return lang === "zh" ? `${shown}（${nd}）` : `${shown} (${nd})`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** The formula line every tooltip ends with. */
/** The label–value separator in the reader's language: "：" in Chinese, ": " in English. */
export function colon(lang: Lang): string {
  return lang === "zh" ? "：" : ": ";
}

/** A parenthetical in the reader's language: "（无数据）" / " (no data)". */
export function paren(lang: Lang, text: string): string {
  return lang === "zh" ? `（${text}）` : ` (${text})`;
}

export function formulaLine(formula: string, lang: Lang): string {
  return `<div style="margin-top:6px;color:${INK_MUTED};font-size:11px">${escapeHtml(cm(lang, "chart.formula"))}${colon(lang)}${escapeHtml(formula)}</div>`;
}

export function percentText(fraction: number | null, lang: Lang): string {
  return formatPercent(fraction, lang);
}
