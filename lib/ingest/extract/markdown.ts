/**
 * Markdown with pipe tables (GitHub style): a `| a | b |` row followed by a `|---|---|` separator
 * starts a table, which runs until the first line that is not a pipe row. PDF converters also
 * write pipe rows with no header and start a new table right under the last one, so any run of
 * pipe rows of two or more cells is a table, split where a row is followed by a separator. Cells
 * cannot span, so the grid is exact (gridKnown). Every other non-blank line is a text block.
 */
import { issue } from "../issues";
import { assembleDocument, cleanText, decodeBytes, describeError, failedDocument, isPipeSeparator, sniffFormat } from "./detect";
import type { Block, ExtractedDocument, Extractor, TableCell } from "./types";

const ENTITIES: Record<string, string> = { "&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&emsp;": " ", "&ensp;": " " };

/** Cell or line text: <br> and entities to text, emphasis and code markers dropped. */
function inlineText(s: string): string {
  return cleanText(
    s
      .replace(/<br\s*\/?>/gi, " ")
      .replace(/&(nbsp|amp|lt|gt|quot|#39|emsp|ensp);/g, (m) => ENTITIES[m] ?? m)
      .replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? "")
      .replace(/`([^`]*)`/g, "$1"),
  );
}

/** Splits a pipe row on unescaped "|" (a leading and a trailing pipe are optional). */
export function splitPipeRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|") && !s.endsWith("\\|")) s = s.slice(0, -1);
  const cells: string[] = [];
  let current = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\\" && s[i + 1] === "|") {
      current += "|";
      i++;
    } else if (ch === "|") {
      cells.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  cells.push(current);
  return cells.map(inlineText);
}

function isPipeRow(line: string): boolean {
  return line.includes("|") && line.trim() !== "" && !isPipeSeparator(line);
}

/** A pipe row of at least two cells (a lone "| x |" is text). */
function isTableRow(line: string): boolean {
  return isPipeRow(line) && line.trim().startsWith("|") && splitPipeRow(line).length >= 2;
}

export function markdownBlocks(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (isTableRow(line)) {
      // A header row and its separator start a table; converters also write rows with no header,
      // and start a new table (a row followed by a separator) right under the last one.
      const cells: TableCell[] = [];
      let width = 0;
      let r = 0;
      while (i < lines.length && (r === 0 ? isTableRow(lines[i] ?? "") : isPipeRow(lines[i] ?? "") && (lines[i] ?? "").trim().startsWith("|"))) {
        if (r > 0 && isPipeSeparator(lines[i + 1] ?? "")) break;
        const row = splitPipeRow(lines[i] ?? "");
        if (r === 0) width = row.length;
        // GFM pads short rows with empty cells; longer rows keep their extra cells rather than lose data.
        while (row.length < width) row.push("");
        row.forEach((t, col) => cells.push({ text: t, row: r, col, rowSpan: 1, colSpan: 1, loc: {} }));
        r++;
        i++;
        if (r === 1 && isPipeSeparator(lines[i] ?? "")) i++;
      }
      blocks.push({ kind: "table", cells, gridKnown: true, loc: {} });
      continue;
    }
    if (isPipeSeparator(line)) {
      i++;
      continue;
    }
    const plain = inlineText(line.replace(/^\s{0,3}#{1,6}\s+/, "").replace(/\s+#+\s*$/, ""));
    if (plain !== "" && !/^(-{3,}|\*{3,}|_{3,})$/.test(plain)) blocks.push({ kind: "text", text: plain, loc: {} });
    i++;
  }
  return blocks;
}

/** Extracts markdown. Pure and synchronous; never throws. */
export function markdownToDocument(bytes: Uint8Array): ExtractedDocument {
  try {
    const decoded = decodeBytes(bytes);
    return assembleDocument("markdown", markdownBlocks(decoded.text), { encoding: decoded.encoding }, decoded.issues);
  } catch (err) {
    return failedDocument("markdown", issue("extract_failed", "error", `The markdown could not be read: ${describeError(err)}`));
  }
}

export function extractMarkdown(bytes: Uint8Array, _fileName = ""): Promise<ExtractedDocument> {
  return Promise.resolve(markdownToDocument(bytes));
}

export const markdownExtractor: Extractor = {
  format: "markdown",
  canHandle: (bytes, fileName) => sniffFormat(bytes, fileName) === "markdown",
  extract: extractMarkdown,
};
