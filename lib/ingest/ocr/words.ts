/**
 * Tesseract's TSV output → words, and words (plus the page's rules) → a PdfPageGeometry, so an
 * OCR'd page goes through the same table layout (layoutPdf) and label matching as a PDF text
 * layer. Pixel boxes become PDF points (72 per inch, y up); each run keeps the lowest confidence
 * of the words it was merged from. Pure.
 */
import type { HRule, PdfPageGeometry, PdfRun, VRule } from "../extract/pdf";
import type { PixelHRule, PixelVRule } from "./raster";

/** One recognised word (Tesseract level 5) in pixel coordinates of the image it was read from. */
export interface OcrWord {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** 0–100. */
  conf: number;
  block: number;
  par: number;
  line: number;
  /** The box of the Tesseract line the word is on (level 4), when the TSV gives it. */
  lineTop?: number;
  lineHeight?: number;
}

/** Parses `tesseract … tsv` output; skips headers, non-word levels and empty words. */
export function parseTesseractTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  const lines = new Map<string, { top: number; height: number }>();
  for (const raw of tsv.split(/\r?\n/)) {
    const f = raw.split("\t");
    if (f.length >= 12 && f[0] === "4") lines.set(`${f[2]}:${f[3]}:${f[4]}`, { top: Number(f[7]), height: Number(f[9]) });
    if (f.length < 12 || f[0] !== "5") continue;
    const text = (f.slice(11).join("\t") ?? "").trim();
    if (text === "") continue;
    const n = (i: number) => Number(f[i]);
    const conf = n(10);
    words.push({
      text,
      block: n(2),
      par: n(3),
      line: n(4),
      left: n(6),
      top: n(7),
      width: n(8),
      height: n(9),
      conf: Number.isFinite(conf) ? Math.max(0, Math.min(100, conf)) : 0,
    });
    const line = lines.get(`${f[2]}:${f[3]}:${f[4]}`);
    const w = words[words.length - 1];
    if (line && w && Number.isFinite(line.height) && line.height > 0) {
      w.lineTop = line.top;
      w.lineHeight = line.height;
    }
  }
  return words;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
const DIGITS_ONLY = /^[\d.,，]+$/;

/**
 * Em size of a word: from its line's height when Tesseract gives it (a flat glyph like 一 or a
 * comma says nothing about the type size), else from its own ink height. CJK glyphs fill ~0.92 em,
 * digits ~0.72 em.
 */
function emOf(w: OcrWord, lineHasCjk: boolean): number {
  if (w.lineHeight !== undefined) return w.lineHeight / (lineHasCjk ? 0.95 : 0.75);
  if (CJK.test(w.text)) return w.height / 0.92;
  if (DIGITS_ONLY.test(w.text)) return w.height / 0.72;
  return w.height / 0.8;
}

/** Baseline of a word: its line's bottom when known (so 一 and 。 sit on the line), else its own. */
function bottomOf(w: OcrWord): number {
  return w.lineTop !== undefined && w.lineHeight !== undefined ? w.lineTop + w.lineHeight : w.top + w.height;
}

/** Digit look-alikes Tesseract writes inside numbers; a number that needed one is not trusted. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: "0", o: "0", D: "0", Q: "0", I: "1", l: "1", "|": "1", "!": "1", S: "5", s: "5", B: "8", Z: "2", z: "2", g: "9" };
const LOOKALIKE_NUMBER = /^[\dOoDQIl|!SsBZzg,，.]+$/;
/** Whole runs that are a digit misread as a character. */
const LONE_LOOKALIKES: Record<string, string> = { 工: "1", 丨: "1", 〇: "0", "（）": "0", 口: "0" };
/** Confidence given to a number that needed a look-alike replaced. */
export const LOOKALIKE_CONFIDENCE = 40;

/** Full-width forms Tesseract's chi_sim model writes for digits and some ASCII. */
function normalizeWord(text: string): { text: string; conf: number | null } {
  let t = text.normalize("NFKC").replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  if (/\d/.test(t) && LOOKALIKE_NUMBER.test(t) && /[^\d,，.]/.test(t)) {
    t = Array.from(t, (ch) => DIGIT_LOOKALIKES[ch] ?? ch).join("");
    return { text: t, conf: LOOKALIKE_CONFIDENCE };
  }
  // Chinese punctuation back to full width where the report text uses it.
  // Brackets OCR confuses with parentheses ({七）总计, 【二）部分公开) read as the report's （）.
  // 〈 is the （ of 六盘水市人民政府〈市人民政府办公室） misread (the report writes 〈〉 only inside 《》).
  t = t.replace(/[({[【〔〈]/g, "（").replace(/[)}\]】〕〉]/g, "）");
  return { text: t, conf: null };
}

export interface GeometryOptions {
  /** 1-based page number. */
  page: number;
  /** Image size in pixels. */
  width: number;
  height: number;
  /** Pixels per inch of the image. */
  dpi: number;
}

/**
 * Builds the page geometry: words of one Tesseract line merge into a run while the gap between
 * them is under 0.3 em (so the cells of a table row stay apart); rules convert as they are.
 */
export function ocrPageGeometry(words: readonly OcrWord[], rules: { h: PixelHRule[]; v: PixelVRule[] }, opts: GeometryOptions): PdfPageGeometry {
  const k = 72 / opts.dpi;
  const pageH = opts.height * k;
  const byLine = new Map<string, OcrWord[]>();
  for (const w of words) {
    const key = `${w.block}:${w.par}:${w.line}`;
    const list = byLine.get(key) ?? [];
    list.push(w);
    byLine.set(key, list);
  }
  const runs: PdfRun[] = [];
  for (const list of byLine.values()) {
    list.sort((a, b) => a.left - b.left);
    const lineHasCjk = list.some((w) => CJK.test(w.text));
    let cur: { words: OcrWord[]; text: string; left: number; right: number; bottom: number; em: number; conf: number } | null = null;
    const flush = () => {
      if (!cur) return;
      let text = cur.text.replace(/\s+/g, " ").trim();
      let conf = cur.conf;
      // A lone 工 or 丨 standing by itself is a table's "1" misread (no report prints them alone).
      const digit = LONE_LOOKALIKES[text];
      if (digit !== undefined) {
        text = digit;
        conf = Math.min(conf, LOOKALIKE_CONFIDENCE);
      }
      if (text !== "") runs.push({ text, x: cur.left * k, y: pageH - cur.bottom * k, w: (cur.right - cur.left) * k, fs: cur.em * k, conf: Math.round(conf) });
      cur = null;
    };
    for (const w of list) {
      const norm = normalizeWord(w.text);
      const conf = norm.conf === null ? w.conf : Math.min(w.conf, norm.conf);
      const em = emOf(w, lineHasCjk);
      const gap = cur ? w.left - cur.right : Infinity;
      if (cur && gap <= 0.3 * Math.max(cur.em, em)) {
        const spaced = gap > 0.2 * em && !CJK.test(norm.text[0] ?? "") && !CJK.test(cur.text.slice(-1));
        cur.text += spaced ? ` ${norm.text}` : norm.text;
        cur.right = Math.max(cur.right, w.left + w.width);
        cur.bottom = Math.max(cur.bottom, bottomOf(w));
        cur.em = Math.max(cur.em, em);
        cur.conf = Math.min(cur.conf, conf);
        cur.words.push(w);
      } else {
        flush();
        cur = { words: [w], text: norm.text, left: w.left, right: w.left + w.width, bottom: bottomOf(w), em, conf };
      }
    }
    flush();
  }
  const hRules: HRule[] = rules.h.map((r) => ({ y: pageH - r.y * k, x1: r.x1 * k, x2: r.x2 * k }));
  const vRules: VRule[] = rules.v.map((r) => ({ x: r.x * k, y1: pageH - r.y2 * k, y2: pageH - r.y1 * k }));
  return { page: opts.page, box: { left: 0, bottom: 0, right: opts.width * k, top: pageH }, runs, hRules, vRules };
}
