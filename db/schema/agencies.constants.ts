export { AGENCY_KINDS, type AgencyKind } from "../../lib/agencies/constants";

/** New agencies found by ingestion wait for an oversight user to confirm them. */
export const AGENCY_REVIEW_STATUSES = ["active", "pending_review"] as const;
export type AgencyReviewStatus = (typeof AGENCY_REVIEW_STATUSES)[number];

/**
 * Normalised department functions for peer groups (§5.1), as the ingest classifier assigns them.
 * `dept_type` is free text so new functions need no migration; these are the values the UI offers.
 */
export { DEPT_TYPES, type DeptType } from "../../lib/agencies/constants";

export { REGION_LEVELS as AGENCY_LEVELS, type RegionLevel as AgencyLevel } from "../../lib/regions/levels";
