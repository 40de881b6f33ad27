import { describe, expect, it } from "vitest";
import type { Block, ExtractedDocument, PositionedLine } from "../extract/types";
import { LOW_CONFIDENCE } from "../ocr/confidence";
import { readLineTables } from "./line-tables";

/** One positioned line of OCR'd tokens, each `[text, x0]` 20 pt wide at confidence `conf`. */
function line(y: number, tokens: [string, number][], conf: number | undefined): PositionedLine {
  return { unit: "pt", page: 1, y, fs: 10, tokens: tokens.map(([text, x0]) => ({ text, x0, x1: x0 + 20, ...(conf !== undefined ? { conf } : {}) })) };
}

function doc(conf: number | undefined): ExtractedDocument {
  const heading = (text: string): Block => ({ kind: "text", text, loc: { page: 1 } });
  // 表四 whose header OCR garbled past reading: fifteen values under it, columns by order only.
  const header = line(100, [["行政复议", 40], ["行政诉讼", 300]], conf);
  const garbled = line(115, [["结呆维特", 40], ["纠旺", 80], ["其池", 120]], conf);
  const values = line(140, Array.from({ length: 15 }, (_, i): [string, number] => [String(i % 4), 30 + i * 35]), conf);
  const blocks: Block[] = [
    heading("四、政府信息公开行政复议、行政诉讼情况"),
    { kind: "text", text: "行政复议 行政诉讼", loc: { page: 1 }, lines: [header, garbled] },
    { kind: "text", text: "values", loc: { page: 1 }, lines: [values] },
    heading("五、存在的主要问题及改进情况"),
  ];
  return { format: "pdf", blocks, text: blocks.map((b) => (b.kind === "text" ? b.text : "")).join("\n"), meta: {}, issues: [] };
}

describe("OCR'd values placed by the official column order", () => {
  it("are marked for checking (confidence below LOW_CONFIDENCE); a text layer's are not", () => {
    const ocr = readLineTables(doc(95), "2021").reads.t4;
    expect(ocr?.status).toBe("found");
    expect(ocr?.issues.some((i) => i.code === "unknown_column_label")).toBe(true);
    const cells = [...(ocr?.cells.values() ?? [])];
    expect(cells.length).toBe(15);
    for (const c of cells) expect(c.source?.confidence).toBeLessThan(LOW_CONFIDENCE);
    const text = [...(readLineTables(doc(undefined), "2021").reads.t4?.cells.values() ?? [])];
    expect(text.length).toBe(15);
    for (const c of text) expect(c.source?.confidence).toBeUndefined();
  });
});
