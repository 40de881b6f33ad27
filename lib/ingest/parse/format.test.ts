import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractFromText } from "../extract/text";
import { detectFormat } from "./format";

const fixture = (p: string) => readFileSync(new URL(`../__fixtures__/${p}`, import.meta.url), "utf8");

describe("detectFormat (from headers, never from the year)", () => {
  it("reads 2021 from the sample", () => {
    const d = detectFormat(extractFromText(fixture("panzhou/2024/input.txt")));
    expect(d.format).toBe("2021");
    expect(d.evidence["2021"]).toEqual(expect.arrayContaining(["本年制发件数", "现行有效件数"]));
    expect(d.issues).toEqual([]);
  });

  it("reads 2019 from the SH2019-style fixture", () => {
    const d = detectFormat(extractFromText(fixture("sh2019-style/2019/input.txt")));
    expect(d.format).toBe("2019");
    expect(d.evidence["2019"]).toEqual(expect.arrayContaining(["本年新制作数量", "政府集中采购", "其他处理"]));
  });

  it("tells the formats apart by 表三 alone: one （六）其他处理 row with numbers vs three sub-rows", () => {
    expect(detectFormat(extractFromText("2024年报告\n(六)其他处理 |\n0 |\n0 |\n")).format).toBe("2019");
    expect(detectFormat(extractFromText("2019年报告\n(六)其他处理 |\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |\n0 |\n")).format).toBe("2021");
  });

  it("says unknown when there are no markers, or both kinds equally", () => {
    const none = detectFormat(extractFromText("一、总体情况\n正文\n"));
    expect(none.format).toBeNull();
    expect(none.issues.map((i) => i.code)).toEqual(["format_unknown"]);
    expect(detectFormat(extractFromText("本年制发件数 |\n本年新制作数量 |\n")).format).toBeNull();
  });
});
