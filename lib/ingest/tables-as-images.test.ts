/**
 * Sites often post a report's tables as pictures. The page's text is read, and the missing tables
 * are named with the pictures that hold them and what to upload instead — never a silent "ok".
 */
import { readFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "./analyze";

const SAMPLE = readFileSync(new URL("./__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8").split("\n");

/** The sample as a CMS page: its prose as paragraphs; in sections 二–四 `tables` decides what stands for the tables. */
function page(tables: (section: string) => string, header = ""): Uint8Array {
  const out: string[] = [];
  let inTables = false;
  for (const line of SAMPLE) {
    if (/^[二三四]、/u.test(line)) {
      out.push(`<p>${line}</p>${tables(line.slice(0, 1))}`);
      inTables = true;
      continue;
    }
    if (/^五、/u.test(line)) inTables = false;
    if (!inTables) out.push(`<p>${line}</p>`);
  }
  return new TextEncoder().encode(
    `<html><head><meta charset="utf-8"><title>盘州市人民政府2024年政府信息公开工作年度报告</title></head><body>${header}<div class="content">${out.join("\n")}</div></body></html>`,
  );
}

async function dry(bytes: Uint8Array) {
  return toDryRunLine("page.html", await analyzeDocument(bytes, "page.html"));
}

describe("a web page whose tables are pictures", () => {
  it("names the pictures in sections 二–四 and says what to upload, leaving the logo out", async () => {
    const line = await dry(page((n) => `<p style="text-align:center"><img src="/u/cms/www/202501/20250120${n === "二" ? "1" : n === "三" ? "2" : "3"}.png?v=1" alt=""></p>`, '<img src="/images/logo.png" alt="盘州市人民政府">'));
    const pictures = line.issues.find((i) => i.code === "tables_as_images");
    expect(pictures?.message).toContain("202501201.png、202501202.png、202501203.png");
    expect(pictures?.message).not.toContain("logo");
    expect(pictures?.message).toMatch(/upload the original PDF or Word file/u);
    expect(line.issues.filter((i) => i.code === "table_missing")).toHaveLength(3);
    // The prose is still read: the year, the agency and the narrative's figures.
    expect([line.year, line.agency.name]).toEqual([2024, "盘州市人民政府"]);
    expect(Object.keys(line.narrative).length).toBeGreaterThan(0);
  });

  it("says nothing of pictures when the tables are there as tables", async () => {
    const html = readFileSync(new URL("./__fixtures__/formats/html-merged/input.html", import.meta.url), "utf8").replace("<body>", '<body><img src="/uploads/2025/photo.jpg" alt="工作照片">');
    const line = await dry(new TextEncoder().encode(html));
    expect(line.issues.map((i) => i.code)).not.toContain("tables_as_images");
    expect(line.coverage.t3?.status).toBe("complete");
  });

  it("says nothing of pictures on a page that has no tables and no pictures", async () => {
    const line = await dry(page(() => ""));
    expect(line.issues.map((i) => i.code)).not.toContain("tables_as_images");
    expect(line.issues.filter((i) => i.code === "table_missing")).toHaveLength(3);
  });

  it.each([
    ["in the body", false],
    ["inside a one-cell frame table (a web page saved as Word)", true],
  ])("a Word file whose tables are pasted screenshots, %s, says so, and what to upload instead", async (_where, framed) => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"';
    const para = (t: string) => `<w:p><w:r><w:t>${t.replace(/&/gu, "&amp;").replace(/</gu, "&lt;")}</w:t></w:r></w:p>`;
    const picture = (n: number) => `<w:p><w:r><w:drawing><wp:inline><wp:docPr id="${n}" name="图片 ${n}" descr=""/></wp:inline></w:drawing></w:r></w:p>`;
    const body: string[] = [];
    let inTables = false;
    let n = 0;
    for (const line of SAMPLE) {
      if (/^[二三四]、/u.test(line)) {
        body.push(para(line), picture(++n));
        inTables = true;
        continue;
      }
      if (/^五、/u.test(line)) inTables = false;
      if (!inTables && line.trim() !== "") body.push(para(line));
    }
    const docx = zipSync({
      "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
      "word/document.xml": strToU8(
        `<?xml version="1.0"?><w:document ${W}><w:body>${framed ? `<w:tbl><w:tr><w:tc>${body.join("")}</w:tc></w:tr></w:tbl>` : body.join("")}</w:body></w:document>`,
      ),
    });
    const line = toDryRunLine("report.docx", await analyzeDocument(docx, "report.docx"));
    const pictures = line.issues.find((i) => i.code === "tables_as_images");
    expect(pictures?.message).toContain("图片 1、图片 2、图片 3");
    expect(pictures?.message).toMatch(/upload a version whose tables are text, or a scanned PDF/u);
    expect(line.agency.name).toBe("盘州市人民政府");
    expect(line.year).toBe(2024);
    expect(line.issues.map((i) => i.code)).not.toContain("zero_report");
  });
});
