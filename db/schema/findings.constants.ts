export const FINDING_SEVERITIES = ["error", "warning", "info"] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** open: needs attention; explained: the agency says why it is right; resolved: a later version fixed it. */
export const FINDING_STATUSES = ["open", "explained", "resolved"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
