/** Entry points: one report, and one report against the same agency's previous year. */
import { NARRATIVE_KEYS, type NarrativeKey } from "../catalog";
import type { ParsedReport } from "../records/parsed-report";
import { buildReportContext } from "./context";
import { RULES, type CrossYearContext } from "./rules";
import { noteOcrCells } from "./rules/ocr";
import type { Finding, ValidationAgencyKind, ValidationInput } from "./types";

/** All single-report rules (REPORT-FORMAT.md §2.1–2.4, §2.6, S-X-FMT). Pure; never throws on odd cells. */
export function validateReport(input: ValidationInput): Finding[] {
  const ctx = buildReportContext(input);
  const out: Finding[] = [];
  for (const rule of RULES) if (rule.scope === "report") out.push(...rule.fn(ctx));
  return input.ocrConfidence ? out.map((f) => noteOcrCells(f, input.ocrConfidence ?? {})) : out;
}

/**
 * Cross-year rules (§2.5 and the §2.6 checks needing last year) for the same agency. Returns only
 * the pair's findings; run validateReport on each year as well. No previous report ⇒ no findings.
 */
export function validateCrossYear(current: ValidationInput, previous: ValidationInput | null): Finding[] {
  if (!previous) return [];
  const ctx: CrossYearContext = {
    current: buildReportContext(current),
    previous: buildReportContext(previous),
    consecutive: previous.year === current.year - 1,
  };
  const out: Finding[] = [];
  for (const rule of RULES) if (rule.scope === "cross_year") out.push(...rule.fn(ctx));
  return out;
}

/** Builds the validator's input from the parse stage's record; null when format or year is unknown. */
export function validationInputFromParsed(parsed: ParsedReport, agencyKind?: ValidationAgencyKind): ValidationInput | null {
  if (parsed.formatVersion === null || parsed.year === null) return null;
  const cells: ValidationInput["cells"] = {};
  const rawCells: Record<string, string> = {};
  const ocrConfidence: Record<string, number> = {};
  for (const [key, c] of Object.entries(parsed.cells)) {
    cells[key] = { value: c.value, nullReason: c.nullReason };
    if (c.source) rawCells[key] = c.source.raw;
    if (c.source?.confidence !== undefined) ocrConfidence[key] = c.source.confidence;
  }
  const narrative: NonNullable<ValidationInput["narrative"]> = {};
  for (const [key, fig] of Object.entries(parsed.narrative)) {
    if (fig && isNarrativeKey(key)) narrative[key] = fig.value;
  }
  return {
    formatVersion: parsed.formatVersion,
    year: parsed.year,
    cells,
    tables: parsed.tables,
    narrative,
    sections: parsed.sections.map((s) => ({ number: s.number, text: s.text })),
    ...(agencyKind ? { agencyKind } : {}),
    publishedOn: parsed.publishedOn,
    rawCells,
    ...(Object.keys(ocrConfidence).length > 0 ? { ocrConfidence } : {}),
  };
}

function isNarrativeKey(k: string): k is NarrativeKey {
  return (NARRATIVE_KEYS as readonly string[]).includes(k);
}
