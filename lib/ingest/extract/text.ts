/**
 * The flattened-text extractor: reports copied from a web page as text, tables flattened to one
 * cell per line ending in "|" (REPORT-FORMAT.md §1.9, the sample report).
 *
 * The cell rule, read off the sample:
 *   - A line ending in "|" is a table line. Its text up to the first "|" is one cell (trimmed,
 *     possibly empty). Text between two pipes on one line ("a | b |") is a further cell, and
 *     empty segments between two such cells are blank cells; a leading "|" before content
 *     ("| a | b |") opens the line rather than closing an empty cell.
 *   - Pipes after a line's last cell are row padding, not cells: after a row's last cell the
 *     sample always has (grid columns − cells in that row) pipes. 表二 has a 5-column grid
 *     ("第二十条第(一)项 |" then "||||"; "信息内容…现行有效件数 |" then "|"), 表三 a 10-column
 *     one ("申请人情况 | ||||||||", "33 | ||" closing an 8-cell row, "12 | |" a 9-cell one),
 *     表四 a 15-column one ("行政诉讼 | |||||||||||||"). No padding follows a table's last row.
 *   - The padding sits either on the row's last line (表三, 表四) or on a line of its own
 *     (表二). A line of pipes only is therefore one blank cell, except in a table whose padding
 *     stands on its own lines (no line carries padding after content, and some pipe-only line
 *     has several pipes): there the last line of each run of pipe-only lines before more cells
 *     is the padding and gives no cell ("MINUS ONE": a run of k such lines is k − 1 blanks).
 *     Where the rows add up to one grid width, cells are counted instead (paddingByGrid): a lone
 *     pipe is padding only where it completes its row, several pipes on a line always are.
 *   - Rows can also open with a lone pipe of their own (rowOpeners), and "| | label | …" lines
 *     carry empty cells under the group cells of the rows above: neither gives a cell.
 *   - A cell whose text ended in a line break leaves the next cell's pipe at the start of the next
 *     line: "信息内容 | 上一年项目数量" / "| 本年增/减" / "|" is one row, read as one line. In a table
 *     whose rows open with no pipe, "| 25 |" right after lone pipes closes the last blank cell
 *     (blankClosers) instead of opening a row.
 *   - A page flattened to one long line has its section headings put on lines of their own
 *     (splitInlineHeadings), the spaces around them becoming the line breaks.
 *   - Consecutive table lines form one TableBlock (blank lines do not break it); every other
 *     non-empty line is a TextBlock. The grid is unknown: row/col are null.
 */
import { MAX_UPLOAD_BYTES, tooLargeMessage } from "../../http/upload-limit";
import { issue, type ParseIssue } from "../issues";
import { decodeBytes } from "./detect";
import type { Block, ExtractedDocument, Extractor, PositionedLine, TableBlock, TableCell } from "./types";

/** Inputs above this size are refused (a report is a few hundred KB at most). */
export const TEXT_MAX_BYTES = MAX_UPLOAD_BYTES;

const TEXT_EXTENSIONS = /\.(txt|text)$/iu;
const OTHER_EXTENSIONS = /\.(html?|xhtml|pdf|docx?|md|markdown|xlsx?|zip|json|xml|rtf|png|jpe?g|gif)$/iu;

/** Bytes to text with the one charset sniffer every extractor shares (BOM, UTF-8, else GB18030). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string; issues: ParseIssue[] } {
  return decodeBytes(bytes);
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let nul = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) nul++;
  // UTF-16 text has many NULs but starts with a BOM, which decodeText handles first.
  const bom16 = n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  return !bom16 && nul > 0;
}

function startsWithAscii(bytes: Uint8Array, sig: string): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig.charCodeAt(i)) return false;
  return true;
}

function firstNonSpaceByte(bytes: Uint8Array): number {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  for (; i < Math.min(bytes.length, 512); i++) {
    const b = bytes[i] as number;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return -1;
}

const CELL_LINE = /\|[\s|]*$/u;
/** A row label, not a value: two Han characters or more ("无", "—" and numbers are values). */
const LABEL_TEXT = /\p{Script=Han}.*\p{Script=Han}/u;
const MARKDOWN_RULE = /^\|?\s*:?-{3,}/u;

/** Split one table line into cells (see the rule at the top of the file). */
export function splitCellLine(line: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || line[i] === "|") {
      if (i < line.length) parts.push({ text: line.slice(start, i).trim(), start });
      start = i + 1;
    }
  }
  // A "|" before content opens a markdown-like row, it does not close an empty cell.
  if (parts.length > 1 && parts[0]?.text === "" && parts.some((p) => p.text !== "")) {
    parts.shift();
    // "| | 2.其他法律行政法规禁止公开 | 0 |": the empty cells before a row's label stand under the
    // group cells of the rows above ((三)不予公开 spans them); they are no values of this row, nor
    // trailing values of the previous one. Only before a label: "| | 0 | 0 |" keeps its blank value.
    const first = parts.findIndex((p) => p.text !== "");
    if (first > 0 && LABEL_TEXT.test((parts[first] as { text: string }).text)) parts.splice(0, first);
  }
  let last = parts.length - 1;
  while (last > 0 && (parts[last] as { text: string }).text === "") last--;
  return parts.slice(0, last + 1);
}

interface CellLine {
  cells: { text: string; start: number }[];
  line: number;
  offset: number;
  pipeOnly: boolean;
  pipes: number;
  /** Pipes after content on the same line: the table keeps its padding inline. */
  inlinePadding: boolean;
  /** "| 25 |": the line opens with a pipe before its content. */
  leadPipe: boolean;
}

function cellLine(trimmed: string, line: number, offset: number): CellLine {
  const cells = splitCellLine(trimmed);
  let pipes = 0;
  for (let i = 0; i < trimmed.length; i++) if (trimmed[i] === "|") pipes++;
  const pipeOnly = cells.length === 1 && cells[0]?.text === "";
  const leadPipe = !pipeOnly && /^\|\s*[^\s|]/u.test(trimmed);
  return { cells, line, offset, pipeOnly, pipes, inlinePadding: !pipeOnly && pipes > cells.length, leadPipe };
}

/**
 * Lines opened by a pipe that close a blank cell rather than open a row: in a table whose rows do
 * not open with a pipe, "| 25 |" right after lone pipes is the last blank's pipe and the next value
 * ("一、本年新收… | 25 |", four "|", "| 25 |": a blank cell's line break left its pipe at the start
 * of the next cell's line). Null when some line opened by a pipe follows no lone pipe: there rows
 * open with pipes ("| 规章 | 0 |", markdown-like) and a leading pipe is no cell.
 */
function blankClosers(lines: readonly CellLine[]): Set<number> | null {
  const closers = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as CellLine;
    if (!l.leadPipe) continue;
    const prev = lines[i - 1];
    if (!prev || !prev.pipeOnly || prev.pipes !== 1) return null;
    closers.add(i);
  }
  return closers.size > 0 ? closers : null;
}

/**
 * Lone pipes that open a row: right after a line that closed its row with inline padding
 * ("第二十条第(一)项 | |||") and right before the next row's first cell. Some sites write each
 * table row as "|" on a line of its own, then one cell per line ("|" / "规章 |" / "0 |" …); a
 * closed row cannot take a blank cell, so such a pipe opens the next row. Counted, since one
 * could be a blank corner cell.
 */
function rowOpeners(lines: readonly CellLine[]): number {
  let n = 0;
  for (let i = 1; i + 1 < lines.length; i++) {
    const l = lines[i] as CellLine;
    if (l.pipeOnly && l.pipes === 1 && (lines[i - 1] as CellLine).inlinePadding && !(lines[i + 1] as CellLine).pipeOnly) n++;
  }
  return n;
}

/**
 * The padding lines of a table whose padding stands on lines of its own, told apart from blank
 * cells by counting cells against the grid: each row's cells and padding fill the grid's width, the
 * first row giving that width ("申请人情况 |" then "||||||||": 10). Several pipes on a line are
 * padding; a lone pipe is a blank cell unless it is the one pipe that completes its row. So
 * "一、本年新收 |", six "|", "0 |", "||" is a row of seven values, the six blanks included, where
 * the rule "last pipe before more cells is padding" made it six. Null when the lines do not add up
 * to one width (the caller falls back to that rule).
 */
function paddingByGrid(lines: readonly CellLine[]): Set<number> | null {
  let before = 0;
  let width = 0;
  for (const l of lines) {
    if (l.pipeOnly && l.pipes > 1) {
      width = before + l.pipes;
      break;
    }
    before += l.pipeOnly ? 1 : l.cells.length;
  }
  if (width < 2) return null;
  const padding = new Set<number>();
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as CellLine;
    if (l.pipeOnly && (l.pipes > 1 || (pos > 0 && pos + 1 === width))) {
      if (pos + l.pipes !== width) return null;
      padding.add(i);
      pos = 0;
      continue;
    }
    pos += l.pipeOnly ? 1 : l.cells.length;
    if (pos > width) return null;
    if (pos === width) pos = 0;
  }
  return padding;
}

/** The cells of one run of table lines (see the rule at the top of the file). */
function tableBlock(lines: readonly CellLine[]): TableBlock | null {
  const separatePadding = !lines.some((l) => l.inlinePadding) && lines.some((l) => l.pipeOnly && l.pipes > 1);
  const opensRows = rowOpeners(lines) >= 2;
  const padding = separatePadding ? paddingByGrid(lines) : null;
  const closers = blankClosers(lines);
  const cells: TableCell[] = [];
  lines.forEach((l, i) => {
    if (closers?.has(i)) cells.push({ text: "", row: null, col: null, rowSpan: 1, colSpan: 1, loc: { line: l.line, offset: l.offset } });
    if (padding) {
      if (padding.has(i)) return;
      for (const c of l.cells) cells.push({ text: c.text, row: null, col: null, rowSpan: 1, colSpan: 1, loc: { line: l.line, offset: l.offset + c.start } });
      return;
    }
    // In a table whose padding stands alone, a pipe-only line right before more cells closes the row;
    // in one whose rows open with a pipe of their own, it opens the next row. Either way, no cell.
    if ((separatePadding || opensRows) && l.pipeOnly && i + 1 < lines.length && !(lines[i + 1] as CellLine).pipeOnly) return;
    // Where padding stands alone, several pipes on a line are padding wherever they stand (a blank
    // cell stands alone as "|"), also after the table's last row.
    if (separatePadding && l.pipeOnly && l.pipes > 1) return;
    // The last pipe of such a table opens a row the page cut off (an excerpt's end).
    if (opensRows && l.pipeOnly && i === lines.length - 1) return;
    for (const c of l.cells) cells.push({ text: c.text, row: null, col: null, rowSpan: 1, colSpan: 1, loc: { line: l.line, offset: l.offset + c.start } });
  });
  const first = lines[0];
  if (cells.length === 0 || !first) return null;
  return { kind: "table", cells, gridKnown: false, loc: { line: first.line, offset: first.offset } };
}

const GAP = /\t|[ \u00a0]{2,}|\u3000+/gu;

/**
 * The pieces of a line separated by wide gaps (a tab, two or more spaces, an ideographic space),
 * at their character columns: how `pdftotext -layout` and copied tables align their columns.
 * Null when the line is one piece (prose).
 */
export function layoutLine(raw: string, lineNo: number): PositionedLine | null {
  if (raw.includes("\t")) {
    // Copied from a table: every tab closes a cell, empty ones included.
    const cells = raw.replace(/\s+$/u, "").split("\t");
    if (cells.length < 2) return null;
    return { tokens: cells.map((c, i) => ({ text: c.trim(), x0: i, x1: i + 1 })), unit: "cell", y: lineNo, fs: 1 };
  }
  const tokens: PositionedLine["tokens"] = [];
  let start = 0;
  const push = (from: number, to: number) => {
    const piece = raw.slice(from, to);
    const lead = piece.length - piece.trimStart().length;
    const text = piece.trim();
    if (text !== "") tokens.push({ text, x0: from + lead, x1: from + lead + text.length });
  };
  for (const m of raw.matchAll(GAP)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, raw.length);
  if (tokens.length < 2) return null;
  return { tokens, unit: "ch", y: lineNo, fs: 1 };
}

const HEADING_WORDS = "[一二三四五六][、.．]\\s?(?:总体情况|主动公开|收到和处理|政府信息公开(?:的)?行政复议|因政府信息公开|政府信息公开工作存在|存在的主要问题|其他需要报告)[^\\s|]{0,30}";
const SECTION_HEADING = new RegExp(`^${HEADING_WORDS}`, "u");
const INLINE_HEADING = new RegExp(`(^|[ \\t\\u3000\\u00a0])(${HEADING_WORDS})[ \\t\\u3000\\u00a0]`, "gu");

/**
 * A page flattened to one long line ("…止。 一、总体情况 2022年，… 二、主动公开政府信息情况 第二十条第（一）项 |
 * 信息内容 | …"): its section headings, each between spaces, stand on lines of their own, as a reader
 * sees them, so the preamble, the headings and each table are told apart. The space on either side
 * becomes the line break: the text keeps its length and every offset.
 */
function splitInlineHeadings(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.length < 160 ? line : line.replace(INLINE_HEADING, (_m, before: string, heading: string) => `${before === "" ? "" : "\n"}${heading}\n`)))
    .join("\n");
}

/** Lay out already-decoded text as blocks. Pure; the extractor and tests both use it. */
export function extractFromText(source: string, meta: ExtractedDocument["meta"] = {}, issues: ParseIssue[] = []): ExtractedDocument {
  const text = splitInlineHeadings(source.replace(/\r\n?/gu, "\n"));
  const blocks: Block[] = [];
  let table: CellLine[] = [];
  const flush = () => {
    const block = table.length > 0 ? tableBlock(table) : null;
    if (block) blocks.push(block);
    table = [];
  };
  let offset = 0;
  let lineNo = 0;
  let title: string | undefined;
  while (offset <= text.length) {
    const nl = text.indexOf("\n", offset);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(offset, end);
    lineNo++;
    let trimmed = raw.trim();
    // Lines read with this one: the rest of its row, wrapped.
    let joined = 0;
    let joinedEnd = end;
    // "规章 | 0 | 0 | 0" then "|": a row whose closing pipe wrapped onto a line of its own; and
    // "信息内容 | 上一年项目数量" / "| 本年增/减" / "| 处理决定数量" / "|": cells whose text ended in a
    // line break, each next cell's pipe opening the next line. A row opened by a pipe of its own
    // ("| a | b") is left alone: there a leading pipe opens the next row.
    if (trimmed.includes("|") && !trimmed.startsWith("|") && !MARKDOWN_RULE.test(trimmed)) {
      while (!CELL_LINE.test(trimmed) && joinedEnd < text.length) {
        const next = text.indexOf("\n", joinedEnd + 1);
        const following = text.slice(joinedEnd + 1, next === -1 ? text.length : next).trim();
        if (!following.startsWith("|") || MARKDOWN_RULE.test(following)) break;
        // A whole row of its own ("| 第二十条第（一）项 | |||" under "首页 | 政务公开") opens a table; it
        // continues no line.
        if (joined === 0 && following.length > 1 && CELL_LINE.test(following) && /[^\s|]/u.test(following)) break;
        joined++;
        joinedEnd = next === -1 ? text.length : next;
        // The line breaks read as spaces: each cell keeps its offset into the text.
        trimmed = text.slice(offset, joinedEnd).replace(/\n/gu, " ").trim();
      }
    }
    // "行政规范性文件" then "|": inside a table, a row label whose closing pipe wrapped onto a line of
    // its own (its cell's text ended in a line break). Only a short label: a heading or a sentence
    // between two tables is no cell.
    // A header cell wrapped over lines of its own ("本年新" / "制作数量" / "|") is one cell too: up to
    // three short lines of words (never figures: "0" / "0" / "|" are no one cell) before the pipe.
    if (table.length > 0 && joined === 0 && !trimmed.includes("|") && trimmed.length > 0 && trimmed.length <= 40 && !/[。；;：:]/u.test(trimmed) && !SECTION_HEADING.test(trimmed) && end < text.length) {
      let at = end;
      let words = trimmed.length;
      for (let k = 1; k <= 3 && at < text.length; k++) {
        const next = text.indexOf("\n", at + 1);
        const following = text.slice(at + 1, next === -1 ? text.length : next).trim();
        if (following === "|") {
          joined = k;
          joinedEnd = next === -1 ? text.length : next;
          trimmed = text.slice(offset, joinedEnd).replace(/\n/gu, " ").trim();
          break;
        }
        words += following.length;
        const wrapped = /\p{Script=Han}/u;
        if (following.length === 0 || following.includes("|") || !wrapped.test(following) || !wrapped.test(trimmed) || words > 40 || /[。；;：:]/u.test(following) || SECTION_HEADING.test(following)) break;
        at = next === -1 ? text.length : next;
      }
    }
    if (trimmed.length > 0) {
      const lead = raw.length - raw.trimStart().length;
      if (CELL_LINE.test(trimmed) && !MARKDOWN_RULE.test(trimmed)) {
        table.push(cellLine(trimmed, lineNo, offset + lead));
      } else if (!MARKDOWN_RULE.test(trimmed) || table.length === 0) {
        flush();
        const positioned = layoutLine(raw, lineNo);
        blocks.push({ kind: "text", text: trimmed, loc: { line: lineNo, offset: offset + lead }, ...(positioned ? { lines: [positioned] } : {}) });
        if (title === undefined && blocks.length === 1 && trimmed.length <= 80 && /年度?报告$/u.test(trimmed)) title = trimmed;
      }
    }
    if (joined > 0) {
      // The wrapped lines are read with their row.
      lineNo += joined;
      if (joinedEnd >= text.length) break;
      offset = joinedEnd + 1;
      continue;
    }
    if (nl === -1) break;
    offset = nl + 1;
  }
  flush();
  const outIssues = [...issues];
  if (blocks.length === 0) outIssues.push(issue("empty_document", "error", "The document has no readable text", null));
  return { format: "text", blocks, text, meta: { ...meta, ...(title !== undefined && meta.title === undefined ? { title } : {}) }, issues: outIssues };
}

export const textExtractor: Extractor = {
  format: "text",
  canHandle(bytes: Uint8Array, fileName: string): boolean {
    if (TEXT_EXTENSIONS.test(fileName)) return true;
    if (OTHER_EXTENSIONS.test(fileName)) return false;
    if (bytes.length === 0 || looksBinary(bytes)) return false;
    if (startsWithAscii(bytes, "%PDF") || startsWithAscii(bytes, "PK\u0003\u0004") || startsWithAscii(bytes, "{\\rtf")) return false;
    const first = firstNonSpaceByte(bytes);
    return first !== 0x3c && first !== 0x23; // not "<" (HTML/XML), not "#" (markdown)
  },
  extract(bytes: Uint8Array): Promise<ExtractedDocument> {
    return Promise.resolve(extractTextBytes(bytes));
  },
};

/** A longer line is no report's text (a 10 MB line of "1|" would be a table row of five million cells). */
export const TEXT_MAX_LINE_CHARS = 200_000;

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    const len = (end < 0 ? text.length : end) - start;
    if (len > longest) longest = len;
    if (end < 0) return longest;
    start = end + 1;
  }
}

/** Synchronous core of `textExtractor.extract`. Never throws. */
export function extractTextBytes(bytes: Uint8Array): ExtractedDocument {
  if (bytes.length > TEXT_MAX_BYTES) {
    return { format: "text", blocks: [], text: "", meta: {}, issues: [issue("too_large", "error", tooLargeMessage(bytes.length), null)] };
  }
  if (looksBinary(bytes)) {
    return { format: "text", blocks: [], text: "", meta: {}, issues: [issue("binary_content", "error", "The file contains NUL bytes: not a text document", null)] };
  }
  const decoded = decodeText(bytes);
  const longest = longestLine(decoded.text);
  if (longest > TEXT_MAX_LINE_CHARS) {
    const message = `文件中有一行长达 ${longest} 个字符，不是年报的文本，未处理。 A line of ${longest} characters (at most ${TEXT_MAX_LINE_CHARS} are read): not a report's text.`;
    return { format: "text", blocks: [], text: "", meta: {}, issues: [issue("too_large", "error", message, null)] };
  }
  return extractFromText(decoded.text, { encoding: decoded.encoding }, decoded.issues);
}
