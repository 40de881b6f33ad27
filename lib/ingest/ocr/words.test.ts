import { describe, expect, it } from "vitest";
import { assembleDocument } from "../extract/detect";
import { layoutPdf } from "../extract/pdf";
import { parseDocument } from "../pipeline";
import { LOOKALIKE_CONFIDENCE, ocrPageGeometry, parseTesseractTsv, type OcrWord } from "./words";

const HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

function tsv(rows: Array<[number, number, number, number, number, number, string]>): string {
  // [line, left, top, width, height, conf, text]
  return [HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t", ...rows.map(([line, l, t, w, h, c, text]) => `5\t1\t1\t1\t${line}\t1\t${l}\t${t}\t${w}\t${h}\t${c}\t${text}`)].join("\n");
}

describe("Tesseract TSV", () => {
  it("keeps words (level 5) with their boxes and confidence, drops empty ones", () => {
    const words = parseTesseractTsv(tsv([[1, 10, 20, 30, 40, 91.5, "规章"], [1, 50, 20, 10, 40, -1, " "]]));
    expect(words).toEqual([{ text: "规章", block: 1, par: 1, line: 1, left: 10, top: 20, width: 30, height: 40, conf: 91.5 }]);
  });
});

function word(text: string, left: number, top: number, width: number, conf = 95, line = 1, height = 28): OcrWord {
  return { text, left, top, width, height, conf, block: 1, par: 1, line };
}

describe("words → page geometry", () => {
  const opts = { page: 1, width: 1700, height: 2200, dpi: 200 };

  it("converts pixels to PDF points (y up) and merges close words into one run with the lowest confidence", () => {
    const g = ocrPageGeometry([word("行政", 200, 400, 56, 97), word("许可", 258, 400, 56, 88), word("12", 900, 404, 30, 70, 1, 24)], { h: [], v: [] }, opts);
    expect(g.box).toEqual({ left: 0, bottom: 0, right: 612, top: 792 });
    expect(g.runs.map((r) => r.text)).toEqual(["行政许可", "12"]);
    expect(g.runs[0]).toMatchObject({ x: 72, conf: 88 });
    expect(g.runs[0]!.y).toBeCloseTo(792 - (428 * 72) / 200, 5);
    expect(g.runs[1]).toMatchObject({ conf: 70 });
  });

  it("a number written with look-alike letters is repaired but not trusted", () => {
    const g = ocrPageGeometry([word("1O", 900, 404, 30, 96)], { h: [], v: [] }, opts);
    expect(g.runs[0]).toMatchObject({ text: "10", conf: LOOKALIKE_CONFIDENCE });
  });

  it("rules convert with the page flipped", () => {
    const g = ocrPageGeometry([], { h: [{ y: 1100, x1: 100, x2: 1600, thickness: 2 }], v: [{ x: 100, y1: 1000, y2: 1200, thickness: 2 }] }, opts);
    expect(g.hRules[0]).toEqual({ y: 396, x1: 36, x2: 576 });
    expect(g.vRules[0]).toEqual({ x: 36, y1: 360, y2: 432 });
  });
});

describe("an OCR'd ruled table through layoutPdf and the parser", () => {
  it("gives every cell the confidence of its words, and the parser keeps it in the provenance", () => {
    // 表二's first block as a 200 dpi scan would give it: four columns, three rows, ruled.
    const xs = [100, 500, 800, 1100, 1400];
    const ys = [600, 660, 720, 780];
    const rules = {
      h: ys.map((y) => ({ y, x1: 100, x2: 1400, thickness: 2 })),
      v: xs.map((x) => ({ x, y1: 600, y2: 780, thickness: 2 })),
    };
    const row = (line: number, top: number, texts: string[], confs: number[]) =>
      texts.map((t, i) => word(t, xs[i]! + 40, top, 28 * Array.from(t).length, confs[i] ?? 95, line));
    const words = [
      word("二、主动公开政府信息情况", 100, 500, 336, 96, 1),
      ...row(2, 616, ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], [95, 95, 95, 95]),
      ...row(3, 676, ["规章", "0", "0", "0"], [96, 93, 58, 91]),
      ...row(4, 736, ["行政规范性文件", "4", "13", "34"], [96, 90, 89, 92]),
    ].filter((w) => !(w.text === "34" && w.line === 4)); // OCR saw nothing in one cell
    const ocr = { engine: "test", pages: 1, dpi: 200, meanConfidence: 90, skew: [0] };
    const geometry = ocrPageGeometry(words, rules, { page: 1, width: 1700, height: 2200, dpi: 200 });
    const blocks = layoutPdf([geometry]);
    const table = blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.gridKnown).toBe(true);
    const cell = table?.kind === "table" ? table.cells.find((c) => c.row === 1 && c.col === 2) : undefined;
    expect(cell).toMatchObject({ text: "0", confidence: 58 });
    const parsed = parseDocument(assembleDocument("pdf", blocks, { ocr }, []));
    expect(parsed.cells["t2.regulation.repealed"]).toMatchObject({ value: 0, source: { raw: "0", confidence: 58 } });
    expect(parsed.cells["t2.normative_doc.repealed"]).toMatchObject({ value: 13, source: { confidence: 89 } });
    const low = parsed.issues.find((i) => i.code === "ocr_low_confidence");
    expect(low?.message).toContain("t2.regulation.repealed");
    expect(low?.message).not.toContain("t2.normative_doc.repealed");
    // A blank cell on a scan is not trusted either: confidence 0, listed with the unsure ones.
    expect(parsed.cells["t2.normative_doc.in_force"]).toMatchObject({ value: null, nullReason: "blank", source: { confidence: 0 } });
    expect(low?.message).toContain("t2.normative_doc.in_force");
  });
});
