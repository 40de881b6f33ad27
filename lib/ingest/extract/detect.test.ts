import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { assembleDocument, cleanText, decodeBytes, detectFormat, joinPieces, looksLikeText, MAX_INPUT_BYTES, normalizeCharset, sniffFormat } from "./detect";

const FIXTURES = fileURLToPath(new URL("../__fixtures__", import.meta.url));
const read = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));
const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("sniffFormat", () => {
  it("recognises each fixture format from its bytes", () => {
    expect(sniffFormat(read("formats/html-merged/input.html"), "report")).toBe("html");
    expect(sniffFormat(read("formats/html-gbk/input.html"), "report")).toBe("html");
    expect(sniffFormat(read("formats/pdf-chromium/input.pdf"), "report.bin")).toBe("pdf");
    expect(sniffFormat(read("formats/docx/input.docx"), "report")).toBe("docx");
    expect(sniffFormat(read("formats/markdown/input.md"), "report")).toBe("markdown");
    expect(sniffFormat(read("panzhou/2024/input.txt"), "input.txt")).toBe("text");
  });

  it("trusts content over a misleading name", () => {
    expect(sniffFormat(read("formats/pdf-chromium/input.pdf"), "report.html")).toBe("pdf");
    expect(sniffFormat(utf8("<!DOCTYPE html><html><body>x</body></html>"), "report.txt")).toBe("html");
  });

  it("uses the name for markdown without tables and for HTML fragments", () => {
    expect(sniffFormat(utf8("# 标题\n\n正文"), "a.md")).toBe("markdown");
    expect(sniffFormat(utf8("<p>正文</p>"), "a.htm")).toBe("html");
    expect(sniffFormat(utf8("<p>正文</p>"), "a.txt")).toBe("text");
  });

  it("does not take the flattened sample's pipes for a markdown table", () => {
    expect(sniffFormat(utf8("规章 |\n0 |\n||||\n"), "x")).toBe("text");
  });

  it("recognises Word 97/WPS binaries, RTF, ODT and page images (read with LibreOffice / OCR)", () => {
    const utf16 = (s: string) => Array.from(s).flatMap((ch) => [ch.charCodeAt(0), 0]);
    const word = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, ...utf16("WordDocument"), 0, 0);
    expect(detectFormat(word, "report.doc")).toEqual({ format: "doc", issue: null });
    expect(detectFormat(word, "报告.WPS").format).toBe("wps");
    expect(detectFormat(word, "report").format).toBe("doc");
    expect(detectFormat(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), "scan.png").format).toBe("image");
    expect(detectFormat(bytes(0xff, 0xd8, 0xff, 0xe0), "scan.jpg").format).toBe("image");
    expect(detectFormat(utf8("{\\rtf1\\ansi report}"), "a.rtf").format).toBe("rtf");
    const odt = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("mimetypeapplication/vnd.oasis.opendocument.text")]);
    expect(detectFormat(odt, "a.odt").format).toBe("odt");
  });

  it("refuses other Office files, archives and images with advice to save as DOCX/PDF", () => {
    const utf16 = (s: string) => Array.from(s).flatMap((ch) => [ch.charCodeAt(0), 0]);
    const xls = detectFormat(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, ...utf16("Workbook")), "report.xls");
    expect(xls.format).toBe("unsupported");
    expect(xls.issue?.code).toBe("unsupported_format");
    expect(xls.issue?.message).toMatch(/spreadsheet.*DOCX or PDF/);
    expect(detectFormat(bytes(0x47, 0x49, 0x46, 0x38, 0x39, 0x61), "scan.gif").issue?.code).toBe("unsupported_format");
    const ods = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")]);
    expect(detectFormat(ods, "a.ods").issue?.message).toMatch(/spreadsheet/);
    // A ZIP that is not a Word document (an .xlsx).
    expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("....xl/workbook.xml....")]), "a.xlsx").issue?.message).toMatch(/Excel/);
    // An old .doc renamed, with text-like bytes: the extension still refuses it.
    expect(detectFormat(utf8("plain words"), "report.doc").format).toBe("unsupported");
  });

  it("flags empty files, binary noise and oversized files before decoding", () => {
    expect(detectFormat(read("adversarial/empty.txt"), "empty.txt").issue?.code).toBe("empty_document");
    expect(detectFormat(read("adversarial/noise.bin"), "noise.bin").issue?.code).toBe("binary_content");
    // Oversized: a view over a large zero buffer is refused by length alone.
    const big = new Uint8Array(MAX_INPUT_BYTES + 1);
    expect(detectFormat(big, "big.txt").issue?.code).toBe("too_large");
  });
});

describe("looksLikeText", () => {
  it("accepts UTF-8 and GBK Chinese, rejects control bytes and NULs", () => {
    expect(looksLikeText(utf8("政府信息公开 2024"))).toBe(true);
    expect(looksLikeText(new Uint8Array(iconv.encode("政府信息公开工作年度报告", "gbk")))).toBe(true);
    expect(looksLikeText(bytes(0x41, 0x00, 0x42))).toBe(false);
    expect(looksLikeText(bytes(1, 2, 3, 4, 5, 6, 7, 8))).toBe(false);
  });
});

describe("decodeBytes", () => {
  const gbk = new Uint8Array(iconv.encode("收到依申请公开信件33件", "gbk"));

  it("honours a BOM", () => {
    expect(decodeBytes(bytes(0xef, 0xbb, 0xbf, ...utf8("公开"))).text).toBe("公开");
    const le = new Uint8Array(iconv.encode("公开", "utf-16le"));
    expect(decodeBytes(bytes(0xff, 0xfe, ...le)).text).toBe("公开");
  });

  it("decodes GBK/GB2312 labels as GB18030", () => {
    const out = decodeBytes(gbk, "GB2312");
    expect(out.text).toBe("收到依申请公开信件33件");
    expect(out.encoding).toBe("gb18030");
    expect(out.issues).toEqual([]);
  });

  it("sniffs: valid UTF-8 is UTF-8, otherwise GB18030", () => {
    expect(decodeBytes(utf8("公开")).encoding).toBe("utf-8");
    const out = decodeBytes(gbk);
    expect(out.encoding).toBe("gb18030");
    expect(out.text).toBe("收到依申请公开信件33件");
  });

  it("decodes GBK bytes labelled UTF-8 sensibly and says so", () => {
    const out = decodeBytes(gbk, "utf-8");
    expect(out.text).toBe("收到依申请公开信件33件");
    expect(out.issues.map((i) => i.code)).toEqual(["encoding_uncertain"]);
  });

  it("prefers the bytes when a GBK label sits on UTF-8 content", () => {
    const out = decodeBytes(utf8("收到依申请公开信件33件"), "gbk");
    expect(out.text).toBe("收到依申请公开信件33件");
    expect(out.issues[0]?.code).toBe("encoding_uncertain");
  });

  it("normalises charset labels", () => {
    expect(normalizeCharset("GBK")).toBe("gb18030");
    expect(normalizeCharset("x-gbk")).toBe("gb18030");
    expect(normalizeCharset("UTF8")).toBe("utf-8");
    expect(normalizeCharset("no-such-charset")).toBeNull();
  });
});

describe("assembleDocument", () => {
  it("numbers lines across text and table rows and indexes tables", () => {
    const doc = assembleDocument(
      "html",
      [
        { kind: "text", text: "一、总体情况", loc: {} },
        {
          kind: "table",
          gridKnown: true,
          loc: {},
          cells: [
            { text: "规章", row: 0, col: 0, rowSpan: 1, colSpan: 1, loc: {} },
            { text: "0", row: 0, col: 1, rowSpan: 1, colSpan: 1, loc: {} },
            { text: "行政规范性文件", row: 1, col: 0, rowSpan: 1, colSpan: 1, loc: {} },
            { text: "4", row: 1, col: 1, rowSpan: 1, colSpan: 1, loc: {} },
          ],
        },
      ],
      {},
      [],
    );
    expect(doc.text).toBe("一、总体情况\n规章 | 0\n行政规范性文件 | 4");
    const table = doc.blocks[1];
    expect(table?.kind).toBe("table");
    if (table?.kind !== "table") return;
    expect(table.loc).toMatchObject({ table: 0, line: 2 });
    const four = table.cells[3];
    expect(four?.loc).toMatchObject({ table: 0, line: 3, row: 1, col: 1 });
    expect(doc.text.slice(four?.loc.offset ?? 0, (four?.loc.offset ?? 0) + 1)).toBe("4");
  });

  it("reports an empty document when there are no blocks", () => {
    expect(assembleDocument("html", [], {}, []).issues.map((i) => i.code)).toEqual(["empty_document"]);
  });

  it("cleans &nbsp;, ideographic and zero-width spaces; joins CJK pieces without a space", () => {
    expect(cleanText("\u00a0 \u3000\u200b")).toBe("");
    expect(cleanText(" 商业\n 企业 ")).toBe("商业 企业");
    expect(joinPieces("部分公开（区分处理的，", "不计其他情形）")).toBe("部分公开（区分处理的，不计其他情形）");
    expect(joinPieces("Page", "one")).toBe("Page one");
  });
});
