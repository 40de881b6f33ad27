/**
 * A text-based PDF written by hand (no browser): A4 pages, prose wrapped in lines, tables laid
 * out as positioned text with ruled cells, page breaks wherever they fall (表三 usually splits),
 * "— n —" page footers.
 *
 * Font: a non-embedded Type0 font, /BaseFont /STSong-Light (Adobe-GB1), encoding Identity-H,
 * with every character written as its real Adobe-GB1 CID (gb1-cids.ts) and a /ToUnicode CMap.
 * Viewers substitute a Song face and draw the right glyphs; pdf.js extracts the text from the
 * ToUnicode map without any CMap file. /UniGB-UCS2-H would be the textbook encoding, but pdf.js
 * (unpdf) then needs its bcmap files (cMapUrl), which we do not ship.
 */
import { zlibSync } from "fflate";
import { applyPunct, chineseDate, paragraphs, printedNameOf, sectionHeading, styleOf, titleOf, type ReportModel } from "./model";
import { occupancy, tableGrid, type Grid, type TableName } from "./layout";
import { gb1Cid } from "./gb1-cids";

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = 56;
const MARGIN_TOP = 64;
const MARGIN_BOTTOM = 60;
const TEXT_W = PAGE_W - 2 * MARGIN_X;

type Op = { kind: "text"; x: number; y: number; size: number; text: string } | { kind: "line"; x1: number; y1: number; x2: number; y2: number };

// ───────────────────────────── glyphs ─────────────────────────────

const QUESTION_CID = gb1Cid(0x3f);

/** CIDs 1–95 are the proportional Roman glyphs of Adobe-GB1; we give them half an em. */
function advance(cid: number): number {
  return cid >= 1 && cid <= 95 ? 0.5 : 1;
}

/** Characters GB1 lacks, drawn with a look-alike (ToUnicode still gives the original). */
const LOOKALIKE: Record<number, number> = { 0xb7: 0x30fb, 0x2022: 0x30fb, 0x2219: 0x30fb, 0x2212: 0x2d, 0xa0: 0x20 };

const CID_CACHE = new Map<string, number>();

function cidOf(ch: string): number {
  const hit = CID_CACHE.get(ch);
  if (hit !== undefined) return hit;
  const cid = lookupCid(ch);
  CID_CACHE.set(ch, cid);
  return cid;
}

function lookupCid(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0x3f;
  let cid = gb1Cid(cp);
  if (cid === 0 && LOOKALIKE[cp] !== undefined) cid = gb1Cid(LOOKALIKE[cp]);
  if (cid === 0) {
    const folded = ch.normalize("NFKC");
    if (folded.length === 1 && folded !== ch) cid = gb1Cid(folded.codePointAt(0) ?? 0x3f);
  }
  return cid === 0 ? QUESTION_CID : cid;
}

function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += advance(cidOf(ch)) * size;
  return w;
}

/** Greedy line breaking; runs of digits/Latin stay whole (Word does not split "2024" or "33"). */
export function wrapText(s: string, size: number, width: number, firstIndent = 0): string[] {
  const tokens = s.match(/[0-9A-Za-z.%\-:/]+|./gsu) ?? [];
  const lines: string[] = [];
  let line = "";
  let w = firstIndent;
  for (const tok of tokens) {
    const tw = textWidth(tok, size);
    if (line !== "" && w + tw > width + 0.01) {
      lines.push(line);
      line = "";
      w = 0;
    }
    line += tok;
    w += tw;
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

// ───────────────────────────── layout ─────────────────────────────

class Layout {
  pages: Op[][] = [[]];
  y = PAGE_H - MARGIN_TOP;

  get ops(): Op[] {
    return this.pages[this.pages.length - 1] ?? [];
  }

  newPage(): void {
    this.pages.push([]);
    this.y = PAGE_H - MARGIN_TOP;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  text(x: number, y: number, size: number, text: string): void {
    if (text !== "") this.ops.push({ kind: "text", x, y, size, text });
  }

  line(x1: number, y1: number, x2: number, y2: number): void {
    this.ops.push({ kind: "line", x1, y1, x2, y2 });
  }

  paragraph(text: string, size: number, opts: { indent?: number; align?: "left" | "center" | "right"; leading?: number } = {}): void {
    const leading = opts.leading ?? size * 1.75;
    const indent = opts.indent ?? 0;
    let lines = wrapText(text, size, TEXT_W, indent);
    // A centred title breaks into balanced lines rather than leaving one character behind.
    if (opts.align === "center" && lines.length === 2) {
      const chars = [...text];
      const half = Math.ceil(chars.length / 2);
      lines = [chars.slice(0, half).join(""), chars.slice(half).join("")];
    }
    lines.forEach((ln, i) => {
      this.ensure(leading);
      this.y -= leading;
      const w = textWidth(ln, size);
      const x = opts.align === "center" ? MARGIN_X + (TEXT_W - w) / 2 : opts.align === "right" ? MARGIN_X + TEXT_W - w : MARGIN_X + (i === 0 ? indent : 0);
      this.text(x, this.y + (leading - size) / 2, size, ln);
    });
  }

  table(grid: Grid, size: number, headerSize: number): void {
    const total = grid.colWidths.reduce((a, b) => a + b, 0);
    const widths = grid.colWidths.map((w) => (w / total) * TEXT_W);
    const xs = [MARGIN_X];
    for (const w of widths) xs.push((xs[xs.length - 1] ?? MARGIN_X) + w);
    const pad = 2;
    const slots = occupancy(grid);
    const colOf = new Map<object, number>();
    slots.forEach((row) => row.forEach((s, c) => s.origin && colOf.set(s.cell, c)));
    const cellLines = new Map<object, { lines: string[]; size: number }>();
    for (const row of grid.rows) {
      for (const cell of row) {
        const c = colOf.get(cell) ?? 0;
        const w = (xs[c + cell.colSpan] ?? 0) - (xs[c] ?? 0) - 2 * pad;
        const sz = cell.header ? headerSize : size;
        const lines = cell.text.split("\n").flatMap((part) => wrapText(part, sz, w));
        cellLines.set(cell, { lines, size: sz });
      }
    }
    const lh = (sz: number) => sz * 1.3;
    // Row heights from single-row cells; rowspan cells stretch their last row if they need to.
    const heights = grid.rows.map((row) =>
      Math.max(lh(size) + 2 * pad, ...row.filter((c) => c.rowSpan === 1).map((c) => {
        const l = cellLines.get(c);
        return l ? l.lines.length * lh(l.size) + 2 * pad : 0;
      })),
    );
    grid.rows.forEach((row, r) => {
      for (const cell of row) {
        if (cell.rowSpan === 1) continue;
        const l = cellLines.get(cell);
        if (!l) continue;
        const need = l.lines.length * lh(l.size) + 2 * pad;
        const have = heights.slice(r, r + cell.rowSpan).reduce((a, b) => a + b, 0);
        const lastRow = r + cell.rowSpan - 1;
        if (need > have) heights[lastRow] = (heights[lastRow] ?? 0) + need - have;
      }
    });
    const right = xs[xs.length - 1] ?? MARGIN_X + TEXT_W;
    let firstOnPage = true;
    const closePage = () => this.line(MARGIN_X, this.y, right, this.y);
    grid.rows.forEach((row, r) => {
      const h = heights[r] ?? 0;
      // Keep the header with the first data row, and a rowspan label with its second row.
      let keep = h;
      if (r < grid.headerRows) keep = heights.slice(r, grid.headerRows + 1).reduce((a, b) => a + b, 0);
      else if (row.some((c) => c.rowSpan > 1)) keep = h + (heights[r + 1] ?? 0);
      if (this.y - keep < MARGIN_BOTTOM && !firstOnPage) {
        closePage();
        this.newPage();
        firstOnPage = true;
      } else if (this.y - keep < MARGIN_BOTTOM) {
        this.newPage();
      }
      const top = this.y;
      const bottom = top - h;
      const slotRow = slots[r] ?? [];
      slotRow.forEach((s, c) => {
        const x0 = xs[c] ?? 0;
        const x1 = xs[c + 1] ?? 0;
        if (s.firstRow || firstOnPage) this.line(x0, top, x1, top);
        if (s.firstCol) this.line(x0, top, x0, bottom);
      });
      this.line(right, top, right, bottom);
      for (const cell of row) {
        const c = colOf.get(cell) ?? 0;
        const l = cellLines.get(cell);
        if (!l) continue;
        const x0 = (xs[c] ?? 0) + pad;
        const w = (xs[c + cell.colSpan] ?? 0) - (xs[c] ?? 0) - 2 * pad;
        // Row labels of 表三 read left-aligned; headers and figures are centred.
        const leftAligned = grid.table === "t3" && r >= grid.headerRows && c < 3;
        l.lines.forEach((ln, i) => {
          const tw = textWidth(ln, l.size);
          const x = leftAligned ? x0 : x0 + Math.max(0, (w - tw) / 2);
          this.text(x, top - pad - (i + 1) * lh(l.size) + (lh(l.size) - l.size) / 2 + 1, l.size, ln);
        });
      }
      this.y = bottom;
      firstOnPage = false;
    });
    closePage();
  }
}

// ───────────────────────────── PDF objects ─────────────────────────────

function num(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}

/** UTF-16BE with BOM as a PDF hex string, for the Info dictionary. */
function pdfTextString(s: string): string {
  let out = "<FEFF";
  for (let i = 0; i < s.length; i++) out += hex4(s.charCodeAt(i)).toUpperCase();
  return `${out}>`;
}

function pdfDate(iso: string | null, year: number): string {
  const d = (iso ?? `${year + 1}-01-15`).replace(/-/g, "");
  return `(D:${d}093000+08'00')`;
}

class PdfWriter {
  private parts: Uint8Array[] = [];
  private length = 0;
  private offsets: number[] = [];
  private enc = new TextEncoder();

  constructor(private readonly deflate: (data: Uint8Array) => Uint8Array) {
    this.raw(this.enc.encode("%PDF-1.5\n"));
    this.raw(new Uint8Array([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  }

  private raw(b: Uint8Array): void {
    this.parts.push(b);
    this.length += b.length;
  }

  /** Reserves object numbers up front so objects can refer to each other. */
  reserve(): number {
    this.offsets.push(-1);
    return this.offsets.length;
  }

  object(id: number, body: string): void {
    this.offsets[id - 1] = this.length;
    this.raw(this.enc.encode(`${id} 0 obj\n${body}\nendobj\n`));
  }

  stream(id: number, dict: string, data: Uint8Array, compress: boolean): void {
    const bytes = compress ? this.deflate(data) : data;
    this.offsets[id - 1] = this.length;
    const filter = compress ? " /Filter /FlateDecode" : "";
    this.raw(this.enc.encode(`${id} 0 obj\n<< ${dict}${filter} /Length ${bytes.length} >>\nstream\n`));
    this.raw(bytes);
    this.raw(this.enc.encode("\nendstream\nendobj\n"));
  }

  finish(rootId: number, infoId: number): Uint8Array {
    const xrefAt = this.length;
    const lines = [`xref\n0 ${this.offsets.length + 1}\n0000000000 65535 f \n`];
    for (const off of this.offsets) lines.push(`${String(Math.max(off, 0)).padStart(10, "0")} 00000 n \n`);
    lines.push(`trailer\n<< /Size ${this.offsets.length + 1} /Root ${rootId} 0 R /Info ${infoId} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    this.raw(this.enc.encode(lines.join("")));
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function toUnicodeCMap(map: Map<number, number>): string {
  const entries = [...map.entries()].sort((a, b) => a[0] - b[0]);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([cid, u]) => `<${hex4(cid)}> <${u > 0xffff ? surrogates(u) : hex4(u)}>`).join("\n")}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
${blocks.join("\n")}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

function surrogates(u: number): string {
  const v = u - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}

const TABLE_OF: Partial<Record<number, TableName>> = { 2: "t2", 3: "t3", 4: "t4" };

/** Lays the report out on A4 pages: one list of drawing operations per page. */
export function layoutPdf(model: ReportModel): Op[][] {
  const style = styleOf(model);
  const p = (s: string) => applyPunct(s, style);
  const L = new Layout();
  L.paragraph(p(titleOf(model)), 16, { align: "center", leading: 26 });
  L.y -= 8;
  const body = 10.5;
  for (const para of paragraphs(model.preamble)) L.paragraph(p(para), body, { indent: 2 * body });
  for (const n of [1, 2, 3, 4, 5, 6] as const) {
    L.paragraph(p(sectionHeading(model, n)), 11, { indent: 2 * body, leading: 22 });
    for (const para of paragraphs(model.sections[n])) L.paragraph(p(para), body, { indent: 2 * body });
    const table = TABLE_OF[n];
    if (table) {
      L.y -= 4;
      L.table(tableGrid(table, model, style), table === "t2" ? 9 : 8, table === "t4" ? 7 : table === "t3" ? 7.5 : 9);
      L.y -= 6;
    }
  }
  if (model.issuer) {
    L.y -= 12;
    L.paragraph(p(model.issuer), body, { align: "right" });
  }
  if (model.publishedOn) L.paragraph(chineseDate(model.publishedOn), body, { align: "right" });
  return L.pages;
}

export interface PdfOptions {
  /**
   * zlib (RFC 1950) compressor for the streams. Default: fflate's zlibSync. A CLI may pass
   * node:zlib's deflateSync, which is faster; the bytes then differ (both are deterministic).
   */
  deflate?: (data: Uint8Array) => Uint8Array;
}

export function renderPdf(model: ReportModel, opts: PdfOptions = {}): Uint8Array {
  const pages = layoutPdf(model);
  const enc = new TextEncoder();
  const w = new PdfWriter(opts.deflate ?? ((d) => zlibSync(d, { level: 6 })));
  const catalogId = w.reserve();
  const pagesId = w.reserve();
  const fontId = w.reserve();
  const cidFontId = w.reserve();
  const descId = w.reserve();
  const toUniId = w.reserve();
  const infoId = w.reserve();
  const pageIds = pages.map(() => ({ page: w.reserve(), content: w.reserve() }));
  const used = new Map<number, number>();

  const hexOf = new Map<string, string>();
  const encode = (s: string): string => {
    let out = "";
    for (const ch of s) {
      let h = hexOf.get(ch);
      if (h === undefined) {
        const cid = cidOf(ch);
        if (!used.has(cid)) used.set(cid, cid === QUESTION_CID && ch !== "?" ? 0x3f : (ch.codePointAt(0) ?? 0x3f));
        h = hex4(cid);
        hexOf.set(ch, h);
      }
      out += h;
    }
    return out;
  };

  pages.forEach((ops, i) => {
    const footer = `— ${i + 1} —`;
    const all: Op[] = [...ops, { kind: "text", x: (PAGE_W - textWidth(footer, 9)) / 2, y: 32, size: 9, text: footer }];
    // Rules first as one path, then all text in one BT block (font set only when the size changes).
    const content: string[] = ["0.5 w 0 G"];
    for (const op of all) if (op.kind === "line") content.push(`${num(op.x1)} ${num(op.y1)} m ${num(op.x2)} ${num(op.y2)} l`);
    if (content.length > 1) content.push("S");
    content.push("BT");
    let size = -1;
    for (const op of all) {
      if (op.kind !== "text") continue;
      if (op.size !== size) {
        content.push(`/F1 ${num(op.size)} Tf`);
        size = op.size;
      }
      content.push(`1 0 0 1 ${num(op.x)} ${num(op.y)} Tm <${encode(op.text)}> Tj`);
    }
    content.push("ET");
    const ids = pageIds[i];
    if (!ids) return;
    w.stream(ids.content, "", enc.encode(content.join("\n")), true);
    w.object(ids.page, `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${num(PAGE_W)} ${num(PAGE_H)}] /Resources << /Font << /F1 ${fontId} 0 R >> /ProcSet [/PDF /Text] >> /Contents ${ids.content} 0 R >>`);
  });

  w.object(catalogId, `<< /Type /Catalog /Pages ${pagesId} 0 R /Lang (zh-CN) >>`);
  w.object(pagesId, `<< /Type /Pages /Kids [${pageIds.map((p) => `${p.page} 0 R`).join(" ")}] /Count ${pageIds.length} >>`);
  w.object(fontId, `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [${cidFontId} 0 R] /ToUnicode ${toUniId} 0 R >>`);
  w.object(cidFontId, `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descId} 0 R /DW 1000 /W [1 95 500] >>`);
  w.object(descId, `<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>`);
  w.stream(toUniId, "", enc.encode(toUnicodeCMap(used)), true);
  const author = model.issuer ?? printedNameOf(model);
  w.object(infoId, `<< /Title ${pdfTextString(titleOf(model))} /Author ${pdfTextString(author)} /Creator (Microsoft Word) /Producer (Gongkai demo renderer) /CreationDate ${pdfDate(model.publishedOn, model.year)} >>`);
  return w.finish(catalogId, infoId);
}
