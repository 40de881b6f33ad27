/**
 * CSV of comparison records: UTF-8 with a byte-order mark (so Excel opens Chinese correctly),
 * CRLF line ends (RFC 4180), one header row. Numbers are written unformatted (rates as fractions,
 * 0.125); the "as shown" column carries the chart's label. Text that a spreadsheet would run as a
 * formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
import type { Lang } from "../i18n";
import { COMPARE_RECORD_COLUMNS, compareRecordHeader, type CompareRecord } from "../charts/compare";
import { ct } from "../charts/compare-messages";

export const UTF8_BOM = "\uFEFF";

export function field(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function recordCells(r: CompareRecord, lang: Lang): (string | number | null)[] {
  return COMPARE_RECORD_COLUMNS.map((c) => {
    if (c === "smallSample" || c === "reportErrors" || c === "handCorrected" || c === "impossible") return ct(lang, r[c] ? "yes" : "no");
    return r[c];
  });
}

/** Records of one or more charts as one CSV document (string, BOM first). */
export function compareCsv(records: readonly CompareRecord[], lang: Lang): string {
  const lines = [compareRecordHeader(lang).map(field).join(",")];
  for (const r of records) lines.push(recordCells(r, lang).map(field).join(","));
  return `${UTF8_BOM}${lines.join("\r\n")}\r\n`;
}
