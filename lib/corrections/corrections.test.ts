import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pdfPageWords, renderPdfPagePng } from "../system/page-image";
import { probeTools } from "../system/tools";
import { checkTotals, parseEntry, splitPastedRow } from "./entry";
import { locateCellBox, type PageWords } from "./locate";

describe("parseEntry", () => {
  it("accepts counts as people type or copy them, and empty as blank", () => {
    expect(parseEntry("t3.new_received.total", " 1,288 ")).toEqual({ ok: true, value: 1288 });
    expect(parseEntry("t3.new_received.total", "１２")).toEqual({ ok: true, value: 12 });
    expect(parseEntry("t3.new_received.total", "")).toEqual({ ok: true, value: null });
    expect(parseEntry("t2.admin_fee.amount_10k_cny", "96171.6")).toEqual({ ok: true, value: "96171.6" });
  });

  it("refuses non-integers, negatives, text and out-of-range numbers, in Chinese and English", () => {
    expect(parseEntry("t3.new_received.total", "1.5")).toEqual({ ok: false, error: { zh: "此处应为整数。", en: "This cell holds whole numbers." } });
    expect(parseEntry("t3.new_received.total", "-3")).toEqual({ ok: false, error: { zh: "数量不能为负数。", en: "A count cannot be negative." } });
    expect(parseEntry("t3.new_received.total", "十二")).toMatchObject({ ok: false, error: { en: expect.stringMatching(/not a number/) } });
    expect(parseEntry("t3.new_received.total", "10000001")).toMatchObject({ ok: false, error: { zh: expect.stringMatching(/超出范围/), en: expect.stringMatching(/Out of range/) } });
    expect(parseEntry("t2v19.admin_license.delta_items", "-3")).toEqual({ ok: true, value: -3 });
  });
});

describe("checkTotals", () => {
  it("names a total that does not equal its parts, and skips one not yet filled", () => {
    const keys = new Set(["t3.carried_over.natural_person", "t3.carried_over.commercial_enterprise", "t3.carried_over.research_institution", "t3.carried_over.public_interest_org", "t3.carried_over.legal_service_org", "t3.carried_over.other_org", "t3.carried_over.total"]);
    const row = { "t3.carried_over.natural_person": 4, "t3.carried_over.commercial_enterprise": 0, "t3.carried_over.research_institution": 0, "t3.carried_over.public_interest_org": 0, "t3.carried_over.legal_service_org": 0, "t3.carried_over.other_org": 0 };
    expect(checkTotals({ ...row, "t3.carried_over.total": 4 }, keys)).toEqual([]);
    expect(checkTotals({ ...row, "t3.carried_over.total": 0 }, keys)).toEqual([expect.objectContaining({ total: "t3.carried_over.total", expected: 4, actual: 0 })]);
    expect(checkTotals({ ...row, "t3.carried_over.other_org": null, "t3.carried_over.total": 0 }, keys)).toEqual([]);
  });
});

describe("splitPastedRow", () => {
  it("splits a row copied from a PDF or a spreadsheet on spaces and tabs", () => {
    expect(splitPastedRow("4 0  0\t0 0 0 4\n")).toEqual(["4", "0", "0", "0", "0", "0", "4"]);
  });
});

describe("locateCellBox", () => {
  const page: PageWords = {
    width: 595,
    height: 842,
    words: [
      { x0: 80, y0: 100, x1: 140, y1: 110, text: "（一）予以公开" },
      { x0: 250, y0: 100.5, x1: 270, y1: 110.5, text: "1288" },
      { x0: 300, y0: 100, x1: 310, y1: 110, text: "21" },
      { x0: 340, y0: 100, x1: 350, y1: 110, text: "0" },
      { x0: 80, y0: 130, x1: 140, y1: 140, text: "（二）部分公开" },
      { x0: 250, y0: 130, x1: 260, y1: 140, text: "0" },
      { x0: 300, y0: 130, x1: 310, y1: 140, text: "0" },
      { x0: 340, y0: 130, x1: 350, y1: 140, text: "0" },
    ],
  };
  it("finds the cell by its row's numbers and its place among them", () => {
    const line = "三、本年度办理结果 | （一）予以公开 | 1288 | 21 | 0";
    expect(locateCellBox(page, line, line.indexOf("21"))).toEqual([300, 100, 310, 110]);
    expect(locateCellBox(page, line, line.indexOf("1288"))).toEqual([250, 100.5, 270, 110.5]);
  });
  it("says nothing when two printed rows carry the same numbers, or none does", () => {
    const twice = { ...page, words: [...page.words, ...page.words.slice(5).map((w) => ({ ...w, y0: w.y0 + 40, y1: w.y1 + 40 }))] };
    expect(locateCellBox(twice, "（二）部分公开 | 0 | 0 | 0", 10)).toBeNull();
    expect(locateCellBox(page, "（三）不予公开 | 7 | 7 | 7", 10)).toBeNull();
  });
});

describe.skipIf(!probeTools().ocr.pdftoppm)("a real PDF page (poppler)", () => {
  const pdf = new Uint8Array(readFileSync("lib/ingest/__fixtures__/real/huaian-szf/2024/input.pdf"));
  it("renders a page to PNG once and serves it from the cache after", async () => {
    const sha = `test${Date.now()}`.padEnd(64, "0");
    const first = await renderPdfPagePng(pdf, 4, sha);
    expect([...first.png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(first.cached).toBe(false);
    const again = await renderPdfPagePng(pdf, 4, sha);
    expect(again.cached).toBe(true);
    expect(again.png.equals(first.png)).toBe(true);
    await expect(renderPdfPagePng(pdf, 0, sha)).rejects.toThrow(/No page/);
  });
  it("locates 予以公开's 1288 on page 4 of the 淮安 report", async () => {
    const words = await pdfPageWords(pdf, 4, "huaian-test");
    const line = "三、本年度办理结果 | （一）予以公开 | 1288 | 21 | 0 | 0 | 50 | 3 | 1362";
    const box = locateCellBox(words, line, line.indexOf("1288"));
    expect(box).not.toBeNull();
    const word = words.words.find((w) => w.x0 === box![0] && w.y0 === box![1]);
    expect(word?.text).toBe("1288");
  });
});
