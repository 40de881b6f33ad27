/**
 * Every indicator of REPORT-FORMAT.md §4.1–4.5 as data: key (used in URLs), labels, the formula
 * text users see, and the catalog cells summed into numerator and denominator per format version.
 * §4.6 (quality and compliance) and §4.7 (topics) are counts over reports and findings, not
 * formulas over one report's cells, so they live with the queries, not here.
 */
import { FIGURE_BY_KEY, T3_APPLICANT_COLS, TOPIC_COUNTED_KEY, TOPIC_KEYS, TOPIC_REPORTS_KEY, TOPICS, topicCountKey, topicMentionKey, type FormatVersion, type Label } from "../catalog";

export const INDICATOR_GROUPS = ["volume", "outcome", "applicant", "dispute", "proactive", "topic"] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

export const INDICATOR_GROUP_LABELS: Readonly<Record<IndicatorGroup, Label>> = {
  volume: { zh: "申请量与办理", en: "Volume and flow" },
  outcome: { zh: "办理结果", en: "Outcomes" },
  applicant: { zh: "申请人", en: "Applicants" },
  dispute: { zh: "行政复议与诉讼", en: "Reconsideration and litigation" },
  proactive: { zh: "主动公开", en: "Proactive disclosure" },
  topic: { zh: "申请内容（正文）", en: "Application subjects (narrative)" },
};

/**
 * count / amount: the (signed) sum of the numerator, no denominator · rate: numerator ÷ denominator
 * as a fraction (0.125 shows as 12.5%) · per100: 100 × numerator ÷ denominator · ratio: numerator ÷
 * denominator as a plain number · growth: numerator ÷ denominator − 1, as a fraction.
 */
export const INDICATOR_KINDS = ["count", "rate", "per100", "ratio", "amount", "growth"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Flag a rate as a small sample when its denominator is under 30 (§4; KGC riskRuleSet "observation only"). */
export const SMALL_SAMPLE_MIN = 30;

/** The cells one format sums. Keys are catalog cell keys; derived subtotals are allowed. */
export interface IndicatorTerms {
  numerator: readonly string[];
  /** Subtracted from the numerator (net change). */
  numeratorMinus?: readonly string[];
  /** Null for counts and amounts. */
  denominator: readonly string[] | null;
  /** The denominator is read from the same agency's report for the previous year (YoY, repeal intensity). */
  denominatorFromPreviousYear?: boolean;
}

export interface IndicatorDef {
  /** Stable snake_case key, used in URLs; per-row families use `family.<member>`. */
  key: string;
  group: IndicatorGroup;
  kind: IndicatorKind;
  label: Label;
  /** Shown to users next to the figure. */
  formula: Label;
  /** Caveats worth a tooltip. */
  note?: Label;
  /** Display unit of the value (after formatting, e.g. "%" for rates). */
  unit: Label;
  /** Terms by format version; the indicator is defined exactly for the formats listed here. */
  terms: Readonly<Partial<Record<FormatVersion, IndicatorTerms>>>;
  formats: readonly FormatVersion[];
  /** The definition differs between the 2019 and 2021 formats: charts crossing the break must say so. */
  formatSensitive: boolean;
  /** Small-sample threshold on the denominator; null when the indicator has no denominator. */
  minDenominator: number | null;
  /** Values can be negative (net change, growth): format with an explicit sign. */
  signed: boolean;
  /** For `family.<member>` keys, the family (`refusal_reason_share`). */
  family?: string;
}

// ───────────────────────────── helpers ─────────────────────────────

const BOTH: readonly FormatVersion[] = ["2019", "2021"];
const V2021: readonly FormatVersion[] = ["2021"];

const t3 = (row: string, col = "total") => `t3.${row}.${col}`;
const t4 = (group: string, col: string) => `t4.${group}.${col}`;

const HANDLED = [t3("handled_total")];
const WORKLOAD = [t3("new_received"), t3("carried_over")];
const CONCLUDED = (group: string) => ["upheld", "corrected", "other"].map((c) => t4(group, c));

const U_APPLICATIONS: Label = { zh: "件", en: "applications" };
const U_CASES: Label = { zh: "件", en: "cases" };
const U_DOCS: Label = { zh: "件", en: "documents" };
const U_PERCENT: Label = { zh: "%", en: "%" };
const U_PER100: Label = { zh: "件/百件办结", en: "per 100 handled" };
const U_RATIO: Label = { zh: "倍", en: "×" };
const U_10K_CNY: Label = { zh: "万元", en: "10k CNY" };

interface Spec {
  key: string;
  group: IndicatorGroup;
  kind: IndicatorKind;
  label: Label;
  formula: Label;
  note?: Label;
  unit?: Label;
  /** Same terms for every format listed in `formats` (default both). */
  terms?: IndicatorTerms;
  formats?: readonly FormatVersion[];
  /** Per-format terms, for definitions that differ between formats. */
  byFormat?: Partial<Record<FormatVersion, IndicatorTerms>>;
  formatSensitive?: boolean;
  signed?: boolean;
  family?: string;
}

function defaultUnit(kind: IndicatorKind): Label {
  switch (kind) {
    case "rate":
    case "growth":
      return U_PERCENT;
    case "per100":
      return U_PER100;
    case "ratio":
      return U_RATIO;
    case "amount":
      return U_10K_CNY;
    case "count":
      return U_APPLICATIONS;
  }
}

function define(s: Spec): IndicatorDef {
  const terms: Partial<Record<FormatVersion, IndicatorTerms>> = {};
  if (s.byFormat) Object.assign(terms, s.byFormat);
  else if (s.terms) for (const f of s.formats ?? BOTH) terms[f] = s.terms;
  const formats = BOTH.filter((f) => terms[f] !== undefined);
  const hasDenominator = formats.some((f) => terms[f]?.denominator != null);
  return {
    key: s.key,
    group: s.group,
    kind: s.kind,
    label: s.label,
    formula: s.formula,
    ...(s.note ? { note: s.note } : {}),
    unit: s.unit ?? defaultUnit(s.kind),
    terms,
    formats,
    formatSensitive: s.formatSensitive ?? false,
    minDenominator: hasDenominator ? SMALL_SAMPLE_MIN : null,
    signed: s.signed ?? s.kind === "growth",
    ...(s.family ? { family: s.family } : {}),
  };
}

const overHandled = (numerator: readonly string[]): IndicatorTerms => ({ numerator, denominator: HANDLED });

// ───────────────────────────── 4.1 volume and flow ─────────────────────────────

const VOLUME: IndicatorDef[] = [
  define({
    key: "new_received",
    group: "volume",
    kind: "count",
    label: { zh: "新收申请数", en: "New applications" },
    formula: { zh: "新收申请数 = 本年新收政府信息公开申请数量（总计）", en: "New applications = applications received this year (Total column)" },
    terms: { numerator: [t3("new_received")], denominator: null },
  }),
  define({
    key: "workload",
    group: "volume",
    kind: "count",
    label: { zh: "受理合计", en: "Workload" },
    formula: { zh: "受理合计 = 本年新收 + 上年结转（总计）", en: "Workload = new this year + carried over from last year (Total column)" },
    note: {
      zh: "按报告所填“总计”计算；该格填错时（如上年结转总计漏填）本指标随之偏差，见校验结果。",
      en: "Uses the Total cells as printed; if one is wrong (e.g. carried-over Total left at 0) this figure is too — see the report's findings.",
    },
    terms: { numerator: WORKLOAD, denominator: null },
  }),
  define({
    key: "handled",
    group: "volume",
    kind: "count",
    label: { zh: "办结数", en: "Handled" },
    formula: { zh: "办结数 = 本年度办理结果（七）总计", en: "Handled = outcomes this year, (7) total" },
    terms: { numerator: HANDLED, denominator: null },
  }),
  define({
    key: "clearance_rate",
    group: "volume",
    kind: "rate",
    label: { zh: "办结率", en: "Clearance rate" },
    formula: { zh: "办结率 = 办结数 ÷（本年新收 + 上年结转）", en: "Clearance rate = handled ÷ (new this year + carried over)" },
    terms: { numerator: HANDLED, denominator: WORKLOAD },
  }),
  define({
    key: "backlog_share",
    group: "volume",
    kind: "rate",
    label: { zh: "结转率", en: "Backlog share" },
    formula: { zh: "结转率 = 结转下年度继续办理 ÷（本年新收 + 上年结转）", en: "Backlog share = carried forward to next year ÷ (new this year + carried over)" },
    terms: { numerator: [t3("carried_forward")], denominator: WORKLOAD },
  }),
  define({
    key: "yoy_new_received",
    group: "volume",
    kind: "growth",
    label: { zh: "新收申请同比增长", en: "Growth in new applications" },
    formula: { zh: "同比增长 = 本年新收申请数 ÷ 上年新收申请数 − 1", en: "YoY growth = new applications this year ÷ new applications last year − 1" },
    note: { zh: "需要同一机关上一年度的报告。", en: "Needs the same agency's report for the previous year." },
    terms: { numerator: [t3("new_received")], denominator: [t3("new_received")], denominatorFromPreviousYear: true },
  }),
];

// ───────────────────────────── 4.2 outcome mix ─────────────────────────────

const DENIED_REASONS: readonly { row: string; zh: string; en: string }[] = [
  { row: "denied_state_secret", zh: "属于国家秘密", en: "state secret" },
  { row: "denied_prohibited_by_law", zh: "其他法律行政法规禁止公开", en: "prohibited by other laws" },
  { row: "denied_security_stability", zh: "危及“三安全一稳定”", en: "endangers security or stability" },
  { row: "denied_third_party", zh: "保护第三方合法权益", en: "third-party rights" },
  { row: "denied_internal_affairs", zh: "属于三类内部事务信息", en: "internal affairs" },
  { row: "denied_process_info", zh: "属于四类过程性信息", en: "process information" },
  { row: "denied_enforcement_file", zh: "属于行政执法案卷", en: "enforcement file" },
  { row: "denied_admin_query", zh: "属于行政查询事项", en: "administrative query" },
];

const GRANTED_BOTH = [t3("granted"), t3("partially_granted")];

const OUTCOME: IndicatorDef[] = [
  define({
    key: "granted_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "予以公开率", en: "Full disclosure rate" },
    formula: { zh: "予以公开率 = 予以公开 ÷ 本年办理结果总计", en: "Full disclosure rate = disclosed in full ÷ total handled" },
    terms: overHandled([t3("granted")]),
  }),
  define({
    key: "partial_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "部分公开率", en: "Partial disclosure rate" },
    formula: { zh: "部分公开率 = 部分公开 ÷ 本年办理结果总计", en: "Partial disclosure rate = partially disclosed ÷ total handled" },
    terms: overHandled([t3("partially_granted")]),
  }),
  define({
    key: "substantive_disclosure_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "实质公开率", en: "Substantive disclosure rate" },
    formula: {
      zh: "实质公开率 =（予以公开 + 部分公开）÷ 本年办理结果总计",
      en: "Substantive disclosure rate = (disclosed in full + partially disclosed) ÷ total handled",
    },
    terms: overHandled(GRANTED_BOTH),
  }),
  define({
    key: "substantive_disclosure_rate_workload",
    group: "outcome",
    kind: "rate",
    label: { zh: "实质公开率（按受理合计）", en: "Substantive disclosure rate (of workload)" },
    formula: {
      zh: "实质公开率（按受理合计）=（予以公开 + 部分公开）÷（本年新收 + 上年结转）",
      en: "Substantive disclosure rate (of workload) = (disclosed in full + partially disclosed) ÷ (new this year + carried over)",
    },
    terms: { numerator: GRANTED_BOTH, denominator: WORKLOAD },
  }),
  define({
    key: "merits_disclosure_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "实体决定公开率", en: "Disclosure rate of merits decisions" },
    formula: {
      zh: "实体决定公开率 =（予以公开 + 部分公开）÷（予以公开 + 部分公开 + 不予公开）",
      en: "Disclosure rate of merits decisions = (disclosed in full + partially) ÷ (disclosed in full + partially + refused)",
    },
    note: {
      zh: "只计对内容作出的决定，不含无法提供、不予处理和其他处理。",
      en: "Counts only decisions on the content; leaves out unable to provide, not processed and other handling.",
    },
    terms: { numerator: GRANTED_BOTH, denominator: [...GRANTED_BOTH, t3("denied_total")] },
  }),
  define({
    key: "refusal_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "不予公开率", en: "Refusal share" },
    formula: { zh: "不予公开率 = 不予公开（8类合计）÷ 本年办理结果总计", en: "Refusal share = refused (all 8 reasons) ÷ total handled" },
    terms: overHandled([t3("denied_total")]),
  }),
  ...DENIED_REASONS.map((r) =>
    define({
      key: `refusal_reason_share.${r.row.slice("denied_".length)}`,
      family: "refusal_reason_share",
      group: "outcome",
      kind: "rate",
      label: { zh: `不予公开理由占比：${r.zh}`, en: `Refusal reason share: ${r.en}` },
      formula: {
        zh: `“${r.zh}”占比 = 不予公开·${r.zh} ÷ 不予公开（8类合计）`,
        en: `Share of "${r.en}" = refused for ${r.en} ÷ refused (all 8 reasons)`,
      },
      terms: { numerator: [t3(r.row)], denominator: [t3("denied_total")] },
    }),
  ),
  define({
    key: "unable_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "无法提供率", en: "Unable-to-provide share" },
    formula: { zh: "无法提供率 = 无法提供（3类合计）÷ 本年办理结果总计", en: "Unable-to-provide share = unable to provide (all 3 reasons) ÷ total handled" },
    terms: overHandled([t3("unable_total")]),
  }),
  define({
    key: "not_held_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "不掌握率", en: "Not-held share" },
    formula: { zh: "不掌握率 = 本机关不掌握相关政府信息 ÷ 本年办理结果总计", en: "Not-held share = information not held by this agency ÷ total handled" },
    terms: overHandled([t3("unable_not_held")]),
  }),
  define({
    key: "not_processed_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "不予处理率", en: "Not-processed share" },
    formula: { zh: "不予处理率 = 不予处理（5类合计）÷ 本年办理结果总计", en: "Not-processed share = not processed (all 5 reasons) ÷ total handled" },
    terms: overHandled([t3("not_processed_total")]),
  }),
  define({
    key: "petition_share",
    group: "outcome",
    kind: "rate",
    label: { zh: "信访类申请占比", en: "Petition share" },
    formula: { zh: "信访类申请占比 = 信访举报投诉类申请 ÷ 本年办理结果总计", en: "Petition share = petitions, reports and complaints ÷ total handled" },
    terms: overHandled([t3("not_processed_petition")]),
  }),
  define({
    key: "repeat_share",
    group: "outcome",
    kind: "rate",
    label: { zh: "重复及大量反复申请占比", en: "Repeat-application share" },
    formula: {
      zh: "重复及大量反复申请占比 =（重复申请 + 无正当理由大量反复申请）÷ 本年办理结果总计",
      en: "Repeat-application share = (repeat + excessive repeated applications) ÷ total handled",
    },
    terms: overHandled([t3("not_processed_repeat"), t3("not_processed_excessive")]),
  }),
  define({
    key: "other_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "其他处理率", en: "Other-handling share" },
    formula: { zh: "其他处理率 = 其他处理（合计）÷ 本年办理结果总计", en: "Other-handling share = other handling (all) ÷ total handled" },
    note: {
      zh: "2021年格式分为3小类，2019年格式为一行“其他处理”；合计口径相同。",
      en: "Three sub-rows in the 2021 format, one 'other handling' row in 2019; the total covers the same ground.",
    },
    terms: overHandled([t3("other_total")]),
  }),
  define({
    key: "fee_unpaid_rate",
    group: "outcome",
    kind: "rate",
    label: { zh: "逾期未缴费占比", en: "Unpaid-fee share" },
    formula: {
      zh: "逾期未缴费占比 = 申请人逾期未按收费通知缴费、不再处理 ÷ 本年办理结果总计",
      en: "Unpaid-fee share = not processed because the fee notice went unpaid ÷ total handled",
    },
    note: { zh: "仅2021年格式有此行；可反映收费的抑制作用。", en: "Only the 2021 format has this row; a proxy for fee deterrence." },
    formats: V2021,
    terms: overHandled([t3("other_fee_unpaid")]),
  }),
];

// ───────────────────────────── 4.3 who applies ─────────────────────────────

const APPLICANT_LABELS: Readonly<Record<(typeof T3_APPLICANT_COLS)[number], Label>> = {
  natural_person: { zh: "自然人", en: "natural persons" },
  commercial_enterprise: { zh: "商业企业", en: "commercial enterprises" },
  research_institution: { zh: "科研机构", en: "research institutions" },
  public_interest_org: { zh: "社会公益组织", en: "public-interest organisations" },
  legal_service_org: { zh: "法律服务机构", en: "legal service organisations" },
  other_org: { zh: "其他组织", en: "other organisations" },
};

const APPLICANT: IndicatorDef[] = [
  define({
    key: "legal_person_share",
    group: "applicant",
    kind: "rate",
    label: { zh: "法人或其他组织申请占比", en: "Legal-person share" },
    formula: {
      zh: "法人或其他组织申请占比 = 新收申请中法人或其他组织（5类合计）÷ 新收申请总计",
      en: "Legal-person share = new applications from legal persons and other organisations (5 columns) ÷ all new applications",
    },
    terms: { numerator: [t3("new_received", "legal_person_total")], denominator: [t3("new_received")] },
  }),
  ...T3_APPLICANT_COLS.map((col) =>
    define({
      key: `applicant_share.${col}`,
      family: "applicant_share",
      group: "applicant",
      kind: "rate",
      label: { zh: `${APPLICANT_LABELS[col].zh}申请占比`, en: `Share from ${APPLICANT_LABELS[col].en}` },
      formula: {
        zh: `${APPLICANT_LABELS[col].zh}申请占比 = 新收申请（${APPLICANT_LABELS[col].zh}）÷ 新收申请总计`,
        en: `Share from ${APPLICANT_LABELS[col].en} = new applications (${APPLICANT_LABELS[col].en}) ÷ all new applications`,
      },
      terms: { numerator: [t3("new_received", col)], denominator: [t3("new_received")] },
    }),
  ),
  ...T3_APPLICANT_COLS.map((col) =>
    define({
      key: `applicant_granted_rate.${col}`,
      family: "applicant_granted_rate",
      group: "applicant",
      kind: "rate",
      label: { zh: `${APPLICANT_LABELS[col].zh}申请予以公开率`, en: `Full disclosure rate for ${APPLICANT_LABELS[col].en}` },
      formula: {
        zh: `${APPLICANT_LABELS[col].zh}申请予以公开率 = 予以公开（${APPLICANT_LABELS[col].zh}）÷ 本年办理结果总计（${APPLICANT_LABELS[col].zh}）`,
        en: `Full disclosure rate for ${APPLICANT_LABELS[col].en} = disclosed in full (${APPLICANT_LABELS[col].en}) ÷ total handled (${APPLICANT_LABELS[col].en})`,
      },
      terms: { numerator: [t3("granted", col)], denominator: [t3("handled_total", col)] },
    }),
  ),
];

// ───────────────────────────── 4.4 disputes ─────────────────────────────

const COHORT_NOTE: Label = {
  zh: "复议、诉讼案件可能涉及以前年度的申请，与本年办结数口径不完全一致。",
  en: "Cases may concern applications from earlier years, so the cohorts differ from this year's handled count.",
};

const DISPUTE: IndicatorDef[] = [
  define({
    key: "review_count",
    group: "dispute",
    kind: "count",
    unit: U_CASES,
    label: { zh: "行政复议案件数", en: "Reconsideration cases" },
    formula: { zh: "行政复议案件数 = 表四 行政复议 总计", en: "Reconsideration cases = Table 4, reconsideration, total" },
    terms: { numerator: [t4("review", "total")], denominator: null },
  }),
  define({
    key: "litigation_count",
    group: "dispute",
    kind: "count",
    unit: U_CASES,
    label: { zh: "行政诉讼案件数", en: "Litigation cases" },
    formula: {
      zh: "行政诉讼案件数 = 未经复议直接起诉 总计 + 复议后起诉 总计",
      en: "Litigation cases = direct suits, total + suits after reconsideration, total",
    },
    terms: { numerator: [t4("lit_total", "total")], denominator: null },
  }),
  define({
    key: "review_per_100",
    group: "dispute",
    kind: "per100",
    label: { zh: "复议率（每百件办结）", en: "Reconsiderations per 100 handled" },
    formula: { zh: "复议率 = 100 × 行政复议总计 ÷ 本年办理结果总计", en: "Reconsiderations per 100 = 100 × reconsideration cases ÷ total handled" },
    note: COHORT_NOTE,
    terms: overHandled([t4("review", "total")]),
  }),
  define({
    key: "litigation_per_100",
    group: "dispute",
    kind: "per100",
    label: { zh: "诉讼率（每百件办结）", en: "Lawsuits per 100 handled" },
    formula: { zh: "诉讼率 = 100 × 行政诉讼总计 ÷ 本年办理结果总计", en: "Lawsuits per 100 = 100 × litigation cases (both kinds) ÷ total handled" },
    note: COHORT_NOTE,
    terms: overHandled([t4("lit_total", "total")]),
  }),
  define({
    key: "dispute_conversion",
    group: "dispute",
    kind: "rate",
    label: { zh: "争议转化率", en: "Dispute conversion" },
    formula: {
      zh: "争议转化率 =（行政复议总计 + 未经复议直接起诉总计）÷ 本年新收申请数",
      en: "Dispute conversion = (reconsiderations + direct suits) ÷ new applications",
    },
    note: {
      zh: "不计复议后起诉，以免同一争议重复计算（KGC 口径计入全部诉讼）。",
      en: "Leaves out suits after reconsideration so one escalating dispute is not counted twice (KGC counts all litigation).",
    },
    terms: { numerator: [t4("review", "total"), t4("lit_direct", "total")], denominator: [t3("new_received")] },
  }),
  define({
    key: "review_correction_rate",
    group: "dispute",
    kind: "rate",
    label: { zh: "复议纠错率", en: "Reconsideration correction rate" },
    formula: {
      zh: "复议纠错率 = 结果纠正 ÷（结果维持 + 结果纠正 + 其他结果），不含尚未审结",
      en: "Reconsideration correction rate = corrected ÷ (upheld + corrected + other), concluded cases only",
    },
    terms: { numerator: [t4("review", "corrected")], denominator: CONCLUDED("review") },
  }),
  define({
    key: "review_upheld_rate",
    group: "dispute",
    kind: "rate",
    label: { zh: "复议维持率", en: "Reconsideration upheld rate" },
    formula: {
      zh: "复议维持率 = 结果维持 ÷（结果维持 + 结果纠正 + 其他结果），不含尚未审结",
      en: "Reconsideration upheld rate = upheld ÷ (upheld + corrected + other), concluded cases only",
    },
    terms: { numerator: [t4("review", "upheld")], denominator: CONCLUDED("review") },
  }),
  define({
    key: "litigation_loss_rate",
    group: "dispute",
    kind: "rate",
    label: { zh: "诉讼败诉率", en: "Litigation loss rate" },
    formula: {
      zh: "诉讼败诉率 = 诉讼结果纠正 ÷ 已审结诉讼（维持 + 纠正 + 其他），两类诉讼合计",
      en: "Litigation loss rate = corrected ÷ concluded suits (upheld + corrected + other), both kinds of suit",
    },
    terms: { numerator: [t4("lit_total", "corrected")], denominator: CONCLUDED("lit_total") },
  }),
  define({
    key: "combined_correction_rate",
    group: "dispute",
    kind: "rate",
    label: { zh: "综合纠错率", en: "Combined correction rate" },
    formula: {
      zh: "综合纠错率 =（复议纠正 + 诉讼纠正）÷（已审结复议 + 已审结诉讼）",
      en: "Combined correction rate = (corrected reconsiderations + corrected suits) ÷ (concluded reconsiderations + concluded suits)",
    },
    note: {
      zh: "分母为已审结案件，不含尚未审结（KGC 口径以含未结的总计为分母）。",
      en: "Denominator: concluded cases, pending excluded (KGC divides by totals including pending).",
    },
    terms: {
      numerator: [t4("review", "corrected"), t4("lit_total", "corrected")],
      denominator: [...CONCLUDED("review"), ...CONCLUDED("lit_total")],
    },
  }),
  define({
    key: "review_pending_share",
    group: "dispute",
    kind: "rate",
    label: { zh: "复议未结占比", en: "Reconsiderations pending" },
    formula: { zh: "复议未结占比 = 尚未审结 ÷ 行政复议总计", en: "Reconsiderations pending = pending ÷ all reconsiderations" },
    terms: { numerator: [t4("review", "pending")], denominator: [t4("review", "total")] },
  }),
  define({
    key: "litigation_pending_share",
    group: "dispute",
    kind: "rate",
    label: { zh: "诉讼未结占比", en: "Lawsuits pending" },
    formula: { zh: "诉讼未结占比 = 尚未审结 ÷ 行政诉讼总计（两类合计）", en: "Lawsuits pending = pending ÷ all suits (both kinds)" },
    terms: { numerator: [t4("lit_total", "pending")], denominator: [t4("lit_total", "total")] },
  }),
];

// ───────────────────────────── 4.5 proactive disclosure ─────────────────────────────

const PROACTIVE: IndicatorDef[] = [
  define({
    key: "normative_in_force",
    group: "proactive",
    kind: "count",
    unit: U_DOCS,
    label: { zh: "现行有效行政规范性文件", en: "Normative documents in force" },
    formula: { zh: "现行有效行政规范性文件 = 表二 行政规范性文件 现行有效件数", en: "Normative documents in force = Table 2, normative documents, in force" },
    note: {
      zh: "2019年格式的“对外公开总数量”口径不同，不予换算。",
      en: "The 2019 format's 'total published' is a different measure and is not converted.",
    },
    formats: V2021,
    terms: { numerator: ["t2.normative_doc.in_force"], denominator: null },
  }),
  define({
    key: "normative_net_change",
    group: "proactive",
    kind: "count",
    unit: U_DOCS,
    signed: true,
    label: { zh: "行政规范性文件净增", en: "Net change in normative documents" },
    formula: { zh: "净增 = 本年制发件数 − 本年废止件数", en: "Net change = issued this year − repealed this year" },
    formats: V2021,
    terms: { numerator: ["t2.normative_doc.issued"], numeratorMinus: ["t2.normative_doc.repealed"], denominator: null },
  }),
  define({
    key: "repeal_intensity",
    group: "proactive",
    kind: "rate",
    label: { zh: "清理力度", en: "Repeal intensity" },
    formula: {
      zh: "清理力度 = 本年废止行政规范性文件件数 ÷ 上年现行有效件数",
      en: "Repeal intensity = normative documents repealed this year ÷ in force at the end of last year",
    },
    note: { zh: "需要同一机关上一年度（2021年格式）的报告。", en: "Needs the same agency's previous-year report in the 2021 format." },
    formats: V2021,
    terms: { numerator: ["t2.normative_doc.repealed"], denominator: ["t2.normative_doc.in_force"], denominatorFromPreviousYear: true },
  }),
  define({
    key: "service_ratio",
    group: "proactive",
    kind: "ratio",
    label: { zh: "许可处罚比", en: "Licence-to-enforcement ratio" },
    formula: {
      zh: "许可处罚比 = 行政许可处理决定数 ÷（行政处罚 + 行政强制处理决定数）",
      en: "Licence-to-enforcement ratio = licensing decisions ÷ (penalty + coercion decisions)",
    },
    note: {
      zh: "仅为结构参考。2019年格式的表二栏目不同（另有“其他对外管理服务事项”和项目数量栏），跨格式比较需谨慎。",
      en: "A proxy only. The 2019 Table 2 differs (it also has 'other external services' and item-count columns): compare across formats with care.",
    },
    formatSensitive: true,
    byFormat: {
      "2021": { numerator: ["t2.admin_license.decisions"], denominator: ["t2.admin_penalty.decisions", "t2.admin_coercion.decisions"] },
      "2019": { numerator: ["t2v19.admin_license.decisions"], denominator: ["t2v19.admin_penalty.decisions", "t2v19.admin_coercion.decisions"] },
    },
  }),
  define({
    key: "fee_income",
    group: "proactive",
    kind: "amount",
    label: { zh: "行政事业性收费金额", en: "Administrative fee income" },
    formula: {
      zh: "行政事业性收费金额 = 表二 行政事业性收费 本年收费金额（万元）",
      en: "Administrative fee income = Table 2, administrative fees, amount collected (10k CNY)",
    },
    note: {
      zh: "与申请人缴纳的信息处理费无关；2019年格式只有项目数，无金额。",
      en: "Not the information-processing fees paid by applicants; the 2019 format has item counts, no amount.",
    },
    formats: V2021,
    terms: { numerator: ["t2.admin_fee.amount_10k_cny"], denominator: null },
  }),
];

// ───────────────────────────── 4.7 application mix (narrative) ─────────────────────────────

const U_REPORTS_SHARE: Label = { zh: "%（年报）", en: "% of reports" };

/**
 * Three different measures, each named for what it is: how many reports name a topic (a share of
 * reports, not of applications), the applications reports say concern it (summed only over reports
 * that state a count), and that count's share of the same reports' new applications.
 */
const TOPIC_STATED: IndicatorDef = define({
  key: "topic_counts_stated",
  group: "topic",
  kind: "rate",
  unit: U_REPORTS_SHARE,
  label: { zh: "写明分主题件数的年报占比", en: "Reports stating counts per topic" },
  formula: {
    zh: "占比 = 正文写明至少一个主题申请件数的年报数 ÷ 年报数",
    en: "Share = reports whose narrative states an application count for at least one topic ÷ reports",
  },
  terms: { numerator: [TOPIC_COUNTED_KEY], denominator: [TOPIC_REPORTS_KEY] },
});

const TOPIC: IndicatorDef[] = [TOPIC_STATED, ...TOPIC_KEYS.flatMap((t) => {
  const name = TOPICS.find((d) => d.key === t)?.label ?? { zh: t, en: t };
  const en = name.en.toLowerCase();
  return [
    define({
      key: `topic_mention.${t}`,
      group: "topic",
      kind: "rate",
      family: "topic_mention",
      unit: U_REPORTS_SHARE,
      label: { zh: `提及“${name.zh}”的年报占比`, en: `Reports mentioning ${en}` },
      formula: {
        zh: `提及率 = 正文列明“${name.zh}”为申请内容的年报数 ÷ 年报数（按年报计，不是申请件数）`,
        en: `Mention share = reports whose narrative names ${en} among the applications' subjects ÷ reports (counts reports, not applications)`,
      },
      terms: { numerator: [topicMentionKey(t)], denominator: [TOPIC_REPORTS_KEY] },
    }),
    define({
      key: `topic_count.${t}`,
      group: "topic",
      kind: "count",
      family: "topic_count",
      label: { zh: `“${name.zh}”类申请数（写明件数）`, en: `${name.en} applications (where stated)` },
      formula: {
        zh: `“${name.zh}”类申请数 = 年报正文写明的该类申请件数之和；未写明件数的年报不计入`,
        en: `${name.en} applications = the counts reports state in their narrative, summed; reports that state no count are left out`,
      },
      note: { zh: "多数年报只列主题、不写件数：请同时看写明件数的年报数。", en: "Most reports name topics without counts: read it with the number of reports that state one." },
      terms: { numerator: [topicCountKey(t)], denominator: null },
    }),
    define({
      key: `topic_count_share.${t}`,
      group: "topic",
      kind: "rate",
      family: "topic_count_share",
      label: { zh: `“${name.zh}”类申请占新收申请比例（写明件数）`, en: `${name.en} share of new applications (where stated)` },
      formula: {
        zh: `占比 = 写明的“${name.zh}”类申请件数 ÷ 同一批年报的本年新收申请数（只计写明件数的年报）`,
        en: `Share = stated ${en} applications ÷ new applications of the same reports (only reports that state a count)`,
      },
      terms: { numerator: [topicCountKey(t)], denominator: [t3("new_received")] },
    }),
  ];
})];

// ───────────────────────────── registry ─────────────────────────────

/** Every indicator, in menu order (group by group). */
export const INDICATORS: readonly IndicatorDef[] = [...VOLUME, ...OUTCOME, ...APPLICANT, ...DISPUTE, ...PROACTIVE, ...TOPIC];

export const INDICATOR_BY_KEY: ReadonlyMap<string, IndicatorDef> = new Map(INDICATORS.map((d) => [d.key, d]));

export const INDICATOR_KEYS: readonly string[] = INDICATORS.map((d) => d.key);

export function isIndicatorKey(value: unknown): value is string {
  return typeof value === "string" && INDICATOR_BY_KEY.has(value);
}

export function getIndicator(key: string): IndicatorDef {
  const def = INDICATOR_BY_KEY.get(key);
  if (!def) throw new Error(`Unknown indicator "${key}". Known keys: ${INDICATOR_KEYS.join(", ")}.`);
  return def;
}

export function indicatorsInGroup(group: IndicatorGroup): IndicatorDef[] {
  return INDICATORS.filter((d) => d.group === group);
}

export function indicatorsForFormat(format: FormatVersion): IndicatorDef[] {
  return INDICATORS.filter((d) => d.formats.includes(format));
}

/** Every catalog cell an indicator reads (any format), for queries that select only what they need. */
export function indicatorCells(def: IndicatorDef): string[] {
  const out = new Set<string>();
  for (const f of def.formats) {
    const t = def.terms[f];
    if (!t) continue;
    for (const k of [...t.numerator, ...(t.numeratorMinus ?? []), ...(t.denominator ?? [])]) out.add(k);
  }
  return [...out];
}

// Fail at import, not on a dashboard, if a definition names a cell the catalog lacks for that format.
for (const def of INDICATORS) {
  for (const f of def.formats) {
    const t = def.terms[f];
    for (const k of [...(t?.numerator ?? []), ...(t?.numeratorMinus ?? []), ...(t?.denominator ?? [])]) {
      const cell = FIGURE_BY_KEY.get(k);
      if (!cell || !cell.formats.includes(f)) throw new Error(`indicator ${def.key}: cell ${k} is not in the ${f} catalog`);
    }
  }
}
