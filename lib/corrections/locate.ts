/**
 * Where a figure sits on a PDF page, for the source viewer, when the parse recorded the page and
 * the text line but no box: the cell's line of extracted text ("（一）予以公开 | 1288 | 21 | 0 …")
 * gives the row's sequence of numbers and the cell's place in it; the page's words (poppler's
 * `pdftotext -bbox`, points from the top-left) grouped into printed lines give the same sequence,
 * and so the word. Pure: the server supplies the words.
 */

export interface PageWord {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

export interface PageWords {
  /** Page size in points. */
  width: number;
  height: number;
  words: PageWord[];
}

export type Box = [number, number, number, number];

const NUMBER = /^-?[\d,，.]+%?$/;

/** The words of a page grouped into printed lines (by vertical overlap), each sorted left to right. */
export function pageLines(words: readonly PageWord[]): PageWord[][] {
  const sorted = [...words].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const lines: { mid: number; h: number; words: PageWord[] }[] = [];
  for (const w of sorted) {
    const mid = (w.y0 + w.y1) / 2;
    const h = w.y1 - w.y0;
    const line = lines.find((l) => Math.abs(l.mid - mid) < Math.max(2, Math.min(l.h, h) * 0.5));
    if (line) line.words.push(w);
    else lines.push({ mid, h, words: [w] });
  }
  return lines.map((l) => l.words.sort((a, b) => a.x0 - b.x0));
}

/**
 * The box of the cell whose text starts at `offsetInLine` of `lineText` (the extracted line it
 * was read from), or null when no printed line of the page carries the same numbers.
 */
export function locateCellBox(page: PageWords, lineText: string, offsetInLine: number): Box | null {
  // The line's number tokens with where each starts.
  const tokens: { text: string; at: number }[] = [];
  const re = /[^\s|]+/g;
  for (let m = re.exec(lineText); m; m = re.exec(lineText)) if (NUMBER.test(m[0])) tokens.push({ text: m[0], at: m.index });
  const index = tokens.findIndex((t) => offsetInLine >= t.at && offsetInLine < t.at + t.text.length);
  if (index < 0) return null;
  const wanted = tokens.map((t) => t.text.replace(/[,，]/g, ""));
  let best: { box: Box; score: number } | null = null;
  for (const line of pageLines(page.words)) {
    const nums = line.filter((w) => NUMBER.test(w.text));
    if (nums.length !== wanted.length) continue;
    const score = nums.filter((w, i) => w.text.replace(/[,，]/g, "") === wanted[i]).length;
    // Every number must match: a row of zeros elsewhere is not this row.
    if (score !== wanted.length) continue;
    const w = nums[index]!;
    if (!best) best = { box: [w.x0, w.y0, w.x1, w.y1], score };
    else return null; // Two printed rows carry the same numbers: ambiguous, say nothing.
  }
  return best?.box ?? null;
}

/** Parses `pdftotext -bbox` output (one page). */
export function parseBboxHtml(html: string): PageWords {
  const pageMatch = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html);
  const words: PageWord[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    words.push({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: decodeEntities(m[5]!) });
  }
  return { width: Number(pageMatch?.[1] ?? 0), height: Number(pageMatch?.[2] ?? 0), words };
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
