/**
 * PDF geometry from MuPDF's `mutool trace` (a C renderer's record of every glyph and path it
 * draws): the same page model the pdfjs reader builds (runs and rules, extract/pdf.ts), at a small
 * part of its cost. Pure: the trace text comes from the caller (lib/system runs mutool).
 *
 * The trace gives each glyph's unicode, origin and advance in the coordinates of its text element,
 * whose `transform` (the CTM) maps them to the device (y down); paths likewise. Glyphs on one
 * baseline with no gap merge into runs; fills and strokes become rules by the pdfjs reader's test.
 */
import { normalizePdfText, rulesFromSegments, type HRule, type PdfPageGeometry, type PdfRun, type VRule } from "./pdf";

type M = [number, number, number, number, number, number];

const ATTR = /([a-z_]+)="([^"]*)"/gu;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) out[m[1] as string] = m[2] as string;
  return out;
}

function nums(s: string | undefined): number[] {
  const out: number[] = [];
  for (const p of (s ?? "").split(" ")) if (p !== "") out.push(Number(p));
  return out;
}

function matrix(s: string | undefined): M {
  const n = nums(s);
  if (!n.every(Number.isFinite)) return [1, 0, 0, 1, 0, 0];
  // A span's text rendering matrix has no translation: "22 0 0 22".
  if (n.length === 4) return [n[0] ?? 1, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1, 0, 0];
  return n.length === 6 ? (n as M) : [1, 0, 0, 1, 0, 0];
}

function apply(m: M, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

const ENTITY: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" };

function unescape(s: string): string {
  return s.replace(/&(?:lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/gu, (e) => {
    if (ENTITY[e]) return ENTITY[e];
    const code = e.startsWith("&#x") ? Number.parseInt(e.slice(3, -1), 16) : Number.parseInt(e.slice(2, -1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : "";
  });
}

interface Glyph {
  ch: string;
  x: number;
  y: number;
  w: number;
  fs: number;
}

/** Glyphs of one span in drawing order → runs (a gap over 0.3 em or a new baseline starts a run). */
function glyphsToRuns(glyphs: readonly Glyph[], height: number, out: PdfRun[]): void {
  let cur: { text: string; x: number; y: number; x2: number; fs: number } | null = null;
  const flush = () => {
    if (cur && cur.text.trim() !== "") {
      const text = normalizePdfText(cur.text).replace(/\s+/gu, " ").trim();
      if (text) out.push({ text, x: cur.x, y: height - cur.y, w: cur.x2 - cur.x, fs: cur.fs });
    }
    cur = null;
  };
  for (const g of glyphs) {
    const c = cur;
    const sameLine = c !== null && Math.abs(c.y - g.y) <= 0.2 * Math.min(c.fs, g.fs) && Math.abs(c.fs - g.fs) <= 0.25 * Math.max(c.fs, g.fs);
    const gap = c ? g.x - c.x2 : 0;
    if (c && sameLine && gap >= -0.3 * g.fs && gap <= 0.3 * g.fs) {
      c.text += g.ch;
      c.x2 = Math.max(c.x2, g.x + g.w);
    } else {
      flush();
      cur = { text: g.ch, x: g.x, y: g.y, x2: g.x + g.w, fs: g.fs };
    }
    // A space ends a run only when wide: "3001 53" stays together; the table reader splits values.
  }
  flush();
}

const G_TAG = /^<g unicode="([^"]*)" glyph="[^"]*" x="([^"]*)" y="([^"]*)" adv="([^"]*)"/u;
const POINT = /x="([^"]*)" y="([^"]*)"/u;
const CURVE_END = /x3="([^"]*)" y3="([^"]*)"/u;
const NAME = /^<(\/?)([a-z_]+)/u;
const TRANSFORM = / transform="([^"]*)"/u;
const TRM = / trm="([^"]*)"/u;

/** The first token of the long-lived tracer's compact record (lib/system/pdf-trace-server.ts). */
export const COMPACT_TRACE_HEADER = "%gongkai-trace-1";

/**
 * Page geometries from a trace: `mutool trace` XML, or the compact record (its first token says
 * which). Both give the same runs and rules; the compact numbers carry MuPDF's full float
 * precision where the XML rounds them to the shortest form that reads back the same.
 */
export function traceToGeometry(trace: string): PdfPageGeometry[] {
  return trace.startsWith(COMPACT_TRACE_HEADER) ? compactToGeometry(trace) : xmlTraceToGeometry(trace);
}

/**
 * The page count of a document the tracer only counted, being over the page limit it was given
 * (a compact record "C n"); null when the trace drew the pages.
 */
export function countedPages(trace: string): number | null {
  const head = `${COMPACT_TRACE_HEADER} C `;
  if (!trace.startsWith(head)) return null;
  const n = Number.parseInt(trace.slice(head.length, head.length + 20), 10);
  return Number.isFinite(n) ? n : null;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_MANTISSA = (Number.MAX_SAFE_INTEGER - 9) / 10;

/**
 * The number written in `s` from `a` to `b`, as Number() reads it, without cutting the string: a
 * plain decimal whose digits fit in 2^53 is its integer digits divided by a power of ten (both
 * exact, so the quotient is the correctly rounded value Number() gives); anything else (exponent,
 * NaN, more digits) goes through Number().
 */
function parseNumber(s: string, a: number, b: number): number {
  let i = a;
  const neg = s.charCodeAt(i) === 45;
  if (neg) i++;
  let n = 0;
  let digits = 0;
  let scale = -1;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (n > MAX_MANTISSA) return Number(s.slice(a, b));
      n = n * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return Number(s.slice(a, b));
  }
  if (digits === 0 || scale > 22) return Number(s.slice(a, b));
  const v = scale > 0 ? n / (POW10[scale] as number) : n;
  return neg ? -v : v;
}

/**
 * The compact record: space-separated tokens, each record a letter and its numbers, a glyph four
 * numbers (see TRACE_SCRIPT in lib/system/pdf-trace-server.ts). The same state machine as the XML
 * reader below: glyphs count inside filled or invisible text, points inside filled or stroked
 * paths. Read in place, token by token (no array of tokens: this runs for every PDF).
 */
function compactToGeometry(trace: string): PdfPageGeometry[] {
  const pages: PdfPageGeometry[] = [];
  let page: PdfPageGeometry | null = null;
  let height = 0;
  let mode: "text" | "fill" | "stroke" | null = null;
  let ctm: M = [1, 0, 0, 1, 0, 0];
  let sx = 1;
  let sy = 1;
  let glyphs: Glyph[] = [];
  let path: [number, number][][] = [];
  let segments: { h: HRule[]; v: VRule[] } = { h: [], v: [] };
  const finishPage = () => {
    if (!page) return;
    page.hRules = segments.h;
    page.vRules = segments.v;
    pages.push(page);
    page = null;
  };
  const len = trace.length;
  const first = trace.indexOf(" ");
  let pos = first < 0 ? len : first + 1;
  const tokenEnd = () => {
    const e = trace.indexOf(" ", pos);
    return e < 0 ? len : e;
  };
  const next = (): number => {
    const end = tokenEnd();
    const v = pos < end ? parseNumber(trace, pos, end) : Number.NaN;
    pos = end + 1;
    return v;
  };
  const matrix6 = (): M => {
    const m: M = [next(), next(), next(), next(), next(), next()];
    return m.every(Number.isFinite) ? m : [1, 0, 0, 1, 0, 0];
  };
  records: while (pos < len) {
    const c = trace.charCodeAt(pos);
    // A glyph: code point, x, y, advance.
    if (c >= 48 && c <= 57) {
      const code = next();
      const x = next();
      const y = next();
      const adv = next();
      if (mode !== "text") continue;
      const [gx, gy] = apply(ctm, x, y);
      if (code > 0 && code <= 0x10ffff && Number.isFinite(gx) && Number.isFinite(gy)) {
        glyphs.push({ ch: String.fromCodePoint(code), x: gx, y: gy, w: adv * sx, fs: sy || sx || 10 });
      }
      continue;
    }
    const end = tokenEnd();
    if (end !== pos + 1) throw new Error(`unexpected token in the PDF trace: ${trace.slice(pos, Math.min(end, pos + 20))}`);
    pos = end + 1;
    switch (c) {
      case 109: // m
      case 108: // l
      case 99: {
        // c
        const x = next();
        const y = next();
        if (mode !== "fill" && mode !== "stroke") break;
        const pt = apply(ctm, x, y);
        if (c === 109) path.push([pt]);
        else path[path.length - 1]?.push(pt);
        break;
      }
      case 104: {
        // h
        if (mode !== "fill" && mode !== "stroke") break;
        const sub = path[path.length - 1];
        if (sub && sub[0]) sub.push(sub[0]);
        break;
      }
      case 83: {
        // S: font size and advance, the text matrix's scale times the CTM's.
        const a = next();
        const b = next();
        const cc = next();
        const d = next();
        if (mode !== "text") break;
        sy = Math.hypot(cc, d) * Math.hypot(ctm[2], ctm[3]);
        sx = Math.hypot(a, b) * Math.hypot(ctm[0], ctm[1]);
        break;
      }
      case 84: {
        // T
        const m = matrix6();
        if (!page) break;
        mode = "text";
        ctm = m;
        glyphs = [];
        break;
      }
      case 69: // E
        if (page && mode === "text") glyphsToRuns(glyphs, height, page.runs);
        glyphs = [];
        mode = null;
        break;
      case 70: // F
      case 75: {
        // K
        const m = matrix6();
        if (!page) break;
        mode = c === 70 ? "fill" : "stroke";
        ctm = m;
        path = [];
        break;
      }
      case 101: // e
        if (page && (mode === "fill" || mode === "stroke")) {
          const rules = rulesFromSegments(path, mode === "fill");
          for (const h of rules.h) segments.h.push({ y: height - h.y, x1: h.x1, x2: h.x2 });
          for (const v of rules.v) segments.v.push({ x: v.x, y1: height - v.y2, y2: height - v.y1 });
        }
        mode = null;
        path = [];
        break;
      case 80: {
        // P
        finishPage();
        const n = next();
        const box = [next(), next(), next(), next()];
        const [x0, y0, x1, y1] = box.every(Number.isFinite) ? box : [0, 0, 595, 842];
        height = Math.abs((y1 as number) - (y0 as number));
        page = { page: Number.isFinite(n) ? n : pages.length + 1, box: { left: 0, bottom: 0, right: Math.abs((x1 as number) - (x0 as number)), top: height }, runs: [], hRules: [], vRules: [] };
        segments = { h: [], v: [] };
        mode = null;
        break;
      }
      case 67: // C: the page count of a document not drawn (countedPages).
        next();
        break;
      case 90: // Z: the end.
        break records;
      default:
        throw new Error(`unexpected token in the PDF trace: ${trace.slice(pos - 2, pos + 18)}`);
    }
  }
  finishPage();
  return pages;
}

/**
 * Page geometries from `mutool trace` output. The trace puts one element per line; glyphs and
 * path points (nearly all of it) are read by fixed patterns, other elements by name.
 */
function xmlTraceToGeometry(trace: string): PdfPageGeometry[] {
  const pages: PdfPageGeometry[] = [];
  let page: PdfPageGeometry | null = null;
  let height = 0;
  let mode: "text" | "fill" | "stroke" | "clip" | null = null;
  let ctm: M = [1, 0, 0, 1, 0, 0];
  let sx = 1;
  let sy = 1;
  let glyphs: Glyph[] = [];
  let path: [number, number][][] = [];
  let segments: { h: HRule[]; v: VRule[] } = { h: [], v: [] };
  const finishPage = () => {
    if (!page) return;
    page.hRules = segments.h;
    page.vRules = segments.v;
    pages.push(page);
    page = null;
  };
  let start = 0;
  while (start < trace.length) {
    let end = trace.indexOf("\n", start);
    if (end < 0) end = trace.length;
    let i = start;
    while (i < end && (trace.charCodeAt(i) === 32 || trace.charCodeAt(i) === 9)) i++;
    const line = trace.slice(i, end);
    start = end + 1;
    if (line.startsWith("<g ")) {
      if (mode !== "text") continue;
      const g = G_TAG.exec(line);
      if (!g) continue;
      const ch = unescape(g[1] ?? "");
      const [gx, gy] = apply(ctm, Number(g[2]), Number(g[3]));
      if (!ch || !Number.isFinite(gx) || !Number.isFinite(gy)) continue;
      glyphs.push({ ch, x: gx, y: gy, w: Number(g[4] ?? 0) * sx, fs: sy || sx || 10 });
      continue;
    }
    if (mode === "fill" || mode === "stroke") {
      if (line.startsWith("<moveto") || line.startsWith("<lineto")) {
        const p = POINT.exec(line);
        if (p) {
          const pt = apply(ctm, Number(p[1]), Number(p[2]));
          if (line.startsWith("<moveto")) path.push([pt]);
          else path[path.length - 1]?.push(pt);
        }
        continue;
      }
      if (line.startsWith("<curveto")) {
        const p = CURVE_END.exec(line);
        if (p) path[path.length - 1]?.push(apply(ctm, Number(p[1]), Number(p[2])));
        continue;
      }
      if (line.startsWith("<closepath")) {
        const sub = path[path.length - 1];
        if (sub && sub[0]) sub.push(sub[0]);
        continue;
      }
    }
    const n = NAME.exec(line);
    if (!n) continue;
    const closing = n[1] === "/";
    const name = n[2] as string;
    const selfClosing = line.endsWith("/>");
    if (name === "page") {
      finishPage();
      if (closing) continue;
      const a = attrs(line);
      const [x0 = 0, y0 = 0, x1 = 595, y1 = 842] = nums(a.mediabox);
      height = Math.abs(y1 - y0);
      page = { page: Number(a.number ?? pages.length + 1), box: { left: 0, bottom: 0, right: Math.abs(x1 - x0), top: height }, runs: [], hRules: [], vRules: [] };
      segments = { h: [], v: [] };
      continue;
    }
    if (!page) continue;
    // Filled text and invisible text (an OCR layer); a stroke over filled text (fake bold, render
    // mode 2) repeats its glyphs and is skipped, as are text clips.
    if (name === "fill_text" || name === "ignore_text") {
      if (closing) {
        glyphsToRuns(glyphs, height, page.runs);
        glyphs = [];
        mode = null;
      } else if (!selfClosing) {
        mode = "text";
        ctm = matrix(TRANSFORM.exec(line)?.[1]);
        glyphs = [];
      }
      continue;
    }
    if (name === "span" && !closing && mode === "text") {
      const trm = matrix(TRM.exec(line)?.[1]);
      // Font size and advance: the text matrix's scale times the CTM's.
      sy = Math.hypot(trm[2], trm[3]) * Math.hypot(ctm[2], ctm[3]);
      sx = Math.hypot(trm[0], trm[1]) * Math.hypot(ctm[0], ctm[1]);
      continue;
    }
    if (name === "fill_path" || name === "stroke_path" || name === "clip_path" || name === "clip_stroke_path") {
      if (closing) {
        if (mode === "fill" || mode === "stroke") {
          const r = rulesFromSegments(path, mode === "fill");
          for (const h of r.h) segments.h.push({ y: height - h.y, x1: h.x1, x2: h.x2 });
          for (const v of r.v) segments.v.push({ x: v.x, y1: height - v.y2, y2: height - v.y1 });
        }
        mode = null;
        path = [];
      } else if (!selfClosing) {
        mode = name === "fill_path" ? "fill" : name === "stroke_path" ? "stroke" : "clip";
        ctm = matrix(TRANSFORM.exec(line)?.[1]);
        path = [];
      }
    }
  }
  finishPage();
  return pages;
}
