import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ParsedReport } from "../../lib/records/parsed-report";
import { timestamps, sqlList } from "./_shared";
import { agencies } from "./agencies";
import { FORMAT_VERSIONS, REPORT_SCOPES, REPORT_STATUSES } from "./reports.constants";
import { sourceDocuments } from "./source-documents";
import { users } from "./users";

/**
 * One version of one agency's report for one year. A report is never overwritten: a new document
 * for the same agency and year is a new row with version + 1 that supersedes the previous one,
 * and exactly one version per (agency, year) is current.
 */
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id").notNull(),
    year: integer("year").notNull(),
    formatVersion: text("format_version", { enum: FORMAT_VERSIONS }),
    scope: text("scope", { enum: REPORT_SCOPES }).notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull(),
    version: integer("version").notNull().default(1),
    documentId: uuid("document_id").notNull(),
    supersedesId: uuid("supersedes_id"),
    isCurrent: boolean("is_current").notNull().default(true),
    publishedOn: date("published_on", { mode: "string" }),
    /** False when a table is missing or truncated. */
    complete: boolean("complete").notNull(),
    /**
     * Per table, catalog cells read of the cells the format has. Null only for reports stored
     * before coverage was measured, until `npm start`/`npm run ingest` backfills them from figures.
     */
    coverage: jsonb("coverage").$type<ParsedReport["coverage"]>(),
    parseIssues: jsonb("parse_issues").$type<ParsedReport["issues"]>().notNull().default(sql`'[]'::jsonb`),
    narrative: jsonb("narrative").$type<ParsedReport["narrative"]>().notNull().default(sql`'{}'::jsonb`),
    sections: jsonb("sections").$type<ParsedReport["sections"]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid("created_by"),
    /**
     * Set on a version made by correcting figures by hand (db/mutations/report/correct-report.ts):
     * the version it was corrected from. It shares that version's source document.
     */
    correctionOf: uuid("correction_of"),
    /**
     * Figures entered by hand, by cell key, with who, when, why and what the parser read. A
     * correction version carries every correction of the versions it was made from.
     */
    corrections: jsonb("corrections").$type<Record<string, CellCorrection>>().notNull().default(sql`'{}'::jsonb`),
    ...timestamps,
  },
  (t) => [
    foreignKey({ name: "reports_agency_fk", columns: [t.agencyId], foreignColumns: [agencies.id] }).onDelete("restrict"),
    foreignKey({ name: "reports_document_fk", columns: [t.documentId], foreignColumns: [sourceDocuments.id] }).onDelete("restrict"),
    foreignKey({ name: "reports_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ name: "reports_supersedes_fk", columns: [t.supersedesId], foreignColumns: [t.id] }).onDelete("restrict"),
    foreignKey({ name: "reports_correction_of_fk", columns: [t.correctionOf], foreignColumns: [t.id] }).onDelete("restrict"),
    // The natural key (STYLE rule 7): the same file for the same agency and year is the same report.
    // Hand corrections are new versions of the same file, so they are left out of it.
    uniqueIndex("reports_agency_year_document_uq").on(t.agencyId, t.year, t.documentId).where(sql`${t.correctionOf} is null`),
    // Its leading agency_id also serves per-agency lookups, so there is no separate agency index.
    unique("reports_agency_year_version_uq").on(t.agencyId, t.year, t.version),
    uniqueIndex("reports_one_current_uq").on(t.agencyId, t.year).where(sql`${t.isCurrent}`),
    // Target of report_figures_report_fk: its denormalised copies follow by ON UPDATE CASCADE.
    unique("reports_figures_sync_uq").on(t.id, t.agencyId, t.year, t.scope, t.isCurrent),
    index("reports_year_scope_current_idx").on(t.year, t.scope, t.isCurrent),
    index("reports_document_idx").on(t.documentId),
    index("reports_supersedes_idx").on(t.supersedesId),
    check("reports_year_ck", sql`${t.year} BETWEEN 2000 AND 2100`),
    check("reports_version_ck", sql`${t.version} >= 1`),
    check("reports_format_version_ck", sql.raw(`"format_version" IS NULL OR "format_version" IN (${sqlList(FORMAT_VERSIONS)})`)),
    check("reports_scope_ck", sql.raw(`"scope" IN (${sqlList(REPORT_SCOPES)})`)),
    check("reports_status_ck", sql.raw(`"status" IN (${sqlList(REPORT_STATUSES)})`)),
  ],
);

/** One figure entered by hand. */
export interface CellCorrection {
  /** The value entered: a count as a number, money as a decimal string, null for "blank". */
  value: number | string | null;
  /** What the parser read (null when the cell was unread or blank). */
  parsed: number | string | null;
  /** Why the parser's value was null, when it was. */
  parsedNullReason: string | null;
  reason: string;
  byUserId: string | null;
  byName: string;
  /** ISO timestamp. */
  at: string;
  /** The version this figure was first corrected in. */
  version: number;
}

export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
