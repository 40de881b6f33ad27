import { describe, expect, it } from "vitest";
import { computeDerived, validateReport } from "./index";
import { sh2019Style, withCells } from "./testing/fixtures";

describe("SH2019-style report (2019 format, 总计 column mostly blank)", () => {
  it("gives completeness warnings and no arithmetic error", () => {
    const fs = validateReport(sh2019Style());
    expect(fs.filter((f) => f.severity === "error")).toEqual([]);
    expect(fs.filter((f) => f.severity === "warning").map((f) => f.rule)).toEqual(["S-BLANK-TOTAL"]);
    expect(fs.map((f) => f.rule)).toEqual(["S-BLANK-TOTAL", "S-T2-NA", "I-BLANK-ZERO"]);
  });

  it("names each blank total with the value its parts give", () => {
    const w = validateReport(sh2019Style()).find((f) => f.rule === "S-BLANK-TOTAL");
    expect(w?.cells).toContain("t3.handled_total.total");
    expect(w?.cells).not.toContain("t3.new_received.total");
    expect(w?.cells).not.toContain("t3.denied_prohibited_by_law.total"); // all parts blank ⇒ implied 0
    expect(w?.suggested?.["t3.handled_total.total"]).toBe(704);
    expect(w?.suggested?.["t3.carried_over.total"]).toBe(30);
    expect(w?.suggested?.["t3.other_processing.total"]).toBe(43);
  });

  it("still checks the assessable columns: an applicant-column slip is an error with blame", () => {
    const fs = validateReport(withCells(sh2019Style(), { "t3.handled_total.natural_person": 690 }));
    const errs = fs.filter((f) => f.severity === "error");
    expect(errs.map((f) => f.rule).sort()).toEqual(["H-T3-BAL", "H-T3-SUM"]); // COL of (七)总计 is not assessable
    for (const f of errs) expect(f.blame).toEqual(["t3.handled_total.natural_person"]);
    expect(errs[0]?.suggested).toEqual({ "t3.handled_total.natural_person": 680 });
  });

  it("derives subtotals with blanks counted as zero and blank totals from their parts", () => {
    const d = computeDerived("2019", sh2019Style().cells);
    expect(d["t3.unable_total.natural_person"]).toBe(331);
    expect(d["t3.unable_total.total"]).toBe(337);
    expect(d["t3.other_total.total"]).toBe(43);
    expect(d["t3.handled_total.legal_person_total"]).toBe(24);
    expect(d["t4.lit_total.total"]).toBe(4);
    expect(d).not.toHaveProperty("t3.other_no_supplement.legal_person_total");
  });
});
