/** Hard arithmetic rules of 表三/表四 (REPORT-FORMAT.md §2.1–2.2) and the non-negativity rules. */
import { NARRATIVE_LABELS, getCell, type TableId } from "../../catalog";
import type { EquationBlame } from "../blame";
import type { ReportContext } from "../context";
import type { ArithRule, EvaluatedEquation } from "../equations";
import { cellLabel, fmt, suggestionText, t3ColLabel, t3RowLabel, t4RowLabel } from "../labels";
import { finding } from "../meta";
import type { Finding, Localized, RuleId } from "../types";

function describe(ctx: ReportContext, eq: EvaluatedEquation): Localized {
  const v = (k: string) => ctx.resolved.value(k) ?? 0;
  const [head = "", ...parts] = eq.cells;
  const partSum = parts.reduce((s, k) => s + v(k), 0);
  switch (eq.rule) {
    case "H-T3-COL": {
      const row = t3RowLabel(eq.scope.key);
      return {
        zh: `表三“${row.zh}”行：各申请人类型合计为${fmt(partSum)}，但“总计”填写为${fmt(v(head))}。`,
        en: `Table 3, row '${row.en}': the applicant columns add up to ${fmt(partSum)} but Total reads ${fmt(v(head))}.`,
      };
    }
    case "H-T3-SUM": {
      const col = t3ColLabel(eq.scope.key);
      return {
        zh: `表三“${col.zh}”列：（一）至（六）各项办理结果合计为${fmt(partSum)}，但“（七）总计”填写为${fmt(v(head))}。`,
        en: `Table 3, column '${col.en}': the outcome rows add up to ${fmt(partSum)} but 'Total handled' reads ${fmt(v(head))}.`,
      };
    }
    case "H-T3-BAL": {
      const col = t3ColLabel(eq.scope.key);
      const [a = 0, b = 0, c = 0, d = 0] = eq.cells.map(v);
      return {
        zh: `表三“${col.zh}”列：一、本年新收（${fmt(a)}）加二、上年结转（${fmt(b)}）为${fmt(a + b)}，但（七）总计（${fmt(c)}）加四、结转下年度继续办理（${fmt(d)}）为${fmt(c + d)}，两者应相等。`,
        en: `Table 3, column '${col.en}': new applications (${fmt(a)}) plus carried over (${fmt(b)}) make ${fmt(a + b)}, but handled (${fmt(c)}) plus carried forward (${fmt(d)}) make ${fmt(c + d)}; the two must be equal.`,
      };
    }
    case "H-T4-SUM": {
      const row = t4RowLabel(eq.scope.key);
      return {
        zh: `表四“${row.zh}”：结果维持、结果纠正、其他结果、尚未审结合计为${fmt(partSum)}，但“总计”填写为${fmt(v(head))}。`,
        en: `Table 4, '${row.en}': upheld, corrected, other and pending add up to ${fmt(partSum)} but Total reads ${fmt(v(head))}.`,
      };
    }
  }
}

function blameText(comp: EquationBlame | undefined, eq: EvaluatedEquation): Localized {
  if (!comp) return { zh: "", en: "" };
  if (comp.outcome === "unique" && comp.suggested) {
    const context = eq.scope.kind === "row" ? { table: eq.scope.table, row: eq.scope.key } : { table: eq.scope.table, col: eq.scope.key };
    const s = suggestionText(comp.suggested, context);
    const ev = comp.evidence;
    if (ev.length === 0) return s;
    const zhEv = ev.map((e) => `${NARRATIVE_LABELS[e.key].zh}${fmt(e.stated)}件`).join("、");
    const enEv = ev.map((e) => `${NARRATIVE_LABELS[e.key].en.toLowerCase()}: ${fmt(e.stated)}`).join("; ");
    return { zh: `${s.zh.replace(/。$/u, "")}（正文所述${zhEv}与此一致）。`, en: `${s.en} The text agrees (${enEv}).` };
  }
  if (comp.outcome === "tie") {
    return { zh: "有多种改法都能使勾稽关系成立，无法确定哪一格填错，请核对原始台账。", en: "Several different corrections would fix this; check the source records." };
  }
  return { zh: "可能有多处填写错误，请逐项核对。", en: "Probably more than one figure is wrong; check each one." };
}

function arithmeticRule(rule: ArithRule) {
  return (ctx: ReportContext): Finding[] =>
    ctx.equations
      .filter((eq) => eq.rule === rule && eq.status === "fail")
      .map((eq) => {
        const comp = ctx.blame.byEquation.get(eq.id);
        const base = describe(ctx, eq);
        const tail = blameText(comp, eq);
        const details: Record<string, unknown> = {
          scope: eq.scope,
          values: Object.fromEntries(eq.cells.map((k) => [k, ctx.resolved.value(k)])),
          difference: eq.residual,
          blameOutcome: comp?.outcome ?? "none_found",
        };
        if (comp && comp.alternatives.length > 0) details.alternatives = comp.alternatives;
        if (comp && comp.evidence.length > 0) details.narrativeEvidence = comp.evidence;
        return finding(rule, {
          cells: [...eq.cells],
          blame: comp?.outcome === "unique" ? [...comp.blame] : [],
          suggested: comp?.outcome === "unique" ? comp.suggested : null,
          message: { zh: base.zh + tail.zh, en: tail.en ? `${base.en} ${tail.en}` : base.en },
          details,
        });
      });
}

export const checkT3Balance = arithmeticRule("H-T3-BAL");
export const checkT3Sum = arithmeticRule("H-T3-SUM");
export const checkT3Columns = arithmeticRule("H-T3-COL");
export const checkT4Sum = arithmeticRule("H-T4-SUM");

/** Non-negative integers in 表三/表四; a NaN/Infinity from a broken reader fails too. */
function nonNegativeRule(rule: RuleId, table: TableId) {
  return (ctx: ReportContext): Finding[] => {
    const out: Finding[] = [];
    for (const key of ctx.resolved.keys) {
      const r = ctx.resolved.cells.get(key);
      if (!r || r.def.table !== table) continue;
      const v = r.input?.value;
      if (v === null || v === undefined) continue;
      const bad = r.basis === "invalid" || (v < 0 && !r.def.signed) || (r.def.integer && !Number.isInteger(v));
      if (!bad) continue;
      const label = cellLabel(key);
      const what = r.def.integer
        ? r.def.signed
          ? { zh: "应为整数", en: "it must be a whole number" }
          : { zh: "应为非负整数", en: "it must be a whole number of at least 0" }
        : { zh: "不应为负数", en: "it must not be negative" };
      const fixed = ctx.blame.corrections[key];
      out.push(
        finding(rule, {
          cells: [key],
          blame: [key],
          suggested: fixed !== undefined ? { [key]: fixed } : null,
          message: { zh: `${label.zh}填写为${fmt(v)}，${what.zh}。`, en: `${label.en} reads ${fmt(v)}; ${what.en}.` },
          details: { value: v, unit: getCell(key).unit },
        }),
      );
    }
    return out;
  };
}

export const checkT3NonNegative = nonNegativeRule("H-T3-NN", "t3");
export const checkT4NonNegative = nonNegativeRule("H-T4-NN", "t4");
export const checkT2NonNegative = nonNegativeRule("H-T2-NN", "t2");
