import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { TOPIC_KEYS } from "../../lib/catalog/topics";
import { timestamps, sqlList } from "./_shared";
import { reports } from "./reports";

/** Application-mix topics a report's narrative mentions (§4.7): the keyword and its sentence. */
export const reportTopics = pgTable(
  "report_topics",
  {
    reportId: uuid("report_id").notNull(),
    topic: text("topic", { enum: TOPIC_KEYS }).notNull(),
    keyword: text("keyword").notNull(),
    sentence: text("sentence").notNull(),
    ...timestamps,
  },
  (t) => [
    foreignKey({ name: "report_topics_report_fk", columns: [t.reportId], foreignColumns: [reports.id] }).onDelete("cascade"),
    primaryKey({ name: "report_topics_pk", columns: [t.reportId, t.topic] }),
    index("report_topics_topic_idx").on(t.topic),
    check("report_topics_topic_ck", sql.raw(`"topic" IN (${sqlList(TOPIC_KEYS)})`)),
  ],
);

export type ReportTopic = typeof reportTopics.$inferSelect;
export type NewReportTopic = typeof reportTopics.$inferInsert;
