import { sql } from "drizzle-orm";
import { check, foreignKey, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamps, sqlList } from "./_shared";
import { FINDING_SEVERITIES, FINDING_STATUSES } from "./findings.constants";
import { reports } from "./reports";
import { users } from "./users";

/** A failed consistency rule (REPORT-FORMAT.md §2) on one report, naming the cells to blame. */
export const findings = pgTable(
  "findings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id").notNull(),
    /** Rule id of §2 (H-T3-BAL, S-X-CARRY, …). */
    rule: text("rule").notNull(),
    severity: text("severity", { enum: FINDING_SEVERITIES }).notNull(),
    /** Cell keys the rule involves. */
    cells: text("cells").array().notNull().default(sql`'{}'::text[]`),
    /** Cell keys most likely wrong, when one explanation covers the failures. */
    blame: text("blame").array().notNull().default(sql`'{}'::text[]`),
    /** Values that would make the rule hold, by cell key. */
    suggested: jsonb("suggested").$type<Record<string, number>>(),
    messageZh: text("message_zh").notNull(),
    messageEn: text("message_en").notNull(),
    status: text("status", { enum: FINDING_STATUSES }).notNull().default("open"),
    explanation: text("explanation"),
    explainedBy: uuid("explained_by"),
    resolvedByReportId: uuid("resolved_by_report_id"),
    ...timestamps,
  },
  (t) => [
    foreignKey({ name: "findings_report_fk", columns: [t.reportId], foreignColumns: [reports.id] }).onDelete("cascade"),
    foreignKey({ name: "findings_explained_by_fk", columns: [t.explainedBy], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ name: "findings_resolved_by_fk", columns: [t.resolvedByReportId], foreignColumns: [reports.id] }).onDelete("set null"),
    index("findings_report_idx").on(t.reportId),
    index("findings_rule_idx").on(t.rule),
    check("findings_severity_ck", sql.raw(`"severity" IN (${sqlList(FINDING_SEVERITIES)})`)),
    check("findings_status_ck", sql.raw(`"status" IN (${sqlList(FINDING_STATUSES)})`)),
  ],
);

export type Finding = typeof findings.$inferSelect;
export type NewFinding = typeof findings.$inferInsert;
