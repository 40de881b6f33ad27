/** Everything the rules read about one report, computed once: resolved cells, equations, blame. */
import { searchBlame, type BlameResult } from "./blame";
import { evaluateEquations, type EvaluatedEquation } from "./equations";
import { checkNarrative, type NarrativeCheck } from "./narrative";
import { resolveCells, type ResolvedReport } from "./resolve";
import type { ValidationInput } from "./types";

export interface ReportContext {
  input: ValidationInput;
  resolved: ResolvedReport;
  equations: readonly EvaluatedEquation[];
  blame: BlameResult;
  /** Narrative against the table as printed. */
  narrative: readonly NarrativeCheck[];
  /** Narrative against the table with the blame's corrections applied. */
  narrativeCorrected: readonly NarrativeCheck[];
  /** Best reading of a cell with the blame's corrections applied (for narrative and cross-year rules). */
  corrected: (key: string) => number | null;
}

export function buildReportContext(input: ValidationInput): ReportContext {
  const resolved = resolveCells(input.formatVersion, input.cells, input.tables);
  const equations = evaluateEquations(resolved);
  const before = checkNarrative(resolved, input.narrative);
  const score = (changes: Readonly<Record<string, number>>) => {
    const after = checkNarrative(resolved, input.narrative, changes);
    const reconciled = after
      .filter((a) => a.ok === true && before.find((b) => b.key === a.key)?.ok === false)
      .map((a) => ({ key: a.key, stated: a.stated }));
    return { mismatches: after.filter((a) => a.ok === false).length, reconciled };
  };
  const blame = searchBlame(resolved, equations, score, (override) => evaluateEquations(resolved, override));
  return {
    input,
    resolved,
    equations,
    blame,
    narrative: before,
    narrativeCorrected: checkNarrative(resolved, input.narrative, blame.corrections),
    corrected: (key) => resolved.effective(key, blame.corrections),
  };
}
