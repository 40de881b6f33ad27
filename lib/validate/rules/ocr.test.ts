import { describe, expect, it } from "vitest";
import { validateReport } from "../index";
import { panzhou2024, panzhou2024Corrected as clean, withCells } from "../testing/fixtures";

/** Every cell of the input marked as OCR'd with `conf`, except the overrides. */
function ocrd(input: ReturnType<typeof clean>, conf: number, overrides: Record<string, number> = {}) {
  const ocrConfidence = Object.fromEntries(Object.keys(input.cells).map((k) => [k, overrides[k] ?? conf]));
  return { ...input, ocrConfidence };
}

describe("S-OCR-LOW", () => {
  it("lists the OCR'd cells below the threshold, as a finding a person works through", () => {
    const fs = validateReport(ocrd(clean(), 95, { "t3.granted.natural_person": 41, "t2.regulation.issued": 70 }));
    const low = fs.filter((f) => f.rule === "S-OCR-LOW");
    expect(low).toHaveLength(1);
    expect(low[0]?.severity).toBe("warning");
    expect([...(low[0]?.cells ?? [])].sort()).toEqual(["t2.regulation.issued", "t3.granted.natural_person"]);
    expect(low[0]?.blame).toEqual(low[0]?.cells);
    expect(low[0]?.message.zh).toContain("41%");
    expect(low[0]?.message.en).toContain("below 80%");
  });

  it("says nothing when every OCR'd figure is sure, and nothing for a text-layer document", () => {
    expect(validateReport(ocrd(clean(), 95))).toEqual([]);
    expect(validateReport(clean()).some((f) => f.rule === "S-OCR-LOW")).toBe(false);
  });
});

describe("findings on OCR'd cells", () => {
  it("a failed sum over OCR'd digits says the cells were OCR'd, naming the blamed one with its confidence", () => {
    // The sample's real error (上年结转 总计 printed 0), read from a scan.
    const fs = validateReport(ocrd(panzhou2024(), 93, { "t3.carried_over.total": 86 }));
    const bal = fs.find((f) => f.rule === "H-T3-BAL");
    expect(bal?.blame).toEqual(["t3.carried_over.total"]);
    expect(bal?.message.zh).toMatch(/OCR.*上年结转.*86%/);
    expect(bal?.message.en).toMatch(/misreading rather than an error.*86%/);
    expect(bal?.details?.ocrConfidence).toEqual({ "t3.carried_over.total": 86 });
  });

  it("the same failure from a text layer is worded as before", () => {
    const plain = validateReport(panzhou2024()).find((f) => f.rule === "H-T3-BAL");
    const scanned = validateReport(ocrd(panzhou2024(), 93)).find((f) => f.rule === "H-T3-BAL");
    expect(plain?.message.zh).not.toContain("OCR");
    expect(scanned?.message.zh.startsWith(plain?.message.zh ?? "")).toBe(true);
  });

  it("a misread digit that breaks a row sum is both blamed and flagged", () => {
    const misread = withCells(clean(), { "t3.partially_granted.total": 1 });
    const fs = validateReport(ocrd(misread, 95, { "t3.partially_granted.total": 65 }));
    expect(fs.find((f) => f.rule === "S-OCR-LOW")?.cells).toEqual(["t3.partially_granted.total"]);
    const col = fs.find((f) => f.rule === "H-T3-COL");
    expect(col?.message.zh).toContain("OCR");
  });
});
