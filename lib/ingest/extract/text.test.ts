import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, extractFromText, extractTextBytes, splitCellLine, textExtractor } from "./text";
import type { TableBlock, TextBlock } from "./types";

const SAMPLE_BYTES = new Uint8Array(readFileSync(new URL("../__fixtures__/panzhou/2024/input.txt", import.meta.url)));
const SAMPLE = new TextDecoder().decode(SAMPLE_BYTES);

const texts = (cells: { text: string }[]) => cells.map((c) => c.text);

describe("splitCellLine: one cell per line, extra pipes are row padding", () => {
  it.each([
    ["33 |", ["33"]],
    ["33 | ||", ["33"]],
    ["12 | |", ["12"]],
    ["申请人情况 | ||||||||", ["申请人情况"]],
    ["|", [""]],
    ["||||", [""]],
    ["| ||", [""]],
    ["商业 企业 |", ["商业 企业"]],
    ["a | b |", ["a", "b"]],
    ["a | | b |", ["a", "", "b"]],
    ["| a | b |", ["a", "b"]],
  ])("%s", (line, expected) => {
    expect(texts(splitCellLine(line))).toEqual(expected);
  });
});

describe("textExtractor on the sample", () => {
  it("gives three table blocks between the section headings", async () => {
    const doc = await textExtractor.extract(SAMPLE_BYTES, "panzhou-2024.txt");
    expect(doc.format).toBe("text");
    expect(doc.meta.encoding).toBe("utf-8");
    expect(doc.issues).toEqual([]);
    const tables = doc.blocks.filter((b): b is TableBlock => b.kind === "table");
    expect(tables).toHaveLength(3);
    for (const t of tables) {
      expect(t.gridKnown).toBe(false);
      expect(t.cells.every((c) => c.row === null && c.col === null)).toBe(true);
    }
    // 表二 starts on line 10; its padding stands on lines of its own ("||||", "|") and gives no cells.
    expect(tables[0]?.loc.line).toBe(10);
    expect(texts(tables[0]?.cells.slice(0, 10) ?? [])).toEqual(["第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "0", "行政规范性文件"]);
    expect(texts(tables[0]?.cells ?? [])).not.toContain("");
    // 表三 data rows hold exactly 7 values: padding after "33 |" does not become cells.
    const t3 = texts(tables[1]?.cells ?? []);
    const i = t3.indexOf("一、本年新收政府信息公开申请数量");
    expect(t3.slice(i + 1, i + 9)).toEqual(["33", "0", "0", "0", "0", "0", "33", "二、上年结转政府信息公开申请数量"]);
    // 表四: the header then 15 values.
    const t4 = texts(tables[2]?.cells ?? []);
    expect(t4.slice(-15)).toEqual(["2", "0", "1", "0", "3", "0", "0", "0", "0", "0", "0", "0", "1", "1", "2"]);
    expect(t4).toHaveLength(19 + 15);
    const headings = doc.blocks.filter((b): b is TextBlock => b.kind === "text").map((b) => b.text);
    expect(headings).toContain("三、收到和处理政府信息公开申请情况");
    expect(headings).toContain("四、政府信息公开行政复议和行政诉讼情况");
  });

  it("keeps 1-based lines and character offsets into doc.text", () => {
    const doc = extractTextBytes(SAMPLE_BYTES);
    const t3 = doc.blocks.filter((b): b is TableBlock => b.kind === "table")[1] as TableBlock;
    const cell = t3.cells.find((c) => c.text === "33") ?? null;
    expect(cell?.loc.line).toBe(65);
    expect(doc.text.slice(cell?.loc.offset ?? 0, (cell?.loc.offset ?? 0) + 4)).toBe("33 |");
  });
});

describe("padding on lines of its own", () => {
  it("drops the last pipe-only line before more cells, keeps earlier ones and trailing ones as blanks", () => {
    const doc = extractFromText(["信息内容 |", "本年处理决定数量 |", "|||", "行政许可 |", "|", "|||", "行政处罚 |", "|"].join("\n"));
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["信息内容", "本年处理决定数量", "行政许可", "", "行政处罚", ""]);
  });
  it("counts a row's cells against the grid: lone pipes before its last value are blanks", () => {
    // A 5-wide grid: "申请人情况" and four pipes; each row's label, three values, then its padding.
    const lines = ["申请人情况 |", "||||", "一、本年新收 |", "|", "|", "3 |", "|", "二、上年结转 |", "|", "|", "|", "|", "三、办理结果 |", "(一)予以公开 |", "|", "|", "2 |"];
    const doc = extractFromText(lines.join("\n"));
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["申请人情况", "一、本年新收", "", "", "3", "二、上年结转", "", "", "", "三、办理结果", "(一)予以公开", "", "", "2"]);
  });
  it("takes several pipes on a line of their own as padding, also after the last row", () => {
    const doc = extractFromText(["第二十条第(九)项 |", "||||", "信息内容 |", "采购项目数量 |", "采购总金额 |", "||", "政府集中采购 |", "0 |", "|", "||"].join("\n"));
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["第二十条第(九)项", "信息内容", "采购项目数量", "采购总金额", "政府集中采购", "0", ""]);
  });
  it("keeps every pipe-only line as a blank where padding is inline", () => {
    const doc = extractFromText(["自然人 |", "总计 | ||", "一、本年新收 |", "|", "3 |", "| ||", "二、上年结转 |"].join("\n"));
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["自然人", "总计", "一、本年新收", "", "3", "", "二、上年结转"]);
  });
});

describe("rows opened by a pipe of their own", () => {
  it("drops the lone pipe that opens each row, keeps a blank cell before it", () => {
    const lines = ["|", "第二十条第(一)项 | |||", "|", "规章 |", "0 |", "0 |", "|", "|", "行政规范性文件 |", "5 |", "12 |", "8 |", "|", "第二十条第(五)项 | |||", "|", "信息内容 |", "本年处理决定数量 | ||", "|"];
    const doc = extractFromText(lines.join("\n"));
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["第二十条第(一)项", "规章", "0", "0", "", "行政规范性文件", "5", "12", "8", "第二十条第(五)项", "信息内容", "本年处理决定数量"]);
  });
  it("keeps a lone pipe as a blank corner cell when rows do not open that way", () => {
    const doc = extractFromText(["|", "申请人情况 | ||||||||", "自然人 |", "总计 | ||"].join("\n"));
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["", "申请人情况", "自然人", "总计"]);
  });
});

describe("a row's closing pipe on the next line", () => {
  it("reads 'label | a | b' then '|' as one row of cells", () => {
    const doc = extractFromText(["信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "规章 | 0 | 0 | 0", "|", "行政规范性文件 | 1 | 2 | 3", "|"].join("\n"));
    expect(doc.blocks).toHaveLength(1);
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "0", "0", "行政规范性文件", "1", "2", "3"]);
  });
});

describe("cells whose text ended in a line break", () => {
  it("reads 'label | a' / '| b' / '| c' / '|' as one row, and 'label' / '|' inside a table as a cell", () => {
    const doc = extractFromText(["信息内容 | 上一年项目数量", "| 本年增/减", "| 处理决定数量", "|", "行政许可 | 0 | 0 | 0 |", "行政处罚", "|", "0 |"].join("\n"));
    expect(doc.blocks).toHaveLength(1);
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可", "0", "0", "0", "行政处罚", "0"]);
    // The offsets still point into doc.text.
    const cell = (doc.blocks[0] as TableBlock).cells[2] as { text: string; loc: { offset?: number } };
    expect(doc.text.slice(cell.loc.offset, (cell.loc.offset ?? 0) + 6).trim()).toBe("本年增/减");
    const label = (doc.blocks[0] as TableBlock).cells[8] as { text: string; loc: { offset?: number } };
    expect(doc.text.slice(label.loc.offset, (label.loc.offset ?? 0) + 4)).toBe("行政处罚");
  });

  it("keeps a line of pipes under a breadcrumb with pipes as the table's own first row", () => {
    const doc = extractFromText(["首页 | 政务公开 | 年度报告", "| 第二十条第（一）项 | |||", "| 规章 | 0 | 0 | 0 |"].join("\n"));
    expect(doc.blocks[0]?.kind).toBe("text");
    expect(texts((doc.blocks[1] as TableBlock).cells)).toEqual(["第二十条第（一）项", "规章", "0", "0", "0"]);
  });

  it("closes a blank cell with the pipe that opens '| 25 |' after lone pipes, where rows open with no pipe", () => {
    const doc = extractFromText(["一、本年新收政府信息公开申请数量 | 25 |", "|", "|", "| 25 |", "二、上年结转政府信息公开申请数量 |", "|", "| 0 |"].join("\n"));
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["一、本年新收政府信息公开申请数量", "25", "", "", "", "25", "二、上年结转政府信息公开申请数量", "", "", "0"]);
  });

  it("puts the section headings of a page flattened to one line on lines of their own, keeping its length", () => {
    const line = `本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。 一、总体情况 2024年，本机关认真贯彻落实《条例》，依法公开政府信息，全年主动公开政府信息一百余条，政府信息公开工作稳步推进。 二、主动公开政府信息情况 第二十条第（一）项 | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | 规章 | 0 | 0 | 0 |`;
    const doc = extractFromText(line);
    expect(doc.text.length).toBe(line.length);
    expect(doc.blocks.filter((b) => b.kind === "text").map((b) => b.text)).toContain("二、主动公开政府信息情况");
    expect(doc.blocks.at(-1)?.kind).toBe("table");
  });
});

describe("empty cells before a row label", () => {
  it("drops the group placeholders before a label, keeps a leading blank value", () => {
    const doc = extractFromText(["| | 2.其他法律行政法规禁止公开 | | 0 |", "| | 0 | 1 |"].join("\n"));
    expect(texts((doc.blocks[0] as TableBlock).cells)).toEqual(["2.其他法律行政法规禁止公开", "", "0", "", "0", "1"]);
  });
});

describe("decoding", () => {
  it("strips a UTF-8 BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("一、总体情况\n")]);
    const doc = extractTextBytes(bytes);
    expect(doc.blocks[0]).toMatchObject({ kind: "text", text: "一、总体情况" });
    expect(doc.meta.encoding).toBe("utf-8");
  });

  it("falls back to GB18030 when the bytes are not UTF-8", () => {
    const bytes = new Uint8Array(iconv.encode(SAMPLE, "gbk"));
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe("gb18030");
    expect(decoded.text).toBe(SAMPLE);
    expect(decoded.issues).toEqual([]);
  });

  it("reports empty and binary input instead of throwing", () => {
    expect(extractTextBytes(new Uint8Array()).issues.map((i) => i.code)).toEqual(["empty_document"]);
    expect(extractTextBytes(new Uint8Array([0x25, 0, 1, 2, 0])).issues.map((i) => i.code)).toEqual(["binary_content"]);
  });

  it("reads CRLF text and treats lines without a trailing pipe as prose", () => {
    const doc = extractFromText("标题\r\n自然人 |\r\n33 |\r\n\r\n34 |\r\n正文 a|b\r\n");
    expect(doc.blocks.map((b) => b.kind)).toEqual(["text", "table", "text"]);
    expect(texts((doc.blocks[1] as TableBlock).cells)).toEqual(["自然人", "33", "34"]);
  });
});

describe("canHandle", () => {
  it("claims .txt and plain text, not HTML, PDF, zip or markdown", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(textExtractor.canHandle(enc("x"), "a.txt")).toBe(true);
    expect(textExtractor.canHandle(enc("一、总体情况"), "report")).toBe(true);
    expect(textExtractor.canHandle(enc("<html>"), "report")).toBe(false);
    expect(textExtractor.canHandle(enc("%PDF-1.7"), "report")).toBe(false);
    expect(textExtractor.canHandle(enc("PK\u0003\u0004"), "report")).toBe(false);
    expect(textExtractor.canHandle(enc("# 标题"), "report")).toBe(false);
    expect(textExtractor.canHandle(enc("一"), "a.html")).toBe(false);
    expect(textExtractor.canHandle(new Uint8Array([0, 1, 2]), "report")).toBe(false);
  });
});
