/**
 * lib/validate: every rule of REPORT-FORMAT.md §2 as data plus one pure function, the §2 blank
 * policy, blame (the smallest correction that makes the failing arithmetic hold), derived subtotals.
 */
export { validateReport, validateCrossYear, validationInputFromParsed } from "./validate";
export { RULES, type RuleDef, type ReportRuleDef, type CrossYearRuleDef, type CrossYearContext } from "./rules";
export { RULE_META } from "./meta";
export { buildReportContext, type ReportContext } from "./context";
export { computeDerived, resolveCells, CELL_BASES, type CellBasis, type ResolvedCell, type ResolvedReport } from "./resolve";
export { textSimilarity, normalizeText } from "./similarity";
export { PAIR_SEARCH_MAX_CANDIDATES, type BlameOutcome, type EquationBlame } from "./blame";
export * from "./types";
