/**
 * A figure typed by hand, checked against the catalog before it is stored: whole numbers for
 * counts, no negatives except signed cells, nothing beyond the catalog's range. Pure: the
 * correction form checks as you type with it, and the mutation checks again on the server.
 */
import { CELL_BY_KEY, TOTALS, type CellDef } from "../catalog";

export interface Localized {
  zh: string;
  en: string;
}

/** The largest value a cell of each unit may hold (no agency reports ten million applications). */
export const MAX_BY_UNIT: Record<CellDef["unit"], number> = {
  count: 10_000_000,
  items: 10_000_000,
  cny_10k: 100_000_000,
  cny: 1_000_000_000_000,
};

export type EntryResult = { ok: true; value: number | string | null } | { ok: false; error: Localized };

/**
 * Parses what was typed into a cell. Empty means "blank" (null). Thousands separators and
 * full-width digits are accepted as people copy them from PDFs.
 */
export function parseEntry(key: string, raw: string): EntryResult {
  const def = CELL_BY_KEY.get(key);
  if (!def) return { ok: false, error: { zh: `未知的单元格 ${key}。`, en: `Unknown cell ${key}.` } };
  const text = raw
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[，,\s]/g, "")
    .replace(/^[－—–]/, "-")
    .replace(/．/g, ".");
  if (text === "") return { ok: true, value: null };
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    return { ok: false, error: { zh: `“${raw.trim()}”不是数字，请输入数字或留空。`, en: `“${raw.trim()}” is not a number: enter a number or leave it empty.` } };
  }
  const n = Number(text);
  if (n < 0 && !def.signed) return { ok: false, error: { zh: "数量不能为负数。", en: "A count cannot be negative." } };
  if (def.integer && !Number.isInteger(n)) return { ok: false, error: { zh: "此处应为整数。", en: "This cell holds whole numbers." } };
  if (!def.integer && (text.split(".")[1]?.length ?? 0) > 4) {
    return { ok: false, error: { zh: "金额最多保留四位小数。", en: "Amounts have at most four decimal places." } };
  }
  const max = MAX_BY_UNIT[def.unit];
  if (Math.abs(n) > max) {
    return { ok: false, error: { zh: `数值超出范围（不超过 ${max.toLocaleString("zh-CN")}）。`, en: `Out of range: at most ${max.toLocaleString("en-US")}.` } };
  }
  return { ok: true, value: def.integer ? n : text };
}

/** A total that does not equal the sum of its parts, with what the parts add up to. */
export interface TotalMismatch {
  total: string;
  parts: readonly string[];
  expected: number;
  actual: number;
}

/**
 * The catalog's row and column totals (TOTALS) among `keys` that do not add up, for the values
 * given; a total or part that is empty is skipped (not assessable yet).
 */
export function checkTotals(values: Readonly<Record<string, number | string | null>>, keys: ReadonlySet<string>): TotalMismatch[] {
  const out: TotalMismatch[] = [];
  for (const t of TOTALS) {
    if (!keys.has(t.total) || !t.parts.every((p) => keys.has(p))) continue;
    const total = values[t.total];
    if (total === null || total === undefined) continue;
    let sum = 0;
    let assessable = true;
    for (const p of t.parts) {
      const v = values[p];
      if (v === null || v === undefined) {
        assessable = false;
        break;
      }
      sum += Number(v);
    }
    if (assessable && Math.abs(sum - Number(total)) > 1e-9) out.push({ total: t.total, parts: t.parts, expected: sum, actual: Number(total) });
  }
  return out;
}

/** Numbers in a row copied from a PDF or a spreadsheet: split on tabs and runs of spaces. */
export function splitPastedRow(text: string): string[] {
  return text
    .trim()
    .split(/[\t\r\n]+|\s{1,}/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
