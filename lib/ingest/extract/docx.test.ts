import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DOCX_LIMITS, extractDocx, readZipDirectory } from "./docx";
import { extractHtml } from "./html";
import type { ExtractedDocument, TableBlock } from "./types";

const FIXTURES = fileURLToPath(new URL("../__fixtures__", import.meta.url));
const read = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));

function grids(doc: ExtractedDocument) {
  return doc.blocks.filter((b): b is TableBlock => b.kind === "table").map((t) => t.cells.map((c) => [c.text, c.row, c.col, c.rowSpan, c.colSpan]));
}

const W = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
function docx(body: string, prefix = "w"): Uint8Array {
  const ns = prefix === "w" ? W : `xmlns:${prefix}="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><${prefix}:document ${ns}><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`;
  return zipSync({ "word/document.xml": strToU8(xml) });
}
const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (text: string, props = "") => `<w:tc><w:tcPr>${props}</w:tcPr>${p(text)}</w:tc>`;

// ───────────── hand-built ZIPs for the bomb tests ─────────────

interface RawEntry {
  name: string;
  data: Uint8Array;
  method: number;
  /** The uncompressed size written in the headers (may lie). */
  declared: number;
}

/** A minimal ZIP writer that writes whatever sizes it is told (CRCs are left 0: we never check them). */
function buildZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const le = (n: number, bytes: number) => {
    const out = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) out[i] = Math.floor(n / 2 ** (8 * i)) & 0xff;
    return out;
  };
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
    let at = 0;
    for (const x of parts) {
      out.set(x, at);
      at += x.length;
    }
    return out;
  };
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = cat(le(0x04034b50, 4), le(20, 2), le(0, 2), le(e.method, 2), le(0, 4), le(0, 4), le(e.data.length, 4), le(e.declared, 4), le(name.length, 2), le(0, 2), name);
    central.push(
      cat(le(0x02014b50, 4), le(20, 2), le(20, 2), le(0, 2), le(e.method, 2), le(0, 4), le(0, 4), le(e.data.length, 4), le(e.declared, 4), le(name.length, 2), le(0, 2), le(0, 2), le(0, 2), le(0, 2), le(0, 4), le(offset, 4), name),
    );
    chunks.push(local, e.data);
    offset += local.length + e.data.length;
  }
  const cd = cat(...central);
  const eocd = cat(le(0x06054b50, 4), le(0, 2), le(0, 2), le(entries.length, 2), le(entries.length, 2), le(cd.length, 4), le(offset, 4), le(0, 2));
  return cat(...chunks, cd, eocd);
}

/**
 * A raw DEFLATE stream that expands to more than `bytes` zeros: byte-aligned fixed-Huffman blocks of
 * <length 258, distance 1> copies, the same 1311-byte block repeated (806 copies = 10 + 13·806 bits).
 */
function zeroBombDeflate(bytes: number): { data: Uint8Array; size: number } {
  const bits: number[] = [];
  const put = (value: number, n: number) => {
    for (let i = 0; i < n; i++) bits.push((value >> i) & 1);
  };
  const code = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bits.push((value >> i) & 1);
  };
  const block = (final: boolean, literalZero: boolean, copies: number) => {
    put(final ? 1 : 0, 1);
    put(1, 2); // fixed Huffman
    if (literalZero) code(0x30, 8);
    for (let i = 0; i < copies; i++) {
      code(0xc5, 8); // length 258 (code 285)
      code(0, 5); // distance 1
    }
    code(0, 7); // end of block
  };
  const toBytes = () => {
    const out = new Uint8Array(Math.ceil(bits.length / 8));
    bits.forEach((b, i) => {
      out[i >> 3] = (out[i >> 3] ?? 0) | (b << (i & 7));
    });
    bits.length = 0;
    return out;
  };
  block(false, true, 6); // 96 bits: starts the history with one literal zero
  const head = toBytes();
  block(false, false, 806); // 10488 bits = 1311 bytes, byte-aligned, repeatable
  const body = toBytes();
  block(true, false, 0);
  const tail = toBytes();
  const perBlock = 806 * 258;
  const repeats = Math.ceil(bytes / perBlock) + 1;
  const out = new Uint8Array(head.length + body.length * repeats + tail.length);
  out.set(head, 0);
  for (let i = 0; i < repeats; i++) out.set(body, head.length + i * body.length);
  out.set(tail, head.length + repeats * body.length);
  return { data: out, size: 1 + 6 * 258 + repeats * perBlock };
}

describe("extractDocx on the docx fixture", () => {
  it("rebuilds the same grids as the HTML page, merges included", async () => {
    const doc = await extractDocx(read("formats/docx/input.docx"));
    const html = await extractHtml(read("formats/html-merged/input.html"));
    expect(doc.issues).toEqual([]);
    expect(grids(doc)).toEqual(grids(html));
    const t3 = doc.blocks.filter((b): b is TableBlock => b.kind === "table")[1];
    expect(t3?.cells.find((c) => c.text === "三、本年度办理结果")).toMatchObject({ row: 5, col: 0, rowSpan: 22, colSpan: 1 });
    expect(t3?.cells.find((c) => c.text === "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")).toMatchObject({ rowSpan: 3, colSpan: 3 });
    expect(t3?.cells.find((c) => c.text === "商业 企业")).toMatchObject({ row: 2, col: 4 });
  });

  it("keeps the narrative as text blocks, runs joined", async () => {
    const doc = await extractDocx(read("formats/docx/input.docx"));
    expect(doc.text).toContain("2024年,市政府办公室收到依申请公开信件33件,上一年度转办4件");
    expect(doc.blocks[0]).toMatchObject({ kind: "text", text: "盘州市人民政府2024年政府信息公开工作年度报告" });
  });
});

describe("extractDocx structure", () => {
  it("reads gridSpan, vMerge restart/continue, gridBefore and nested layout tables", async () => {
    const body =
      `<w:tbl><w:tr>${tc("行政复议", `<w:gridSpan w:val="2"/>`)}${tc("总计", `<w:vMerge w:val="restart"/>`)}</w:tr>` +
      `<w:tr>${tc("维持")}${tc("纠正")}${tc("", "<w:vMerge/>")}</w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc("1")}${tc("2")}</w:tr></w:tbl>` +
      `<w:tbl><w:tr><w:tc>${p("外层")}<w:tbl><w:tr>${tc("规章")}${tc("0")}</w:tr></w:tbl></w:tc></w:tr></w:tbl>`;
    const doc = await extractDocx(docx(body));
    expect(grids(doc)).toEqual([
      [
        ["行政复议", 0, 0, 1, 2],
        ["总计", 0, 2, 2, 1],
        ["维持", 1, 0, 1, 1],
        ["纠正", 1, 1, 1, 1],
        ["1", 2, 1, 1, 1],
        ["2", 2, 2, 1, 1],
      ],
      [
        ["规章", 0, 0, 1, 1],
        ["0", 0, 1, 1, 1],
      ],
    ]);
    expect(doc.text).toContain("外层");
  });

  it("joins w:t, w:tab and w:br; skips deleted text and field codes; accepts other prefixes", async () => {
    const body = `<w:p><w:r><w:t>第一</w:t><w:tab/><w:t>行</w:t><w:br/><w:t>第二行</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>`;
    expect((await extractDocx(docx(body))).text).toBe("第一 行\n第二行");
    const other = `<ns0:p><ns0:r><ns0:t>前缀</ns0:t></ns0:r></ns0:p>`;
    expect((await extractDocx(docx(other, "ns0"))).text).toBe("前缀");
  });
});

describe("extractDocx on hostile input", () => {
  it("refuses an entry that declares more than 1 GB before inflating anything", async () => {
    const bomb = buildZip([{ name: "word/document.xml", data: new Uint8Array(64), method: 8, declared: 0xc0000000 }]);
    expect(bomb.length).toBeLessThan(1024);
    expect(() => readZipDirectory(bomb)).toThrow(/declares/);
    const doc = await extractDocx(bomb);
    expect(doc.issues.map((i) => i.code)).toEqual(["archive_bomb"]);
    expect(doc.blocks).toEqual([]);
  });

  it("refuses a truthful high-ratio entry (8 MB of zeros in 52 KB) from its declared sizes", async () => {
    const { data, size } = zeroBombDeflate(8 * 1024 * 1024);
    const zip = buildZip([{ name: "word/document.xml", data, method: 8, declared: size }]);
    expect(zip.length).toBeLessThan(64 * 1024);
    const doc = await extractDocx(zip);
    expect(doc.issues[0]?.code).toBe("archive_bomb");
    expect(doc.issues[0]?.message).toMatch(/would expand/);
  });

  it("stops inflating an entry that lies about its size (expands to > 1 GB, declares 20 MB)", async () => {
    const { data, size } = zeroBombDeflate(1.1 * 1024 * 1024 * 1024);
    expect(size).toBeGreaterThan(1024 * 1024 * 1024);
    const zip = buildZip([{ name: "word/document.xml", data, method: 8, declared: 20 * 1024 * 1024 }]);
    expect(zip.length).toBeLessThan(DOCX_LIMITS.maxEntryBytes / 4);
    const before = process.memoryUsage().arrayBuffers;
    const doc = await extractDocx(zip);
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(doc.issues.map((i) => i.code)).toEqual(["archive_bomb"]);
    expect(doc.issues[0]?.message).toMatch(/beyond its declared/);
    expect(grown).toBeLessThan(300 * 1024 * 1024);
  });

  it("refuses archives listing too many entries", async () => {
    const many = buildZip(Array.from({ length: DOCX_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(0), method: 0, declared: 0 })));
    expect((await extractDocx(many)).issues[0]?.code).toBe("archive_bomb");
  });

  it("reports corrupt, truncated and foreign ZIPs as extract_failed without throwing", async () => {
    const good = read("formats/docx/input.docx");
    expect((await extractDocx(good.subarray(0, Math.floor(good.length / 2)))).issues[0]?.code).toBe("extract_failed");
    expect((await extractDocx(new TextEncoder().encode("PK not really a zip"))).issues[0]?.code).toBe("extract_failed");
    const noDocument = zipSync({ "xl/workbook.xml": strToU8("<workbook/>") });
    expect((await extractDocx(noDocument)).issues[0]?.message).toMatch(/no main document/);
    const garbage = buildZip([{ name: "word/document.xml", data: new Uint8Array([0xff, 0xff, 0xff, 0xff]), method: 8, declared: 100 }]);
    expect((await extractDocx(garbage)).issues[0]?.code).toBe("extract_failed");
  });
});
