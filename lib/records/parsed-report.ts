/**
 * The parsed record: what the parse stage returns for one document, before validation.
 * Zod is the single definition; types come from z.infer.
 */
import { z } from "zod";
import { FORMAT_VERSIONS, NULL_REASONS, REPORT_SCOPES, NARRATIVE_KEYS, TOPIC_KEYS } from "../catalog";
import { ISSUE_CODES } from "../ingest/issues";

export const sourceLocSchema = z.object({
  page: z.number().int().optional(),
  line: z.number().int().optional(),
  offset: z.number().int().optional(),
  table: z.number().int().optional(),
  row: z.number().int().optional(),
  col: z.number().int().optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});

/** Where a value came from: location, the raw text as written, and whether it was stated or inferred. */
export const provenanceSchema = z.object({
  loc: sourceLocSchema,
  raw: z.string(),
  stated: z.boolean(),
  /** Read by OCR: the recognition confidence (0–100) of the least certain word; absent for text layers. */
  confidence: z.number().min(0).max(100).optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export const cellValueSchema = z.object({
  value: z.number().nullable(),
  /** Why value is null; null when value is a number. */
  nullReason: z.enum(NULL_REASONS).nullable(),
  source: provenanceSchema.nullable(),
});
export type CellValue = z.infer<typeof cellValueSchema>;

export const TABLE_STATUSES = ["found", "missing", "truncated"] as const;
export const tableStatusSchema = z.enum(TABLE_STATUSES);

export const COVERAGE_STATUSES = ["complete", "partial", "unread", "absent"] as const;
/** One table's coverage: catalog cells read from the document of the cells its format has. */
export const tableCoverageSchema = z.object({
  read: z.number().int().min(0),
  of: z.number().int().min(0),
  status: z.enum(COVERAGE_STATUSES),
  /** Unread cells, compressed: `t3.granted.*` (a row), `t3.*.total` (a column) or single keys. */
  missing: z.array(z.string()),
});
export type TableCoverage = z.infer<typeof tableCoverageSchema>;
export const coverageSchema = z.object({ t2: tableCoverageSchema, t3: tableCoverageSchema, t4: tableCoverageSchema });

export const narrativeFigureSchema = z.object({
  value: z.number(),
  sentence: z.string(),
  loc: sourceLocSchema,
});
export type NarrativeFigure = z.infer<typeof narrativeFigureSchema>;

export const topicMentionSchema = z.object({
  key: z.enum(TOPIC_KEYS),
  keyword: z.string(),
  sentence: z.string(),
  loc: sourceLocSchema,
});
export type TopicMention = z.infer<typeof topicMentionSchema>;

/** A per-topic application count the narrative states ("其中涉及征地拆迁类申请12件"), with its sentence. */
export const topicCountSchema = z.object({
  key: z.enum(TOPIC_KEYS),
  count: z.number().int().min(0),
  /** The words the count was read from ("征地拆迁类申请12件"). */
  phrase: z.string(),
  sentence: z.string(),
  loc: sourceLocSchema,
});
export type TopicCount = z.infer<typeof topicCountSchema>;

export const sectionSchema = z.object({
  number: z.number().int().min(1).max(6),
  title: z.string(),
  text: z.string(),
  loc: sourceLocSchema,
});
export type Section = z.infer<typeof sectionSchema>;

export const parseIssueSchema = z.object({
  code: z.enum(ISSUE_CODES),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  location: sourceLocSchema.nullable(),
});

export const parsedReportSchema = z.object({
  formatVersion: z.enum(FORMAT_VERSIONS).nullable(),
  year: z.number().int().nullable(),
  agencyName: z.string().nullable(),
  scope: z.enum(REPORT_SCOPES),
  /** ISO date (YYYY-MM-DD) when the document states one. */
  publishedOn: z.string().nullable(),
  /** False when a table is missing or truncated. */
  complete: z.boolean(),
  tables: z.object({ t2: tableStatusSchema, t3: tableStatusSchema, t4: tableStatusSchema }),
  /** Per table: cells read of the cells the format has. */
  coverage: coverageSchema,
  /** Every read cell of the detected format (absent ones with nullReason "absent"). */
  cells: z.record(z.string(), cellValueSchema),
  narrative: z.partialRecord(z.enum(NARRATIVE_KEYS), narrativeFigureSchema),
  topics: z.array(topicMentionSchema),
  /** Counts per topic where the narrative states one; topics without a stated count are absent. */
  topicCounts: z.array(topicCountSchema),
  sections: z.array(sectionSchema),
  issues: z.array(parseIssueSchema),
  /**
   * A 2021-format report whose 表三 prints （六）其他处理 as one 2019-style row: its values by
   * column. The three 2021 rows stay unread; the values stand for their subtotal (t3.other_total).
   */
  otherAsOneRow: z.record(z.string(), z.number().nullable()).optional(),
});
export type ParsedReport = z.infer<typeof parsedReportSchema>;
