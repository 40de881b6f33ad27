import { describe, expect, it } from "vitest";
import { findToken, sourceContext } from "./source-context";

describe("sourceContext", () => {
  const grid = ["三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量 | 49 | 1 | 0 | 0 | 0 | 0 | 50", "二、上年结转政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4"].join("\n");

  it("shows the figure's whole row with a line either side and marks the figure", () => {
    const c = sourceContext(grid, { line: 2 }, "50")!;
    expect(c.lines).toHaveLength(3);
    expect(c.lines[c.at]).toContain("本年新收");
    expect(c.lines[c.at]!.slice(...c.mark!)).toBe("50");
    expect(c.firstLine).toBe(1);
  });

  it("walks back to the row label when a table was copied one cell per line", () => {
    const text = ["行政规范性文件 |", "4 |", "13 |", "34 |", "|", "第二十条第(五)项 |"].join("\n");
    const c = sourceContext(text, { line: 4 }, "34")!;
    expect(c.lines[0]).toBe("行政规范性文件 |");
    expect(c.lines[c.at]).toBe("34 |");
    expect(c.mark).toEqual([0, 2]);
  });

  it("marks nothing when the figure occurs more than once on its line, and nothing outside the text", () => {
    expect(sourceContext(grid, { line: 3 }, "4")!.mark).toBeNull();
    expect(sourceContext(grid, { line: 9 }, "4")).toBeNull();
    expect(sourceContext(grid, {}, "4")).toBeNull();
  });

  it("does not take a digit inside a longer number for the figure", () => {
    expect(findToken("总计 | 104 | 4", "4")).toEqual([11, 12]);
    expect(findToken("1.4 万元", "4")).toBeNull();
  });
});
