import { describe, expect, it } from "vitest";
import { binarize, rotate, type GrayImage } from "./image";
import { detectRules, eraseRules, estimateSkew, inkToImage, removeSpecks, ruleOptionsForDpi } from "./raster";

const DPI = 200;

function canvas(width: number, height: number): GrayImage {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

function box(img: GrayImage, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data[y * img.width + x] = v;
}

/** A ruled 4 × 3 table with a "character" (a dense little glyph) in each cell, plus a line of text strokes above it. */
function tablePage(): GrayImage {
  const img = canvas(1000, 800);
  const xs = [100, 300, 500, 700, 900];
  const ys = [300, 380, 460, 540];
  for (const y of ys) box(img, 100, y, 902, y + 2);
  for (const x of xs) box(img, x, 300, x + 2, 542);
  for (let c = 0; c < 4; c++) {
    for (let r = 0; r < 3; r++) {
      const x = xs[c]! + 80;
      const y = ys[r]! + 25;
      box(img, x, y, x + 30, y + 3); // 一
      box(img, x + 13, y, x + 16, y + 30); // 丨
    }
  }
  // A title in large bold type: strokes on one line, a few pixels apart, crossed by stems (not a rule).
  for (let i = 0; i < 12; i++) {
    box(img, 150 + i * 56, 150, 150 + i * 56 + 50, 156);
    box(img, 150 + i * 56 + 10, 120, 150 + i * 56 + 16, 190);
    box(img, 150 + i * 56 + 34, 120, 150 + i * 56 + 40, 190);
  }
  return img;
}

describe("rules from the raster", () => {
  it("finds the grid's rules and nothing in the text", () => {
    const { h, v } = detectRules(tablePage(), ruleOptionsForDpi(DPI));
    expect(h.map((r) => Math.round(r.y)).sort((a, b) => a - b)).toEqual([300, 380, 460, 540].map((y) => y + 1));
    expect(v.map((r) => Math.round(r.x)).sort((a, b) => a - b)).toEqual([100, 300, 500, 700, 900].map((x) => x + 1));
    for (const r of h) expect([r.x1, r.x2]).toEqual([100, 901]);
  });

  it("erasing the rules leaves the characters", () => {
    const img = tablePage();
    const clean = eraseRules(img, detectRules(img, ruleOptionsForDpi(DPI)));
    expect(clean.data[301 * 1000 + 200]).toBe(255); // on a rule
    expect(clean.data[(300 + 26) * 1000 + 190]).toBe(0); // inside a glyph
    expect(clean.data[152 * 1000 + 160]).toBe(0); // the title
  });

  it("a page scanned 1.2° askew is measured within 0.1°, and straightened rules are found again", () => {
    const page = tablePage();
    const skewed = rotate(page, 1.2);
    const skew = estimateSkew(skewed);
    expect(Math.abs(skew - 1.2)).toBeLessThanOrEqual(0.1);
    const straight = rotate(skewed, -skew);
    expect(detectRules(straight, ruleOptionsForDpi(DPI)).h.length).toBeGreaterThanOrEqual(4);
    expect(estimateSkew(page)).toBe(0);
  });

  it("finds dashed rules (WPS borders) but not a row of evenly spaced strokes crossed by stems", () => {
    const img = canvas(1000, 600);
    // Dashes 12 px long with 4 px gaps at 200 dpi (≈ 3.6 pt and 1.2 pt), a grid of 3 × 2.
    const dashedH = (y: number) => {
      for (let x = 100; x < 900; x += 16) box(img, x, y, Math.min(x + 12, 900), y + 2);
    };
    const dashedV = (x: number) => {
      for (let y = 200; y < 400; y += 16) box(img, x, y, x + 2, Math.min(y + 12, 400));
    };
    [200, 300, 398].forEach(dashedH);
    [100, 500, 898].forEach(dashedV);
    // A line of dots (······) is no rule: too little ink.
    for (let x = 100; x < 900; x += 12) box(img, x, 500, x + 3, 502);
    const { h, v } = detectRules(img, ruleOptionsForDpi(DPI));
    expect(h.map((r) => Math.round(r.y)).sort((a, b) => a - b)).toEqual([201, 301, 399]);
    expect(v.map((r) => Math.round(r.x)).sort((a, b) => a - b)).toEqual([101, 501, 899]);
    const clean = eraseRules(img, { h, v });
    expect(clean.data[201 * 1000 + 300]).toBe(255);
  });

  it("finds both lines of a double border (Word/WPS outer frame), two pixels apart", () => {
    const img = canvas(1000, 600);
    for (const y of [200, 204, 396, 400]) box(img, 100, y, 900, y + 2);
    for (const x of [100, 104, 896, 900]) box(img, x, 200, x + 2, 402);
    const { h, v } = detectRules(img, ruleOptionsForDpi(DPI));
    expect(h.map((r) => Math.round(r.y)).sort((a, b) => a - b)).toEqual([201, 205, 397, 401]);
    expect(v.map((r) => Math.round(r.x)).sort((a, b) => a - b)).toEqual([101, 105, 897, 901]);
  });

  it("dust is removed, full stops and strokes are kept", () => {
    const img = canvas(100, 100);
    box(img, 10, 10, 11, 11); // a one-pixel speck
    box(img, 30, 30, 32, 32); // 4 px
    box(img, 50, 50, 55, 55); // a full stop, 25 px
    const ink = binarize(img, 128);
    expect(removeSpecks(ink, 100, 100, 8)).toBe(2);
    const out = inkToImage(ink, 100, 100);
    expect(out.data[10 * 100 + 10]).toBe(255);
    expect(out.data[31 * 100 + 31]).toBe(255);
    expect(out.data[52 * 100 + 52]).toBe(0);
  });
});
