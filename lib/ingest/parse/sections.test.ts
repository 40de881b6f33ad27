import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractFromText } from "../extract/text";
import { findSections, matchHeading } from "./sections";

const SAMPLE = readFileSync(new URL("../__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");

describe("matchHeading", () => {
  it.each([
    ["一、总体情况", 1],
    ["第一部分 总体情况", 1],
    ["二、主动公开政府信息情况", 2],
    ["三、收到和处理政府信息公开申请情况", 3],
    ["四、政府信息公开行政复议和行政诉讼情况", 4],
    ["四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", 4],
    ["五、政府信息公开工作存在的主要问题及改进情况", 5],
    ["六、其他需要报告的事项", 6],
    ["收到和处理政府信息公开申请情况", 3],
  ])("%s is section %d", (line, n) => {
    expect(matchHeading(line)?.number).toBe(n);
  });

  it.each(["一、本年新收政府信息公开申请数量", "三、本年度办理结果", "四、结转下年度继续办理", "二、上年结转政府信息公开申请数量", "(一)主动公开方面。", "一是网上政府服务能力有待提升。"])(
    "%s is not a heading",
    (line) => {
      expect(matchHeading(line)).toBeNull();
    },
  );
});

describe("findSections", () => {
  it("finds the six sections of the sample, in order, with their prose", () => {
    const { preamble, sections } = findSections(extractFromText(SAMPLE));
    expect(sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sections[0]?.loc.line).toBe(2);
    expect(sections[0]?.text).toContain("申请内容主要集中在土地征收、房屋拆迁等方面");
    expect(sections[2]?.text).toBe(""); // 表三 is a table, not section text
    expect(preamble.text).toMatch(/^根据《中华人民共和国政府信息公开条例》/u);
  });

  it("takes each number once and only in order", () => {
    const doc = extractFromText("一、总体情况\n正文\n三、收到和处理政府信息公开申请情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n");
    expect(findSections(doc).sections.map((s) => s.number)).toEqual([1, 3]);
  });
});
