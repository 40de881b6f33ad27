/**
 * scoreFixture: how the golden test and bench:accuracy count a dry-run line against its fixture.
 * A wrong number, a missing one and a null for the wrong reason are told apart.
 */
import { describe, expect, it } from "vitest";
import type { DryRunLine } from "./analyze";
import { scoreFixture, type ExpectedFixture } from "./golden";

/** A dry-run line without `coverage` unless given (the scorer must work with and without it). */
function line(cells: Record<string, number | null>, nullReasons: Record<string, string>, extra: Partial<DryRunLine> = {}): DryRunLine {
  return {
    file: "x.pdf",
    ok: true,
    error: null,
    format_version: "2021",
    surface_format: "pdf",
    year: 2023,
    agency: { name: "六盘水市人民政府", admin_code: "520200", kind: "government", level: "prefecture", dept_type: null },
    scope: "self",
    published_on: null,
    complete: true,
    tables: { t2: "complete", t3: "complete", t4: "complete" },
    cells,
    null_reasons: nullReasons,
    derived: {},
    narrative: { new_received: 35 },
    topics: [],
    findings: [],
    issues: [],
    ...extra,
  } as DryRunLine;
}

const expected: ExpectedFixture = {
  format_version: "2021",
  year: 2023,
  agency: { name: "六盘水市人民政府" },
  cells: { a: 1, b: 2, c: null, d: 0, e: null },
  null_reasons: { c: "blank" },
  narrative: { new_received: 35 },
};

describe("scoreFixture", () => {
  it("passes a line that reads every figure, null reason and the metadata", () => {
    const s = scoreFixture(expected, line({ a: 1, b: 2, c: null, d: 0, e: null }, { c: "blank", e: "slash" }));
    expect(s.mismatches).toEqual([]);
    expect(s).toMatchObject({ cellsRight: 5, cellsExpected: 5, cellsWrong: 0, cellsMissing: 0, reasonsWrong: 0, narrativeRight: 1, yearRight: true, agencyRight: true, formatRight: true, silentPartial: false });
  });

  it("counts a wrong number, a missing number and a blank read as absent apart", () => {
    const s = scoreFixture(expected, line({ a: 7, b: null, c: null, d: 0, e: 3 }, { b: "absent", c: "absent" }));
    expect(s).toMatchObject({ cellsRight: 1, cellsWrong: 2, cellsMissing: 1, reasonsWrong: 1 });
    expect(s.mismatches).toEqual([
      "a: expected 1, got 7 (wrong value)",
      "b: expected 2, got null (absent)",
      "c: expected null (blank), got null (absent)",
      "e: expected null, got 3",
    ]);
  });

  it("reports year, agency, format and ok, and a narrative figure the document does not state", () => {
    const s = scoreFixture(
      expected,
      line({}, {}, { ok: false, error: { code: "year_missing", message: "no year" }, year: null, format_version: null, agency: { name: "室)", admin_code: null, kind: null, level: null, dept_type: null }, narrative: { new_received: 35, carried_over: 4 } }),
    );
    expect(s).toMatchObject({ yearRight: false, agencyRight: false, formatRight: false, ok: false, narrativeWrong: 1, cellsMissing: 3, reasonsWrong: 1, cellsRight: 1 });
    expect(s.mismatches.slice(0, 4)).toEqual(['ok: false (year_missing: no year)', 'format_version: expected "2021", got null', "year: expected 2023, got null", 'agency.name: expected "六盘水市人民政府", got "室)"']);
    // No format read: nothing of the document's catalog was read.
    expect(s.coverage).toEqual({ read: 0, of: 5, source: "cells" });
  });

  it("takes cells read from the dry run's coverage field when it has one", () => {
    const coverage: DryRunLine["coverage"] = {
      t2: { read: 10, of: 10, status: "complete", missing: [] },
      t3: { read: 100, of: 175, status: "partial", missing: ["t3.granted.*"] },
      t4: { read: 0, of: 15, status: "unread", missing: ["t4.*"] },
    };
    const withCoverage = { ...line({ a: 1 }, {}), coverage };
    expect(scoreFixture(expected, withCoverage).coverage).toEqual({ read: 110, of: 200, source: "coverage" });
    // 55 % read, ok, and no table issue: the silent case the issue forbids.
    expect(scoreFixture(expected, withCoverage).silentPartial).toBe(true);
    const named = { ...withCoverage, issues: [{ code: "table_partial", severity: "warning", message: "表三 rows not read", location: null }] } as DryRunLine;
    expect(scoreFixture(expected, named).silentPartial).toBe(false);
    // Without it (a line from before the field): the cells that hold a number or a stated null.
    expect(scoreFixture(expected, line({ a: 1, b: null, c: null }, { b: "absent", c: "blank" })).coverage).toEqual({ read: 2, of: 3, source: "cells" });
  });
});
