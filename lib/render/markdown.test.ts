import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";
import { renderReport, RENDER_SURFACES } from "./index";
import { syntheticModel } from "./testing/models";

describe("renderMarkdown", () => {
  it("writes pipe tables of constant width with a separator row", () => {
    const md = renderMarkdown(syntheticModel("2021"));
    const blocks = md.split("\n\n").filter((b) => b.startsWith("|"));
    expect(blocks).toHaveLength(3);
    const widths = [4, 10, 15];
    blocks.forEach((b, i) => {
      const lines = b.split("\n");
      expect(lines[1]).toMatch(/^\|( --- \|)+$/);
      for (const l of lines) expect(l.split(" | ").length, l).toBe(widths[i]);
    });
    expect(md).toContain("## 三、收到和处理政府信息公开申请情况");
    expect(md).toMatch(/\| （三）不予公开 \| 1\.属于国家秘密 \| \d+ \|/);
  });
});

describe("renderReport", () => {
  it("renders every surface", () => {
    for (const s of RENDER_SURFACES) expect(renderReport(syntheticModel("2021"), s).length, s).toBeGreaterThan(1000);
  });
});
