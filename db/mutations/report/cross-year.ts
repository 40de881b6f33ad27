/**
 * Cross-year findings (S-X-*) belong to the later year's report and depend on the earlier one,
 * so they are recomputed whenever either year gets a new current version. Runs inside the
 * caller's transaction.
 */
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { readCells, type FormatVersion, type NullReason } from "../../../lib/catalog";
import { RULES, validateCrossYear, type Finding, type ValidationInput } from "../../../lib/validate";
import type { Tx } from "../../client";
import { agencies, findings, reportFigures, reports } from "../../schema";
import { figureCells } from "../../schema/report-figures";

const CROSS_YEAR_RULES: readonly string[] = RULES.filter((r) => r.scope === "cross_year").map((r) => r.id);

interface StoredReport {
  id: string;
  year: number;
  input: ValidationInput | null;
}

/** The validator's view of a stored report, rebuilt from its figures, narrative and sections. */
async function loadCurrent(tx: Tx, agencyId: string, year: number): Promise<StoredReport | null> {
  const [row] = await tx
    .select({ report: reports, figures: reportFigures, kind: agencies.kind })
    .from(reports)
    .innerJoin(reportFigures, eq(reportFigures.reportId, reports.id))
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year), eq(reports.isCurrent, true)));
  if (!row) return null;
  const format = row.report.formatVersion as FormatVersion | null;
  if (!format) return { id: row.report.id, year, input: null };
  const keys = readCells(format).map((c) => c.key);
  const values = figureCells(row.figures, keys);
  const reasons = row.figures.nullReasons;
  const cells: ValidationInput["cells"] = {};
  for (const key of keys) {
    const v = values[key];
    cells[key] = v === null || v === undefined ? { value: null, nullReason: (reasons[key] ?? "absent") as NullReason } : { value: Number(v), nullReason: null };
  }
  const narrative: NonNullable<ValidationInput["narrative"]> = {};
  for (const [k, f] of Object.entries(row.report.narrative)) if (f) narrative[k as keyof typeof narrative] = f.value;
  return {
    id: row.report.id,
    year,
    input: {
      formatVersion: format,
      year,
      cells,
      narrative,
      sections: row.report.sections.map((s) => ({ number: s.number, text: s.text })),
      agencyKind: row.kind,
      publishedOn: row.report.publishedOn,
    },
  };
}

async function replaceCrossYear(tx: Tx, later: StoredReport, earlier: StoredReport | null): Promise<void> {
  await tx.delete(findings).where(and(eq(findings.reportId, later.id), inArray(findings.rule, [...CROSS_YEAR_RULES])));
  if (!later.input || !earlier?.input) return;
  const found: Finding[] = validateCrossYear(later.input, earlier.input);
  if (!found.length) return;
  await tx.insert(findings).values(
    found.map((f) => ({
      reportId: later.id,
      rule: f.rule,
      severity: f.severity,
      cells: f.cells,
      blame: f.blame,
      suggested: f.suggested,
      messageZh: f.message.zh,
      messageEn: f.message.en,
    })),
  );
}

/** Recomputes the pairs (year−1, year) and (year, year+1) for an agency's current versions. */
export async function refreshCrossYearFindings(tx: Tx, agencyId: string, year: number): Promise<void> {
  const [prev, cur, next] = await Promise.all([loadCurrent(tx, agencyId, year - 1), loadCurrent(tx, agencyId, year), loadCurrent(tx, agencyId, year + 1)]);
  if (cur) await replaceCrossYear(tx, cur, prev);
  if (next) await replaceCrossYear(tx, next, cur);
}
