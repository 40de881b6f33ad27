/**
 * A second reading of the numbers OCR was unsure of. Each such word is cut out of the clean page
 * (with a margin) and read again on its own, as one line, digits only, by another model (Tesseract's
 * `eng`: the page is read with `chi_sim`, which confuses 11 with 1 and 1 with 工). Two readings that
 * agree make a figure trustworthy; readings that disagree take the digits-only one and mark it for a
 * person to check (confidence capped below LOW_CONFIDENCE). Numbers read with high confidence are
 * read again too, only to check them: a disagreement keeps the page's reading and marks it. Pure
 * apart from the injected engine.
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
const NUMBERISH = /^-?[\dOoIl|工丨〇.,，]+$/u;
/**
 * One character the page model writes for a lone digit in a table cell, often with high
 * confidence: 了 for 7, ）, 】 or 上 for 1, 口 or Q for 0 (with a minus sign for a decrease, -了 for -2);
 * and a lone 。 or , where a faint digit left only its lowest ink.
 */
const LONE_LOOKALIKE = /^-?[了）)\]】}〕|Il工丨上〇口OoDQ]$|^[。，,.]$/u;
/**
 * Lowest confidence of the digits model's reading for a figure to replace a character that was
 * not a number at all (a look-alike, or ink no word covered): below it, the digits model is only
 * guessing at a glyph it was forced to read as a digit.
 */
export const MIN_FIGURE_CONFIDENCE = 40;

/** A number with a closing bracket glued before it (]141): a cell's rule or a speck read as a glyph. */
const BRACKETED = /^[)）\]】}〕]\d[\d.,，]*$/u;

export function wantsReread(w: OcrWord): boolean {
  if (w.conf >= REREAD_BELOW) return false;
  return BRACKETED.test(w.text) || (NUMBERISH.test(w.text) && (/\d/.test(w.text) || /^-?[OoIl|工丨〇]$/u.test(w.text)));
}

/**
 * A look-alike character standing alone in a row of numbers: nothing else on its Tesseract line
 * within a character's width either side (prose sets its characters close together), and a
 * number elsewhere on the line. Read again whatever its confidence: chi_sim reads a clean 7 as 了
 * at 94 %.
 */
export function loneLookalike(words: readonly OcrWord[], index: number): boolean {
  const w = words[index];
  if (!w || !LONE_LOOKALIKE.test(w.text)) return false;
  const em = Math.max(w.height, w.lineHeight ?? 0);
  let number = false;
  for (const [j, o] of words.entries()) {
    if (j === index || o.block !== w.block || o.par !== w.par || o.line !== w.line) continue;
    const gap = o.left >= w.left ? o.left - (w.left + w.width) : w.left - (o.left + o.width);
    if (gap < em) return false;
    if (/^-?\d[\d.,，]*$/.test(o.text)) number = true;
  }
  return number;
}

/** A second reading's text that can stand for a figure. */
const FIGURE = /^-?\d[\d.]*$/;

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

/**
 * The digits model's reading of each box (words sorted left to right; empty when it saw nothing),
 * in one Tesseract process (starting one costs more than reading a hundred crops). Each box is
 * read twice the size and at its own size: at 1× the model misses a digit of a small "11" far more
 * often, so the 2× reading is taken; but a single digit enlarged that much is often not taken for
 * a line of text at all (a lone 7 reads as nothing at 2× and as 7 at 96 % at 1×), so a box the 2×
 * reading left empty takes the 1× one.
 */
export async function readDigits(page: GrayImage, boxes: readonly OcrWord[], dpi: number, engine: OcrEngine): Promise<OcrWord[][]> {
  if (boxes.length === 0) return [];
  const crops = boxes.map((b) => cropWord(page, b));
  const tsvs = await engine.recognizeNumbers([...crops.map((c) => resize(c, 2)), ...crops], { dpi });
  const parse = (tsv: string | undefined) => parseTesseractTsv(tsv ?? "").sort((a, b) => a.left - b.left);
  return boxes.map((_, i) => {
    const large = parse(tsvs[i]);
    return large.length > 0 ? large : parse(tsvs[boxes.length + i]);
  });
}

/** A number the page model was sure of: read again only to check it, never replaced. */
const SURE_NUMBER = /^\d[\d.,，]*$/;

function checkOnly(w: OcrWord): boolean {
  return !wantsReread(w) && SURE_NUMBER.test(w.text);
}

/**
 * Indexes of the words to read a second time: unsure numbers and lone look-alikes, and numbers the
 * page model was sure of (it reads a clear 26 as 20 at 91 %: its confidence is no proof).
 */
export function rereadTargets(words: readonly OcrWord[]): number[] {
  return words.flatMap((w, i) => (wantsReread(w) || loneLookalike(words, i) || checkOnly(w) ? [i] : []));
}

/** Reconciles the page reading of each target with its second reading; other words pass through unchanged. */
export function reconcile(words: readonly OcrWord[], targets: readonly number[], readings: readonly (readonly OcrWord[])[]): OcrWord[] {
  const out = [...words];
  targets.forEach((index, k) => {
    const first = words[index] as OcrWord;
    const parts = readings[k] ?? [];
    if (parts.length === 0) return;
    const text = parts.map((p) => p.text).join("");
    const conf = Math.min(...parts.map((p) => p.conf));
    if (!wantsReread(first) && conf < MIN_FIGURE_CONFIDENCE) return;
    if (text === first.text) out[index] = { ...first, conf: Math.max(first.conf, conf) };
    // A sure reading the digits model reads otherwise: kept as read, marked for checking.
    else if (checkOnly(first)) {
      if (FIGURE.test(text)) out[index] = { ...first, conf: Math.min(first.conf, DISPUTED_CONFIDENCE) };
    }
    // Disagreement: the digits-only reading wins (the page model's typical slip is a dropped or
    // letter-like digit), and the figure is marked for checking either way.
    else out[index] = { ...first, text: FIGURE.test(text) ? text : first.text, conf: Math.min(first.conf, conf, DISPUTED_CONFIDENCE) };
  });
  return out;
}

/** The second reading on its own (ocrPage shares one process with the lost-ink reading). */
export async function rereadNumbers(page: GrayImage, words: readonly OcrWord[], dpi: number, engine: OcrEngine): Promise<OcrWord[]> {
  const targets = rereadTargets(words);
  if (targets.length === 0) return [...words];
  const readings = await readDigits(
    page,
    targets.map((i) => words[i] as OcrWord),
    dpi,
    engine,
  );
  return reconcile(words, targets, readings);
}
