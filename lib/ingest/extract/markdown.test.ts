import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractMarkdown, markdownBlocks, splitPipeRow } from "./markdown";
import type { TableBlock } from "./types";

const FIXTURES = fileURLToPath(new URL("../__fixtures__", import.meta.url));

describe("extractMarkdown", () => {
  it("reads the markdown fixture: headings as text, pipe tables as exact grids", async () => {
    const doc = await extractMarkdown(new Uint8Array(readFileSync(join(FIXTURES, "formats/markdown/input.md"))));
    expect(doc.issues).toEqual([]);
    expect(doc.blocks[0]).toMatchObject({ kind: "text", text: "盘州市人民政府2024年政府信息公开工作年度报告" });
    const tables = doc.blocks.filter((b): b is TableBlock => b.kind === "table");
    expect(tables).toHaveLength(3);
    const t3 = tables[1];
    expect(t3?.gridKnown).toBe(true);
    // Unspanned layout: 10 columns on every row, the group label only in its first row.
    const row = (r: number) => t3?.cells.filter((c) => c.row === r).map((c) => c.text);
    expect(row(5)).toEqual(["三、本年度办理结果", "（一）予以公开", "", "12", "0", "0", "0", "0", "0", "12"]);
    expect(row(8)).toEqual(["", "", "2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"]);
    expect(row(2)?.[4]).toBe("商业 企业");
  });

  it("splits rows on unescaped pipes, pads short rows and strips inline markup", () => {
    expect(splitPipeRow("| a \\| b | **粗体** | `0` |")).toEqual(["a | b", "粗体", "0"]);
    const blocks = markdownBlocks("| 项目 | 数量 |\n|:---|---:|\n| 行政许可 |\n| 行政处罚 | 3 | 多余 |\n正文");
    const t = blocks.find((b): b is TableBlock => b.kind === "table");
    expect(t?.cells.map((c) => [c.text, c.row, c.col])).toEqual([
      ["项目", 0, 0],
      ["数量", 0, 1],
      ["行政许可", 1, 0],
      ["", 1, 1],
      ["行政处罚", 2, 0],
      ["3", 2, 1],
      ["多余", 2, 2],
    ]);
    expect(blocks[1]).toMatchObject({ kind: "text", text: "正文" });
  });

  it("needs the separator row: pipes alone are text", () => {
    const blocks = markdownBlocks("| 不是表格 |\n普通一行");
    expect(blocks.map((b) => b.kind)).toEqual(["text", "text"]);
  });
});
