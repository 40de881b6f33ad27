/**
 * A second reading of the numbers OCR was unsure of. Each such word is cut out of the clean page
 * (with a margin) and read again on its own, as one line, digits only, by another model (Tesseract's
 * `eng`: the page is read with `chi_sim`, which confuses 11 with 1 and 1 with 工). Two readings that
 * agree make a figure trustworthy; readings that disagree take the digits-only one and mark it for a
 * person to check (confidence capped below LOW_CONFIDENCE). Pure apart from the injected engine.
 */
import type { OcrEngine } from "../extract/tools";
import { LOW_CONFIDENCE } from "./confidence";
import { resize, type GrayImage } from "./image";
import { parseTesseractTsv, type OcrWord } from "./words";

/** Words below this confidence that look like numbers are read a second time. */
export const REREAD_BELOW = 90;
/** Confidence of a figure the two readings disagree on. */
export const DISPUTED_CONFIDENCE = Math.min(60, LOW_CONFIDENCE - 1);
/** A number as Tesseract may write it, look-alikes included (工 and 丨 for 1, O for 0). */
const NUMBERISH = /^[\dOoIl|工丨〇.,，]+$/u;

export function wantsReread(w: OcrWord): boolean {
  return w.conf < REREAD_BELOW && NUMBERISH.test(w.text) && (/\d/.test(w.text) || /^[OoIl|工丨〇]$/u.test(w.text));
}

/**
 * The word's box on the page, widened by one height each side (a digit the first reading dropped
 * sits right beside the box it drew) and a third of a height above and below.
 */
export function cropWord(page: GrayImage, w: OcrWord): GrayImage {
  const padX = Math.max(6, w.height);
  const padY = Math.max(4, Math.round(w.height / 3));
  const x0 = w.left - padX;
  const y0 = w.top - padY;
  const width = w.width + 2 * padX;
  const height = w.height + 2 * padY;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    const sy = y0 + y;
    if (sy < 0 || sy >= page.height) continue;
    for (let x = 0; x < width; x++) {
      const sx = x0 + x;
      if (sx < 0 || sx >= page.width) continue;
      data[y * width + x] = page.data[sy * page.width + sx] ?? 255;
    }
  }
  return { width, height, data };
}

/** Reconciles the two readings of each unsure number; other words pass through unchanged. */
export async function rereadNumbers(page: GrayImage, words: readonly OcrWord[], dpi: number, engine: OcrEngine): Promise<OcrWord[]> {
  const targets = words.flatMap((w, i) => (wantsReread(w) ? [i] : []));
  if (targets.length === 0) return [...words];
  const tsvs = await engine.recognizeNumbers(
    // Twice the size: the digits model misses a digit of a small "11" far more often at 1×.
    targets.map((i) => resize(cropWord(page, words[i] as OcrWord), 2)),
    { dpi },
  );
  const out = [...words];
  targets.forEach((index, k) => {
    const first = words[index] as OcrWord;
    const parts = parseTesseractTsv(tsvs[k] ?? "").sort((a, b) => a.left - b.left);
    if (parts.length === 0) return;
    const text = parts.map((p) => p.text).join("");
    const conf = Math.min(...parts.map((p) => p.conf));
    if (text === first.text) out[index] = { ...first, conf: Math.max(first.conf, conf) };
    // Disagreement: the digits-only reading wins (the page model's typical slip is a dropped or
    // letter-like digit), and the figure is marked for checking either way.
    else out[index] = { ...first, text: /^\d[\d.]*$/.test(text) ? text : first.text, conf: Math.min(first.conf, conf, DISPUTED_CONFIDENCE) };
  });
  return out;
}
