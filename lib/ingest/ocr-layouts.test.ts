/**
 * Scans of the layouts real producers make (lib/ingest/__fixtures__/producers): each fixture's
 * PDF rasterised at 200 dpi at test time, skewed, noised and saved as JPEG (ocr/testing/fixtures.ts
 * `scanPdf`), then read by OCR like any scanned upload, with the real 淮安 report printed and
 * scanned the same way. The title page and the table pages only, to keep the run short. The thresholds are what the reader achieves today, less a small margin;
 * a wrong figure nothing marks fails the test whatever the count.
 * Skipped, with the reason in the test name, where Tesseract/poppler are not installed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "./analyze";
import { TOOL_INSTALL } from "./extract/tools";
import { LOW_CONFIDENCE } from "./ocr/confidence";
import { markedCells, scanPdf, scoreFigures } from "./ocr/testing/fixtures";
import { probeTools, systemTools } from "../system/tools";

const status = probeTools();
const tools = systemTools(status);
const reason = status.ocr.available ? "" : ` (skipped: ${status.ocr.missing.join(", ")} not installed — ${TOOL_INSTALL.ocr})`;

const FIXTURES = path.join(process.cwd(), "lib/ingest/__fixtures__");

interface Expected {
  year: number;
  agency: { name: string };
  cells: Record<string, number | null>;
}

const TABLE_PAGES = [1, 3, 4];

/** The fixtures, what each layout tests, the pages scanned and the least share of its 200 figures read right. */
const LAYOUTS: { fixture: string; what: string; pages: number[]; minRight: number }[] = [
  { fixture: "producers/libreoffice/three-line-520000-gov-2024", what: "三线表: rules above and below only, columns by position", pages: TABLE_PAGES, minRight: 0.95 },
  { fixture: "producers/libreoffice/wps-shaded-520000-gov-2024", what: "WPS: shaded header rows, dashed borders", pages: TABLE_PAGES, minRight: 0.7 },
  { fixture: "producers/libreoffice/borderless-520200-gov-2023", what: "no rules at all, title wrapped inside the bracket", pages: TABLE_PAGES, minRight: 0.95 },
  { fixture: "producers/libreoffice/ruled-520200-gov-2023", what: "every rule drawn, 〈 for （ in the title", pages: TABLE_PAGES, minRight: 0.85 },
  { fixture: "real/huaian-szf/2024", what: "a real report: 淮 read as 准 in the title, a sure 26 read as 20", pages: [1, 2, 3, 4, 5], minRight: 0.9 },
];

describe.skipIf(!status.ocr.available)(`OCR of producer layouts scanned at 200 dpi${reason}`, () => {
  for (const { fixture, what, pages, minRight } of LAYOUTS) {
    it(`${fixture} (${what}): ≥ ${minRight * 100} % of figures right, agency and year right, every wrong figure marked`, async () => {
      const dir = path.join(FIXTURES, fixture);
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
      const { pdf } = await scanPdf(new Uint8Array(readFileSync(path.join(dir, "input.pdf"))), 200, pages);
      const a = await analyzeDocument(pdf, "scan.pdf", { tools });
      expect(a.ocr?.pages).toBe(pages.length);
      expect(a.parsed.agencyName).toBe(expected.agency.name);
      expect(a.parsed.year).toBe(expected.year);
      expect(a.parsed.formatVersion).toBe("2021");
      const score = scoreFigures(expected.cells, a.parsed.cells, markedCells(a), LOW_CONFIDENCE);
      expect(score.total).toBe(200);
      expect(score.wrongUnmarked).toEqual([]);
      expect(score.right / score.total, JSON.stringify(score)).toBeGreaterThanOrEqual(minRight);
    }, 300_000);
  }
});
