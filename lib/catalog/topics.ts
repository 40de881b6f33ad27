/** Application-mix topics (REPORT-FORMAT.md §0, §4.7): keys are a contract, keywords a seed list to extend from data. */
export const TOPIC_KEYS = [
  "land_requisition",
  "demolition",
  "planning",
  "property_registration",
  "social_security",
  "housing_security",
  "project_approval",
  "enforcement",
  "public_funds",
  "education",
  "environment",
  "other",
] as const;
export type TopicKey = (typeof TOPIC_KEYS)[number];

export interface TopicDef {
  key: TopicKey;
  label: { zh: string; en: string };
  /** Matched as substrings of the sentence that lists the topics; longest first wins overlaps. */
  keywords: readonly string[];
}

export const TOPICS: readonly TopicDef[] = [
  { key: "land_requisition", label: { zh: "土地征收", en: "Land requisition" }, keywords: ["土地征收", "征地", "征收补偿", "安置", "土地征用", "集体土地"] },
  { key: "demolition", label: { zh: "房屋拆迁", en: "Housing demolition" }, keywords: ["房屋拆迁", "房屋征收", "棚户区改造", "拆违", "拆迁"] },
  { key: "planning", label: { zh: "规划", en: "Planning" }, keywords: ["规划许可", "规划批复", "建设工程规划", "城乡规划", "规划"] },
  { key: "property_registration", label: { zh: "不动产登记", en: "Property registration" }, keywords: ["不动产登记", "土地证", "房产"] },
  { key: "social_security", label: { zh: "社会保障", en: "Social security" }, keywords: ["社会保障", "社保", "养老", "低保", "救助"] },
  { key: "housing_security", label: { zh: "住房保障", en: "Housing security" }, keywords: ["住房保障", "公租房", "保障性住房"] },
  { key: "project_approval", label: { zh: "项目审批", en: "Project approval" }, keywords: ["项目审批", "立项", "环评"] },
  { key: "enforcement", label: { zh: "行政执法", en: "Law enforcement" }, keywords: ["行政执法", "行政处罚", "执法案卷", "处罚"] },
  { key: "public_funds", label: { zh: "财政资金", en: "Public funds" }, keywords: ["财政资金", "补贴", "补偿款", "专项资金"] },
  { key: "education", label: { zh: "教育", en: "Education" }, keywords: ["教育", "入学", "招生"] },
  { key: "environment", label: { zh: "生态环境", en: "Environment" }, keywords: ["环境", "污染", "环保"] },
  { key: "other", label: { zh: "其他", en: "Other" }, keywords: [] },
];

/** Figures the narrative states (REPORT-FORMAT.md §0 `narrative`). */
export const NARRATIVE_KEYS = [
  "new_received",
  "carried_over",
  "handled_total",
  "carried_forward",
  "review_total",
  "litigation_total",
] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];

export const NARRATIVE_LABELS: Record<NarrativeKey, { zh: string; en: string }> = {
  new_received: { zh: "收到申请", en: "Applications received" },
  carried_over: { zh: "上年结转", en: "Carried over" },
  handled_total: { zh: "办结", en: "Handled" },
  carried_forward: { zh: "结转下年度", en: "Carried forward" },
  review_total: { zh: "行政复议", en: "Reconsiderations" },
  litigation_total: { zh: "行政诉讼", en: "Lawsuits" },
};
