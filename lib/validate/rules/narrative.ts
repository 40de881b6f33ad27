/**
 * Narrative ↔ tables (REPORT-FORMAT.md §2.4): S-N-NEW, -CO, -DONE, -CF, -REV, -LIT.
 * S-N-OUT and S-N-T2 are not implemented: the parse stage gives only the six NARRATIVE_KEYS.
 * A mismatch that the arithmetic blame already corrects to the narrative's figure is not repeated
 * here; the arithmetic finding cites the narrative as evidence instead.
 */
import type { NarrativeKey } from "../../catalog";
import type { ReportContext } from "../context";
import { fmt } from "../labels";
import { finding } from "../meta";
import { NARRATIVE_SPECS } from "../narrative";
import type { Finding, Localized } from "../types";

function tableText(key: NarrativeKey, get: (k: string) => number | null): Localized {
  const n = (k: string) => fmt(get(k) ?? 0);
  switch (key) {
    case "new_received": {
      const a = get("t3.new_received.total") ?? 0;
      const b = get("t3.carried_over.total");
      return b === null
        ? { zh: `表三“一、本年新收政府信息公开申请数量”总计为${fmt(a)}`, en: `Table 3 shows ${fmt(a)} new applications` }
        : {
            zh: `表三“一、本年新收政府信息公开申请数量”总计为${fmt(a)}（加上年结转为${fmt(a + b)}）`,
            en: `Table 3 shows ${fmt(a)} new applications (${fmt(a + b)} including those carried over)`,
          };
    }
    case "carried_over":
      return { zh: `表三“二、上年结转政府信息公开申请数量”总计为${n("t3.carried_over.total")}`, en: `Table 3 'Carried over from last year' Total reads ${n("t3.carried_over.total")}` };
    case "handled_total":
      return { zh: `表三“（七）总计”行“总计”列为${n("t3.handled_total.total")}`, en: `Table 3 'Total handled' reads ${n("t3.handled_total.total")}` };
    case "carried_forward":
      return { zh: `表三“四、结转下年度继续办理”总计为${n("t3.carried_forward.total")}`, en: `Table 3 'Carried forward to next year' Total reads ${n("t3.carried_forward.total")}` };
    case "review_total":
      return { zh: `表四“行政复议”总计为${n("t4.review.total")}`, en: `Table 4 reconsideration Total reads ${n("t4.review.total")}` };
    case "litigation_total": {
      const t = (get("t4.lit_direct.total") ?? 0) + (get("t4.lit_after_review.total") ?? 0);
      return { zh: `表四两类行政诉讼总计之和为${fmt(t)}`, en: `Table 4's two litigation totals add up to ${fmt(t)}` };
    }
  }
}

const STATED: Record<NarrativeKey, (n: string) => Localized> = {
  new_received: (n) => ({ zh: `正文称收到政府信息公开申请${n}件`, en: `The text says ${n} applications were received` }),
  carried_over: (n) => ({ zh: `正文称上年结转${n}件`, en: `The text says ${n} applications were carried over` }),
  handled_total: (n) => ({ zh: `正文称办结${n}件`, en: `The text says ${n} applications were handled` }),
  carried_forward: (n) => ({ zh: `正文称结转下年度${n}件`, en: `The text says ${n} applications were carried forward` }),
  review_total: (n) => ({ zh: `正文称行政复议${n}件`, en: `The text says there were ${n} reconsiderations` }),
  litigation_total: (n) => ({ zh: `正文称行政诉讼${n}件`, en: `The text says there were ${n} lawsuits` }),
};

function narrativeRule(key: NarrativeKey) {
  const spec = NARRATIVE_SPECS[key];
  return (ctx: ReportContext): Finding[] => {
    const check = ctx.narrative.find((c) => c.key === key);
    if (!check || check.ok !== false) return [];
    const after = ctx.narrativeCorrected.find((c) => c.key === key);
    if (after?.ok === true) return [];
    const stated = STATED[key](fmt(check.stated));
    const table = tableText(key, (k) => ctx.resolved.effective(k));
    return [
      finding(spec.rule, {
        cells: [...spec.cells],
        message: { zh: `${stated.zh}，但${table.zh}。`, en: `${stated.en}, but ${table.en}.` },
        details: { narrative: check.stated, table: check.accepted },
      }),
    ];
  };
}

export const checkNarrativeNew = narrativeRule("new_received");
export const checkNarrativeCarriedOver = narrativeRule("carried_over");
export const checkNarrativeDone = narrativeRule("handled_total");
export const checkNarrativeCarriedForward = narrativeRule("carried_forward");
export const checkNarrativeReview = narrativeRule("review_total");
export const checkNarrativeLitigation = narrativeRule("litigation_total");
