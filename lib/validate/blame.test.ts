import { describe, expect, it } from "vitest";
import { findingSchema, textSimilarity, validateReport, computeDerived } from "./index";
import { panzhou2024, panzhou2024Corrected as clean, sh2019Style, withCells } from "./testing/fixtures";

describe("blame across several errors", () => {
  it("explains independent errors separately, each finding with its own cell", () => {
    const fs = validateReport(withCells(panzhou2024(), { "t3.granted.commercial_enterprise": 2, "t4.lit_after_review.total": 3 }));
    const byRule = (rule: string) => fs.filter((f) => f.rule === rule);
    expect(byRule("H-T3-COL").map((f) => f.blame)).toEqual([["t3.carried_over.total"], ["t3.granted.commercial_enterprise"]]);
    expect(byRule("H-T3-BAL")[0]?.blame).toEqual(["t3.carried_over.total"]);
    expect(byRule("H-T3-SUM")[0]?.suggested).toEqual({ "t3.granted.commercial_enterprise": 0 });
    // 诉讼2件 in the text: the total is the odd one out.
    expect(byRule("H-T4-SUM")[0]?.suggested).toEqual({ "t4.lit_after_review.total": 2 });
    expect(fs.every((f) => f.severity === "error")).toBe(true);
  });

  it("prefers correcting a negative count over any other equally small fix", () => {
    const input = withCells(clean(), { "t4.review.corrected": -1 });
    delete input.narrative;
    const f = validateReport(input).find((x) => x.rule === "H-T4-SUM");
    expect(f?.blame).toEqual(["t4.review.corrected"]);
    expect(f?.suggested).toEqual({ "t4.review.corrected": 0 });
  });

  it("withholds blame rather than guess when no one- or two-cell fix exists", () => {
    const fs = validateReport(
      withCells(clean(), {
        "t3.granted.natural_person": 20,
        "t3.partially_granted.commercial_enterprise": 3,
        "t3.unable_not_held.legal_service_org": 5,
        "t3.carried_forward.other_org": 2,
      }),
    );
    // Four separate slips, each explained by its own cell.
    expect(new Set(fs.flatMap((f) => f.blame))).toEqual(
      new Set(["t3.granted.natural_person", "t3.partially_granted.commercial_enterprise", "t3.unable_not_held.legal_service_org", "t3.carried_forward.other_org"]),
    );
    const shifted = withCells(clean(), { "t3.new_received.natural_person": 30, "t3.granted.natural_person": 9, "t3.handled_total.total": 40, "t3.carried_forward.total": 1 });
    for (const f of validateReport(shifted).filter((x) => x.severity === "error")) {
      if (f.blame.length === 0) expect(["tie", "none_found", "capped"]).toContain(f.details?.blameOutcome);
    }
  });
});

describe("contract", () => {
  it("every finding matches findingSchema and survives JSON", () => {
    for (const input of [panzhou2024(), sh2019Style(), withCells(clean(), { "t4.review.total": 4, "t3.granted.total": null })]) {
      for (const f of validateReport(input)) {
        expect(findingSchema.parse(JSON.parse(JSON.stringify(f)))).toEqual(f);
        expect(f.message.zh.length).toBeGreaterThan(0);
        expect(f.message.en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe("computeDerived", () => {
  it("gives null when a part is absent and when the table is missing", () => {
    const input = clean();
    delete input.cells["t3.denied_state_secret.natural_person"];
    const d = computeDerived("2021", input.cells);
    expect(d["t3.denied_total.natural_person"]).toBeNull();
    expect(d["t3.denied_total.commercial_enterprise"]).toBe(0);
    const noT4 = computeDerived("2021", clean().cells, { t2: "found", t3: "found", t4: "missing" });
    expect(noT4["t4.lit_total.total"]).toBeNull();
  });
});

describe("textSimilarity", () => {
  it("is 1 for copies with different figures and low for different texts", () => {
    expect(textSimilarity("2023年收到申请34件，均已办结。", "2024年收到申请33件，均已办结。")).toBe(1);
    expect(textSimilarity("本年度主动公开政府信息一千余条", "加强政务公开队伍建设和业务培训")).toBeLessThan(0.1);
    expect(textSimilarity("", "")).toBe(0);
  });

  it("is fast on long texts", () => {
    const long = "政府信息公开工作稳步推进，".repeat(2000);
    const t0 = performance.now();
    textSimilarity(long, long + "新增内容");
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
