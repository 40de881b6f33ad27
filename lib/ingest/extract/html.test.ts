import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { declaredCharset, extractHtml } from "./html";
import type { ExtractedDocument, TableBlock } from "./types";

const FIXTURES = fileURLToPath(new URL("../__fixtures__", import.meta.url));
const read = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));
const html = (s: string) => extractHtml(new TextEncoder().encode(s));

function tables(doc: ExtractedDocument): TableBlock[] {
  return doc.blocks.filter((b): b is TableBlock => b.kind === "table");
}
function at(t: TableBlock | undefined, row: number, col: number) {
  return t?.cells.find((c) => c.row === row && c.col === col);
}

describe("extractHtml on the html-merged fixture", () => {
  it("finds the three report tables inside the layout wrapper, with the title and encoding", async () => {
    const doc = await extractHtml(read("formats/html-merged/input.html"));
    expect(doc.issues).toEqual([]);
    expect(doc.meta).toEqual({ encoding: "utf-8", title: "盘州市人民政府2024年政府信息公开工作年度报告_盘州市人民政府" });
    expect(tables(doc)).toHaveLength(3);
    expect(tables(doc).every((t) => t.gridKnown)).toBe(true);
    expect(doc.text).toContain("一、总体情况");
    expect(doc.text).toContain("六、其他需要报告的事项");
  });

  it("reconstructs 表三's grid: cells under a rowspan sit at the right column", async () => {
    const t3 = tables(await extractHtml(read("formats/html-merged/input.html")))[1];
    // Header: the note spans 3×3, 申请人情况 spans 7 columns, 自然人 and 总计 span two rows.
    expect(at(t3, 0, 0)).toMatchObject({ rowSpan: 3, colSpan: 3 });
    expect(at(t3, 0, 3)).toMatchObject({ text: "申请人情况", colSpan: 7 });
    expect(at(t3, 1, 3)).toMatchObject({ text: "自然人", rowSpan: 2 });
    expect(at(t3, 1, 9)).toMatchObject({ text: "总计", rowSpan: 2 });
    // Row 2 starts under 自然人's rowspan: 商业企业 is at column 4, not 0.
    expect(at(t3, 2, 4)?.text).toBe("商业 企业");
    expect(at(t3, 2, 0)).toBeUndefined();
    // 三、本年度办理结果 spans all 22 result rows; （三）不予公开 spans its 8 reasons.
    expect(at(t3, 5, 0)).toMatchObject({ text: "三、本年度办理结果", rowSpan: 22 });
    expect(at(t3, 7, 1)).toMatchObject({ text: "（三）不予公开", rowSpan: 8 });
    // A row inside both spans: its label is at column 2 and its first value at column 3.
    expect(at(t3, 8, 2)?.text).toBe("2.其他法律行政法规禁止公开");
    expect(at(t3, 8, 3)?.text).toBe("0");
    // 上年结转's 总计 is the sample's 0 (the known error), at column 9.
    expect(at(t3, 4, 9)?.text).toBe("0");
    expect(at(t3, 4, 3)?.text).toBe("4");
    // Covered positions are never emitted twice.
    const keys = (t3?.cells ?? []).map((c) => `${c.row}:${c.col}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("turns &nbsp; cells into blanks and <br> inside labels into a space", async () => {
    const [t2, , t4] = tables(await extractHtml(read("formats/html-merged/input.html")));
    expect(at(t2, 4, 0)?.text).toBe("第二十条第（五）项");
    expect([1, 2, 3].map((c) => at(t2, 4, c)?.text)).toEqual(["", "", ""]);
    expect(at(t4, 1, 3)?.text).toBe("尚未 审结");
  });
});

describe("extractHtml on the html-gbk fixture", () => {
  it("decodes the GB2312-declared page to exactly the UTF-8 page's blocks", async () => {
    const gbk = await extractHtml(read("formats/html-gbk/input.html"));
    const utf8 = await extractHtml(read("formats/html-merged/input.html"));
    expect(gbk.meta.encoding).toBe("gb18030");
    expect(gbk.issues).toEqual([]);
    expect(gbk.blocks).toEqual(utf8.blocks);
    expect(gbk.text).toBe(utf8.text);
  });

  it("reads the declared charset from meta charset, http-equiv and XML declarations", () => {
    const b = (s: string) => new TextEncoder().encode(s);
    expect(declaredCharset(b(`<meta charset="gbk">`))).toBe("gbk");
    expect(declaredCharset(b(`<meta http-equiv="Content-Type" content="text/html; charset=GB2312" />`))).toBe("GB2312");
    expect(declaredCharset(b(`<?xml version="1.0" encoding="gb18030"?><html>`))).toBe("gb18030");
    expect(declaredCharset(b(`<html><body>`))).toBeNull();
  });
});

describe("extractHtml on hostile and messy input", () => {
  it("never lets script, style or noscript content into the text", async () => {
    const doc = await extractHtml(read("adversarial/script.html"));
    expect(doc.text).not.toMatch(/MUST_NOT_APPEAR|alert|document\.write/);
    expect(doc.text).toContain("正文第一段。");
    expect(doc.text).toContain("正文第二段。");
    const [table] = tables(doc);
    expect(table?.cells.map((c) => c.text)).toEqual(["行政许可", "0"]);
  });

  it("decodes GBK bytes in a page labelled UTF-8 and flags encoding_uncertain", async () => {
    const doc = await extractHtml(read("adversarial/wrong-encoding.html"));
    expect(doc.issues.map((i) => i.code)).toContain("encoding_uncertain");
    expect(doc.meta.encoding).toBe("gb18030");
    expect(doc.text).toContain("上一年度转办4件");
    expect(tables(doc)[0]?.cells.map((c) => c.text)).toEqual(["行政规范性文件", "4", "13", "34"]);
  });

  it("treats innermost tables as data and wrappers (tables of tables, single cells) as layout", async () => {
    const doc = await html(`<table><tr><td><p>前言</p>
      <table><tr><td>行政许可</td><td>5</td></tr></table>
      <table><tr><td>只有一格</td></tr></table>
      </td><td><table><tr><td>行政处罚</td><td>7</td></tr></table></td></tr></table>`);
    expect(tables(doc).map((t) => t.cells.map((c) => c.text))).toEqual([
      ["行政许可", "5"],
      ["行政处罚", "7"],
    ]);
    expect(doc.blocks.filter((b) => b.kind === "text").map((b) => (b.kind === "text" ? b.text : ""))).toEqual(["前言", "只有一格"]);
  });

  it("clips spans at the table's end and tolerates unclosed tags and missing <tr>", async () => {
    const doc = await html(`<table><tr><td rowspan="99">甲<td colspan="0">乙<tr><td>丙</table>`);
    const [t] = tables(doc);
    expect(t?.cells.map((c) => [c.text, c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      ["甲", 0, 0, 2, 1],
      ["乙", 0, 1, 1, 1],
      ["丙", 1, 1, 1, 1],
    ]);
    const stray = tables(await html(`<table><td>规章</td><td>0</td></table>`))[0];
    expect(stray?.cells.map((c) => [c.text, c.row, c.col])).toEqual([
      ["规章", 0, 0],
      ["0", 0, 1],
    ]);
  });

  it("splits text at block elements and <br>", async () => {
    const doc = await html(`<div>第一行<br>第二行<p>第三段</p><span>行内</span>文字</div>`);
    expect(doc.text.split("\n")).toEqual(["第一行", "第二行", "第三段", "行内文字"]);
  });

  it("survives deep nesting and huge spans in bounded time", async () => {
    const deep = "<div>".repeat(20000) + "深处" + "</div>".repeat(20000);
    expect((await html(deep)).text).toBe("深处");
    const spans = `<table>${`<tr><td rowspan="65534" colspan="1000">x</td><td>1</td></tr>`.repeat(200)}</table>`;
    const doc = await html(spans);
    expect(doc.blocks.length).toBeGreaterThan(0);
  });

  it("keeps body content that a broken page leaves inside <head>", async () => {
    const doc = await html(`<html><head><meta charset="utf-8"><title>标题</title><p>正文在头部</p>`);
    expect(doc.text).toBe("正文在头部");
    expect(doc.meta.title).toBe("标题");
  });

  it("returns empty_document for a page with no text", async () => {
    const doc = await html(`<html><head><title>空</title><script>var a = 1;</script></head><body> &nbsp; </body></html>`);
    expect(doc.blocks).toEqual([]);
    expect(doc.issues.map((i) => i.code)).toEqual(["empty_document"]);
  });

  it("never throws on arbitrary markup", async () => {
    const tag = fc.constantFrom("<table>", "</table>", "<tr>", "</tr>", "<td rowspan=3>", "<td colspan=2>", "</td>", "<br>", "<p>", "<script>", "</script>", "&nbsp;", "公开", "0", "<!--", "-->", "<th rowspan=0>", "<tbody>");
    await fc.assert(
      fc.asyncProperty(fc.array(tag, { maxLength: 60 }), async (parts) => {
        const doc = await html(parts.join(""));
        expect(Array.isArray(doc.blocks)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("extractHtml never exposes bytes as-is", () => {
  it("decodes a GBK page without a declaration by sniffing", async () => {
    const bytes = new Uint8Array(iconv.encode("<html><body><p>依申请公开</p></body></html>", "gbk"));
    const doc = await extractHtml(bytes);
    expect(doc.meta.encoding).toBe("gb18030");
    expect(doc.text).toBe("依申请公开");
  });
});
