/**
 * The blank policy of REPORT-FORMAT.md §2: how each read cell counts for arithmetic.
 * Reading never turns blanks into 0 (§0); this module decides, once, for every rule.
 */
import { DERIVED, TOTALS, readCells, type CellDef, type FormatVersion, type TableId } from "../catalog";
import type { ValidationCell, ValidationInput } from "./types";

/**
 * stated: a number as printed · implied_zero: blank leaf (or blank total whose parts are all 0) in a
 * filled-in table · blank_total: blank total whose parts are not all 0 · na: "/" in 表二 ·
 * empty: other blank in 表二 · invalid: NaN/Infinity · absent: missing cell, row or table.
 */
export const CELL_BASES = ["stated", "implied_zero", "blank_total", "na", "empty", "invalid", "absent"] as const;
export type CellBasis = (typeof CELL_BASES)[number];

export interface ResolvedCell {
  key: string;
  def: CellDef;
  basis: CellBasis;
  /** The value arithmetic may use: stated or implied zero; null otherwise. */
  value: number | null;
  input: ValidationCell | undefined;
}

export interface ResolvedReport {
  format: FormatVersion;
  cells: ReadonlyMap<string, ResolvedCell>;
  /** Read cell keys of the format, in catalog order. */
  keys: readonly string[];
  /** A table "the report fills in": present with at least one number. */
  tableFilled: Readonly<Record<TableId, boolean>>;
  /** Present (not missing) but holding no number. */
  tableEmpty: Readonly<Record<TableId, boolean>>;
  /** For each total cell, its part lists (one per rule it totals), COL before SUM. */
  partsOf: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** stated or implied-zero value; null otherwise. */
  value: (key: string) => number | null;
  /**
   * Best reading of a cell for comparisons (narrative, cross-year): the value, or for a blank
   * total the sum of its parts when they are known. `override` patches cells (blame suggestions).
   */
  effective: (key: string, override?: Readonly<Record<string, number>>) => number | null;
}

function totalsPartsFor(format: FormatVersion): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const t of TOTALS) {
    if (!t.formats.includes(format)) continue;
    const lists = out.get(t.total) ?? [];
    lists.push([...t.parts]);
    out.set(t.total, lists);
  }
  return out;
}

type InputCells = Readonly<Record<string, ValidationCell | undefined>>;

export function resolveCells(
  format: FormatVersion,
  cells: InputCells,
  tables?: ValidationInput["tables"],
): ResolvedReport {
  const defs = readCells(format);
  const partsOf = totalsPartsFor(format);
  const tableStatus = (t: TableId) => tables?.[t] ?? "found";

  const present = (def: CellDef): ValidationCell | undefined => {
    if (tableStatus(def.table) === "missing") return undefined;
    const c = cells[def.key];
    if (!c || (c.value === null && c.nullReason === "absent")) return undefined;
    return c;
  };

  const tableFilled: Record<TableId, boolean> = { t2: false, t3: false, t4: false };
  const tableAny: Record<TableId, boolean> = { t2: false, t3: false, t4: false };
  for (const def of defs) {
    const c = present(def);
    if (!c) continue;
    tableAny[def.table] = true;
    if (c.value !== null && Number.isFinite(c.value)) tableFilled[def.table] = true;
  }
  const tableEmpty: Record<TableId, boolean> = {
    t2: tableAny.t2 && !tableFilled.t2,
    t3: tableAny.t3 && !tableFilled.t3,
    t4: tableAny.t4 && !tableFilled.t4,
  };

  const out = new Map<string, ResolvedCell>();
  const pendingTotals: CellDef[] = [];
  for (const def of defs) {
    const c = present(def);
    const put = (basis: CellBasis, value: number | null) => out.set(def.key, { key: def.key, def, basis, value, input: c });
    if (!c) {
      put("absent", null);
    } else if (c.value !== null) {
      if (Number.isFinite(c.value)) put("stated", c.value);
      else put("invalid", null);
    } else if (def.table === "t2") {
      put(c.nullReason === "slash" ? "na" : "empty", null);
    } else if (!tableFilled[def.table]) {
      put("absent", null);
    } else if (partsOf.has(def.key)) {
      pendingTotals.push(def);
      put("blank_total", null);
    } else {
      // Blank, "/", "—" or "无" in a filled-in 表三/表四 leaf: an implied 0.
      put("implied_zero", 0);
    }
  }

  // A blank total whose parts are all (possibly implied) zero is itself an implied zero.
  const memo = new Map<string, boolean>();
  const isZero = (key: string): boolean => {
    const r = out.get(key);
    if (!r) return false;
    if (r.basis === "stated" || r.basis === "implied_zero") return r.value === 0;
    if (r.basis !== "blank_total") return false;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    memo.set(key, false);
    const lists = partsOf.get(key) ?? [];
    const zero = lists.length > 0 && lists.every((parts) => parts.every(isZero));
    memo.set(key, zero);
    return zero;
  };
  for (const def of pendingTotals) {
    if (isZero(def.key)) {
      const r = out.get(def.key);
      if (r) out.set(def.key, { ...r, basis: "implied_zero", value: 0 });
    }
  }

  const value = (key: string) => out.get(key)?.value ?? null;
  const effective = (key: string, override?: Readonly<Record<string, number>>): number | null => {
    const seen = new Set<string>();
    const go = (k: string): number | null => {
      if (override && k in override) return override[k] ?? null;
      const r = out.get(k);
      if (!r) return null;
      if (r.value !== null) return r.value;
      if (r.basis !== "blank_total" || seen.has(k)) return null;
      seen.add(k);
      for (const parts of partsOf.get(k) ?? []) {
        let sum = 0;
        let ok = true;
        for (const p of parts) {
          const v = go(p);
          if (v === null) {
            ok = false;
            break;
          }
          sum += v;
        }
        if (ok) return sum;
      }
      return null;
    };
    return go(key);
  };

  return { format, cells: out, keys: defs.map((d) => d.key), tableFilled, tableEmpty, partsOf, value, effective };
}

/**
 * Derived subtotals (catalog DERIVED) for storage: sums of the parts under the blank policy
 * (blank leaves count 0, blank totals count as the sum of their parts); null when a part is unknown.
 */
export function computeDerived(
  format: FormatVersion,
  cells: InputCells,
  tables?: ValidationInput["tables"],
): Record<string, number | null> {
  const resolved = resolveCells(format, cells, tables);
  const out: Record<string, number | null> = {};
  for (const d of DERIVED) {
    if (!d.formats.includes(format)) continue;
    let sum: number | null = 0;
    for (const p of d.parts) {
      const v = p in out ? (out[p] ?? null) : resolved.effective(p);
      if (v === null) {
        sum = null;
        break;
      }
      sum += v;
    }
    out[d.key] = sum;
  }
  return out;
}
