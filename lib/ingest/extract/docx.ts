/**
 * Word documents (.docx). The ZIP's central directory is read first and every entry's declared
 * size is checked before anything is inflated: an entry or a total above the limits, too many
 * entries, or an absurd compression ratio is refused as `archive_bomb`. The parts we need are then
 * inflated as a stream that stops as soon as the output passes the declared size, so a lying
 * header cannot expand (or spin the CPU) past it. The main part (word/document.xml) is parsed in
 * XML mode: paragraphs become text blocks, tables become grids with gridSpan (colspan) and
 * vMerge (rowspan).
 */
import { Inflate } from "fflate";
import { Parser } from "htmlparser2";
import { issue, type ParseIssue } from "../issues";
import { assembleDocument, cleanText, describeError, failedDocument, sniffFormat } from "./detect";
import type { Block, ExtractedDocument, Extractor, TableCell } from "./types";

/** Limits on declared (uncompressed) sizes, checked from the central directory before inflating. */
export const DOCX_LIMITS = {
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntries: 5000,
  /** Uncompressed/compressed ratio above which a large entry is treated as a bomb. */
  maxRatio: 100,
  ratioAppliesAbove: 1024 * 1024,
} as const;

const MAIN_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MAX_DEPTH = 512;
/** Compressed bytes fed to the inflater per step: bounds the output of one step to ~4 MB. */
const INFLATE_STEP = 4096;

class ArchiveBombError extends Error {}
class ZipFormatError extends Error {}

interface XEl {
  name: string;
  attrs: Record<string, string>;
  children: Array<XEl | string>;
  hasTable: boolean;
}

// ───────────────────────────── zip ─────────────────────────────

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function u16(b: Uint8Array, i: number): number {
  if (i < 0 || i + 2 > b.length) throw new ZipFormatError("truncated ZIP structure");
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, i: number): number {
  if (i < 0 || i + 4 > b.length) throw new ZipFormatError("truncated ZIP structure");
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16)) + (b[i + 3] ?? 0) * 0x1000000;
}
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

/**
 * The central directory: every entry's name, method, sizes and local header offset, with the
 * declared-size limits enforced entry by entry (ArchiveBombError) before any data is touched.
 */
export function readZipDirectory(b: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no ZIP end-of-directory record (truncated or not a ZIP)");
  let count = u16(b, eocd + 10);
  let offset = u32(b, eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
    const z = u64(b, eocd - 12);
    if (u32(b, z) !== 0x06064b50) throw new ZipFormatError("bad ZIP64 end-of-directory record");
    count = u64(b, z + 32);
    offset = u64(b, z + 48);
  }
  if (count > DOCX_LIMITS.maxEntries) throw new ArchiveBombError(`the archive lists ${count} entries (limit ${DOCX_LIMITS.maxEntries})`);
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (u32(b, p) !== 0x02014b50) throw new ZipFormatError("bad ZIP central directory");
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLength = u16(b, p + 28);
    const extraLength = u16(b, p + 30);
    const commentLength = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    const name = new TextDecoder("utf-8").decode(b.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 sizes live in extra field 0x0001, in this order, only for the fields set to 0xFFFFFFFF.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(b, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    total += size;
    if (size > DOCX_LIMITS.maxEntryBytes) {
      throw new ArchiveBombError(`entry ${name.slice(0, 80)} declares ${(size / 1048576).toFixed(0)} MB uncompressed (limit ${DOCX_LIMITS.maxEntryBytes / 1048576} MB)`);
    }
    if (total > DOCX_LIMITS.maxTotalBytes) throw new ArchiveBombError(`the entries declare more than ${DOCX_LIMITS.maxTotalBytes / 1048576} MB uncompressed`);
    if (size > DOCX_LIMITS.ratioAppliesAbove && size / Math.max(1, compressedSize) > DOCX_LIMITS.maxRatio) {
      throw new ArchiveBombError(`entry ${name.slice(0, 80)} would expand ${Math.round(size / Math.max(1, compressedSize))}× (limit ${DOCX_LIMITS.maxRatio}×)`);
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** Inflates one entry, stopping as soon as the output passes its declared size. */
export function readZipEntry(b: Uint8Array, entry: ZipEntry): Uint8Array {
  if (u32(b, entry.localOffset) !== 0x04034b50) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const start = entry.localOffset + 30 + u16(b, entry.localOffset + 26) + u16(b, entry.localOffset + 28);
  const data = b.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw new ZipFormatError(`${entry.name} is truncated`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipFormatError(`${entry.name}: stored sizes disagree`);
    return data.slice();
  }
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}`);
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > entry.size) throw new ArchiveBombError(`entry ${entry.name.slice(0, 80)} expands beyond its declared ${entry.size} bytes`);
    out.set(chunk, written);
    written += chunk.length;
  });
  for (let i = 0; i < data.length; i += INFLATE_STEP) {
    inflater.push(data.subarray(i, Math.min(data.length, i + INFLATE_STEP)), i + INFLATE_STEP >= data.length);
  }
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  return out.subarray(0, written);
}

/** The main document part named by _rels/.rels (officeDocument relationship), else word/document.xml. */
function mainPartName(rels: Uint8Array | undefined): string {
  if (!rels) return "word/document.xml";
  const xml = new TextDecoder("utf-8").decode(rels);
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue;
    const target = /Target="([^"]+)"/.exec(tag)?.[1];
    if (target) return target.replace(/^\//, "");
  }
  return "word/document.xml";
}

// ───────────────────────────── xml tree ─────────────────────────────

function parseXml(xml: string): XEl {
  const root: XEl = { name: "#root", attrs: {}, children: [], hasTable: false };
  const stack: XEl[] = [root];
  let virtual = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (stack.length > MAX_DEPTH) {
          virtual++;
          return;
        }
        const el: XEl = { name, attrs, children: [], hasTable: false };
        stack[stack.length - 1]?.children.push(el);
        stack.push(el);
      },
      ontext(text) {
        const top = stack[stack.length - 1];
        if (!top) return;
        const last = top.children[top.children.length - 1];
        if (typeof last === "string") top.children[top.children.length - 1] = last + text;
        else top.children.push(text);
      },
      onclosetag() {
        if (virtual > 0) {
          virtual--;
          return;
        }
        if (stack.length <= 1) return;
        const el = stack.pop();
        const parent = stack[stack.length - 1];
        if (el && parent && (el.name.endsWith(":tbl") || el.name === "tbl" || el.hasTable)) parent.hasTable = true;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return root;
}

/** Element names are compared with the prefix the document binds to the WordprocessingML namespace. */
class Names {
  constructor(private readonly prefix: string) {}
  is(el: XEl, local: string): boolean {
    return el.name === (this.prefix === "" ? local : `${this.prefix}:${local}`);
  }
  attr(el: XEl, local: string): string | undefined {
    return el.attrs[this.prefix === "" ? local : `${this.prefix}:${local}`] ?? el.attrs[local];
  }
  child(el: XEl, local: string): XEl | undefined {
    return el.children.find((c): c is XEl => typeof c !== "string" && this.is(c, local));
  }
}

function findPrefix(root: XEl): string {
  const doc = root.children.find((c): c is XEl => typeof c !== "string");
  if (!doc) return "w";
  for (const [k, v] of Object.entries(doc.attrs)) {
    if (v === MAIN_NS) return k === "xmlns" ? "" : k.replace(/^xmlns:/, "");
  }
  return "w";
}

// ───────────────────────────── content ─────────────────────────────

/** Elements whose text is not document text: deletions, field codes, duplicate fallbacks, properties. */
const SKIP_LOCAL = new Set(["delText", "instrText", "delInstrText", "rPr", "pPr", "tblPr", "trPr", "tcPr", "sectPr", "Fallback", "footnoteReference", "endnoteReference"]);

function localName(name: string): string {
  const i = name.indexOf(":");
  return i === -1 ? name : name.slice(i + 1);
}

/** The elements between a paragraph and a picture's wp:docPr / v:imagedata (runs, wrappers, drawings). */
const PICTURE_PATH = new Set(["r", "hyperlink", "smartTag", "sdt", "sdtContent", "ins", "customXml", "fldSimple", "AlternateContent", "Choice", "drawing", "inline", "anchor", "pict", "object", "shape", "group"]);

class DocxWalker {
  readonly blocks: Block[] = [];
  /** Pictures in the body's paragraphs (tables pasted as screenshots), in reading order. */
  readonly images: { src: string; alt: string; block: number }[] = [];
  constructor(private readonly n: Names) {}

  /** Drawings (wp:docPr) and VML pictures (v:imagedata) anchored in a paragraph. */
  private pictures(p: XEl): void {
    const visit = (el: XEl) => {
      for (const child of el.children) {
        if (typeof child === "string") continue;
        const local = localName(child.name);
        if (local === "docPr" || local === "imagedata") {
          const name = Object.entries(child.attrs).find(([k]) => localName(k) === "name" || localName(k) === "title")?.[1] ?? "";
          const alt = Object.entries(child.attrs).find(([k]) => localName(k) === "descr")?.[1] ?? "";
          if (this.images.length < 200) this.images.push({ src: (name || `图片 ${this.images.length + 1}`).slice(0, 100), alt: alt.slice(0, 100), block: this.blocks.length });
        } else if (PICTURE_PATH.has(local)) visit(child);
      }
    };
    visit(p);
  }

  /** Paragraph text with line breaks as "\n" and tabs as spaces. */
  paragraphText(p: XEl): string {
    let out = "";
    const walk = (node: XEl | string) => {
      if (typeof node === "string") return;
      const local = localName(node.name);
      if (SKIP_LOCAL.has(local)) return;
      if (this.n.is(node, "t")) {
        out += node.children.filter((c): c is string => typeof c === "string").join("");
        return;
      }
      if (this.n.is(node, "tab") || this.n.is(node, "ptab")) out += " ";
      else if (this.n.is(node, "br") || this.n.is(node, "cr")) out += "\n";
      else if (this.n.is(node, "noBreakHyphen")) out += "-";
      else if (this.n.is(node, "tbl")) return; // a table nested in a paragraph (text box) is walked separately
      for (const child of node.children) walk(child);
    };
    walk(p);
    return out;
  }

  /** Text of a table cell: its paragraphs (and any nested content) joined by spaces. */
  cellText(tc: XEl): string {
    const parts: string[] = [];
    const walk = (node: XEl) => {
      for (const child of node.children) {
        if (typeof child === "string") continue;
        if (this.n.is(child, "p")) parts.push(this.paragraphText(child));
        else if (!SKIP_LOCAL.has(localName(child.name))) walk(child);
      }
    };
    walk(tc);
    return cleanText(parts.join(" "));
  }

  /** Body-level content: paragraphs, tables, and the containers Word wraps them in (sdt, customXml). */
  flow(container: XEl): void {
    for (const child of container.children) {
      if (typeof child === "string") continue;
      if (this.n.is(child, "p")) {
        this.pictures(child);
        for (const line of this.paragraphText(child).split("\n")) {
          const text = cleanText(line);
          if (text !== "") this.blocks.push({ kind: "text", text, loc: {} });
        }
        // Text boxes anchored in the paragraph may hold tables.
        if (child.hasTable) this.flowNested(child);
      } else if (this.n.is(child, "tbl")) {
        this.table(child);
      } else if (!SKIP_LOCAL.has(localName(child.name))) {
        this.flow(child);
      }
    }
  }

  private flowNested(p: XEl): void {
    for (const child of p.children) {
      if (typeof child === "string") continue;
      if (this.n.is(child, "tbl")) this.table(child);
      else if (child.hasTable) this.flowNested(child);
    }
  }

  private rows(tbl: XEl): XEl[] {
    const rows: XEl[] = [];
    const visit = (el: XEl) => {
      for (const child of el.children) {
        if (typeof child === "string") continue;
        if (this.n.is(child, "tr")) rows.push(child);
        else if (!this.n.is(child, "tbl") && !SKIP_LOCAL.has(localName(child.name)) && !this.n.is(child, "tblGrid")) visit(child);
      }
    };
    visit(tbl);
    return rows;
  }

  private cells(tr: XEl): XEl[] {
    const cells: XEl[] = [];
    const visit = (el: XEl) => {
      for (const child of el.children) {
        if (typeof child === "string") continue;
        if (this.n.is(child, "tc")) cells.push(child);
        else if (!SKIP_LOCAL.has(localName(child.name))) visit(child); // sdt / customXml wrappers
      }
    };
    visit(tr);
    return cells;
  }

  private intVal(el: XEl | undefined, fallback: number): number {
    if (!el) return fallback;
    const n = Number.parseInt(this.n.attr(el, "val") ?? "", 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : fallback;
  }

  table(tbl: XEl): void {
    // A table whose cells hold tables is page layout: its cells flow, the inner tables are the data.
    // So is a table of one cell: a frame around the whole text (a web page saved as Word keeps its
    // layout table), whose paragraphs — title, preamble, pictures — are the document's own.
    const rows = this.rows(tbl);
    const oneCell = rows.length === 1 && this.cells(rows[0] as XEl).length === 1;
    if (tbl.hasTable || oneCell) {
      for (const tr of rows) for (const tc of this.cells(tr)) this.flow(tc);
      return;
    }
    const cells: TableCell[] = [];
    /** Open vertical merges by start column: the cell that a `vMerge` continue extends. */
    const open = new Map<number, TableCell>();
    rows.forEach((tr, r) => {
      const trPr = this.n.child(tr, "trPr");
      let col = trPr ? this.intVal(this.n.child(trPr, "gridBefore"), 0) : 0;
      let previous: TableCell | null = null;
      for (const tc of this.cells(tr)) {
        const tcPr = this.n.child(tc, "tcPr");
        const span = tcPr ? this.intVal(this.n.child(tcPr, "gridSpan"), 1) : 1;
        const vMerge = tcPr ? this.n.child(tcPr, "vMerge") : undefined;
        const vVal = vMerge ? (this.n.attr(vMerge, "val") ?? "continue") : null;
        const hMerge = tcPr ? this.n.child(tcPr, "hMerge") : undefined;
        const hVal = hMerge ? (this.n.attr(hMerge, "val") ?? "continue") : null;

        if (hVal === "continue" && previous) {
          // Legacy horizontal merge: widen the cell on the left instead of emitting a new one.
          previous.colSpan += span;
          col += span;
          continue;
        }
        const above = open.get(col);
        if (vVal === "continue" && above && above.row !== null && above.row + above.rowSpan === r && above.colSpan === span) {
          above.rowSpan++;
          previous = null;
          col += span;
          continue;
        }
        const cell: TableCell = { text: this.cellText(tc), row: r, col, rowSpan: 1, colSpan: span, loc: {} };
        cells.push(cell);
        if (vVal === "restart") open.set(col, cell);
        else open.delete(col);
        previous = cell;
        col += span;
      }
    });
    if (cells.some((c) => c.text !== "")) this.blocks.push({ kind: "table", cells, gridKnown: true, loc: {} });
  }
}

// ───────────────────────────── extractor ─────────────────────────────

/** Extracts a DOCX. Pure and synchronous; never throws. */
export function docxToDocument(bytes: Uint8Array): ExtractedDocument {
  try {
    const entries = readZipDirectory(bytes);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const rels = byName.get("_rels/.rels");
    const main = mainPartName(rels ? readZipEntry(bytes, rels) : undefined);
    const part = byName.get(main) ?? byName.get("word/document.xml");
    if (!part) return failedDocument("docx", issue("extract_failed", "error", "The DOCX has no main document part (word/document.xml)."));
    const root = parseXml(new TextDecoder("utf-8").decode(readZipEntry(bytes, part)));
    const names = new Names(findPrefix(root));
    const walker = new DocxWalker(names);
    const doc = root.children.find((c): c is XEl => typeof c !== "string");
    const body = doc ? names.child(doc, "body") : undefined;
    if (body) walker.flow(body);
    const issues: ParseIssue[] = [];
    return assembleDocument("docx", walker.blocks, { encoding: "utf-8", ...(walker.images.length > 0 ? { images: walker.images } : {}) }, issues);
  } catch (err) {
    if (err instanceof ArchiveBombError) {
      return failedDocument("docx", issue("archive_bomb", "error", `The DOCX was refused before unpacking: ${err.message}.`));
    }
    return failedDocument("docx", issue("extract_failed", "error", `The DOCX could not be read: ${describeError(err)}`));
  }
}

export function extractDocx(bytes: Uint8Array, _fileName = ""): Promise<ExtractedDocument> {
  return Promise.resolve(docxToDocument(bytes));
}

export const docxExtractor: Extractor = {
  format: "docx",
  canHandle: (bytes, fileName) => sniffFormat(bytes, fileName) === "docx",
  extract: extractDocx,
};
