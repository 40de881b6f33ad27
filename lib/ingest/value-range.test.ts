/**
 * Issue #16 defect 3: counts the database cannot store (4.5, 3000000000, a 1e30 written out)
 * are refused by the pure pipeline, so the dry run says what the ingest would: the message
 * names the cell and the value as written.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "./analyze";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const ROW = "一、本年新收政府信息公开申请数量 |\n33 |";

function withNaturalPerson(value: string): Uint8Array {
  expect(SAMPLE).toContain(ROW);
  return new TextEncoder().encode(SAMPLE.replace(ROW, `一、本年新收政府信息公开申请数量 |\n${value} |`));
}

describe("values checked against the catalog's type and range", () => {
  it.each([
    ["4.5", "整数"],
    ["3000000000", "2147483647"],
    ["1" + "0".repeat(30), "2147483647"],
  ])("refuses a count of %s in the dry run, naming the cell and the value", async (value, why) => {
    const a = await analyzeDocument(withNaturalPerson(value), "report.txt");
    const line = toDryRunLine("report.txt", a);
    expect(line.ok).toBe(false);
    expect(line.error?.code).toBe("value_out_of_range");
    expect(line.error?.message).toContain("t3.new_received.natural_person");
    expect(line.error?.message).toContain(value);
    expect(line.error?.message).toContain(why);
    expect(line.error?.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(line.error?.message).toMatch(/cannot be stored/u);
    expect(line.issues.some((i) => i.code === "value_out_of_range" && i.severity === "error")).toBe(true);
  });

  it("accepts the largest storable count", async () => {
    const a = await analyzeDocument(withNaturalPerson("2147483647"), "report.txt");
    expect(a.error).toBeNull();
    expect(a.parsed.cells["t3.new_received.natural_person"]?.value).toBe(2147483647);
  });

  it("still stores a negative count (the validator flags it; the column can hold it)", async () => {
    const a = await analyzeDocument(withNaturalPerson("-3"), "report.txt");
    expect(a.error).toBeNull();
    expect(a.findings.some((f) => f.rule === "H-T3-NN")).toBe(true);
  });
});
