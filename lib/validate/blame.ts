/**
 * Blame: the smallest set of cells whose change makes every failing arithmetic rule hold
 * (REPORT-FORMAT.md §0 `blame`/`suggested`).
 *
 * 1. Explainers. A single cell explains the equations it sits in when all of them fail and one
 *    new value fixes them all. When some failing equation has no single explainer, pairs of cells
 *    that share an equation are tried too (a row raised in two columns breaks two column balances).
 * 2. Cover. The failing equations are covered exactly by disjoint explainers at least cost (cells
 *    changed), by a bounded exact search.
 * 3. Choice. Among least-cost covers, those that correct every negative or fractional count win,
 *    then those the narrative agrees with. Each failing equation is blamed on its explainer when all
 *    remaining covers agree on it; otherwise it is reported as a tie, without blame.
 */
import type { NarrativeKey } from "../catalog";
import { isZero, type EvaluatedEquation } from "./equations";
import type { ResolvedReport } from "./resolve";

/** Pairs are tried only from at most this many cells of unexplained equations. */
export const PAIR_SEARCH_MAX_CANDIDATES = 60;
/** Exact-cover search budget (visited nodes) and least-cost covers kept. */
const COVER_NODE_BUDGET = 20_000;
const MAX_COVERS = 64;
/** Alternatives kept on a tie, for display. */
const MAX_ALTERNATIVES = 8;

export type BlameOutcome =
  | "unique" // one smallest correction; blame set
  | "tie" // several corrections of the same size; the narrative does not decide
  | "none_found" // no combination of one- and two-cell corrections fixes it
  | "capped"; // search budget exhausted

export interface EquationBlame {
  outcome: BlameOutcome;
  blame: string[];
  suggested: Record<string, number> | null;
  /** Equally good corrections when outcome is "tie". */
  alternatives: Record<string, number>[];
  /** Narrative figures that disagreed with the table and agree once corrected. */
  evidence: { key: NarrativeKey; stated: number }[];
}

export interface BlameResult {
  /** Failing equation id → its blame. */
  byEquation: ReadonlyMap<string, EquationBlame>;
  /** Union of the unique corrections, to read the report "as corrected". */
  corrections: Readonly<Record<string, number>>;
}

/** Narrative agreement of a candidate correction: mismatches (lower is better) and keys it reconciles. */
export type NarrativeScore = (changes: Readonly<Record<string, number>>) => { mismatches: number; reconciled: { key: NarrativeKey; stated: number }[] };

interface Explainer {
  id: string;
  changes: Record<string, number>;
  covers: ReadonlySet<string>;
  cost: number;
}

interface SearchEnv {
  resolved: ResolvedReport;
  eqsByCell: ReadonlyMap<string, readonly EvaluatedEquation[]>;
}

function validNewValue(resolved: ResolvedReport, cell: string, v: number): number | null {
  const def = resolved.cells.get(cell)?.def;
  if (!def) return null;
  let out = v;
  if (def.integer) {
    const r = Math.round(v);
    if (!isZero(r - v)) return null;
    out = r;
  }
  if (out < 0 && !def.signed) return null;
  return out;
}

function singleExplainer(env: SearchEnv, c: string): Explainer | null {
  const eqs = env.eqsByCell.get(c) ?? [];
  const first = eqs[0];
  if (!first || first.residual === null || eqs.some((e) => e.status !== "fail")) return null;
  const delta = -first.residual / (first.coef.get(c) ?? 1);
  if (!eqs.every((e) => isZero((e.residual ?? 0) + (e.coef.get(c) ?? 0) * delta))) return null;
  const v = validNewValue(env.resolved, c, (env.resolved.value(c) ?? 0) + delta);
  if (v === null) return null;
  return { id: c, changes: { [c]: v }, covers: new Set(eqs.map((e) => e.id)), cost: 1 };
}

type Row = readonly [a1: number, a2: number, r: number];

/** Solves a1·d1 + a2·d2 + r = 0 for every row; "free" when the rows do not pin both deltas. */
function solvePair(rows: readonly Row[]): readonly [number, number] | "free" | null {
  let d1: number | undefined;
  let d2: number | undefined;
  for (const [a1, a2, r] of rows) {
    if (a2 === 0 && a1 !== 0) {
      const v = -r / a1;
      if (d1 === undefined) d1 = v;
      else if (!isZero(d1 - v)) return null;
    }
    if (a1 === 0 && a2 !== 0) {
      const v = -r / a2;
      if (d2 === undefined) d2 = v;
      else if (!isZero(d2 - v)) return null;
    }
  }
  const both = rows.filter(([a1, a2]) => a1 !== 0 && a2 !== 0);
  if (d1 === undefined && d2 === undefined) {
    outer: for (const [i, [a1, a2, r1]] of both.entries()) {
      for (const [b1, b2, r2] of both.slice(i + 1)) {
        const det = a1 * b2 - a2 * b1;
        if (det === 0) continue;
        d1 = (-r1 * b2 + a2 * r2) / det;
        d2 = (-a1 * r2 + r1 * b1) / det;
        break outer;
      }
    }
    if (d1 === undefined || d2 === undefined) return "free";
  } else if (d2 === undefined) {
    const row = both[0];
    if (!row) return "free";
    d2 = -(row[2] + row[0] * (d1 ?? 0)) / row[1];
  } else if (d1 === undefined) {
    const row = both[0];
    if (!row) return "free";
    d1 = -(row[2] + row[1] * d2) / row[0];
  }
  const x1 = d1 ?? 0;
  const x2 = d2 ?? 0;
  for (const [a1, a2, r] of rows) if (!isZero(r + a1 * x1 + a2 * x2)) return null;
  return [x1, x2];
}

function pairExplainer(env: SearchEnv, c1: string, c2: string): Explainer | null {
  const union = [...new Set([...(env.eqsByCell.get(c1) ?? []), ...(env.eqsByCell.get(c2) ?? [])])];
  const rows: Row[] = union.map((e) => [e.coef.get(c1) ?? 0, e.coef.get(c2) ?? 0, e.residual ?? 0]);
  const sol = solvePair(rows);
  if (sol === null || sol === "free") return null;
  const [d1, d2] = sol;
  if (isZero(d1) || isZero(d2)) return null;
  const v1 = validNewValue(env.resolved, c1, (env.resolved.value(c1) ?? 0) + d1);
  const v2 = validNewValue(env.resolved, c2, (env.resolved.value(c2) ?? 0) + d2);
  if (v1 === null || v2 === null) return null;
  const covers = new Set(union.filter((e) => e.status === "fail").map((e) => e.id));
  if (covers.size === 0) return null;
  return { id: `${c1}+${c2}`, changes: { [c1]: v1, [c2]: v2 }, covers, cost: 2 };
}

/** Least-cost exact covers of `targets` by disjoint explainers. */
function exactCovers(targets: readonly string[], explainers: readonly Explainer[]): { covers: Explainer[][]; capped: boolean } {
  const byEq = new Map<string, Explainer[]>();
  for (const x of explainers) for (const id of x.covers) byEq.set(id, [...(byEq.get(id) ?? []), x]);
  let best = Number.POSITIVE_INFINITY;
  let covers: Explainer[][] = [];
  let nodes = 0;
  let capped = false;
  const dfs = (chosen: Explainer[], covered: Set<string>, cost: number) => {
    if (++nodes > COVER_NODE_BUDGET) {
      capped = true;
      return;
    }
    let pick: string | null = null;
    let options: Explainer[] = [];
    for (const id of targets) {
      if (covered.has(id)) continue;
      const opts = (byEq.get(id) ?? []).filter((x) => [...x.covers].every((c) => !covered.has(c)));
      if (pick === null || opts.length < options.length) {
        pick = id;
        options = opts;
      }
      if (opts.length === 0) break;
    }
    if (pick === null) {
      if (cost < best) {
        best = cost;
        covers = [chosen];
      } else if (cost === best && covers.length < MAX_COVERS) covers.push(chosen);
      return;
    }
    for (const x of options) {
      if (cost + x.cost > best) continue;
      dfs([...chosen, x], new Set([...covered, ...x.covers]), cost + x.cost);
      if (capped) return;
    }
  };
  dfs([], new Set(), 0);
  return { covers, capped };
}

export function searchBlame(
  resolved: ResolvedReport,
  evaluated: readonly EvaluatedEquation[],
  score: NarrativeScore,
  reevaluate: (override: Readonly<Record<string, number>>) => readonly EvaluatedEquation[],
): BlameResult {
  const failing = evaluated.filter((e) => e.status === "fail");
  const byEquation = new Map<string, EquationBlame>();
  if (failing.length === 0) return { byEquation, corrections: {} };

  const eqsByCell = new Map<string, EvaluatedEquation[]>();
  for (const e of evaluated) {
    if (e.status === "not_assessable") continue;
    for (const c of e.cells) eqsByCell.set(c, [...(eqsByCell.get(c) ?? []), e]);
  }
  const env: SearchEnv = { resolved, eqsByCell };
  const failingCells = [...new Set(failing.flatMap((e) => e.cells))];

  const explainers: Explainer[] = [];
  for (const c of failingCells) {
    const x = singleExplainer(env, c);
    if (x) explainers.push(x);
  }
  const explained = new Set(explainers.flatMap((x) => [...x.covers]));
  const unexplainedCells = [...new Set(failing.filter((e) => !explained.has(e.id)).flatMap((e) => e.cells))];
  let capped = false;
  if (unexplainedCells.length > PAIR_SEARCH_MAX_CANDIDATES) capped = true;
  else if (unexplainedCells.length > 0) {
    const seen = new Set<string>();
    for (const c1 of unexplainedCells) {
      // Only cells sharing an equation interact; other pairs are two independent singles.
      const partners = new Set((eqsByCell.get(c1) ?? []).flatMap((e) => e.cells).filter((c) => c !== c1 && failingCells.includes(c)));
      for (const c2 of partners) {
        const id = [c1, c2].sort().join("+");
        if (seen.has(id)) continue;
        seen.add(id);
        const x = pairExplainer(env, c1, c2);
        if (x) explainers.push(x);
      }
    }
  }

  const coverable = new Set(explainers.flatMap((x) => [...x.covers]));
  const targets = failing.map((e) => e.id).filter((id) => coverable.has(id));
  const found = exactCovers(targets, explainers);
  capped ||= found.capped;

  // Plausibility first (negative/fractional counts must change), then the narrative.
  const invalid = failingCells.filter((c) => validNewValue(resolved, c, resolved.value(c) ?? 0) === null);
  const merged = (cover: readonly Explainer[]) => {
    const out: Record<string, number> = {};
    for (const x of cover) Object.assign(out, x.changes);
    return out;
  };
  const scored = found.covers.map((cover) => {
    const changes = merged(cover);
    return { cover, kept: invalid.filter((c) => !(c in changes)).length, mismatches: score(changes).mismatches };
  });
  const leastKept = Math.min(...scored.map((x) => x.kept));
  const plausible = scored.filter((x) => x.kept === leastKept);
  const fewest = Math.min(...plausible.map((x) => x.mismatches));
  const top = plausible.filter((x) => x.mismatches === fewest).map((x) => x.cover);

  const none = (outcome: BlameOutcome, alternatives: Record<string, number>[] = []): EquationBlame => ({ outcome, blame: [], suggested: null, alternatives, evidence: [] });
  for (const e of failing) {
    const options = new Map<string, Explainer>();
    for (const cover of top) {
      const x = cover.find((y) => y.covers.has(e.id));
      if (x) options.set(x.id, x);
    }
    const only = options.size === 1 ? [...options.values()][0] : undefined;
    if (only) {
      byEquation.set(e.id, { outcome: "unique", blame: Object.keys(only.changes), suggested: only.changes, alternatives: [], evidence: score(only.changes).reconciled });
    } else if (options.size > 1) {
      byEquation.set(e.id, none("tie", [...options.values()].slice(0, MAX_ALTERNATIVES).map((x) => x.changes)));
    } else byEquation.set(e.id, none(capped ? "capped" : "none_found"));
  }

  const corrections: Record<string, number> = {};
  for (const b of byEquation.values()) if (b.suggested) Object.assign(corrections, b.suggested);
  // Explainers are checked one by one; if together they break a rule, keep no blame rather than mislead.
  const unresolved = new Set([...byEquation].filter(([, b]) => b.outcome !== "unique").map(([id]) => id));
  if (Object.keys(corrections).length > 0 && reevaluate(corrections).some((e) => e.status === "fail" && !unresolved.has(e.id))) {
    for (const [id, b] of byEquation) if (b.outcome === "unique") byEquation.set(id, none("none_found"));
    return { byEquation, corrections: {} };
  }
  return { byEquation, corrections };
}
