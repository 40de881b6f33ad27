/** Kinds of publisher (REPORT-FORMAT.md §5.1). */
export const AGENCY_KINDS = ["government", "department", "dev_zone", "township", "other"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** New agencies found by ingestion wait for an oversight user to confirm them. */
export const AGENCY_REVIEW_STATUSES = ["active", "pending_review"] as const;
export type AgencyReviewStatus = (typeof AGENCY_REVIEW_STATUSES)[number];

/**
 * Normalised department functions for peer groups (§5.1). `dept_type` is free text so new
 * functions need no migration; these are the values the UI offers first.
 */
export const DEPT_TYPES = [
  "办公室",
  "发展改革",
  "教育",
  "公安",
  "民政",
  "司法",
  "财政",
  "人社",
  "自然资源",
  "生态环境",
  "住建",
  "交通运输",
  "水利",
  "农业农村",
  "商务",
  "文化旅游",
  "卫健",
  "应急管理",
  "审计",
  "市场监管",
  "统计",
  "医保",
  "林业",
  "信访",
  "税务",
] as const;
export type DeptType = (typeof DEPT_TYPES)[number];

export { REGION_LEVELS as AGENCY_LEVELS, type RegionLevel as AgencyLevel } from "../../lib/regions/levels";
