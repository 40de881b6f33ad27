/**
 * A PDF whose tables are pictures (tables pasted into Word as screenshots, then exported; here the
 * sample's web page with each table replaced by its screenshot, printed by Chromium): the text
 * layer has the narrative and no table. Without OCR the report says its tables are pictures — not
 * a 零报告, not "ok" with nothing to say; with OCR the pictures are read, every figure with its
 * confidence, while agency and year come from the exact text layer.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { probeTools, systemTools } from "../system/tools";
import { analyzeDocument, toDryRunLine } from "./analyze";
import { pdfPictures } from "./extract/pdf-images";
import { LOW_CONFIDENCE } from "./ocr/confidence";
import { markedCells, SAMPLE_EXPECTED, samplePicturedDocx, samplePicturedPdf, scoreFigures } from "./ocr/testing/fixtures";

const CHROMIUM = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const status = probeTools();

describe.skipIf(!existsSync(CHROMIUM))("a PDF whose tables are pictures", () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await samplePicturedPdf(CHROMIUM);
  }, 120_000);

  it("its pictures are found in the bytes; a real text PDF has none", () => {
    const found = pdfPictures(pdf);
    expect(found.length).toBe(3);
    for (const p of found) expect(p.width).toBeGreaterThan(1000);
    const real = new Uint8Array(readFileSync(path.join(__dirname, "__fixtures__/real/huaian-szf/2024/input.pdf")));
    expect(pdfPictures(real)).toEqual([]);
  });

  it("without OCR: the tables are named as pictures, not read as a 零报告", async () => {
    const line = toDryRunLine("report.pdf", await analyzeDocument(pdf, "report.pdf", { tools: {} }));
    expect(line.agency.name).toBe("盘州市人民政府");
    expect(line.year).toBe(2024);
    const codes = line.issues.map((i) => i.code);
    expect(codes).not.toContain("zero_report");
    expect(line.issues.find((i) => i.code === "tables_as_images")).toMatchObject({ severity: "error" });
    expect(line.issues.find((i) => i.code === "tables_as_images")?.message).toMatch(/图片1（\d+×\d+）/u);
    expect(line.complete).toBe(false);
    expect(Object.values(line.coverage).map((c) => c.read)).toEqual([0, 0, 0]);
  });

  it.skipIf(!status.ocr.available)(
    "with OCR: the pictures are read — ≥ 95 % of figures right, none wrong without a mark, agency and year from the text",
    async () => {
      const a = await analyzeDocument(pdf, "report.pdf", { tools: systemTools(status) });
      const line = toDryRunLine("report.pdf", a);
      expect(line.agency.name).toBe("盘州市人民政府");
      expect(line.year).toBe(2024);
      expect(line.format_version).toBe("2021");
      expect(line.ocr?.pages).toBeGreaterThan(0);
      expect(line.issues.find((i) => i.code === "tables_as_images")).toMatchObject({ severity: "warning" });
      expect(line.issues.map((i) => i.code)).not.toContain("table_missing");
      let right = 0;
      const silent: string[] = [];
      for (const [key, want] of Object.entries(SAMPLE_EXPECTED.cells)) {
        const cell = a.parsed.cells[key];
        if ((cell?.value ?? null) === want) right++;
        // A figure read wrong (or not at all) must be marked unsure or left unread with a reason.
        else if (cell?.value !== null && cell?.value !== undefined && (cell.source?.confidence ?? 100) >= LOW_CONFIDENCE) silent.push(`${key}: ${want} read as ${cell.value}`);
      }
      expect(silent).toEqual([]);
      expect(right / Object.keys(SAMPLE_EXPECTED.cells).length).toBeGreaterThanOrEqual(0.95);
    },
    180_000,
  );
});


describe.skipIf(!existsSync(CHROMIUM) || !status.ocr.available)("a PDF with only 表四 pasted as a picture, with OCR", () => {
  it("keeps 表二 and 表三 exactly as the text layer has them and reads only 表四 from the picture", async () => {
    const pdf = await samplePicturedPdf(CHROMIUM, [2]);
    expect(pdfPictures(pdf)).toHaveLength(1);
    const a = await analyzeDocument(pdf, "report.pdf", { tools: systemTools(status) });
    const line = toDryRunLine("report.pdf", a);
    expect(line.issues.find((i) => i.code === "tables_as_images")?.message).toMatch(/PDF 中的表格是图片（表四）/u);
    for (const [key, want] of Object.entries(SAMPLE_EXPECTED.cells)) {
      const cell = a.parsed.cells[key];
      if (key.startsWith("t4.")) {
        // From the picture: a confidence on every figure read.
        if (cell?.value !== null && cell?.value !== undefined) expect(cell.source?.confidence, key).toBeTypeOf("number");
      } else {
        // From the text layer: exact, no confidence.
        expect(cell?.value ?? null, key).toBe(want);
        expect(cell?.source?.confidence, key).toBeUndefined();
      }
    }
    const t4 = Object.keys(SAMPLE_EXPECTED.cells).filter((k) => k.startsWith("t4."));
    expect(t4.filter((k) => a.parsed.cells[k]?.value === SAMPLE_EXPECTED.cells[k]).length).toBeGreaterThanOrEqual(14);
    expect(line.coverage.t2?.status).toBe("complete");
    expect(line.coverage.t3?.status).toBe("complete");
    expect(line.issues.map((i) => i.code)).not.toContain("table_missing");
  }, 180_000);
});

describe.skipIf(!existsSync(CHROMIUM) || !status.ocr.available || !status.office.available)("a Word file whose tables are pasted screenshots, with OCR and LibreOffice", () => {
  it("is laid out by LibreOffice and its pictures read by OCR: agency and year from the text, ≥ 90 % of figures (190 of 200 measured), every wrong one marked", async () => {
    const docx = await samplePicturedDocx(CHROMIUM);
    const a = await analyzeDocument(docx, "report.docx", { tools: systemTools(status) });
    const line = toDryRunLine("report.docx", a);
    expect([line.agency.name, line.year, line.surface_format]).toEqual(["盘州市人民政府", 2024, "docx"]);
    expect(line.issues.find((i) => i.code === "tables_as_images")?.message).toMatch(/已用 OCR 从页面图像识别/u);
    expect(line.ocr?.pages).toBeGreaterThan(0);
    const score = scoreFigures(SAMPLE_EXPECTED.cells, a.parsed.cells, markedCells(a), LOW_CONFIDENCE);
    expect(score.wrongUnmarked).toEqual([]);
    expect(score.right / score.total).toBeGreaterThanOrEqual(0.9);
  }, 240_000);
});
