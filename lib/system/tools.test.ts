/**
 * The real tools end to end: scans of the 盘州 sample (made at test time: rendered, rasterised,
 * rotated, noised, JPEG q60, wrapped in a PDF) through Tesseract, and the sample's DOCX saved as
 * .doc/.wps/.rtf/.odt by LibreOffice and read back. Slow (OCR is seconds per page), so each
 * resolution reads only the pages it needs; `npm run bench:ingest` has the full figures.
 * Skipped, with the reason in the test name, where the tools are not installed.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "../ingest/analyze";
import { extractDocument } from "../ingest/extract";
import { LOW_CONFIDENCE } from "../ingest/ocr/confidence";
import { encodeJpeg } from "../ingest/ocr/scan";
import { demoPdfs, markedCells, SAMPLE_EXPECTED, sampleConverted, sampleScan, scanPdf, scoreFigures } from "../ingest/ocr/testing/fixtures";
import { TOOL_INSTALL } from "../ingest/extract/tools";
import { ProcessError, runProcess } from "./process";
import { describeToolStatus, probeTools, systemTools } from "./tools";

const status = probeTools();
const tools = systemTools(status);
const ocrReason = status.ocr.available ? "" : ` (skipped: ${status.ocr.missing.join(", ")} not installed — ${TOOL_INSTALL.ocr})`;
const officeReason = status.office.available ? "" : ` (skipped: LibreOffice not installed — ${TOOL_INSTALL.office})`;

const TABLE_KEYS = Object.keys(SAMPLE_EXPECTED.cells);
const T3_T4 = Object.fromEntries(Object.entries(SAMPLE_EXPECTED.cells).filter(([k]) => k.startsWith("t3.") || k.startsWith("t4.")));

describe("runProcess", () => {
  it("kills a program that outlives its time limit, children included", async () => {
    const started = Date.now();
    const err = await runProcess("sh", ["-c", "sleep 30 & sleep 30"], { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessError);
    expect((err as ProcessError).reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("says why a program failed", async () => {
    const err = await runProcess("sh", ["-c", "echo broken >&2; exit 3"], { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/exited with 3: broken/);
  });

  it("start-up lines say which formats are on and how to turn the others on", () => {
    const lines = describeToolStatus({
      ocr: { available: false, tesseract: null, chiSim: false, eng: false, pdftoppm: true, missing: ["tesseract-ocr"] },
      office: { available: false, soffice: null, missing: ["libreoffice-writer-nogui"] },
      pdf: { available: false, mutool: null, missing: ["mupdf-tools"] },
    });
    expect(lines[0]).toContain("OCR 未启用");
    expect(lines[0]).toContain(TOOL_INSTALL.ocr);
    expect(lines[1]).toContain(TOOL_INSTALL.office);
    expect(lines[2]).toContain(TOOL_INSTALL.pdf);
  });
});

describe.skipIf(!status.ocr.available)(`OCR of scans${ocrReason}`, () => {
  it("a 200 dpi scan of the whole sample: ≥ 98 % of figures right, every wrong one marked", async () => {
    const { pdf } = await sampleScan(200);
    const a = await analyzeDocument(pdf, "scan-200.pdf", { tools });
    expect(a.error).toBeNull();
    expect(a.surfaceFormat).toBe("pdf");
    expect(a.ocr?.pages).toBe(3);
    expect(a.parsed.year).toBe(2024);
    expect(a.parsed.agencyName).toBe("盘州市人民政府");
    expect(a.parsed.formatVersion).toBe("2021");
    // Skew was found and undone on every page (the scan is rotated 0.5–1.5°).
    for (const s of a.ocr?.skew ?? []) expect(Math.abs(s)).toBeGreaterThanOrEqual(0.4);
    const score = scoreFigures(SAMPLE_EXPECTED.cells, a.parsed.cells, markedCells(a), LOW_CONFIDENCE);
    expect(score.right / score.total, JSON.stringify(score)).toBeGreaterThanOrEqual(0.98);
    expect(score.wrongUnmarked).toEqual([]);
    // Every figure carries its confidence; the notice says the text was recognised.
    expect(Object.values(a.parsed.cells).filter((c) => c.value !== null && c.source?.confidence === undefined)).toEqual([]);
    expect(a.parsed.issues.some((i) => i.code === "ocr_text")).toBe(true);
    // The sample's real error is still found, and the finding says the cells were OCR'd.
    const bal = a.findings.find((f) => f.rule === "H-T3-BAL");
    expect(bal?.message.zh).toContain("OCR");
    expect(bal?.message.en).toContain("recognised by OCR");
    // The dry-run line says how the text was read and which figures OCR was unsure of.
    const line = toDryRunLine("scan-200.pdf", a);
    expect(line.ocr).toMatchObject({ pages: 3, dpi: 300 });
    const unsure = a.findings.find((f) => f.rule === "S-OCR-LOW")?.cells ?? [];
    expect(Object.keys(line.ocr?.low_confidence ?? {}).sort()).toEqual([...unsure].sort());
  }, 600_000);

  it("a 300 dpi scan of the table pages: ≥ 99 % of 表三/表四 figures right, every wrong one marked", async () => {
    const { pdf } = await sampleScan(300, [2, 3]);
    const a = await analyzeDocument(pdf, "scan-300.pdf", { tools, agencyName: "盘州市人民政府", year: 2024 });
    const score = scoreFigures(T3_T4, a.parsed.cells, markedCells(a), LOW_CONFIDENCE);
    expect(score.right / score.total, JSON.stringify(score)).toBeGreaterThanOrEqual(0.99);
    expect(score.wrongUnmarked).toEqual([]);
  }, 600_000);

  it("a 200 dpi scan of a demo report whose 7 the page model reads as 了 and whose 1 as 】: the digits model reads both, the rows are whole and the figures marked", async () => {
    const doc = demoPdfs(1)[0]!;
    expect(doc.name).toBe("六盘水市人民政府 2021");
    // The bench's scan of this document (seed 2), pages 1 and 2: 表二 and 表四.
    const { pdf } = await scanPdf(doc.pdf, 200, [1, 2], 2);
    const a = await analyzeDocument(pdf, "scan-200.pdf", { tools, agencyName: "六盘水市人民政府", year: 2021 });
    const keys = Object.keys(doc.truth).filter((k) => k.startsWith("t2.normative_doc.") || k.startsWith("t4.lit_"));
    expect(keys).toHaveLength(13);
    const truth = Object.fromEntries(keys.map((k) => [k, doc.truth[k] ?? null]));
    const score = scoreFigures(truth, a.parsed.cells, markedCells(a), LOW_CONFIDENCE);
    expect(score.wrongMarked.concat(score.wrongUnmarked)).toEqual([]);
    // 了 → 7 and 】 → 1 are the digits model's readings, not the page's: marked for checking.
    expect(a.parsed.cells["t2.normative_doc.issued"]?.source?.confidence).toBeLessThan(LOW_CONFIDENCE);
    expect(a.parsed.cells["t4.lit_direct.upheld"]?.source?.confidence).toBeLessThan(LOW_CONFIDENCE);
    expect(a.findings.find((f) => f.rule === "S-OCR-LOW")?.cells).toEqual(expect.arrayContaining(["t2.normative_doc.issued", "t4.lit_direct.upheld"]));
  }, 600_000);

  it("a photo of one page (JPEG) is read like a scan, with the image's media type", async () => {
    const { images } = await sampleScan(200, [3]);
    const jpeg = encodeJpeg(images[0]!, 75);
    const doc = await extractDocument(jpeg, "表四.jpg", { tools });
    expect(doc.format).toBe("image");
    expect(doc.meta.mediaType).toBe("image/jpeg");
    expect(doc.meta.ocr?.pages).toBe(1);
    const table = doc.blocks.find((b) => b.kind === "table");
    expect(table?.kind).toBe("table");
    expect(doc.text).toContain("行政复议");
    if (table?.kind === "table") expect(table.cells.filter((c) => c.confidence !== undefined).length).toBeGreaterThan(10);
  }, 600_000);
});

describe.skipIf(!status.office.available)(`LibreOffice conversion${officeReason}`, () => {
  for (const format of ["doc", "wps", "rtf", "odt"] as const) {
    it(`.${format} saved from the sample's DOCX: every figure`, async () => {
      const bytes = await sampleConverted(format);
      const a = await analyzeDocument(bytes, `盘州2024.${format}`, { tools });
      expect(a.error).toBeNull();
      expect(a.surfaceFormat).toBe(format);
      const wrong = TABLE_KEYS.filter((k) => (a.parsed.cells[k]?.value ?? null) !== SAMPLE_EXPECTED.cells[k]);
      expect(wrong).toEqual([]);
      expect(a.parsed.agencyName).toBe("盘州市人民政府");
    }, 300_000);
  }

  it("two conversions at once run one after the other and leave no lock or temporary files", async () => {
    const doc = await sampleConverted("doc");
    const [a, b] = await Promise.all([tools.office!.convertToDocx(doc, "doc"), tools.office!.convertToDocx(doc, "doc")]);
    for (const out of [a, b]) expect(String.fromCharCode(...out.subarray(0, 2))).toBe("PK");
    expect(existsSync(path.join(tmpdir(), `gongkai-soffice-${process.pid}.lock`))).toBe(false);
  }, 300_000);

  it("a damaged .doc fails with conversion_failed and advice, never a half-read report", async () => {
    const doc = await sampleConverted("doc");
    // The container header survives (it still says WordDocument); the body is overwritten.
    const broken = doc.slice();
    broken.fill(0xff, 4096, broken.length - 512);
    const a = await analyzeDocument(broken, "坏文件.doc", { tools });
    expect(a.surfaceFormat).toBe("doc");
    expect(a.error).not.toBeNull();
    if (a.error?.code === "conversion_failed") expect(a.error.message).toMatch(/另存为 DOCX.*save it as DOCX/);
  }, 300_000);
});
