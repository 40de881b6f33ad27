/**
 * Cross-year findings (S-X-*) belong to the later year's report and depend on the earlier one,
 * so they are recomputed whenever either year gets a new current version. Runs inside the
 * caller's transaction.
 */
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { readCells, type FormatVersion } from "../../../lib/catalog";
import { RULES, validateCrossYear, type Finding, type ValidationInput } from "../../../lib/validate";
import type { Tx } from "../../client";
import { agencies, findings, reportFigures, reports } from "../../schema";
import { figureColumn } from "../../schema/report-figures";

const CROSS_YEAR_RULES: readonly string[] = RULES.filter((r) => r.scope === "cross_year").map((r) => r.id);

interface StoredReport {
  id: string;
  year: number;
  input: ValidationInput | null;
}

const READ_KEYS: Record<FormatVersion, string[]> = {
  "2019": readCells("2019").map((c) => c.key),
  "2021": readCells("2021").map((c) => c.key),
};
// Only the read cells of both formats, never provenance: this runs once per ingested report.
const CELL_COLUMNS = Object.fromEntries(
  [...new Set([...READ_KEYS["2019"], ...READ_KEYS["2021"]])].map((k) => [k, figureColumn(k)]),
);

/** The validator's view of an agency's current reports (all years, or the given ones), rebuilt from storage. */
async function loadCurrent(tx: Tx, agencyId: string, years?: readonly number[]): Promise<StoredReport[]> {
  const rows = await tx
    .select({
      id: reports.id,
      year: reports.year,
      formatVersion: reports.formatVersion,
      narrative: reports.narrative,
      sections: reports.sections,
      publishedOn: reports.publishedOn,
      kind: agencies.kind,
      nullReasons: reportFigures.nullReasons,
      ...CELL_COLUMNS,
    })
    .from(reports)
    .innerJoin(reportFigures, eq(reportFigures.reportId, reports.id))
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(and(eq(reports.agencyId, agencyId), eq(reports.isCurrent, true), years ? inArray(reports.year, [...years]) : undefined))
    .orderBy(asc(reports.year));
  return rows.map((row) => {
    const format = row.formatVersion;
    if (!format) return { id: row.id, year: row.year, input: null };
    // The cell columns were selected under their catalog keys (CELL_COLUMNS) above.
    const values = row as unknown as Record<string, number | string | null>;
    const cells: ValidationInput["cells"] = {};
    for (const key of READ_KEYS[format]) {
      const v = values[key];
      cells[key] = v === null || v === undefined ? { value: null, nullReason: (row.nullReasons[key] ?? "absent") } : { value: Number(v), nullReason: null };
    }
    const narrative: NonNullable<ValidationInput["narrative"]> = {};
    for (const [k, f] of Object.entries(row.narrative)) if (f) narrative[k as keyof typeof narrative] = f.value;
    return {
      id: row.id,
      year: row.year,
      input: {
        formatVersion: format,
        year: row.year,
        cells,
        narrative,
        sections: row.sections.map((s) => ({ number: s.number, text: s.text })),
        agencyKind: row.kind,
        publishedOn: row.publishedOn,
      },
    };
  });
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
  const loaded = await loadCurrent(tx, agencyId, [year - 1, year, year + 1]);
  const at = (y: number) => loaded.find((r) => r.year === y) ?? null;
  const cur = at(year);
  const next = at(year + 1);
  if (cur) await replaceCrossYear(tx, cur, at(year - 1));
  if (next) await replaceCrossYear(tx, next, cur);
}

/** Recomputes every consecutive pair of an agency's current versions (after a bulk load). */
export async function refreshAllCrossYearFindings(tx: Tx, agencyId: string): Promise<void> {
  const loaded = await loadCurrent(tx, agencyId);
  for (const report of loaded) await replaceCrossYear(tx, report, loaded.find((r) => r.year === report.year - 1) ?? null);
}
