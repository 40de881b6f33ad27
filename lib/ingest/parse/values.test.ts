import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseChineseInt, parseNumberToken } from "./numbers";
import { readCell } from "./values";

describe("readCell", () => {
  it.each([
    ["33", { kind: "number", value: 33, unit: null }],
    [" 0 ", { kind: "number", value: 0, unit: null }],
    ["1,234", { kind: "number", value: 1234, unit: null }],
    ["１２３", { kind: "number", value: 123, unit: null }],
    ["0.35", { kind: "number", value: 0.35, unit: null }],
    ["-1", { kind: "number", value: -1, unit: null }],
    ["+2", { kind: "number", value: 2, unit: null }],
    ["251000元", { kind: "number", value: 251000, unit: "元" }],
    ["12.5万元", { kind: "number", value: 12.5, unit: "万元" }],
    ["3件", { kind: "number", value: 3, unit: "件" }],
    ["零", { kind: "number", value: 0, unit: null }],
    ["", { kind: "null", reason: "blank" }],
    ["&nbsp;", { kind: "null", reason: "blank" }],
    ["\u00a0", { kind: "null", reason: "blank" }],
    ["/", { kind: "null", reason: "slash" }],
    ["／", { kind: "null", reason: "slash" }],
    ["-", { kind: "null", reason: "dash" }],
    ["—", { kind: "null", reason: "dash" }],
    ["－", { kind: "null", reason: "dash" }],
    ["——", { kind: "null", reason: "dash" }],
    ["无", { kind: "null", reason: "text" }],
    ["N/A", { kind: "null", reason: "text" }],
    ["约5", { kind: "unparsable" }],
    // A flattened web table pasted into Word keeps the column bar beside each value.
    ["33 |", { kind: "number", value: 33, unit: null }],
    ["| 0", { kind: "number", value: 0, unit: null }],
    ["/ |", { kind: "null", reason: "slash" }],
    ["4｜", { kind: "number", value: 4, unit: null }],
    ["3(件)", { kind: "unparsable" }],
    ["1.属于国家秘密", { kind: "label" }],
    ["自然人", { kind: "label" }],
  ])("%j", (raw, expected) => {
    expect(readCell(raw)).toEqual(expected);
  });

  it("round-trips formatted integers (thousands separators, full-width digits)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (n) => {
        const plain = readCell(String(n));
        const grouped = readCell(n.toLocaleString("en-US"));
        const wide = readCell(String(n).replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d))));
        return [plain, grouped, wide].every((r) => r.kind === "number" && r.value === n);
      }),
    );
  });
});

describe("Chinese numerals", () => {
  it.each([
    ["三", 3],
    ["十", 10],
    ["十二", 12],
    ["三十四", 34],
    ["一百零五", 105],
    ["两千", 2000],
    ["二〇二五", 2025],
    ["一万二千", 12000],
  ])("%s = %d", (s, n) => {
    expect(parseChineseInt(s)).toBe(n);
  });
  it("reads prose tokens", () => {
    expect(parseNumberToken("1,060")).toBe(1060);
    expect(parseNumberToken("三十三")).toBe(33);
    expect(parseChineseInt("三安")).toBeNull();
  });
});
