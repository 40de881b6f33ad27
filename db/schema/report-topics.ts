import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { SourceLoc } from "../../lib/ingest/issues";
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
    /** Applications the narrative says concern the topic ("其中涉及征地拆迁类申请12件"); null when not stated. */
    count: integer("count"),
    /** The words the count was read from, its sentence and where that sentence is in the document. */
    countPhrase: text("count_phrase"),
    countSentence: text("count_sentence"),
    countLocation: jsonb("count_location").$type<SourceLoc>(),
    ...timestamps,
  },
  (t) => [
    foreignKey({ name: "report_topics_report_fk", columns: [t.reportId], foreignColumns: [reports.id] }).onDelete("cascade"),
    primaryKey({ name: "report_topics_pk", columns: [t.reportId, t.topic] }),
    index("report_topics_topic_idx").on(t.topic),
    check("report_topics_topic_ck", sql.raw(`"topic" IN (${sqlList(TOPIC_KEYS)})`)),
    check("report_topics_count_ck", sql`${t.count} is null or ${t.count} >= 0`),
  ],
);

export type ReportTopic = typeof reportTopics.$inferSelect;
export type NewReportTopic = typeof reportTopics.$inferInsert;
