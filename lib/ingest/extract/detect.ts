/**
 * Format sniffing, input limits and charset decoding shared by the surface extractors, plus the
 * one place that turns blocks into an ExtractedDocument (so every format numbers lines the same way).
 * Pure: bytes in, values out.
 */
import { MAX_UPLOAD_BYTES, tooLargeMessage } from "../../http/upload-limit";
import iconv from "iconv-lite";
import { issue, type ParseIssue, type SourceLoc } from "../issues";
import type { Block, ExtractedDocument, SurfaceFormat, TableCell } from "./types";

/** Per-file cap, matching the web upload limit; checked before any decoding. */
export const MAX_INPUT_BYTES = MAX_UPLOAD_BYTES;

export type SniffedFormat = SurfaceFormat | "unsupported";

export interface SniffResult {
  format: SniffedFormat;
  /** Why the input cannot be read (too_large, empty_document, unsupported_format, binary_content). */
  issue: ParseIssue | null;
}

const SAVE_AS = "save it as DOCX or PDF (另存为 DOCX 或 PDF) and upload that instead";

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  const stop = Math.min(end, bytes.length);
  for (let i = Math.max(0, start); i < stop; i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

/** Byte search for an ASCII needle (zip entry names are stored uncompressed). */
export function containsAscii(bytes: Uint8Array, needle: string, from = 0, to = bytes.length): boolean {
  const first = needle.charCodeAt(0);
  const n = needle.length;
  const stop = Math.min(to, bytes.length) - n;
  outer: for (let i = Math.max(0, from); i <= stop; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < n; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

function extension(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m?.[1]?.toLowerCase() ?? "";
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
const ZIP = [0x50, 0x4b, 0x03, 0x04] as const;
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06] as const;

/** Container and image signatures we refuse, each with the advice shown to the user. */
const REFUSED: ReadonlyArray<{ magic: readonly number[]; at?: number; what: string }> = [
  { magic: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: "a TIFF image (save the scan as PDF, PNG or JPEG)" },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: "a TIFF image (save the scan as PDF, PNG or JPEG)" },
  { magic: [0x57, 0x45, 0x42, 0x50], at: 8, what: "a WebP image" },
  { magic: [0x1f, 0x8b], what: "a gzip archive" },
  { magic: [0x52, 0x61, 0x72, 0x21], what: "a RAR archive" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a 7z archive" },
];

function refuse(what: string): SniffResult {
  return { format: "unsupported", issue: issue("unsupported_format", "error", `This file is ${what}; ${SAVE_AS}.`) };
}

/** UTF-16LE bytes of an ASCII name, as OLE directory entries store stream names. */
function utf16(name: string): string {
  return Array.from(name, (ch) => `${ch}\0`).join("");
}

/**
 * An OLE compound file (Word 97–2003, WPS Writer, Excel, PowerPoint): a Word-compatible document has
 * a "WordDocument" stream; WPS Writer saves the same binary format under .wps.
 */
function sniffOle(bytes: Uint8Array, ext: string): SniffResult {
  if (containsAscii(bytes, utf16("WordDocument"))) return { format: ext === "wps" ? "wps" : "doc", issue: null };
  if (ext === "wps") return { format: "wps", issue: null }; // Works/WPS variants: LibreOffice decides
  if (containsAscii(bytes, utf16("Workbook")) || containsAscii(bytes, utf16("Book"))) return refuse("an old Excel/WPS spreadsheet (.xls/.et)");
  if (containsAscii(bytes, utf16("PowerPoint Document"))) return refuse("an old PowerPoint file (.ppt)");
  return refuse("an old Office/WPS binary file that is not a word-processing document");
}

/**
 * Decides which surface format a file is, from its bytes first and its name second.
 * Order: size cap, empty, PDF magic, ZIP (DOCX, ODT), OLE (DOC, WPS), RTF, PNG/JPEG, refused
 * signatures, then text-like content (HTML, markdown pipe tables, plain text); anything else is
 * binary. DOC/WPS/RTF/ODT and images are recognised here; whether they can be read depends on the
 * tools given to extractDocument (LibreOffice, Tesseract).
 */
export function detectFormat(bytes: Uint8Array, fileName: string, sizeBytes: number = bytes.length): SniffResult {
  if (bytes.length > MAX_INPUT_BYTES || sizeBytes > MAX_INPUT_BYTES) {
    return { format: "unsupported", issue: issue("too_large", "error", tooLargeMessage(Math.max(sizeBytes, bytes.length))) };
  }
  if (bytes.length === 0) return { format: "text", issue: issue("empty_document", "error", "The file is empty.") };

  const ext = extension(fileName);
  // PDF: readers accept the header after a little junk in the first 1024 bytes; we do too when the name says .pdf.
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) || (ext === "pdf" && containsAscii(bytes, "%PDF-", 0, 1024))) {
    return { format: "pdf", issue: null };
  }

  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) {
    if (containsAscii(bytes, "word/document.xml")) return { format: "docx", issue: null };
    if (containsAscii(bytes, "xl/workbook.xml")) return refuse("an Excel workbook (.xlsx)");
    if (containsAscii(bytes, "ppt/presentation.xml")) return refuse("a PowerPoint file (.pptx)");
    if (containsAscii(bytes, "OFD.xml")) return refuse("an OFD document");
    if (containsAscii(bytes, "application/vnd.oasis.opendocument.text")) return { format: "odt", issue: null };
    if (containsAscii(bytes, "application/vnd.oasis.opendocument")) return refuse("an OpenDocument spreadsheet or presentation (.ods/.odp)");
    return refuse("a ZIP archive without a Word document inside");
  }
  if (startsWith(bytes, OLE)) return sniffOle(bytes, ext);
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return { format: "rtf", issue: null };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: "image", issue: null };
  for (const r of REFUSED) if (startsWith(bytes, r.magic, r.at ?? 0)) return refuse(r.what);

  // Named like an Office binary but not one: renamed or damaged.
  if (ext === "doc" || ext === "xls" || ext === "wps" || ext === "et") return refuse(`named .${ext} but not an Office/WPS binary file (damaged or renamed?)`);

  const head = ascii(bytes, 0, 512);
  if (/^MIME-Version:/im.test(head) && /multipart\/related/i.test(ascii(bytes, 0, 4096))) return refuse("an MHT web archive");

  if (!looksLikeText(bytes)) {
    return { format: "unsupported", issue: issue("binary_content", "error", "The file is not a document we can read (binary content).") };
  }
  const probe = decodeBytes(bytes.subarray(0, 64 * 1024)).text;
  if (isHtmlText(probe.slice(0, 1024)) || ((ext === "html" || ext === "htm" || ext === "shtml" || ext === "xhtml") && /<[a-z]/i.test(probe))) {
    return { format: "html", issue: null };
  }
  if (ext === "md" || ext === "markdown" || hasPipeTable(probe)) return { format: "markdown", issue: null };
  return { format: "text", issue: null };
}

/** The sniffed format alone; see detectFormat for the reason when it is "unsupported". */
export function sniffFormat(bytes: Uint8Array, fileName: string): SniffedFormat {
  return detectFormat(bytes, fileName).format;
}

export function isHtmlText(head: string): boolean {
  return /<!doctype\s+html|<html[\s>]|<table[\s>]|<head[\s>]|<body[\s>]/i.test(head.replace(/^\uFEFF/, ""));
}

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/;

/** True when some line starting with "|" is directly followed by a `|---|---|` separator row. */
export function hasPipeTable(text: string): boolean {
  const lines = text.split(/\r?\n/, 20000);
  for (let i = 0; i + 1 < lines.length; i++) {
    if (PIPE_ROW.test(lines[i] ?? "") && PIPE_SEPARATOR.test(lines[i + 1] ?? "")) return true;
  }
  return false;
}

export function isPipeSeparator(line: string): boolean {
  return PIPE_SEPARATOR.test(line);
}

// ───────────────────────────── decoding ─────────────────────────────

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/**
 * Share of non-ASCII characters that belong where Chinese report text lives (CJK ideographs,
 * CJK and full-width punctuation, general punctuation). Mis-decoded bytes land elsewhere.
 */
export function plausibleChineseRatio(text: string): number {
  let nonAscii = 0;
  let good = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) continue;
    nonAscii++;
    if (
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0x3000 && cp <= 0x303f) ||
      (cp >= 0xff00 && cp <= 0xffef) ||
      (cp >= 0x2000 && cp <= 0x206f) ||
      (cp >= 0x2460 && cp <= 0x24ff) || // circled numbers ①
      (cp >= 0x2160 && cp <= 0x217f) || // Roman numerals Ⅱ
      cp === 0x00b7 ||
      cp === 0x00a0 ||
      cp === 0x00d7 ||
      cp === 0x2116
    ) {
      good++;
    }
  }
  return nonAscii === 0 ? 1 : good / nonAscii;
}

/** Control bytes other than tab/newline/form feed/carriage return/escape mean binary. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.length === 0) return false;
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return true;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  if (control / sample.length > 0.01) return false;
  // A cut-off multi-byte sequence at the sample edge is fine: trim up to 3 bytes before testing.
  for (let cut = 0; cut <= 3 && cut < sample.length; cut++) {
    if (isValidUtf8(sample.subarray(0, sample.length - cut))) return true;
  }
  return plausibleChineseRatio(iconv.decode(Buffer.from(sample), "gb18030")) >= 0.9;
}

/** Canonical charset names for the labels seen on Chinese government sites. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (l === "") return null;
  if (["utf-8", "utf8", "unicode-1-1-utf-8"].includes(l)) return "utf-8";
  if (["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "ms936", "euc-cn", "csgb2312", "chinese", "iso-ir-58", "gb_2312-80"].includes(l)) return "gb18030";
  if (["big5", "big5-hkscs", "x-x-big5", "cn-big5"].includes(l)) return "big5";
  if (["utf-16", "utf-16le"].includes(l)) return "utf-16le";
  if (l === "utf-16be") return "utf-16be";
  if (iconv.encodingExists(l)) return l;
  return null;
}

export interface DecodedText {
  text: string;
  /** The charset actually used: utf-8, gb18030, big5, utf-16le… */
  encoding: string;
  issues: ParseIssue[];
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === "utf-8") return new TextDecoder("utf-8").decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/**
 * Decodes bytes: a BOM wins; then the declared charset, cross-checked against the bytes (GBK pages
 * labelled UTF-8 are common); then sniffing (valid UTF-8 → utf-8, else GB18030). GBK and GB2312 are
 * decoded as GB18030, their superset. Guesses that may be wrong add `encoding_uncertain`.
 */
export function decodeBytes(bytes: Uint8Array, declaredLabel?: string | null): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: decodeWith(bytes.subarray(3), "utf-8"), encoding: "utf-8", issues: [] };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le", issues: [] };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be", issues: [] };

  const declared = normalizeCharset(declaredLabel);
  const issues: ParseIssue[] = [];
  if (declaredLabel && !declared) {
    issues.push(issue("encoding_uncertain", "warning", `Unknown charset "${declaredLabel}"; the encoding was guessed.`));
  }
  const utf8 = isValidUtf8(bytes);
  const high = hasHighBytes(bytes);

  if (declared === "utf-8" || declared === null) {
    if (utf8 || !high) return { text: decodeWith(bytes, "utf-8"), encoding: "utf-8", issues };
    const gb = decodeWith(bytes, "gb18030");
    const ratio = plausibleChineseRatio(gb);
    if (ratio >= 0.9) {
      if (declared === "utf-8") {
        issues.push(issue("encoding_uncertain", "warning", "The page says UTF-8 but its bytes are not valid UTF-8; decoded as GB18030 (GBK)."));
      }
      return { text: gb, encoding: "gb18030", issues };
    }
    issues.push(issue("encoding_uncertain", "warning", "The bytes are neither valid UTF-8 nor plausible GBK; some characters may be wrong."));
    return declared === "utf-8" ? { text: decodeWith(bytes, "utf-8"), encoding: "utf-8", issues } : { text: gb, encoding: "gb18030", issues };
  }

  if (declared === "gb18030" && high && utf8) {
    // GBK text is almost never valid UTF-8 by accident; trust the bytes over the label.
    const text = decodeWith(bytes, "utf-8");
    if (plausibleChineseRatio(text) >= 0.9) {
      issues.push(issue("encoding_uncertain", "warning", `The page says ${declaredLabel ?? "GBK"} but its bytes are UTF-8; decoded as UTF-8.`));
      return { text, encoding: "utf-8", issues };
    }
  }
  const text = decodeWith(bytes, declared);
  if (declared === "gb18030" && plausibleChineseRatio(text) < 0.9) {
    issues.push(issue("encoding_uncertain", "warning", "Decoded as GB18030, but many characters look wrong."));
  }
  return { text, encoding: declared, issues };
}

// ───────────────────────────── document assembly ─────────────────────────────

/** Whitespace that HTML, DOCX and PDFs use for blank or padded cells, including &nbsp; and U+3000. */
const WS = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

/** Collapses whitespace runs (incl. &nbsp;, ideographic space, zero-width space) and trims. */
export function cleanText(s: string): string {
  return s.replace(WS, " ").trim();
}

/** Joins two pieces of one label or paragraph: nothing between CJK characters, else one space. */
export function joinPieces(a: string, b: string): string {
  if (a === "") return b;
  if (b === "") return a;
  const last = a.charCodeAt(a.length - 1);
  const first = b.charCodeAt(0);
  const cjk = (c: number) => (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef);
  return cjk(last) || cjk(first) ? a + b : `${a} ${b}`;
}

/**
 * Builds the document: `text` is the blocks joined by newlines (a text block is one line, a table
 * row is one line with cells joined by " | "), and every block and cell gets the 1-based `line` and
 * the character `offset` of its text there; tables get their 0-based `table` index.
 */
export function assembleDocument(
  format: SurfaceFormat,
  blocks: Block[],
  meta: ExtractedDocument["meta"],
  issues: ParseIssue[],
): ExtractedDocument {
  const lines: string[] = [];
  let offset = 0;
  let tableIndex = 0;
  const out: Block[] = [];
  const pushLine = (s: string): { line: number; offset: number } => {
    const at = { line: lines.length + 1, offset };
    lines.push(s);
    offset += s.length + 1;
    return at;
  };
  for (const block of blocks) {
    if (block.kind === "text") {
      const text = block.text.replace(/[\r\n]+/g, " ");
      if (text.trim() === "") continue;
      const at = pushLine(text);
      out.push({ kind: "text", text, loc: { ...block.loc, ...at }, ...(block.lines ? { lines: block.lines } : {}) });
      continue;
    }
    if (block.cells.length === 0) continue;
    const table = tableIndex++;
    const cells: TableCell[] = [];
    let firstLine: { line: number; offset: number } | null = null;
    let i = 0;
    while (i < block.cells.length) {
      // One line per row; cells without a row number each get their own line.
      const row = block.cells[i]?.row ?? null;
      let j = i + 1;
      while (row !== null && j < block.cells.length && block.cells[j]?.row === row) j++;
      const rowCells = block.cells.slice(i, j);
      const lineStart = offset;
      const at = pushLine(rowCells.map((c) => c.text).join(" | "));
      firstLine ??= at;
      let cursor = lineStart;
      for (const cell of rowCells) {
        const loc: SourceLoc = { ...cell.loc, table, line: at.line, offset: cursor };
        if (cell.row !== null) loc.row = cell.row;
        if (cell.col !== null) loc.col = cell.col;
        cells.push({ ...cell, loc });
        cursor += cell.text.length + 3;
      }
      i = j;
    }
    out.push({ kind: "table", cells, gridKnown: block.gridKnown, loc: { ...block.loc, table, ...(firstLine ?? {}) } });
  }
  const allIssues = [...issues];
  if (out.length === 0 && !allIssues.some((i) => i.severity === "error")) {
    allIssues.push(issue("empty_document", "error", "No readable text was found in the document."));
  }
  return { format, blocks: out, text: lines.join("\n"), meta, issues: allIssues };
}

/** The document for input we could not read: no blocks, one issue. */
export function failedDocument(format: SurfaceFormat, problem: ParseIssue, meta: ExtractedDocument["meta"] = {}): ExtractedDocument {
  return { format, blocks: [], text: "", meta, issues: [problem] };
}

/** Turns anything thrown into an extract_failed issue message, without the stack. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.slice(0, 300);
  return String(err).slice(0, 300);
}
