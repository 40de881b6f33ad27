/** Report format versions: 国办公开办函〔2019〕60号 (试行) and 〔2021〕30号. Detected from table headers, never from the year. */
export const FORMAT_VERSIONS = ["2019", "2021"] as const;
export type FormatVersion = (typeof FORMAT_VERSIONS)[number];

export const TABLE_IDS = ["t2", "t3", "t4"] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const TABLE_TITLES: Record<TableId, { zh: string; en: string }> = {
  t2: { zh: "主动公开政府信息情况", en: "Proactive disclosure" },
  t3: { zh: "收到和处理政府信息公开申请情况", en: "Applications received and handled" },
  t4: { zh: "政府信息公开行政复议、行政诉讼情况", en: "Administrative reconsideration and litigation" },
};

/** Why a cell holds no number (REPORT-FORMAT.md §0). */
export const NULL_REASONS = ["blank", "slash", "dash", "text", "absent"] as const;
export type NullReason = (typeof NULL_REASONS)[number];

export const REPORT_SCOPES = ["self", "region_aggregate", "unknown"] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];
