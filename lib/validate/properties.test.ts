import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NULL_REASONS, TOTALS, readCells, t3OutcomeLeafRows, type FormatVersion } from "../catalog";
import { buildEquations } from "./equations";
import { computeDerived, validateReport, type ValidationInput } from "./index";
import { consistentReportArb, generateConsistentReport } from "./testing/generate-consistent";

const FORMATS: FormatVersion[] = ["2021", "2019"];

/** Read cells that take part in some hard arithmetic rule (表三/表四). */
function arithmeticCells(format: FormatVersion): string[] {
  const inEq = new Set(buildEquations(format).flatMap((e) => e.cells));
  return readCells(format).map((c) => c.key).filter((k) => inEq.has(k));
}

const T4_LEAF = /^t4\.[a-z_]+\.(upheld|corrected|other|pending)$/u;

describe.each(FORMATS)("consistent %s reports", (format) => {
  it("give no error and no warning", () => {
    fc.assert(
      fc.property(consistentReportArb({ format }), consistentReportArb({ format, blankZeros: 0.5 }), (a, b) => {
        for (const input of [a, b]) {
          const fs = validateReport(input);
          expect(fs.filter((f) => f.severity !== "info")).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("derive subtotals that add up to (七)总计 in every column", () => {
    fc.assert(
      fc.property(consistentReportArb({ format, blankZeros: 0.5 }), (input) => {
        const d = computeDerived(format, input.cells);
        for (const col of ["natural_person", "other_org", "total", "legal_person_total"]) {
          const v = (row: string) => {
            const key = `t3.${row}.${col}`;
            return key in d ? (d[key] ?? NaN) : (input.cells[key]?.value ?? 0);
          };
          const sum = ["granted", "partially_granted"].reduce((s, r) => s + v(r), 0) + ["denied_total", "unable_total", "not_processed_total", "other_total"].reduce((s, r) => s + (d[`t3.${r}.${col}`] ?? NaN), 0);
          const handled = col === "legal_person_total" ? d["t3.handled_total.legal_person_total"] : v("handled_total");
          expect(sum).toBe(handled);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("blame exactly the one cell changed (表三 always; 表四 totals; 表四 leaves when the fix is unique)", () => {
    const keys = arithmeticCells(format);
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(...keys),
        fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: -50, max: -1 })),
        fc.boolean(),
        (seed, key, raw, blanks) => {
          // Totals stay written: a change under a blank total is a completeness warning (next test).
          const input = generateConsistentReport(seed, { format, blankZeros: blanks ? 0.5 : 0, blankTotals: false });
          const original = input.cells[key]?.value ?? 0;
          const changed = raw === original ? raw + 1 : raw;
          const mutated: ValidationInput = { ...input, cells: { ...input.cells, [key]: { value: changed, nullReason: null } } };
          const errors = validateReport(mutated).filter((f) => f.severity === "error");
          expect(errors.length).toBeGreaterThan(0);
          for (const f of errors) expect(f.cells).toContain(key);
          if (T4_LEAF.test(key) && changed >= 0) {
            // One equation per 表四 row: another leaf may fit as well; blame is then withheld, never wrong.
            for (const f of errors) expect(f.blame.length === 0 || (f.blame.length === 1 && f.blame[0] === key)).toBe(true);
            return;
          }
          const arithmetic = errors.filter((f) => !f.rule.endsWith("-NN"));
          expect(arithmetic.length).toBeGreaterThan(0);
          for (const f of arithmetic) {
            expect(f.blame).toEqual([key]);
            expect(f.suggested).toEqual({ [key]: original });
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("property: blank totals", () => {
  it("a leaf changed under a blank total gives a completeness warning, never an error blaming another cell", () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...FORMATS), fc.integer({ min: 1, max: 50 }), (seed, format, n) => {
        const input = generateConsistentReport(seed, { format, blankZeros: 1 });
        // A blank leaf whose every total is blank too (an all-zero row).
        const blankRowLeaf = readCells(format)
          .map((c) => c.key)
          .find((k) => /^t[34]\./u.test(k) && !/\.total$/u.test(k) && input.cells[k]?.value === null && input.cells[k.replace(/\.[a-z_]+$/u, ".total")]?.value === null);
        if (!blankRowLeaf) return;
        const fs = validateReport({ ...input, cells: { ...input.cells, [blankRowLeaf]: { value: n, nullReason: null } } });
        expect(fs.some((f) => f.rule === "S-BLANK-TOTAL")).toBe(true);
        for (const f of fs.filter((x) => x.severity === "error")) expect(f.blame).toEqual([blankRowLeaf]);
      }),
      { numRuns: 150 },
    );
  });
});

describe("property: robustness", () => {
  it("never throws on arbitrary cell values and null reasons", () => {
    const keys = readCells("2021").map((c) => c.key);
    const cell = fc.oneof(
      fc.record({ value: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double(), fc.constant(Number.NaN)), nullReason: fc.constant(null) }),
      fc.record({ value: fc.constant(null), nullReason: fc.constantFrom(...NULL_REASONS) }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), cell), fc.constantFrom(...FORMATS), (cells, format) => {
        const fs = validateReport({ formatVersion: format, year: 2024, cells, narrative: { new_received: 3, carried_over: 1 } });
        expect(Array.isArray(fs)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("the catalog rules the generator relies on are the ones validated", () => {
    // REPORT-FORMAT.md §2.1 says "22 leaf rows in 2021, 20 in 2019": that counts the equation's
    // terms with (七)总计; the form has 2 + 8 + 3 + 5 + 3 = 21 outcome rows (19 in 2019).
    expect(t3OutcomeLeafRows("2021")).toHaveLength(21);
    expect(t3OutcomeLeafRows("2019")).toHaveLength(19);
    expect(buildEquations("2021").find((e) => e.id === "H-T3-SUM:total")?.cells).toHaveLength(22);
    expect(buildEquations("2019").find((e) => e.id === "H-T3-SUM:total")?.cells).toHaveLength(20);
    expect(buildEquations("2021").filter((e) => e.rule === "H-T3-COL")).toHaveLength(25);
    expect(buildEquations("2019").filter((e) => e.rule === "H-T3-COL")).toHaveLength(23);
    expect(TOTALS.length).toBeGreaterThan(0);
  });
});
