/**
 * Ink that the page reading left without a word: Tesseract sometimes drops a lone, thin digit
 * (a "1" alone in a cell) entirely, which would read as a blank cell. Blobs of character size that
 * no word box covers are grouped into word-sized boxes and read by the digits model; what reads as
 * a number comes back as a word with its confidence capped below the threshold, so the figure is
 * kept and marked for checking instead of silently blank. Pure: ocrPage sends these boxes to the
 * digits model in the same process as the second reading (reread.ts, readDigits).
 */
import { inkBlobs, type InkBox } from "./raster";
import { DISPUTED_CONFIDENCE, MIN_FIGURE_CONFIDENCE } from "./reread";
import type { OcrWord } from "./words";

const CJK = /[\u3400-\u9fff]/u;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] ?? 0) : 0;
}

function covered(box: InkBox, words: readonly OcrWord[], margin: number): boolean {
  return words.some((w) => box.x1 >= w.left - margin && box.x0 <= w.left + w.width + margin && box.y1 >= w.top - margin && box.y0 <= w.top + w.height + margin);
}

/** Uncovered blobs of a character's height, merged left to right into word boxes. */
export function lostInk(ink: Uint8Array, width: number, height: number, words: readonly OcrWord[]): InkBox[] {
  const charH = median(words.filter((w) => CJK.test(w.text)).map((w) => w.height));
  if (charH <= 0) return [];
  const blobs = inkBlobs(ink, width, height, Math.round(charH * charH * 2)).filter((b) => {
    const h = b.y1 - b.y0 + 1;
    const w = b.x1 - b.x0 + 1;
    // Thinner than any digit stroke pair: a left-over piece of a ruling line, not a character.
    return h >= 0.55 * charH && h <= 1.4 * charH && w >= 0.15 * charH && w <= 1.2 * charH && !covered(b, words, 2);
  });
  blobs.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const groups: InkBox[] = [];
  for (const b of blobs) {
    const g = groups.find((o) => Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0) >= 0.5 * (b.y1 - b.y0) && b.x0 - o.x1 <= 0.4 * charH && b.x0 >= o.x0);
    if (g) {
      g.x1 = Math.max(g.x1, b.x1);
      g.y0 = Math.min(g.y0, b.y0);
      g.y1 = Math.max(g.y1, b.y1);
    } else groups.push({ ...b });
  }
  return groups;
}

/** The lost ink as word boxes for the digits model (at most 400 a page). */
export function lostInkWords(ink: Uint8Array, width: number, height: number, words: readonly OcrWord[]): OcrWord[] {
  return lostInk(ink, width, height, words)
    .slice(0, 400)
    .map((b, i) => ({ text: "", left: b.x0, top: b.y0, width: b.x1 - b.x0 + 1, height: b.y1 - b.y0 + 1, conf: 0, block: -1, par: 0, line: i }));
}

/** What the digits model read in the lost ink: numbers it is fairly sure of, as marked words. */
export function recoveredNumbers(boxes: readonly OcrWord[], readings: readonly (readonly OcrWord[])[]): OcrWord[] {
  const out: OcrWord[] = [];
  boxes.forEach((w, i) => {
    const parts = readings[i] ?? [];
    const text = parts.map((p) => p.text).join("");
    const conf = Math.min(...parts.map((p) => p.conf), 100);
    if (/^\d[\d.]*$/.test(text) && conf >= MIN_FIGURE_CONFIDENCE) out.push({ ...w, text, conf: Math.min(conf, DISPUTED_CONFIDENCE) });
  });
  return out;
}
