/**
 * What report_figures can hold (db/schema/report-figures.ts): integer cells are PostgreSQL
 * `integer` (int4), money cells `numeric(16,4)`. The pure pipeline checks every value against
 * its figure's type and range, so the dry run refuses what the database would refuse, and says
 * which cell and which value, instead of a raw SQL error at ingest.
 */
import { FIGURE_BY_KEY } from "./figures";
import type { Label } from "./cells";

/** Largest value of a PostgreSQL `integer`. */
export const INT4_MAX = 2_147_483_647;
/** numeric(16,4): at most 12 digits before the decimal point. */
export const MONEY_MAX = 1e12;

export interface UnstorableValue {
  key: string;
  label: Label;
  value: number;
  /** Why, in both languages. */
  reason: Label;
}

/** Why `value` cannot be stored in the column of figure `key`; null when it can (or the key is not stored). */
export function unstorableReason(key: string, value: number): Label | null {
  const def = FIGURE_BY_KEY.get(key);
  if (!def) return null;
  if (!Number.isFinite(value)) return { zh: "不是有限的数", en: "it is not a finite number" };
  if (def.integer) {
    if (!Number.isInteger(value)) return { zh: "该栏为件数，须为整数", en: "this column counts items and must be a whole number" };
    if (Math.abs(value) > INT4_MAX) return { zh: `超出可保存的范围（最大 ${INT4_MAX}）`, en: `it is beyond the storable range (at most ${INT4_MAX})` };
    return null;
  }
  if (Math.abs(value) >= MONEY_MAX) return { zh: `金额超出可保存的范围（小于 ${MONEY_MAX}）`, en: `the amount is beyond the storable range (below ${MONEY_MAX})` };
  return null;
}

/** Every value of `values` (figure key → value) that its column cannot hold, in key order. */
export function unstorableValues(values: Readonly<Record<string, number | null | undefined>>): UnstorableValue[] {
  const out: UnstorableValue[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    const reason = unstorableReason(key, value);
    const def = FIGURE_BY_KEY.get(key);
    if (reason && def) out.push({ key, label: def.label, value, reason });
  }
  return out;
}

/** A number as a person wrote it: 3000000000, not 3e9. */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) < 1e21) return value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
  return BigInt(Math.round(value)).toString();
}
