import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractHtml } from "./html";
import { readLineTables } from "../parse/line-tables";
import { assembleDocument } from "./detect";
import { extractPdf, layoutPdf, normalizePdfText, PDF_LIMITS, type PdfPageGeometry, type PdfRun } from "./pdf";
import type { Block, ExtractedDocument, TableBlock } from "./types";

const FIXTURES = fileURLToPath(new URL("../__fixtures__", import.meta.url));
const read = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));

function tables(doc: { blocks: Block[] }): TableBlock[] {
  return doc.blocks.filter((b): b is TableBlock => b.kind === "table");
}
function grids(doc: ExtractedDocument) {
  return tables(doc).map((t) => t.cells.map((c) => [c.text.replace(/\s+/g, ""), c.row, c.col, c.rowSpan, c.colSpan]));
}
function texts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === "text" ? [b.text] : []));
}

// ───────────── a tiny PDF writer (Helvetica text, stroked lines) for hand-made cases ─────────────

function makePdf(pageContents: string[]): Uint8Array {
  const objects: string[] = [];
  const pageIds = pageContents.map((_, i) => 4 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageContents.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  pageContents.forEach((content, i) => {
    const id = 4 + i * 2;
    objects[id] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id] ?? "null"}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
const text = (x: number, y: number, s: string, size = 10) => `BT /F1 ${size} Tf ${x} ${y} Td (${s}) Tj ET`;

// ───────────── the Chromium fixture ─────────────

describe("extractPdf on the pdf-chromium fixture", () => {
  it("rebuilds the same three grids as the HTML page, across the page break", async () => {
    const pdf = await extractPdf(read("formats/pdf-chromium/input.pdf"));
    const html = await extractHtml(read("formats/html-merged/input.html"));
    expect(pdf.issues).toEqual([]);
    expect(pdf.meta.pages).toBe(3);
    expect(grids(pdf)).toEqual(grids(html));
    const t3 = tables(pdf)[1];
    expect(t3?.gridKnown).toBe(true);
    // 表三 starts on page 2 and continues on page 3 as the same table block.
    expect(new Set(t3?.cells.map((c) => c.loc.page))).toEqual(new Set([2, 3]));
  });

  it("merges wrapped and one-character-per-line labels into single cells", async () => {
    const t3 = tables(await extractPdf(read("formats/pdf-chromium/input.pdf")))[1];
    const labels = t3?.cells.map((c) => c.text) ?? [];
    expect(labels).toContain("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    expect(labels).toContain("三、本年度办理结果");
    expect(labels).toContain("商业企业");
    expect(labels).toContain("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请");
    // The rowspan cut by the page break is one cell, not a label plus a blank.
    expect(t3?.cells.find((c) => c.text === "（五）不予处理")?.rowSpan).toBe(5);
  });

  it("drops page numbers and the running header, and joins paragraphs across lines and pages", async () => {
    const pdf = await extractPdf(read("formats/pdf-chromium/input.pdf"));
    const html = await extractHtml(read("formats/html-merged/input.html"));
    expect(pdf.text).not.toMatch(/^- ?\d+ ?-$/m);
    expect(texts(pdf.blocks)).not.toContain("盘州市人民政府");
    // Radical code points from the font's ToUnicode map are folded back (人 not ⼈, 户 not 戶).
    expect(pdf.text).not.toMatch(/[\u2e80-\u2fdf]/);
    expect(texts(pdf.blocks).map((t) => t.replace(/\s+/g, ""))).toEqual(texts(html.blocks).map((t) => t.replace(/\s+/g, "")));
  });
});

describe("extractPdf on broken and hostile input", () => {
  it("reports a truncated PDF as extract_failed without throwing", async () => {
    const doc = await extractPdf(read("adversarial/truncated.pdf"));
    expect(doc.issues.map((i) => i.code)).toEqual(["extract_failed"]);
    expect(doc.blocks).toEqual([]);
  });

  it("reports garbage behind a PDF header and random bytes as extract_failed", async () => {
    expect((await extractPdf(new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog\n"))).issues[0]?.code).toBe("extract_failed");
    expect((await extractPdf(read("adversarial/noise.bin"))).issues[0]?.code).toBe("extract_failed");
  });

  it("refuses more than the page limit as too_large", async () => {
    const doc = await extractPdf(makePdf(Array.from({ length: PDF_LIMITS.maxPages + 1 }, () => "")));
    expect(doc.issues.map((i) => i.code)).toEqual(["too_large"]);
    expect(doc.meta.pages).toBe(PDF_LIMITS.maxPages + 1);
  });

  it("reports a PDF without a text layer as empty_document (scans are not OCRed)", async () => {
    const doc = await extractPdf(makePdf(["0 0 0 RG 10 10 m 100 100 l S"]));
    expect(doc.issues.map((i) => i.code)).toEqual(["empty_document"]);
  });
});

describe("extractPdf on hand-made PDFs", () => {
  it("finds a table drawn with stroked lines and reads its grid", async () => {
    // 2 rows × 3 columns, the first cell of row 0 spanning both rows (no rule between them).
    const lines = ["100 700 m 400 700 l S", "200 680 m 400 680 l S", "100 660 m 400 660 l S", "100 660 m 100 700 l S", "200 660 m 200 700 l S", "300 660 m 300 700 l S", "400 660 m 400 700 l S"];
    const body = [text(110, 676, "Review"), text(210, 686, "Upheld"), text(310, 686, "Total"), text(210, 666, "2"), text(310, 666, "3")];
    const doc = await extractPdf(makePdf([[...lines, ...body].join("\n")]));
    const [t] = tables(doc);
    expect(t?.gridKnown).toBe(true);
    expect(t?.cells.map((c) => [c.text, c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      ["Review", 0, 0, 2, 1],
      ["Upheld", 0, 1, 1, 1],
      ["Total", 0, 2, 1, 1],
      ["2", 1, 1, 1, 1],
      ["3", 1, 2, 1, 1],
    ]);
  });

  it("keeps an unruled table's lines with their positions and drops '- 2 -' and '第2页' lines", async () => {
    const page = [
      text(72, 760, "Applications handled this year"),
      text(72, 730, "New"),
      text(300, 730, "33"),
      text(400, 730, "0"),
      text(72, 712, "Carried"),
      text(300, 712, "4"),
      text(400, 712, "0"),
      text(290, 40, "- 2 -"),
      text(500, 400, "\\265\\332"), // bytes, not a page number: stays
    ].join("\n");
    const doc = await extractPdf(makePdf([page]));
    expect(tables(doc)).toEqual([]);
    const rows = doc.blocks.flatMap((b) => (b.kind === "text" ? (b.lines ?? []) : [])).filter((l) => l.tokens.length > 1);
    expect(rows.map((l) => l.tokens.map((t) => [t.text, Math.round(t.x0)]))).toEqual([
      [["New", 72], ["33", 300], ["0", 400]],
      [["Carried", 72], ["4", 300], ["0", 400]],
    ]);
    // y is measured down from the page top, so a viewer can place the text on a page image.
    expect(rows.map((l) => [l.page, l.unit, Math.round(l.y)])).toEqual([
      [1, "pt", 112],
      [1, "pt", 130],
    ]);
    expect(doc.text).not.toContain("- 2 -");
  });
});

// ───────────── layout heuristics on synthetic geometry ─────────────

const FS = 10;
const run = (t: string, x: number, y: number, fs = FS): PdfRun => ({ text: t, x, y, w: Array.from(t).length * fs * (/^[\x20-\x7e]+$/.test(t) ? 0.55 : 1), fs });
function page(n: number, runs: PdfRun[]): PdfPageGeometry {
  return { page: n, box: { left: 0, bottom: 0, right: 595, top: 842 }, runs, hRules: [], vRules: [] };
}

/** 表三's header over seven columns at these x positions, as LibreOffice and WPS print it. */
const COLS = [200, 250, 300, 350, 400, 450, 500];
function t3Header(y: number): PdfRun[] {
  return [
    run("申请人情况", 320, y),
    run("自然人", COLS[0] as number, y - 20),
    run("法人或其他组织", 260, y - 12),
    run("总计", COLS[6] as number, y - 20),
    run("商业", COLS[1] as number, y - 24),
    run("企业", COLS[1] as number, y - 36),
    run("科研", COLS[2] as number, y - 24),
    run("机构", COLS[2] as number, y - 36),
    run("社会公", COLS[3] as number, y - 24),
    run("益组织", COLS[3] as number, y - 36),
    run("法律服", COLS[4] as number, y - 24),
    run("务机构", COLS[4] as number, y - 36),
    run("其他", COLS[5] as number, y - 30),
  ];
}
function values(y: number, vs: number[]): PdfRun[] {
  return vs.map((v, i) => run(String(v), COLS[i] as number, y));
}
function readLaidOut(pages: PdfPageGeometry[]) {
  const doc = assembleDocument("pdf", layoutPdf(pages), {}, []);
  return readLineTables(doc, "2021").reads;
}
const cell = (r: ReturnType<typeof readLaidOut>, key: string) => r.t3?.cells.get(key)?.value;

describe("unruled tables: layoutPdf lines read by the table reader", () => {
  it("ties values centred between the two lines of a wrapped label to that label", () => {
    const r = readLaidOut([
      page(1, [
        run("三、收到和处理政府信息公开申请情况", 60, 780),
        ...t3Header(750),
        run("（一）予以公开", 60, 690),
        ...values(690, [12, 0, 0, 0, 0, 0, 12]),
        run("（二）部分公开（区分处理的，只计这一情", 60, 672),
        ...values(666, [11, 1, 0, 0, 0, 0, 12]),
        run("形，不计其他情形）", 60, 659),
        run("（七）总计", 60, 630),
        ...values(630, [34, 1, 0, 0, 0, 0, 35]),
      ]),
    ]);
    expect(cell(r, "t3.granted.total")).toBe(12);
    expect(cell(r, "t3.partially_granted.natural_person")).toBe(11);
    expect(cell(r, "t3.partially_granted.commercial_enterprise")).toBe(1);
    expect(cell(r, "t3.handled_total.total")).toBe(35);
    // Source boxes: the value's text box on page 1, measured from the top.
    expect(r.t3?.cells.get("t3.partially_granted.total")?.source?.loc).toMatchObject({ page: 1, bbox: [500, expect.any(Number), 511, expect.any(Number)] });
  });

  it("names columns from header pieces stacked over them, in any order", () => {
    // The header prints 科研机构 before 商业企业: values follow the header, not an assumed order.
    const header = t3Header(750).map((x) =>
      x.text === "商业" || x.text === "企业" ? { ...x, x: COLS[2] as number } : x.text === "科研" || x.text === "机构" ? { ...x, x: COLS[1] as number } : x,
    );
    const r = readLaidOut([page(1, [run("三、收到和处理政府信息公开申请情况", 60, 780), ...header, run("一、本年新收政府信息公开申请数量", 60, 690), ...values(690, [5, 1, 2, 0, 0, 0, 8])])]);
    expect(cell(r, "t3.new_received.research_institution")).toBe(1);
    expect(cell(r, "t3.new_received.commercial_enterprise")).toBe(2);
  });

  it("reads a label continued on a line with no numbers (numbers top-aligned), and blanks as blank", () => {
    const r = readLaidOut([
      page(1, [
        run("三、收到和处理政府信息公开申请情况", 60, 780),
        ...t3Header(750),
        run("3.要求提供公开出版物", 60, 690),
        ...values(690, [0, 0, 0, 0, 0, 0, 0]),
        run("1.申请人无正当理由逾期不补正、", 60, 670),
        ...values(670, [2, 0, 0, 0, 0, 0, 2]).filter((v) => v.x !== COLS[3]),
        run("行政机关不再处理其政府信息公开申请", 60, 657),
        run("3.其他", 60, 630),
        ...values(630, [1, 0, 0, 0, 0, 0, 1]),
      ]),
    ]);
    expect(cell(r, "t3.other_no_supplement.natural_person")).toBe(2);
    expect(r.t3?.cells.get("t3.other_no_supplement.public_interest_org")).toMatchObject({ value: null, nullReason: "blank" });
    expect(cell(r, "t3.other_misc.total")).toBe(1);
  });

  it("names columns from headings spread over their cells (分散对齐) when the 总计 column is blank", () => {
    // Positions as LibreOffice prints a 三线表 with distributed headings (9 pt, narrow columns):
    // two characters a line, the gap inside a cell (7.4 pt) about the gap between cells (5.6 pt),
    // so only the value columns below tell where one heading ends.
    const chars = (y: number, at: [string, number][]) => at.map(([ch, x]) => run(ch, x, y, 9));
    const r = readLaidOut([
      page(1, [
        run("三、收到和处理政府信息公开申请情况", 112, 780, 16),
        ...chars(758, [["申", 306.7], ["请", 357.4], ["人", 408.2], ["情", 458.9], ["况", 509.7]]),
        ...chars(742, [["法", 337.8], ["人", 361.2], ["或", 384.7], ["其", 408.1], ["他", 431.6], ["组", 455], ["织", 478.5]]),
        ...chars(726, [["自", 306.7], ["然", 323.1], ["社", 400], ["会", 416.4], ["法", 431], ["律", 447.4]]),
        ...chars(718, [["商", 337.8], ["业", 354.2], ["科", 368.9], ["研", 385.3], ["总", 493.2], ["计", 509.7]]),
        ...chars(710, [["人", 306.7], ["公", 400], ["益", 416.4], ["服", 431], ["务", 447.4], ["其", 462.1], ["他", 478.5]]),
        ...chars(702, [["企", 337.8], ["业", 354.2], ["机", 368.9], ["构", 385.3]]),
        ...chars(694, [["组", 400], ["织", 416.4], ["机", 431], ["构", 447.4]]),
        run("一、本年新收政府信息公开申请数量", 82, 678, 9),
        ...[21, 3, 0, 1, 2, 4].map((v, i) => run(String(v), [314, 347.8, 378.9, 410, 441, 472.1][i] as number, 678, 9)),
        run("二、上年结转政府信息公开申请数量", 82, 662, 9),
        ...[5, 0, 0, 0, 0, 1].map((v, i) => run(String(v), [317, 347.8, 378.9, 410, 441, 472.1][i] as number, 662, 9)),
      ]),
    ]);
    expect(r.t3?.issues.map((i) => i.message)).toEqual([]);
    expect(cell(r, "t3.new_received.natural_person")).toBe(21);
    expect(cell(r, "t3.new_received.commercial_enterprise")).toBe(3);
    expect(cell(r, "t3.new_received.public_interest_org")).toBe(1);
    expect(cell(r, "t3.new_received.legal_service_org")).toBe(2);
    expect(cell(r, "t3.new_received.other_org")).toBe(4);
    expect(cell(r, "t3.carried_over.other_org")).toBe(1);
    expect(cell(r, "t3.new_received.total") ?? null).toBeNull();
  });

  it("continues a table on the next page and drops page furniture", () => {
    const r = readLaidOut([
      page(1, [run("前言段落。", 60, 780), run("三、收到和处理政府信息公开申请情况", 60, 400), ...t3Header(370), run("一、本年新收政府信息公开申请数量", 60, 120), ...values(120, [33, 0, 0, 0, 0, 0, 33]), run("- 1 -", 280, 30)]),
      page(2, [run("二、上年结转政府信息公开申请数量", 60, 800), ...values(800, [4, 0, 0, 0, 0, 0, 4]), run("第2页", 280, 30)]),
    ]);
    expect(cell(r, "t3.new_received.total")).toBe(33);
    expect(cell(r, "t3.carried_over.total")).toBe(4);
    expect(r.t3?.cells.get("t3.carried_over.total")?.source?.loc.page).toBe(2);
  });

  it("reads stacked 表二 rows each with their own numbers, and a label glued to its value", () => {
    const doc = assembleDocument(
      "pdf",
      layoutPdf([
        page(1, [
          run("二、主动公开政府信息情况", 60, 780),
          run("信息内容", 60, 740),
          run("本年制发件数", 200, 740),
          run("本年废止件数", 300, 740),
          run("现行有效件数", 400, 740),
          run("规章", 60, 700),
          ...[0, 0, 2].map((v, i) => run(String(v), 200 + i * 100, 700)),
          run("行政规范性文件", 60, 687),
          ...[4, 13, 34].map((v, i) => run(String(v), 200 + i * 100, 687)),
          run("行政许可550", 60, 660),
        ]),
      ]),
      {},
      [],
    );
    const t2 = readLineTables(doc, "2021").reads.t2;
    expect(["t2.regulation.in_force", "t2.normative_doc.issued", "t2.normative_doc.repealed", "t2.normative_doc.in_force", "t2.admin_license.decisions"].map((k) => t2?.cells.get(k)?.value)).toEqual([2, 4, 13, 34, 550]);
  });

  it("joins a paragraph across a page break and drops running headers", () => {
    const full = "一二三四五六七八九十".repeat(4); // 40 characters: a full line at 10 pt
    const blocks = layoutPdf([
      page(1, [run("某某市人民政府", 270, 815, 8), run(full, 60, 700), run(full, 60, 686), run("- 1 -", 280, 30)]),
      page(2, [run("某某市人民政府", 270, 815, 8), run("续完。", 60, 790), run("新的一段。", 80, 760), run("- 2 -", 280, 30)]),
    ]);
    expect(texts(blocks)).toEqual([full + full + "续完。", "新的一段。"]);
  });
});

describe("ruled tables as Word and WPS users lay them out", () => {
  /** A ruled grid: horizontal rules at ys, vertical rules at xs, spanning the whole table. */
  function ruled(n: number, xs: number[], ys: number[], runs: PdfRun[]): PdfPageGeometry {
    const [x1, x2] = [Math.min(...xs), Math.max(...xs)];
    const [y1, y2] = [Math.min(...ys), Math.max(...ys)];
    return { ...page(n, runs), hRules: ys.map((y) => ({ y, x1, x2 })), vRules: xs.map((x) => ({ x, y1, y2 })) };
  }
  /** 分散对齐: each character its own run, spread over the cell from x0 to x1. */
  const spread = (t: string, x0: number, x1: number, y: number): PdfRun[] => {
    const chars = Array.from(t);
    const step = (x1 - x0 - FS) / (chars.length - 1);
    return chars.map((ch, i) => run(ch, x0 + i * step, y));
  };

  it("keeps a grid whose labels are spread over their cells (分散对齐) as one table with whole labels", () => {
    const xs = [60, 200, 300, 400, 500];
    const ys = [700, 680, 660, 640];
    const g = ruled(1, xs, ys, [
      ...spread("信息内容", 64, 196, 686),
      run("本年制发件数", 204, 686),
      ...spread("本年增/减", 304, 396, 686),
      run("现行有效件数", 404, 686),
      ...spread("规章", 64, 196, 666),
      run("1", 245, 666),
      run("0", 345, 666),
      run("17", 445, 666),
      ...spread("行政规范性文件", 64, 196, 646),
      run("4", 245, 646),
      run("10", 345, 646),
      run("223", 445, 646),
    ]);
    const [t] = tables({ blocks: layoutPdf([g]) });
    expect(t?.gridKnown).toBe(true);
    const rows = [0, 1, 2].map((r) => t?.cells.filter((c) => c.row === r).map((c) => c.text));
    expect(rows).toEqual([
      ["信息内容", "本年制发件数", "本年增/减", "现行有效件数"],
      ["规章", "1", "0", "17"],
      ["行政规范性文件", "4", "10", "223"],
    ]);
  });

  it("still takes a box that holds a label and its values apart by gaps for rows ruled between, not a grid", () => {
    // Rules between rows only, and a frame: each row is one box, its values set apart by gaps.
    const g = ruled(1, [60, 500], [700, 680, 660], [run("规章", 64, 686), run("1", 245, 686), run("17", 445, 686), run("行政许可", 64, 666), run("0", 245, 666), run("3", 445, 666)]);
    const blocks = layoutPdf([g]);
    expect(tables({ blocks })).toEqual([]);
    expect(texts(blocks).map((t) => t.replace(/\s+/g, ""))).toEqual(expect.arrayContaining(["规章117", "行政许可03"]));
  });
});

describe("normalizePdfText", () => {
  it("folds Kangxi and supplement radicals to unified ideographs", () => {
    expect(normalizePdfText("盘州市\u2f08\u2ea0政府\u2f2f作")).toBe("盘州市人民政府工作");
    expect(normalizePdfText("\u2ed4\u2f3e\u2f79站")).toBe("门户网站");
    expect(normalizePdfText("0858\u20153636249")).toBe("0858—3636249");
    expect(normalizePdfText("soft\u00adhyphen\u200b")).toBe("softhyphen");
  });
});
