/**
 * Display of indicator values. Numbers are grouped the same way in both languages ("1,234"),
 * percentages and per-100 figures carry one decimal, a null is "—", a small sample gets "*".
 * Locales are explicit ("zh-CN", "en-US"), so output does not depend on the host's default.
 */
import type { Lang } from "../i18n";
import { SMALL_SAMPLE_MIN, type IndicatorDef } from "./definitions";
import type { IndicatorResult, YoyChange } from "./compute";

export const NULL_DISPLAY = "—";
export const SMALL_SAMPLE_MARK = "*";

const LOCALE: Record<Lang, string> = { zh: "zh-CN", en: "en-US" };

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], options);
    cache.set(id, f);
  }
  return f;
}

export interface NumberDisplayOptions {
  /** Explicit "+" on positive values (net change, growth). Zero, and anything rounding to zero, is unsigned. */
  signed?: boolean;
}

// "negative" drops the sign of -0 and of values that round to 0 ("-0.0" never shows).
const sign = (o?: NumberDisplayOptions): Intl.NumberFormatOptions["signDisplay"] => (o?.signed ? "exceptZero" : "negative");

function isNum(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** Whole numbers with grouping: 1234 → "1,234". */
export function formatInteger(value: number | null | undefined, lang: Lang, o?: NumberDisplayOptions): string {
  if (!isNum(value)) return NULL_DISPLAY;
  return nf(lang, { maximumFractionDigits: 0, signDisplay: sign(o) }).format(value);
}

/** Fixed decimals with grouping: (5.882, 1) → "5.9". */
export function formatDecimal(value: number | null | undefined, lang: Lang, digits: number, o?: NumberDisplayOptions): string {
  if (!isNum(value)) return NULL_DISPLAY;
  return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: sign(o) }).format(value);
}

/** A fraction as a percentage with one decimal: 0.125 → "12.5%". */
export function formatPercent(fraction: number | null | undefined, lang: Lang, o?: NumberDisplayOptions): string {
  if (!isNum(fraction)) return NULL_DISPLAY;
  return nf(lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: sign(o) }).format(fraction);
}

/** A change between two rates (fractions) in percentage points: 0.021 → "+2.1 个百分点" / "+2.1 pp". */
export function formatPercentagePoints(diff: number | null | undefined, lang: Lang): string {
  if (!isNum(diff)) return NULL_DISPLAY;
  const n = formatDecimal(diff * 100, lang, 1, { signed: true });
  return lang === "zh" ? `${n}个百分点` : `${n} pp`;
}

/** Per-100 figures with one decimal: 5.882 → "5.9". */
export function formatPer100(value: number | null | undefined, lang: Lang): string {
  return formatDecimal(value, lang, 1);
}

/** Plain ratios with two decimals: 1.2549 → "1.25". */
export function formatRatio(value: number | null | undefined, lang: Lang): string {
  return formatDecimal(value, lang, 2);
}

/** Money in 万元 as printed, up to 4 decimals (the stored precision, 1 CNY): 1234.5 → "1,234.5". */
export function formatAmount(value: number | null | undefined, lang: Lang): string {
  if (!isNum(value)) return NULL_DISPLAY;
  return nf(lang, { maximumFractionDigits: 4, signDisplay: "negative" }).format(value);
}

export interface IndicatorDisplayOptions {
  /** Append the unit ("33件", "5.9 per 100 handled"); percentages carry "%" either way. */
  withUnit?: boolean;
  /** Append "*" to a small-sample value (default true); explain it with smallSampleNote. */
  markSmallSample?: boolean;
}

const EN_UNIT_OVERRIDE: Partial<Record<IndicatorDef["kind"], string>> = { amount: "× 10,000 CNY" };

/** An indicator value as shown in tables and tooltips; "—" when there is no value. */
export function formatIndicatorValue(
  def: IndicatorDef,
  result: Pick<IndicatorResult, "value" | "smallSample">,
  lang: Lang,
  o: IndicatorDisplayOptions = {},
): string {
  const v = result.value;
  if (!isNum(v)) return NULL_DISPLAY;
  let text: string;
  switch (def.kind) {
    case "count":
      text = formatInteger(v, lang, { signed: def.signed });
      break;
    case "amount":
      text = formatAmount(v, lang);
      break;
    case "rate":
    case "growth":
      text = formatPercent(v, lang, { signed: def.signed });
      break;
    case "per100":
      text = formatPer100(v, lang);
      break;
    case "ratio":
      text = formatRatio(v, lang);
      break;
  }
  if (o.withUnit && def.kind !== "rate" && def.kind !== "growth") {
    const unit = lang === "en" ? (EN_UNIT_OVERRIDE[def.kind] ?? def.unit.en) : def.unit.zh;
    text = lang === "zh" || def.kind === "ratio" ? `${text}${unit}` : `${text} ${unit}`;
  }
  if (result.smallSample && (o.markSmallSample ?? true)) text += SMALL_SAMPLE_MARK;
  return text;
}

/** The footnote for "*". */
export function smallSampleNote(lang: Lang, min: number = SMALL_SAMPLE_MIN): string {
  return lang === "zh"
    ? `${SMALL_SAMPLE_MARK} 样本较小（分母不足 ${min}），仅供参考`
    : `${SMALL_SAMPLE_MARK} Small sample (denominator under ${min}): indicative only`;
}

/**
 * A year-on-year change of an indicator: counts and amounts as "+12（+25.0%）" / "+12 (+25.0%)",
 * rates as percentage points, per-100 and ratios as signed decimals.
 */
export function formatYoyChange(def: IndicatorDef, change: YoyChange, lang: Lang): string {
  if (!isNum(change.abs)) return NULL_DISPLAY;
  switch (def.kind) {
    case "rate":
    case "growth":
      return formatPercentagePoints(change.abs, lang);
    case "per100":
      return formatDecimal(change.abs, lang, 1, { signed: true });
    case "ratio":
      return formatDecimal(change.abs, lang, 2, { signed: true });
    case "count":
    case "amount": {
      const abs = def.kind === "count" ? formatInteger(change.abs, lang, { signed: true }) : nf(lang, { maximumFractionDigits: 4, signDisplay: "exceptZero" }).format(change.abs);
      if (!isNum(change.rel)) return abs;
      const rel = formatPercent(change.rel, lang, { signed: true });
      return lang === "zh" ? `${abs}（${rel}）` : `${abs} (${rel})`;
    }
  }
}
