/** The data-table alternative of every chart: the same numbers as text, with links where a row is one report or region. */
import type { Lang } from "../i18n";
import { getIndicator } from "../indicators/definitions";
import { formatIndicatorValue, formatInteger } from "../indicators/format";
import { describeValue, percentText } from "./base";
import { cm } from "./messages";
import { OUTCOME_PARTS, outcomeShare } from "./outcome-mix";
import { sortRanking } from "./ranking";
import type { ChartSpec } from "./spec";
import { trendYears } from "./trend";

export interface TableCell {
  text: string;
  href?: string;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** Computed from a figure corrected by hand: shown as ✎ with this text as its title. */
  corrected?: string;
}

export interface ChartTable {
  head: string[];
  rows: TableCell[][];
}

const num = (text: string): TableCell => ({ text, numeric: true });
/** A figure cell, marked ✎ when it is computed from a figure corrected by hand. */
const fig = (text: string, corrected: boolean | undefined, lang: Lang): TableCell => (corrected ? { text, numeric: true, corrected: cm(lang, "chart.handCorrectedMark") } : num(text));

export function chartTable(spec: ChartSpec): ChartTable {
  switch (spec.type) {
    case "trend": {
      const { lang } = spec.input;
      const def = getIndicator(spec.input.indicatorKey);
      const years = trendYears(spec.input);
      const maps = spec.input.series.map((s) => new Map(s.points.map((p) => [p.year, p.value])));
      if (spec.input.series.length === 1) {
        const m = maps[0]!;
        return {
          head: [cm(lang, "chart.year"), def.label[lang], cm(lang, "chart.numerator"), cm(lang, "chart.denominator"), cm(lang, "chart.reports")],
          rows: years.map((y) => {
            const v = m.get(y);
            const href = spec.input.series[0]?.points.find((p) => p.year === y)?.href;
            return [
              { text: String(y), ...(href ? { href } : {}) },
              fig(v ? formatIndicatorValue(def, v, lang) : "—", v?.handCorrected, lang),
              num(formatInteger(v?.numerator, lang)),
              num(v?.denominator === null ? "" : formatInteger(v?.denominator, lang)),
              num(formatInteger(v?.reports ?? 0, lang)),
            ];
          }),
        };
      }
      return {
        head: [cm(lang, "chart.year"), ...spec.input.series.map((s) => s.name)],
        rows: years.map((y) => [{ text: String(y) }, ...maps.map((m) => fig(m.get(y) ? describeValue(def, m.get(y)!, lang) : "—", m.get(y)?.handCorrected, lang))]),
      };
    }
    case "outcomeMix": {
      const { lang } = spec.input;
      return {
        head: [cm(lang, "chart.region"), cm(lang, "outcome.handled"), ...OUTCOME_PARTS.map((p) => cm(lang, `outcome.${p}`))],
        rows: spec.input.categories.map((c) => [
          { text: c.label, ...(c.href ? { href: c.href } : {}) },
          num(formatInteger(c.handled, lang)),
          ...OUTCOME_PARTS.map((p) => fig(`${formatInteger(c.parts[p], lang)}（${percentText(outcomeShare(c, p), lang)}）`, c.handCorrected?.[p], lang)),
        ]),
      };
    }
    case "groupedBars": {
      const { lang, unit } = spec.input;
      return {
        head: ["", ...spec.input.series.map((s) => s.name)],
        rows: spec.input.categories.map((c, i) => [
          { text: c },
          ...spec.input.series.map((s) => {
            const v = s.values[i] ?? null;
            const shown = unit === "share" ? percentText(v, lang) : formatInteger(v, lang);
            const n = s.numerators?.[i];
            const d = s.denominators?.[i];
            return fig(n != null && d != null ? `${shown}（${formatInteger(n, lang)} / ${formatInteger(d, lang)}）` : shown, s.handCorrected?.[i], lang);
          }),
        ]),
      };
    }
    case "ranking": {
      const { lang } = spec.input;
      const def = getIndicator(spec.input.indicatorKey);
      const hasDen = def.minDenominator !== null;
      return {
        head: ["#", cm(lang, "chart.region"), def.label[lang], cm(lang, "chart.numerator"), ...(hasDen ? [cm(lang, "chart.denominator")] : []), cm(lang, "chart.reports")],
        rows: sortRanking(spec.input.items).map((it, i) => [
          num(String(i + 1)),
          { text: it.label, ...(it.href ? { href: it.href } : {}) },
          fig(formatIndicatorValue(def, it.value, lang), it.value.handCorrected, lang),
          num(formatInteger(it.value.numerator, lang)),
          ...(hasDen ? [num(formatInteger(it.value.denominator, lang))] : []),
          num(formatInteger(it.value.reports, lang)),
        ]),
      };
    }
    case "map": {
      const { lang } = spec.input;
      const def = getIndicator(spec.input.indicatorKey);
      const hasDen = def.minDenominator !== null || spec.input.items.some((it) => it.value.denominator !== null);
      const byCode = new Map(spec.input.items.map((it) => [it.code, it]));
      // One row per shape, in code order, so regions without data are listed too.
      const codes = [...new Set([...spec.input.geo.features.map((f) => f.properties.code), ...byCode.keys()])].sort();
      return {
        head: [cm(lang, "chart.region"), cm(lang, "map.code"), def.label[lang], cm(lang, "chart.numerator"), ...(hasDen ? [cm(lang, "chart.denominator")] : []), cm(lang, "chart.reports")],
        rows: codes.map((code) => {
          const it = byCode.get(code);
          const name = it?.name ?? spec.input.geo.features.find((f) => f.properties.code === code)?.properties.name ?? code;
          return [
            { text: name, ...(it?.href ? { href: it.href } : {}) },
            { text: code },
            fig(it ? formatIndicatorValue(def, it.value, lang) : "—", it?.value.handCorrected, lang),
            num(formatInteger(it?.value.numerator, lang)),
            ...(hasDen ? [num(formatInteger(it?.value.denominator, lang))] : []),
            num(formatInteger(it?.value.reports ?? 0, lang)),
          ];
        }),
      };
    }
    case "peerBand": {
      const { lang } = spec.input;
      const def = getIndicator(spec.input.indicatorKey);
      const f = (v: number | null, small = false) => formatIndicatorValue(def, { value: v, smallSample: small }, lang);
      return {
        head: [cm(lang, "chart.year"), spec.input.agencyName, cm(lang, "chart.p25"), cm(lang, "chart.median"), cm(lang, "chart.p75"), cm(lang, "chart.peers")],
        rows: [...spec.input.years]
          .sort((a, b) => a.year - b.year)
          .map((y) => [{ text: String(y.year) }, fig(f(y.value, y.smallSample), y.handCorrected, lang), num(f(y.p25)), num(f(y.median)), num(f(y.p75)), num(String(y.n))]),
      };
    }
  }
}
