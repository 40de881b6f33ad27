import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readCells } from "../catalog";
import { computeDerived, validateReport, type ValidationInput } from "./index";
import { cellsFrom, panzhou2024 } from "./testing/fixtures";

const expected = JSON.parse(
  readFileSync(fileURLToPath(new URL("../ingest/__fixtures__/panzhou/2024/expected.json", import.meta.url)), "utf8"),
) as { cells: Record<string, number | null>; narrative: Record<string, number>; expected_findings: { rule: string; cells: string[]; severity: string }[] };

function sample(): ValidationInput {
  return {
    formatVersion: "2021",
    year: 2024,
    cells: cellsFrom(expected.cells),
    tables: { t2: "found", t3: "found", t4: "found" },
    narrative: { new_received: 33, carried_over: 4, handled_total: 34, carried_forward: 3, review_total: 3, litigation_total: 2 },
    agencyKind: "government",
  };
}

describe("the sample report (盘州市 2024)", () => {
  it("holds every read cell of the 2021 format", () => {
    expect(Object.keys(expected.cells).sort()).toEqual(readCells("2021").map((c) => c.key).sort());
  });

  it("matches the in-code copy the other tests use", () => {
    const inCode = panzhou2024();
    expect(inCode.cells).toEqual(sample().cells);
    expect(inCode.narrative).toEqual(expected.narrative);
  });

  it("yields exactly the expected findings: H-T3-COL and H-T3-BAL, blaming t3.carried_over.total → 4", () => {
    const findings = validateReport(sample());
    expect(findings.map((f) => f.rule).sort()).toEqual(["H-T3-BAL", "H-T3-COL"]);
    for (const f of findings) {
      expect(f.severity).toBe("error");
      expect(f.cells).toContain("t3.carried_over.total");
      expect(f.blame).toEqual(["t3.carried_over.total"]);
      expect(f.suggested).toEqual({ "t3.carried_over.total": 4 });
    }
    for (const e of expected.expected_findings) {
      const f = findings.find((x) => x.rule === e.rule);
      expect(f?.severity).toBe(e.severity);
      for (const c of e.cells) expect(f?.cells).toContain(c);
    }
  });

  it("words the findings for a civil servant, with official labels and numbers", () => {
    const col = validateReport(sample()).find((f) => f.rule === "H-T3-COL");
    expect(col?.message.zh).toContain("表三“二、上年结转政府信息公开申请数量”行：各申请人类型合计为4，但“总计”填写为0。建议将“总计”改为4");
    expect(col?.message.zh).toContain("正文所述上年结转4件与此一致");
    expect(col?.message.en).toContain("Table 3, row 'Carried over from last year': the applicant columns add up to 4 but Total reads 0. Suggested: 4.");
    const bal = validateReport(sample()).find((f) => f.rule === "H-T3-BAL");
    expect(bal?.message.zh).toContain("表三“总计”列");
    expect(bal?.message.zh).toContain("33");
    expect(bal?.message.zh).toContain("37");
    expect(bal?.message.zh).toContain("建议将“二、上年结转政府信息公开申请数量”行改为4");
  });

  it("gives no narrative warning for a figure the blame already corrects", () => {
    expect(validateReport(sample()).some((f) => f.rule.startsWith("S-N-"))).toBe(false);
  });

  it("still blames the same cell without narrative (one single-cell fix exists)", () => {
    const { narrative: _n, ...rest } = sample();
    const findings = validateReport(rest);
    expect(findings.filter((f) => f.severity === "error").every((f) => f.blame.join() === "t3.carried_over.total")).toBe(true);
  });

  it("is clean once corrected", () => {
    const input = sample();
    input.cells["t3.carried_over.total"] = { value: 4, nullReason: null };
    expect(validateReport(input)).toEqual([]);
  });

  it("computes derived subtotals", () => {
    const d = computeDerived("2021", sample().cells);
    expect(d["t3.unable_total.total"]).toBe(9);
    expect(d["t3.other_total.natural_person"]).toBe(2);
    expect(d["t3.granted.legal_person_total"]).toBe(0);
    expect(d["t4.lit_total.total"]).toBe(2);
    expect(d["t4.lit_total.pending"]).toBe(1);
  });
});
