/**
 * Property tests for the text extractor + parser core (STYLE rule 19): never throw, always a
 * schema-valid record, and under line deletions/duplications never a wrong number in a cell.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsedReportSchema } from "../../records/parsed-report";
import { extractFromText, extractTextBytes } from "../extract/text";
import { parseDocument } from "../pipeline";

const SAMPLE = readFileSync(new URL("../__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
interface Expected {
  cells: Record<string, number | null>;
}
const LINES = SAMPLE.split("\n");

function parseValid(text: string) {
  const r = parseDocument(extractFromText(text));
  const check = parsedReportSchema.safeParse(r);
  if (!check.success) throw new Error(check.error.message);
  return r;
}

// Fragments that look like report text, so random strings reach the table and narrative code.
const TOKENS = [
  "|",
  " |",
  "||||",
  "\n",
  "0",
  "33",
  "1,234",
  "/",
  "—",
  "无",
  "251000元",
  "自然人",
  "总计",
  "合计",
  "其他",
  "(六)其他处理",
  "3.其他",
  "(七)总计",
  "一、本年新收政府信息公开申请数量",
  "四、结转下年度继续办理",
  "行政复议",
  "行政诉讼",
  "结果维持",
  "未经复议直接起诉",
  "第二十条第(一)项",
  "本年制发件数",
  "本年新制作数量",
  "规章",
  "三、收到和处理政府信息公开申请情况",
  "四、政府信息公开行政复议和行政诉讼情况",
  "收到申请",
  "件",
  "申请内容主要集中在",
  "土地征收、",
  "。",
  "2024年",
];
const reportish = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 300 }).map((parts) => parts.join(""));

describe("the parser never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "grapheme", maxLength: 200 }), reportish), (s) => {
        parseValid(s);
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const r = parseDocument(extractTextBytes(bytes));
        expect(parsedReportSchema.safeParse(r).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

// Rows whose values may legitimately be read from the left when a value line is removed: the
// last row of each table is indistinguishable from a table cut short there.
const LAST_ROWS = /^(t2\.admin_fee\.|t2v19\.central_procurement\.|t3\.carried_forward\.|t4\.)/u;

describe("mutations of the sample", () => {
  const edit = (op: "delete" | "duplicate", at: readonly number[]) => {
    const lines = [...LINES];
    for (const a of at) {
      const i = Math.min(a, lines.length - 1);
      if (op === "delete") lines.splice(i, 1);
      else lines.splice(i, 0, lines[i] ?? "");
    }
    return lines.join("\n");
  };

  it("random deletions and duplications of lines: never throws, always schema-valid", () => {
    fc.assert(
      fc.property(fc.constantFrom("delete" as const, "duplicate" as const), fc.array(fc.nat({ max: LINES.length - 1 }), { minLength: 1, maxLength: 8 }), (op, at) => {
        parseValid(edit(op, at));
      }),
      { numRuns: 300 },
    );
  });

  // Every single-line deletion and duplication (exhaustive, so deterministic). Two edits can
  // amount to changing a value ("9 |" gone, "0 |" twice), which no parser can see.
  it.each(["panzhou/2024", "sh2019-style/2019"])("%s: deleting or duplicating any one line never puts a wrong number in a cell", (fixture) => {
    const lines0 = readFileSync(new URL(`../__fixtures__/${fixture}/input.txt`, import.meta.url), "utf8").split("\n");
    const expected = (JSON.parse(readFileSync(new URL(`../__fixtures__/${fixture}/expected.json`, import.meta.url), "utf8")) as Expected).cells;
    for (const op of ["delete", "duplicate"] as const) {
      for (let at = 0; at < lines0.length; at++) {
        const lines = [...lines0];
        if (op === "delete") lines.splice(at, 1);
        else lines.splice(at, 0, lines[at] ?? "");
        const r = parseValid(lines.join("\n"));
        for (const [key, cell] of Object.entries(r.cells)) {
          if (cell.value === null || LAST_ROWS.test(key)) continue;
          if (cell.value !== expected[key]) throw new Error(`${key} = ${cell.value}, expected ${expected[key]} after ${op} line ${at + 1}`);
        }
      }
    }
  });

  it.each([
    ["one line of 200k pipes", `自然人 ${"|".repeat(200_000)}`],
    ["200k cells in one run of labels", "自然人 |\n".repeat(200_000)],
    ["100k value cells", `一、本年新收政府信息公开申请数量 |\n${"0 |\n".repeat(100_000)}`],
    ["a 1 MB paragraph", "收到申请".repeat(250_000)],
  ])("finishes quickly on %s", (_name, text) => {
    const t = performance.now();
    parseValid(text);
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it("stays within a time bound on a huge input", () => {
    const huge = Array.from({ length: 40 }, () => SAMPLE).join("\n");
    const t = performance.now();
    const r = parseValid(huge);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(r.issues.some((i) => i.code === "duplicate_row")).toBe(true);
  });
});
