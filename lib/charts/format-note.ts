/** Whether a chart crosses the 2019/2021 format change in a way readers must be told about. */
import type { Lang } from "../i18n";
import type { IndicatorDef } from "../indicators/definitions";
import { cm } from "./messages";
import type { DashboardValue } from "./sums";

/**
 * formatMixed: the indicator's definition differs between formats and the chart's values come from
 * both (or a single value summed both); format2021Only: 2019–2020 years have no value by
 * definition. `years` are the chart's years, when it is a time axis.
 */
export function formatNoteKind(def: IndicatorDef, values: readonly DashboardValue[], years: readonly number[] = []): "formatMixed" | "format2021Only" | null {
  const formats = new Set(values.flatMap((v) => v.formats));
  const spansBreak = years.some((y) => y <= 2020) && years.some((y) => y >= 2021);
  if (values.some((v) => v.formatsMixed)) return "formatMixed";
  if (def.formatSensitive && (formats.size > 1 || spansBreak)) return "formatMixed";
  if (!def.formats.includes("2019") && years.some((y) => y <= 2020)) return "format2021Only";
  return null;
}

export function formatNote(def: IndicatorDef, values: readonly DashboardValue[], lang: Lang, years: readonly number[] = []): string | null {
  const kind = formatNoteKind(def, values, years);
  return kind ? cm(lang, kind === "formatMixed" ? "chart.formatMixed" : "chart.format2021Only") : null;
}
