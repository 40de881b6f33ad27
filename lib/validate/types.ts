/**
 * Validation inputs and findings (REPORT-FORMAT.md §2). Zod is the single definition so the
 * ingest CLI, storage and UI can check the JSON they exchange; types come from z.infer.
 */
import { z } from "zod";
import { FORMAT_VERSIONS, NARRATIVE_KEYS, NULL_REASONS } from "../catalog";

/** Publisher kinds (REPORT-FORMAT.md §5.1). */
import { AGENCY_KINDS } from "../agencies/constants";
export const VALIDATION_AGENCY_KINDS = AGENCY_KINDS;
export type ValidationAgencyKind = (typeof VALIDATION_AGENCY_KINDS)[number];

export const VALIDATION_TABLE_STATUSES = ["found", "missing", "truncated"] as const;
const tableStatusSchema = z.enum(VALIDATION_TABLE_STATUSES);

export const validationCellSchema = z.object({
  value: z.number().nullable(),
  nullReason: z.enum(NULL_REASONS).nullable(),
});
export type ValidationCell = z.infer<typeof validationCellSchema>;

export const validationInputSchema = z.object({
  formatVersion: z.enum(FORMAT_VERSIONS),
  year: z.number().int(),
  /** Read cells of the format; a missing key means the cell is absent. */
  cells: z.record(z.string(), validationCellSchema),
  tables: z.object({ t2: tableStatusSchema, t3: tableStatusSchema, t4: tableStatusSchema }).optional(),
  /** Figures stated in the prose (REPORT-FORMAT.md §0 `narrative`). */
  narrative: z.partialRecord(z.enum(NARRATIVE_KEYS), z.number()).optional(),
  /** Sections 一…六 as found (number 1–6), in document order. */
  sections: z.array(z.object({ number: z.number().int(), text: z.string() })).optional(),
  agencyKind: z.enum(VALIDATION_AGENCY_KINDS).optional(),
  /** ISO date (YYYY-MM-DD) of publication, when known. */
  publishedOn: z.string().nullable().optional(),
  /** Raw cell text as printed, for unit checks ("251000元"). */
  rawCells: z.record(z.string(), z.string()).optional(),
  /** Cells recognised by OCR: their confidence, 0–100 (absent for text read from a text layer). */
  ocrConfidence: z.record(z.string(), z.number()).optional(),
});
export type ValidationInput = z.infer<typeof validationInputSchema>;

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_KINDS = ["hard", "soft", "info"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * Rule ids. H-/S- ids are those of REPORT-FORMAT.md §2; S-C-*, S-STRUCT, S-TIMELY name the §2.6
 * checks, which the document lists without ids; I-*, S-BLANK-TOTAL come from the §2 blank policy.
 * Not implemented: S-N-OUT and S-N-T2 (the parse stage gives only the six NARRATIVE_KEYS), the
 * §2.6 aggregate check (needs constituent reports), statistical-period and agency-name checks.
 */
export const RULE_IDS = [
  "H-T3-BAL",
  "H-T3-SUM",
  "H-T3-COL",
  "H-T3-NN",
  "H-T4-SUM",
  "H-T4-NN",
  "H-T2-NN",
  "S-BLANK-TOTAL",
  "S-T2-STOCK1",
  "S-T2-UNIT",
  "S-N-NEW",
  "S-N-CO",
  "S-N-DONE",
  "S-N-CF",
  "S-N-REV",
  "S-N-LIT",
  "S-C-FEE",
  "S-STRUCT",
  "S-TIMELY",
  "S-X-FMT",
  "S-X-CARRY",
  "S-X-STOCK",
  "S-X-YOY",
  "S-X-DUP",
  "S-C-DISPUTE",
  "S-C-LITREV",
  "S-T2-NA",
  "I-BLANK-ZERO",
  "I-TABLE-EMPTY",
  "S-OCR-LOW",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const localizedSchema = z.object({ zh: z.string(), en: z.string() });
export type Localized = z.infer<typeof localizedSchema>;

export const findingSchema = z.object({
  rule: z.enum(RULE_IDS),
  severity: z.enum(SEVERITIES),
  /** Cells the rule involves (current year's keys). */
  cells: z.array(z.string()),
  /** The cell(s) most likely wrong, when one explanation covers the failures; else empty. */
  blame: z.array(z.string()),
  /** Values for the blamed cells that make the failing rules hold. */
  suggested: z.record(z.string(), z.number()).nullable(),
  message: localizedSchema,
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export interface RuleMeta {
  id: RuleId;
  kind: RuleKind;
  severity: Severity;
  title: Localized;
  description: string;
}
