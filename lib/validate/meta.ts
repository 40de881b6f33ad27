/** Rule metadata: kind, severity, titles. Severity follows kind (hard ⇒ error, soft ⇒ warning, info ⇒ info). */
import type { Finding, Localized, RuleId, RuleKind, RuleMeta, Severity } from "./types";

const SEVERITY_OF: Record<RuleKind, Severity> = { hard: "error", soft: "warning", info: "info" };

function m(id: RuleId, kind: RuleKind, zh: string, en: string, description: string): RuleMeta {
  return { id, kind, severity: SEVERITY_OF[kind], title: { zh, en }, description };
}

export const RULE_META: Readonly<Record<RuleId, RuleMeta>> = {
  "H-T3-BAL": m("H-T3-BAL", "hard", "表三各列：一＋二＝三（七）＋四", "Table 3 balance per column", "new_received + carried_over = handled_total + carried_forward, in each of the 7 columns (official header note)."),
  "H-T3-SUM": m("H-T3-SUM", "hard", "表三各列：办理结果合计＝（七）总计", "Table 3 outcomes add up to the total handled", "handled_total = sum of the outcome leaf rows (22 in 2021, 20 in 2019), in each column."),
  "H-T3-COL": m("H-T3-COL", "hard", "表三各行：各申请人类型之和＝总计", "Table 3 applicant columns add up to Total", "total = natural_person + the five 法人或其他组织 columns, in every row."),
  "H-T3-NN": m("H-T3-NN", "hard", "表三数字为非负整数", "Table 3 counts are whole numbers ≥ 0", "Every 表三 cell is a non-negative integer."),
  "H-T4-SUM": m("H-T4-SUM", "hard", "表四各项：维持＋纠正＋其他＋未审结＝总计", "Table 4 outcomes add up to Total", "For review, lit_direct and lit_after_review: total = upheld + corrected + other + pending."),
  "H-T4-NN": m("H-T4-NN", "hard", "表四数字为非负整数", "Table 4 counts are whole numbers ≥ 0", "Every 表四 cell is a non-negative integer."),
  "H-T2-NN": m("H-T2-NN", "hard", "表二数字不为负", "Table 2 figures are not negative", "Counts are non-negative integers (2019 本年增/减 may be negative); amounts are ≥ 0."),
  "S-BLANK-TOTAL": m("S-BLANK-TOTAL", "soft", "合计栏空白", "Total left blank", "A 总计 cell is blank while its parts are not all zero; rules that need it are not assessable."),
  "S-T2-STOCK1": m("S-T2-STOCK1", "soft", "表二现行有效件数不少于制发减废止", "Table 2 stock at least issued minus repealed", "in_force ≥ issued − repealed for 规章 and 行政规范性文件."),
  "S-T2-UNIT": m("S-T2-UNIT", "soft", "表二收费金额单位疑误", "Table 2 fee amount probably in yuan", "The 万元 fee cell contains 元 or an implausibly large number."),
  "S-N-NEW": m("S-N-NEW", "soft", "正文新收申请数与表三不符", "Text vs Table 3: applications received", "Narrative 收到/新收 N 件 equals t3.new_received.total, or new_received + carried_over."),
  "S-N-CO": m("S-N-CO", "soft", "正文上年结转数与表三不符", "Text vs Table 3: carried over", "Narrative 上年结转 N 件 equals t3.carried_over.total."),
  "S-N-DONE": m("S-N-DONE", "soft", "正文办结数与表三不符", "Text vs Table 3: handled", "Narrative 办结 N 件 equals t3.handled_total.total."),
  "S-N-CF": m("S-N-CF", "soft", "正文结转下年度数与表三不符", "Text vs Table 3: carried forward", "Narrative 结转下年度 N 件 equals t3.carried_forward.total."),
  "S-N-REV": m("S-N-REV", "soft", "正文行政复议数与表四不符", "Text vs Table 4: reconsiderations", "Narrative 行政复议 N 件 equals t4.review.total."),
  "S-N-LIT": m("S-N-LIT", "soft", "正文行政诉讼数与表四不符", "Text vs Table 4: lawsuits", "Narrative 行政诉讼 N 件 equals t4.lit_direct.total + t4.lit_after_review.total."),
  "S-C-FEE": m("S-C-FEE", "soft", "有逾期未缴费情形但第六部分未报告信息处理费", "Unpaid fees but no fee report in section 6", "t3.other_fee_unpaid.total > 0 ⇒ section 六 mentions 信息处理费 or 收费通知."),
  "S-STRUCT": m("S-STRUCT", "soft", "报告结构不完整", "Report structure incomplete", "All six sections present, in order; 表二/三/四 present and complete."),
  "S-TIMELY": m("S-TIMELY", "soft", "发布时间晚于法定期限", "Published after the statutory deadline", "Departments by 31 Jan of Y+1, governments by 31 Mar of Y+1 (条例 Art. 49)."),
  "S-X-FMT": m("S-X-FMT", "soft", "报告年度与表格格式不匹配", "Table layout does not match the report year", "Year ≥ 2021 with the 2019 layout, or year ≤ 2020 with the 2021 layout."),
  "S-X-CARRY": m("S-X-CARRY", "soft", "上年结转与上年报告结转下年度不一致", "Carry-over does not match last year's report", "t3.carried_forward.<col>(Y−1) = t3.carried_over.<col>(Y)."),
  "S-X-STOCK": m("S-X-STOCK", "soft", "现行有效件数与上年不衔接", "Stock of documents does not roll forward", "in_force(Y−1) + issued(Y) − repealed(Y) = in_force(Y) for 规章 and 行政规范性文件 (2021 format both years)."),
  "S-X-YOY": m("S-X-YOY", "soft", "数量同比变化异常", "Unusual year-on-year change", "new_received.total or handled_total.total grows more than ×5 or falls below ×0.2 (ignored when both years are below 10)."),
  "S-X-DUP": m("S-X-DUP", "soft", "正文与上年高度雷同", "Text largely copied from last year", "Section 一 or 五 is at least 90% similar to last year's (character 4-gram Jaccard)."),
  "S-C-DISPUTE": m("S-C-DISPUTE", "soft", "无申请却有复议诉讼", "Disputes without applications", "Reconsiderations or direct lawsuits while no applications were received or carried over this year and last."),
  "S-C-LITREV": m("S-C-LITREV", "soft", "复议后起诉远多于复议", "Lawsuits after review far exceed reviews", "t4.lit_after_review.total much larger than this and last year's t4.review.total."),
  "S-T2-NA": m("S-T2-NA", "info", "表二“/”视为不适用", "Table 2 '/' read as not applicable", "'/' in 表二 (e.g. 规章 for agencies without rule-making power) is NA, not missing."),
  "I-BLANK-ZERO": m("I-BLANK-ZERO", "info", "空白单元格按0计", "Blank cells counted as 0", "Blank leaf cells of a filled-in 表三/表四 count as 0 for the arithmetic checks."),
  "S-OCR-LOW": m("S-OCR-LOW", "soft", "OCR 识别置信度低，请核对原件", "Figures OCR could not read with confidence", "Cells recognised by OCR with a confidence below the threshold (lib/ingest/ocr/confidence.ts): a person checks them against the scan."),
  "I-TABLE-EMPTY": m("I-TABLE-EMPTY", "info", "表格未填写数字", "Table printed without figures", "A table is present but holds no number; its rules are not assessable."),
};

export interface FindingParts {
  cells: string[];
  message: Localized;
  blame?: string[];
  suggested?: Record<string, number> | null;
  details?: Record<string, unknown>;
}

/** Builds a finding with the rule's severity; rules never set severity themselves. */
export function finding(rule: RuleId, parts: FindingParts): Finding {
  const out: Finding = {
    rule,
    severity: RULE_META[rule].severity,
    cells: parts.cells,
    blame: parts.blame ?? [],
    suggested: parts.suggested ?? null,
    message: parts.message,
  };
  if (parts.details) out.details = parts.details;
  return out;
}
