/**
 * The hard arithmetic rules as linear equations Σ coef·cell = 0, so that evaluation and the blame
 * search share one representation. Built from the catalog (TOTALS, T3_BALANCE).
 */
import { T3_BALANCE, TOTALS, cellKey, getCell, type FormatVersion } from "../catalog";
import type { ResolvedReport } from "./resolve";

export const ARITH_RULES = ["H-T3-BAL", "H-T3-SUM", "H-T3-COL", "H-T4-SUM"] as const;
export type ArithRule = (typeof ARITH_RULES)[number];

export interface Equation {
  id: string;
  rule: ArithRule;
  /** Table row (COL, T4-SUM) or column (BAL, SUM) the equation runs along. */
  scope: { kind: "row" | "col"; table: "t3" | "t4"; key: string };
  /** The total (or the BAL left side) first, then the parts. */
  cells: readonly string[];
  coef: ReadonlyMap<string, number>;
}

export type EquationStatus = "pass" | "fail" | "not_assessable";

export interface EvaluatedEquation extends Equation {
  status: EquationStatus;
  /** Σ coef·value (0 when it holds); null when not assessable. */
  residual: number | null;
  /** Cells whose value is not usable (blank total, absent, invalid). */
  unavailable: readonly string[];
}

const cache = new Map<FormatVersion, Equation[]>();

export function buildEquations(format: FormatVersion): readonly Equation[] {
  const hit = cache.get(format);
  if (hit) return hit;
  const out: Equation[] = [];
  for (const t of TOTALS) {
    if (!t.formats.includes(format)) continue;
    const { prefix, row, col } = getCell(t.total);
    const coef = new Map<string, number>([[t.total, 1]]);
    for (const p of t.parts) coef.set(p, -1);
    const scope =
      t.rule === "H-T3-SUM"
        ? { kind: "col" as const, table: "t3" as const, key: col }
        : { kind: "row" as const, table: prefix === "t4" ? ("t4" as const) : ("t3" as const), key: row };
    out.push({ id: `${t.rule}:${scope.key}`, rule: t.rule, scope, cells: [t.total, ...t.parts], coef });
  }
  for (const col of T3_BALANCE.cols) {
    const left = T3_BALANCE.left.map((r) => cellKey("t3", r, col));
    const right = T3_BALANCE.right.map((r) => cellKey("t3", r, col));
    const coef = new Map<string, number>([...left.map((k) => [k, 1] as const), ...right.map((k) => [k, -1] as const)]);
    out.push({ id: `H-T3-BAL:${col}`, rule: "H-T3-BAL", scope: { kind: "col", table: "t3", key: col }, cells: [...left, ...right], coef });
  }
  cache.set(format, out);
  return out;
}

/** Float-safe zero test: counts are integers, but 表四/表三 may hold mis-read decimals. */
export function isZero(x: number): boolean {
  return Math.abs(x) < 1e-9;
}

export function evaluateEquations(resolved: ResolvedReport, override?: Readonly<Record<string, number>>): EvaluatedEquation[] {
  return buildEquations(resolved.format).map((eq) => {
    let residual = 0;
    const unavailable: string[] = [];
    for (const [cell, k] of eq.coef) {
      const v = override && cell in override ? (override[cell] ?? null) : resolved.value(cell);
      if (v === null) unavailable.push(cell);
      else residual += k * v;
    }
    if (unavailable.length > 0) return { ...eq, status: "not_assessable", residual: null, unavailable };
    return { ...eq, status: isZero(residual) ? "pass" : "fail", residual, unavailable };
  });
}
