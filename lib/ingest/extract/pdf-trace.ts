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

/** Numbers following a record's letter in the compact record. */
const ARITY: Record<string, number> = { C: 1, P: 5, T: 6, S: 4, F: 6, K: 6, m: 2, l: 2, c: 2, h: 0, E: 0, e: 0 };

/**
 * The compact record: space-separated tokens, each record a letter and its numbers, a glyph four
 * numbers (see TRACE_SCRIPT in lib/system/pdf-trace-server.ts). The same state machine as the XML
 * reader below: glyphs count inside filled or invisible text, points inside filled or stroked
 * paths.
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
  const t = trace.split(" ");
  const num = (i: number) => Number(t[i]);
  const matrixAt = (i: number): M => {
    const m: M = [num(i), num(i + 1), num(i + 2), num(i + 3), num(i + 4), num(i + 5)];
    return m.every(Number.isFinite) ? m : [1, 0, 0, 1, 0, 0];
  };
  let i = 1;
  while (i < t.length) {
    const tok = t[i] as string;
    const c = tok.charCodeAt(0);
    // A glyph: code point, x, y, advance.
    if (c >= 48 && c <= 57) {
      if (mode === "text") {
        const code = num(i);
        const [gx, gy] = apply(ctm, num(i + 1), num(i + 2));
        if (code > 0 && code <= 0x10ffff && Number.isFinite(gx) && Number.isFinite(gy)) {
          glyphs.push({ ch: String.fromCodePoint(code), x: gx, y: gy, w: num(i + 3) * sx, fs: sy || sx || 10 });
        }
      }
      i += 4;
      continue;
    }
    if (tok === "Z") break;
    const arity = ARITY[tok];
    if (arity === undefined) throw new Error(`unexpected token in the PDF trace: ${tok.slice(0, 20)}`);
    switch (tok) {
      case "m":
      case "l":
      case "c":
        if (mode === "fill" || mode === "stroke") {
          const pt = apply(ctm, num(i + 1), num(i + 2));
          if (tok === "m") path.push([pt]);
          else path[path.length - 1]?.push(pt);
        }
        break;
      case "h":
        if (mode === "fill" || mode === "stroke") {
          const sub = path[path.length - 1];
          if (sub && sub[0]) sub.push(sub[0]);
        }
        break;
      case "S":
        if (mode === "text") {
          // Font size and advance: the text matrix's scale times the CTM's.
          sy = Math.hypot(num(i + 3), num(i + 4)) * Math.hypot(ctm[2], ctm[3]);
          sx = Math.hypot(num(i + 1), num(i + 2)) * Math.hypot(ctm[0], ctm[1]);
        }
        break;
      case "T":
        if (page) {
          mode = "text";
          ctm = matrixAt(i + 1);
          glyphs = [];
        }
        break;
      case "E":
        if (page && mode === "text") glyphsToRuns(glyphs, height, page.runs);
        glyphs = [];
        mode = null;
        break;
      case "F":
      case "K":
        if (page) {
          mode = tok === "F" ? "fill" : "stroke";
          ctm = matrixAt(i + 1);
          path = [];
        }
        break;
      case "e":
        if (page && (mode === "fill" || mode === "stroke")) {
          const rules = rulesFromSegments(path, mode === "fill");
          for (const h of rules.h) segments.h.push({ y: height - h.y, x1: h.x1, x2: h.x2 });
          for (const v of rules.v) segments.v.push({ x: v.x, y1: height - v.y2, y2: height - v.y1 });
        }
        mode = null;
        path = [];
        break;
      case "P": {
        finishPage();
        const n = num(i + 1);
        const box = [num(i + 2), num(i + 3), num(i + 4), num(i + 5)];
        const [x0, y0, x1, y1] = box.every(Number.isFinite) ? box : [0, 0, 595, 842];
        height = Math.abs((y1 as number) - (y0 as number));
        page = { page: Number.isFinite(n) ? n : pages.length + 1, box: { left: 0, bottom: 0, right: Math.abs((x1 as number) - (x0 as number)), top: height }, runs: [], hRules: [], vRules: [] };
        segments = { h: [], v: [] };
        mode = null;
        break;
      }
    }
    i += 1 + arity;
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
