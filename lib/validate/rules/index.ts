/** Every rule as data: metadata plus one pure function. Order here is the order of findings. */
import type { ReportContext } from "../context";
import { RULE_META } from "../meta";
import type { Finding, RuleId, RuleMeta } from "../types";
import {
  checkT2NonNegative,
  checkT3Balance,
  checkT3Columns,
  checkT3NonNegative,
  checkT3Sum,
  checkT4NonNegative,
  checkT4Sum,
} from "./arithmetic";
import { checkBlankTotals, checkEmptyTables, checkImpliedZeros } from "./completeness";
import {
  checkCarry,
  checkCopiedText,
  checkDisputesWithoutApplications,
  checkLitigationAfterReview,
  checkStockRollForward,
  checkYearOnYear,
  type CrossYearContext,
} from "./cross-year";
import {
  checkNarrativeCarriedForward,
  checkNarrativeCarriedOver,
  checkNarrativeDone,
  checkNarrativeLitigation,
  checkNarrativeNew,
  checkNarrativeReview,
} from "./narrative";
import { checkFeeReported, checkFormatForYear, checkStructure, checkTimeliness } from "./report";
import { checkLowConfidence } from "./ocr";
import { checkFeeUnit, checkStockFloor, checkTable2NotApplicable } from "./table2";

export type { CrossYearContext };

export type ReportRuleDef = RuleMeta & { scope: "report"; fn: (ctx: ReportContext) => Finding[] };
export type CrossYearRuleDef = RuleMeta & { scope: "cross_year"; fn: (ctx: CrossYearContext) => Finding[] };
export type RuleDef = ReportRuleDef | CrossYearRuleDef;

const report = (id: RuleId, fn: ReportRuleDef["fn"]): ReportRuleDef => ({ ...RULE_META[id], scope: "report", fn });
const crossYear = (id: RuleId, fn: CrossYearRuleDef["fn"]): CrossYearRuleDef => ({ ...RULE_META[id], scope: "cross_year", fn });

export const RULES: readonly RuleDef[] = [
  report("H-T3-BAL", checkT3Balance),
  report("H-T3-SUM", checkT3Sum),
  report("H-T3-COL", checkT3Columns),
  report("H-T3-NN", checkT3NonNegative),
  report("H-T4-SUM", checkT4Sum),
  report("H-T4-NN", checkT4NonNegative),
  report("H-T2-NN", checkT2NonNegative),
  report("S-BLANK-TOTAL", checkBlankTotals),
  report("S-T2-STOCK1", checkStockFloor),
  report("S-T2-UNIT", checkFeeUnit),
  report("S-N-NEW", checkNarrativeNew),
  report("S-N-CO", checkNarrativeCarriedOver),
  report("S-N-DONE", checkNarrativeDone),
  report("S-N-CF", checkNarrativeCarriedForward),
  report("S-N-REV", checkNarrativeReview),
  report("S-N-LIT", checkNarrativeLitigation),
  report("S-C-FEE", checkFeeReported),
  report("S-STRUCT", checkStructure),
  report("S-TIMELY", checkTimeliness),
  report("S-X-FMT", checkFormatForYear),
  crossYear("S-X-CARRY", checkCarry),
  crossYear("S-X-STOCK", checkStockRollForward),
  crossYear("S-X-YOY", checkYearOnYear),
  crossYear("S-X-DUP", checkCopiedText),
  crossYear("S-C-DISPUTE", checkDisputesWithoutApplications),
  crossYear("S-C-LITREV", checkLitigationAfterReview),
  report("S-T2-NA", checkTable2NotApplicable),
  report("I-BLANK-ZERO", checkImpliedZeros),
  report("I-TABLE-EMPTY", checkEmptyTables),
  report("S-OCR-LOW", checkLowConfidence),
];
