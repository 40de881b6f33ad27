/**
 * draft: uploaded by the agency for checking before publication; submitted: sent to oversight;
 * published: the public version (everything ingested from the web is published).
 */
export const REPORT_STATUSES = ["draft", "submitted", "published"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export { FORMAT_VERSIONS, type FormatVersion, REPORT_SCOPES, type ReportScope } from "../../lib/catalog/formats";
