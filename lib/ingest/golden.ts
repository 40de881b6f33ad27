/**
 * Golden fixtures, the pure half: what an `expected.json` may state, and how a dry-run line is
 * scored against it. The golden test (golden.test.ts) and `npm run bench:accuracy` both use it;
 * walking the fixture tree (I/O) is in scripts/lib/golden-fixtures.ts.
 *
 * A wrong value is worse than a missing one (a chart shows it as fact), so they are counted apart.
 */
import { z } from "zod";
import { NULL_REASONS } from "../catalog/formats";
import type { DryRunLine } from "./analyze";

export const expectedFixtureSchema = z.looseObject({
  format_version: z.enum(["2019", "2021"]).nullable().optional(),
  year: z.number().int().nullable().optional(),
  agency: z.looseObject({ name: z.string().optional(), admin_code: z.string().optional() }).optional(),
  scope: z.enum(["self", "region_aggregate", "unknown"]).optional(),
  /** Every figure a person reads in the tables: a number, or null for a blank/"/"/absent cell. */
  cells: z.record(z.string(), z.number().nullable()).optional(),
  /** Why a null cell is null, where the fixture states it (the dry run must say the same). */
  null_reasons: z.record(z.string(), z.enum(NULL_REASONS)).optional(),
  narrative: z.record(z.string(), z.number()).optional(),
  topics: z.array(z.string()).optional(),
  expected_findings: z.array(z.object({ rule: z.string(), cells: z.array(z.string()), severity: z.string() })).optional(),
});
export type ExpectedFixture = z.infer<typeof expectedFixtureSchema>;

/** How one fixture reads. Cells and narrative figures are scored separately. */
export interface FixtureScore {
  /** Expected table cells read exactly (value, and null reason where stated). */
  cellsRight: number;
  cellsExpected: number;
  /** Expected a number, got null or nothing. */
  cellsMissing: number;
  /** Got a number that is not the expected one (or a number where the document has none). */
  cellsWrong: number;
  /** Null as expected, but for another reason (a blank read as absent…). */
  reasonsWrong: number;
  narrativeRight: number;
  narrativeExpected: number;
  /** Narrative figures stated with a value the document does not give. */
  narrativeWrong: number;
  /** Catalog cells the dry run read (a number or a stated blank) of the cells its format has. */
  coverage: { read: number; of: number; source: "coverage" | "cells" };
  /** ok: true with under 90 % of the catalog read and no table issue (missing/truncated/partial) saying so. */
  silentPartial: boolean;
  yearRight: boolean | null;
  agencyRight: boolean | null;
  formatRight: boolean | null;
  ok: boolean;
  /** Everything that differs from the expected file, one line each; empty = the fixture passes. */
  mismatches: string[];
}

const fmt = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

/**
 * Sums the dry run's `coverage` (REPORT-FORMAT.md §0) over its tables; a line without it (an older
 * pipeline) is counted from its cells: a number or a stated null is read.
 */
function coverageOf(line: DryRunLine, expectedCells: number): FixtureScore["coverage"] {
  const cov = (line as Partial<Pick<DryRunLine, "coverage">>).coverage;
  if (cov) {
    let read = 0;
    let of = 0;
    for (const t of Object.values(cov)) {
      read += t.read;
      of += t.of;
    }
    // No format detected: nothing read of the catalog the document has.
    return { read, of: of > 0 ? of : expectedCells, source: "coverage" };
  }
  const keys = Object.keys(line.cells);
  const read = keys.filter((k) => line.cells[k] !== null || (line.null_reasons[k] !== undefined && line.null_reasons[k] !== "absent")).length;
  return { read, of: keys.length > 0 ? keys.length : expectedCells, source: "cells" };
}

export function scoreFixture(expected: ExpectedFixture, line: DryRunLine): FixtureScore {
  const mismatches: string[] = [];
  if (!line.ok) mismatches.push(`ok: false (${line.error?.code ?? "?"}: ${line.error?.message ?? ""})`);
  const formatRight = expected.format_version === undefined ? null : line.format_version === expected.format_version;
  if (formatRight === false) mismatches.push(`format_version: expected ${fmt(expected.format_version)}, got ${fmt(line.format_version)}`);
  const yearRight = expected.year === undefined ? null : line.year === expected.year;
  if (yearRight === false) mismatches.push(`year: expected ${fmt(expected.year)}, got ${fmt(line.year)}`);
  let agencyRight: boolean | null = null;
  if (expected.agency?.name) {
    agencyRight = line.agency.name === expected.agency.name;
    if (!agencyRight) mismatches.push(`agency.name: expected ${fmt(expected.agency.name)}, got ${fmt(line.agency.name)}`);
  }
  if (expected.agency?.admin_code && line.agency.admin_code !== expected.agency.admin_code) {
    agencyRight = false;
    mismatches.push(`agency.admin_code: expected ${fmt(expected.agency.admin_code)}, got ${fmt(line.agency.admin_code)}`);
  }
  if (expected.scope && line.scope !== expected.scope) mismatches.push(`scope: expected ${expected.scope}, got ${fmt(line.scope)}`);

  let cellsRight = 0;
  let cellsMissing = 0;
  let cellsWrong = 0;
  let reasonsWrong = 0;
  const cells = expected.cells ?? {};
  for (const [key, want] of Object.entries(cells)) {
    const got = line.cells[key];
    if (want === null) {
      if (got !== null && got !== undefined) {
        cellsWrong++;
        mismatches.push(`${key}: expected null, got ${fmt(got)}`);
        continue;
      }
      const wantReason = expected.null_reasons?.[key];
      const gotReason = got === undefined ? "absent" : (line.null_reasons[key] ?? "absent");
      if (wantReason && gotReason !== wantReason) {
        reasonsWrong++;
        mismatches.push(`${key}: expected null (${wantReason}), got null (${gotReason})`);
        continue;
      }
      cellsRight++;
    } else if (got === want) {
      cellsRight++;
    } else if (got === null || got === undefined) {
      cellsMissing++;
      mismatches.push(`${key}: expected ${want}, got ${got === null ? `null (${line.null_reasons[key] ?? "?"})` : "nothing"}`);
    } else {
      cellsWrong++;
      mismatches.push(`${key}: expected ${want}, got ${got} (wrong value)`);
    }
  }

  let narrativeRight = 0;
  let narrativeWrong = 0;
  const narrative = expected.narrative ?? {};
  for (const [key, want] of Object.entries(narrative)) {
    const got = line.narrative[key];
    if (got === want) narrativeRight++;
    else {
      if (got !== undefined) narrativeWrong++;
      mismatches.push(`narrative.${key}: expected ${want}, got ${fmt(got)}`);
    }
  }
  if (expected.narrative) {
    for (const [key, got] of Object.entries(line.narrative)) {
      if (!(key in narrative)) {
        narrativeWrong++;
        mismatches.push(`narrative.${key}: the document states none, got ${got}`);
      }
    }
  }

  if (expected.topics) {
    const got = [...line.topics].sort();
    const want = [...expected.topics].sort();
    if (got.join() !== want.join()) mismatches.push(`topics: expected [${want.join(", ")}], got [${got.join(", ")}]`);
  }

  if (expected.expected_findings) {
    const errors = line.findings.filter((f) => f.severity === "error");
    const want = expected.expected_findings.filter((f) => f.severity === "error");
    const gotRules = errors.map((f) => f.rule).sort();
    const wantRules = want.map((f) => f.rule).sort();
    if (gotRules.join() !== wantRules.join()) mismatches.push(`error findings: expected [${wantRules.join(", ")}], got [${gotRules.join(", ")}]`);
    for (const w of want) {
      const f = errors.find((e) => e.rule === w.rule);
      const named = [...(f?.cells ?? []), ...(f?.blame ?? [])];
      for (const c of w.cells) if (!named.includes(c)) mismatches.push(`finding ${w.rule}: does not name ${c}`);
    }
  }

  const coverage = coverageOf(line, Object.keys(cells).length);
  const tableIssue = line.issues.some((i) => i.code === "table_missing" || i.code === "table_truncated" || i.code === "table_partial");
  const silentPartial = line.ok && coverage.of > 0 && coverage.read / coverage.of < 0.9 && !tableIssue;

  return {
    cellsRight,
    cellsExpected: Object.keys(cells).length,
    cellsMissing,
    cellsWrong,
    reasonsWrong,
    narrativeRight,
    narrativeExpected: Object.keys(narrative).length,
    narrativeWrong,
    coverage,
    silentPartial,
    yearRight,
    agencyRight,
    formatRight,
    ok: line.ok,
    mismatches,
  };
}
