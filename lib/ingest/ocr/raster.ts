/**
 * What a scan's pixels tell before any OCR: its skew, and the table's ruling lines.
 *
 * - Skew: the angle that makes rows of ink line up best (projection-profile variance over a
 *   downsampled binary image, coarse then fine search within ±MAX_SKEW degrees).
 * - Rules: runs of ink at least `minLength` long on one pixel row (or column), allowing gaps of a
 *   few pixels (JPEG noise, broken scans), stacked over a few rows into one rule. Character strokes
 *   are shorter than a cell edge, so they do not qualify; rules thicker than `maxThickness` are
 *   filled areas (shading, photos) and are dropped.
 * - Erasing: rules are painted white before OCR, so Tesseract does not read a cell border as "1"
 *   or "|" and does not merge a row of cells into one word.
 * Pure: pixels in, numbers out.
 */
import { binarize, type GrayImage } from "./image";

export const MAX_SKEW = 3;
/** Share of a rule's length where ink touches it from above or below; more is a line of text. */
const MAX_CROSSED = 0.25;

/** A rule in pixel coordinates (y grows downwards); `thickness` in pixels. */
export interface PixelHRule {
  y: number;
  x1: number;
  x2: number;
  thickness: number;
}
export interface PixelVRule {
  x: number;
  y1: number;
  y2: number;
  thickness: number;
}

/**
 * The skew of the page's content in degrees, counter-clockwise as seen on screen (lines that
 * rise to the right are positive). `rotate(img, -estimateSkew(img))` straightens it.
 */
export function estimateSkew(img: GrayImage, ink: Uint8Array = binarize(img)): number {
  // Downsample to ~1000 px wide; keep ink points only.
  const step = Math.max(1, Math.floor(img.width / 1000));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += step) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += step) {
      if (ink[row + x]) {
        xs.push(x / step);
        ys.push(y / step);
      }
    }
  }
  if (xs.length < 50) return 0;
  const h = Math.ceil(img.height / step) + Math.ceil(img.width / step) + 2;
  const bins = new Float64Array(h * 2);
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    const offset = h;
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round((ys[i] ?? 0) + (xs[i] ?? 0) * t) + offset;
      bins[b] = (bins[b] ?? 0) + 1;
    }
    let s = 0;
    for (const v of bins) s += v * v;
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -MAX_SKEW; d <= MAX_SKEW + 1e-9; d += 0.1) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.1; d <= coarse + 0.1 + 1e-9; d += 0.01) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  return Math.round(best * 100) / 100;
}

export interface RuleOptions {
  /** Shortest rule, in pixels. */
  minLength: number;
  /** Largest gap inside one rule, in pixels. */
  maxGap: number;
  /** Thickest rule, in pixels. */
  maxThickness: number;
  /** Largest gap between the dashes of a dashed rule, in pixels (default: no dashed rules). */
  dashGap?: number;
  /** Shortest dash, in pixels. */
  minDash?: number;
  /** Share of a rule's length that must be ink (dashes leave gaps; a row of glyph strokes more). */
  minFill?: number;
}

export function ruleOptionsForDpi(dpi: number): RuleOptions {
  return {
    minLength: Math.round(dpi * 0.4), // about 29 pt: longer than a character stroke, even in a title
    maxGap: Math.max(2, Math.round(dpi / 100)),
    maxThickness: Math.max(3, Math.round(dpi / 30)), // about 2.4 pt
    // WPS's dashed borders: ~3 pt dashes, ~1 pt gaps. Dust and character strokes are shorter
    // than a dash or leave more than a third of the length empty.
    dashGap: Math.max(3, Math.round(dpi / 20)),
    minDash: Math.max(4, Math.round(dpi / 30)),
    minFill: 0.6,
  };
}

interface Segment {
  pos: number; // row (for horizontal) or column
  a: number;
  b: number;
  /** Chained from dashes across gaps wider than `maxGap`. */
  dashed?: boolean;
}
/** A dashed rule has clean space on both sides except where rules cross it; glyph rows do not. */
const MAX_CROSSED_DASHED = 0.1;
/** Share of a line's length its partner in a double border touches at the near offset. */
const DOUBLE_PARTNER = 0.9;

/**
 * Long ink runs along one axis. `get(line, i)` reads the ink bit at position i on a line. Runs
 * broken by gaps of at most `maxGap` are one piece; pieces at least `minDash` long separated by
 * gaps of at most `dashGap` chain into one dashed rule (WPS and Word draw dashed table borders),
 * when ink fills at least `minFill` of its length.
 */
function segments(lines: number, length: number, get: (line: number, i: number) => number, opts: RuleOptions): Segment[] {
  const out: Segment[] = [];
  const dashGap = opts.dashGap ?? opts.maxGap;
  const minDash = opts.minDash ?? Infinity;
  const minFill = opts.minFill ?? 0;
  for (let line = 0; line < lines; line++) {
    let chain: { a: number; b: number; ink: number; last: number; dashed: boolean } | null = null;
    const emit = () => {
      if (chain && chain.b - chain.a + 1 >= opts.minLength && chain.ink >= minFill * (chain.b - chain.a + 1)) out.push({ pos: line, a: chain.a, b: chain.b, ...(chain.dashed ? { dashed: true } : {}) });
      chain = null;
    };
    const piece = (a: number, b: number, ink: number) => {
      const len = b - a + 1;
      if (chain && a - chain.b - 1 <= dashGap && len >= minDash && chain.last >= minDash) {
        chain.b = b;
        chain.ink += ink;
        chain.last = len;
        chain.dashed = true;
      } else {
        emit();
        chain = { a, b, ink, last: len, dashed: false };
      }
    };
    let start = -1;
    let lastInk = -1;
    let ink = 0;
    for (let i = 0; i <= length; i++) {
      const on = i < length && get(line, i) === 1;
      if (on) {
        if (start < 0) start = i;
        lastInk = i;
        ink++;
      } else if (start >= 0 && i - lastInk > opts.maxGap) {
        piece(start, lastInk, ink);
        start = -1;
        ink = 0;
      }
    }
    emit();
  }
  return out;
}

/** Stacks segments on adjacent lines that overlap into rules of some thickness. */
function stack(segs: Segment[], opts: RuleOptions): Array<{ pos: number; a: number; b: number; thickness: number; dashed: boolean }> {
  interface Open {
    first: number;
    last: number;
    a: number;
    b: number;
    weight: number;
    sum: number;
    dashed: boolean;
  }
  const open: Open[] = [];
  const done: Open[] = [];
  for (const s of segs) {
    // Close groups that ended more than one line ago.
    for (let k = open.length - 1; k >= 0; k--) {
      const o = open[k];
      if (o && s.pos - o.last > 1) {
        done.push(o);
        open.splice(k, 1);
      }
    }
    const len = s.b - s.a + 1;
    const match = open.find((o) => o.last === s.pos - 1 && Math.min(o.b, s.b) - Math.max(o.a, s.a) >= 0.5 * Math.min(len, o.b - o.a + 1));
    if (match) {
      match.last = s.pos;
      match.a = Math.min(match.a, s.a);
      match.b = Math.max(match.b, s.b);
      match.weight += len;
      match.dashed ||= s.dashed === true;
      match.sum += len * s.pos;
    } else {
      open.push({ first: s.pos, last: s.pos, a: s.a, b: s.b, weight: len, sum: len * s.pos, dashed: s.dashed === true });
    }
  }
  done.push(...open);
  return done
    .filter((o) => o.last - o.first + 1 <= opts.maxThickness)
    .map((o) => ({ pos: o.sum / o.weight, a: o.a, b: o.b, thickness: o.last - o.first + 1, dashed: o.dashed }));
}

/**
 * Long rules, plus shorter pieces (down to a third of the length) that lie on the line of a long
 * one: a rule broken by noise, or the part of a grid line inside one short row.
 */
function rulesAlong(lines: number, length: number, get: (line: number, i: number) => number, opts: RuleOptions) {
  const short = { ...opts, minLength: Math.max(8, Math.round(opts.minLength / 3)) };
  // A rule has clear space on both sides; a row of character strokes is crossed by their stems.
  // A double border (two thin lines a few pixels apart) is touched by its partner all along at the
  // near offset and is clear beyond it; stems crossing a row of strokes reach far past both.
  const crossedAt = (r: { pos: number; a: number; b: number; thickness: number }, off: number) => {
    const above = Math.round(r.pos) - off;
    const below = Math.round(r.pos) + off;
    let hits = 0;
    for (let i = r.a; i <= r.b; i++) {
      if ((above >= 0 && get(above, i) === 1) || (below < lines && get(below, i) === 1)) hits++;
    }
    return hits / (r.b - r.a + 1);
  };
  const crossed = (r: { pos: number; a: number; b: number; thickness: number }) => {
    const off = Math.ceil(r.thickness / 2) + 2;
    const near = crossedAt(r, off);
    // Only a partner that runs along (nearly) the whole line is a double border's other line.
    return near < DOUBLE_PARTNER ? near : Math.min(near, crossedAt(r, off + opts.maxThickness));
  };
  const all = stack(segments(lines, length, get, short), opts).filter((r) => crossed(r) <= (r.dashed ? MAX_CROSSED_DASHED : MAX_CROSSED));
  const long = all.filter((r) => r.b - r.a + 1 >= opts.minLength);
  const slack = opts.minLength;
  return all.filter(
    (r) =>
      r.b - r.a + 1 >= opts.minLength ||
      long.some((l) => Math.abs(l.pos - r.pos) <= l.thickness / 2 + r.thickness / 2 + 1.5 && r.a <= l.b + slack && r.b >= l.a - slack),
  );
}

/** Horizontal and vertical ruling lines of a (deskewed) page. */
export function detectRules(img: GrayImage, opts: RuleOptions, ink: Uint8Array = binarize(img)): { h: PixelHRule[]; v: PixelVRule[] } {
  const w = img.width;
  const h = rulesAlong(img.height, w, (y, x) => ink[y * w + x] ?? 0, opts).map((r) => ({ y: r.pos, x1: r.a, x2: r.b, thickness: r.thickness }));
  const v = rulesAlong(w, img.height, (x, y) => ink[y * w + x] ?? 0, opts).map((r) => ({ x: r.pos, y1: r.a, y2: r.b, thickness: r.thickness }));
  return { h, v };
}

/** A copy with the rules painted white (one pixel of margin each side). */
export function eraseRules(img: GrayImage, rules: { h: PixelHRule[]; v: PixelVRule[] }): GrayImage {
  const data = img.data.slice();
  const w = img.width;
  const hgt = img.height;
  for (const r of rules.h) {
    const half = r.thickness / 2 + 1;
    const y0 = Math.max(0, Math.floor(r.y - half));
    const y1 = Math.min(hgt - 1, Math.ceil(r.y + half));
    for (let y = y0; y <= y1; y++) data.fill(255, y * w + Math.max(0, r.x1 - 1), y * w + Math.min(w, r.x2 + 2));
  }
  for (const r of rules.v) {
    const half = r.thickness / 2 + 1;
    const x0 = Math.max(0, Math.floor(r.x - half));
    const x1 = Math.min(w - 1, Math.ceil(r.x + half));
    for (let y = Math.max(0, r.y1 - 1); y <= Math.min(hgt - 1, r.y2 + 1); y++) data.fill(255, y * w + x0, y * w + x1 + 1);
  }
  return { width: w, height: hgt, data };
}

/**
 * Clears connected ink blobs (8-connected) of at most `maxArea` pixels in place: scanner dust and
 * noise that Tesseract would otherwise read as characters. A full stop at 10 pt is several times
 * larger, so decimals survive.
 */
export function removeSpecks(ink: Uint8Array, width: number, height: number, maxArea: number): number {
  const seen = new Uint8Array(ink.length);
  const stack: number[] = [];
  const blob: number[] = [];
  let removed = 0;
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    stack.length = 0;
    blob.length = 0;
    stack.push(start);
    seen[start] = 1;
    let big = false;
    while (stack.length > 0) {
      const p = stack.pop() ?? 0;
      if (!big) {
        blob.push(p);
        if (blob.length > maxArea) big = true;
      }
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width || (dx === 0 && dy === 0)) continue;
          const q = yy * width + xx;
          if (ink[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    if (!big) {
      for (const p of blob) ink[p] = 0;
      removed++;
    }
  }
  return removed;
}

/** Ink bits → a black-on-white image. */
export function inkToImage(ink: Uint8Array, width: number, height: number): GrayImage {
  const data = new Uint8Array(ink.length);
  for (let i = 0; i < ink.length; i++) data[i] = ink[i] ? 0 : 255;
  return { width, height, data };
}

export interface InkBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Bounding boxes of the 8-connected ink blobs (blobs larger than `maxArea` pixels are skipped). */
export function inkBlobs(ink: Uint8Array, width: number, height: number, maxArea = 20_000): InkBox[] {
  const seen = new Uint8Array(ink.length);
  const stack: number[] = [];
  const out: InkBox[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    stack.length = 0;
    stack.push(start);
    seen[start] = 1;
    let area = 0;
    const box = { x0: width, y0: height, x1: -1, y1: -1 };
    while (stack.length > 0) {
      const p = stack.pop() ?? 0;
      area++;
      const x = p % width;
      const y = (p - x) / width;
      if (x < box.x0) box.x0 = x;
      if (x > box.x1) box.x1 = x;
      if (y < box.y0) box.y0 = y;
      if (y > box.y1) box.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (ink[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    if (area <= maxArea) out.push(box);
  }
  return out;
}
