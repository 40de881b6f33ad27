import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, sqlList, timestamps } from "./_shared";
import { reports } from "./reports";
import { users } from "./users";

/** queued → parsing → stored | skipped | failed. A failed job keeps its file and its reason. */
export const INGEST_JOB_STATES = ["queued", "parsing", "stored", "skipped", "failed"] as const;
export type IngestJobState = (typeof INGEST_JOB_STATES)[number];
export const INGEST_JOB_SOURCES = ["upload", "self_review", "cli", "demo"] as const;
export type IngestJobSource = (typeof INGEST_JOB_SOURCES)[number];

/** What a stored job made, for the upload page (agency, year, finding counts). */
export interface IngestJobSummary {
  agencyId: string;
  agencyName: string;
  year: number;
  version: number;
  pendingAgency: boolean;
  errors: number;
  warnings: number;
  /** Skipped jobs: the status of the report that already holds these bytes (draft, submitted, published). */
  existingStatus?: string;
}

/**
 * One file to ingest, as a job: the state the upload page shows, the file until it is stored,
 * and the reason when it fails. The queue (pg-boss on PostgreSQL, in-process on PGlite) only
 * carries this row's id; the row is the truth.
 */
export const ingestJobs = pgTable(
  "ingest_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fileName: text("file_name").notNull(),
    /** The file; cleared once stored (the report's source document keeps it), kept on failure. */
    bytes: bytea("bytes"),
    sizeBytes: integer("size_bytes").notNull(),
    /** The status the report gets: published (oversight upload, CLI) or draft (self-review). */
    reportStatus: text("report_status").$type<"draft" | "published">().notNull(),
    source: text("source").$type<IngestJobSource>().notNull(),
    /** Files sent together (one upload form submission, one CLI run). */
    batch: text("batch"),
    /** Overrides of what the document says (CLI --agency / --year). */
    agencyName: text("agency_name"),
    year: integer("year"),
    deferCrossYear: boolean("defer_cross_year").notNull().default(false),
    /** Whose scope the job runs in; null for the operator's scripts. */
    createdBy: uuid("created_by"),
    state: text("state").$type<IngestJobState>().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    code: text("code"),
    message: text("message"),
    reportId: uuid("report_id"),
    summary: jsonb("summary").$type<IngestJobSummary>(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    foreignKey({ name: "ingest_jobs_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({ name: "ingest_jobs_report_fk", columns: [t.reportId], foreignColumns: [reports.id] }).onDelete("set null"),
    index("ingest_jobs_created_by_idx").on(t.createdBy, t.createdAt),
    index("ingest_jobs_batch_idx").on(t.batch),
    index("ingest_jobs_open_idx").on(t.state).where(sql`${t.state} in ('queued', 'parsing')`),
    check("ingest_jobs_state_ck", sql.raw(`state in (${sqlList(INGEST_JOB_STATES)})`)),
    check("ingest_jobs_source_ck", sql.raw(`source in (${sqlList(INGEST_JOB_SOURCES)})`)),
    check("ingest_jobs_report_status_ck", sql`${t.reportStatus} in ('draft', 'published')`),
  ],
);

export type IngestJob = typeof ingestJobs.$inferSelect;
