/** The schema barrel: drizzle-kit reads it, and `db/client.ts` passes it to Drizzle. Server-only. */
export * from "./regions";
export * from "./agencies";
export * from "./users";
export * from "./revoked-sessions";
export * from "./source-documents";
export * from "./reports";
export * from "./report-figures";
export * from "./findings";
export * from "./report-topics";
export * from "./audit-log";
export * from "./dashboard-rollups";
export * from "./dashboard-cache";
export * from "./ingest-jobs";
export * from "./demo-load";
export * from "./relations";
