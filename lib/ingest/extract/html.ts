/**
 * HTML pages (saved report pages, CMS exports). Decodes the charset (BOM, <meta>, sniffing), parses
 * tolerantly with htmlparser2 into a small tree, and walks it: innermost tables become table blocks
 * with their real grid (rowspan/colspan resolved), everything else becomes one text block per
 * block-level element or <br> line. Scripts, styles and other non-content elements are dropped
 * unread; nothing is ever executed.
 */
import { Parser } from "htmlparser2";
import { issue, type ParseIssue } from "../issues";
import { assembleDocument, cleanText, decodeBytes, describeError, failedDocument, sniffFormat } from "./detect";
import type { Block, ExtractedDocument, Extractor, TableCell } from "./types";

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Array<El | string>;
  /** True when some descendant is a <table> (the element is a layout wrapper if it is a table). */
  hasTable: boolean;
}

/**
 * Elements whose content is never document text. <head> itself is not skipped: browsers move body
 * content found in an unclosed head into the body, and its real children (title, script, style)
 * are skipped here one by one.
 */
const SKIP = new Set(["script", "style", "noscript", "template", "title", "iframe", "object", "embed", "svg", "math", "select", "textarea", "button", "canvas", "audio", "video", "map"]);
/** Elements that start a new line of text. */
const BLOCK = new Set([
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot",
  "section", "article", "header", "footer", "nav", "aside", "main", "blockquote", "pre", "hr", "address", "figure", "figcaption",
  "form", "fieldset", "legend", "center", "table", "caption", "body", "html", "details", "summary",
]);
/** Deeper nesting is flattened into the element at this depth (bounds recursion on hostile input). */
const MAX_DEPTH = 256;
/** Grid width cap; colspan is also clamped to 1000 as in the HTML spec. */
const MAX_GRID_COLS = 5000;

// ───────────────────────────── charset ─────────────────────────────

/** The charset declared in the first bytes: <meta charset>, http-equiv Content-Type, or an XML declaration. */
export function declaredCharset(bytes: Uint8Array): string | null {
  let head = "";
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i] ?? 0);
  const patterns = [
    /<meta[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i,
    /<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)/i,
  ];
  let best: { at: number; label: string } | null = null;
  for (const re of patterns) {
    const m = re.exec(head);
    if (m?.[1] && (best === null || m.index < best.at)) best = { at: m.index, label: m[1] };
  }
  return best?.label ?? null;
}

// ───────────────────────────── tree ─────────────────────────────

interface Parsed {
  root: El;
  title: string;
}

/** Open-tag nesting beyond which a page is refused before parsing (htmlparser2's own stack is quadratic in it). */
export const HTML_MAX_NESTING = 25_000;
/** Elements that close themselves or are closed by their next sibling: they do not nest. */
const NON_NESTING = new Set(["br", "img", "meta", "input", "hr", "link", "col", "area", "base", "wbr", "source", "track", "embed", "param", "p", "td", "th", "tr", "li", "option", "dt", "dd", "tbody", "thead", "colgroup"]);

/** The deepest nesting of open tags, counted without parsing (one regex pass). */
export function htmlNestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/gu)) {
    const name = (m[2] ?? "").toLowerCase();
    if (NON_NESTING.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

function parseTree(html: string): Parsed {
  const root: El = { tag: "#root", attrs: {}, children: [], hasTable: false };
  const stack: El[] = [root];
  let virtual = 0; // opens beyond MAX_DEPTH, not materialised
  let title = "";
  let inTitle = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "title") inTitle++;
        if (stack.length > MAX_DEPTH) {
          virtual++;
          return;
        }
        const el: El = { tag: name, attrs, children: [], hasTable: false };
        const parent = stack[stack.length - 1];
        parent?.children.push(el);
        stack.push(el);
      },
      ontext(text) {
        if (inTitle > 0) {
          title += text;
          return;
        }
        const top = stack[stack.length - 1];
        if (!top) return;
        const last = top.children[top.children.length - 1];
        if (typeof last === "string") top.children[top.children.length - 1] = last + text;
        else top.children.push(text);
      },
      onclosetag(name) {
        if (name === "title" && inTitle > 0) inTitle--;
        if (virtual > 0) {
          virtual--;
          return;
        }
        if (stack.length <= 1) return;
        const el = stack.pop();
        const parent = stack[stack.length - 1];
        if (el && parent && (el.tag === "table" || el.hasTable)) parent.hasTable = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  // Unclosed elements at the end still propagate their table flag.
  for (let i = stack.length - 1; i > 0; i--) {
    const el = stack[i];
    const parent = stack[i - 1];
    if (el && parent && (el.tag === "table" || el.hasTable)) parent.hasTable = true;
  }
  return { root, title: cleanText(title) };
}

// ───────────────────────────── tables ─────────────────────────────

function spanAttr(value: string | undefined, max: number): number {
  if (value === undefined) return 1;
  const n = Number.parseInt(value.trim(), 10);
  if (!Number.isFinite(n) || n < 1) return value.trim() === "0" ? 0 : 1;
  return Math.min(n, max);
}

/** The table's rows in document order: <tr> directly or inside thead/tbody/tfoot; stray cells form a row. */
function tableRows(table: El): El[][] {
  const rows: El[][] = [];
  let stray: El[] = [];
  const flushStray = () => {
    if (stray.length > 0) rows.push(stray);
    stray = [];
  };
  const visit = (parent: El) => {
    for (const child of parent.children) {
      if (typeof child === "string") continue;
      if (child.tag === "tr") {
        flushStray();
        rows.push(child.children.filter((c): c is El => typeof c !== "string" && (c.tag === "td" || c.tag === "th")));
      } else if (child.tag === "thead" || child.tag === "tbody" || child.tag === "tfoot") {
        flushStray();
        visit(child);
      } else if (child.tag === "td" || child.tag === "th") {
        stray.push(child);
      } else if (child.tag === "form" || child.tag === "div" || child.tag === "span") {
        visit(child); // tag soup: rows wrapped in a stray element
      }
    }
  };
  visit(table);
  flushStray();
  return rows;
}

/** Text of an element with <br> and block boundaries as spaces, skipping non-content elements. */
function innerText(el: El): string {
  const parts: string[] = [];
  const walk = (node: El | string) => {
    if (typeof node === "string") {
      parts.push(node);
      return;
    }
    if (SKIP.has(node.tag)) return;
    if (node.tag === "br" || BLOCK.has(node.tag)) parts.push(" ");
    for (const child of node.children) walk(child);
    if (BLOCK.has(node.tag)) parts.push(" ");
  };
  for (const child of el.children) walk(child);
  return cleanText(parts.join(""));
}

/** Resolves the HTML table model: a cell covered by a span from above is skipped when placing cells. */
function tableCells(table: El): TableCell[] {
  const rows = tableRows(table);
  const busyUntil: number[] = []; // per column: first row index where it is free again
  const cells: TableCell[] = [];
  rows.forEach((row, r) => {
    let c = 0;
    for (const td of row) {
      while ((busyUntil[c] ?? 0) > r && c < MAX_GRID_COLS) c++;
      if (c >= MAX_GRID_COLS) break;
      const colSpan = Math.max(1, Math.min(spanAttr(td.attrs.colspan, 1000), MAX_GRID_COLS - c));
      const declaredRows = spanAttr(td.attrs.rowspan, 65534);
      // rowspan="0" spans to the end of the table; every span is clipped at the last row.
      const rowSpan = declaredRows === 0 ? rows.length - r : Math.max(1, Math.min(declaredRows, rows.length - r));
      cells.push({ text: innerText(td), row: r, col: c, rowSpan, colSpan, loc: {} });
      for (let k = c; k < c + colSpan; k++) busyUntil[k] = r + rowSpan;
      c += colSpan;
    }
  });
  return cells;
}

function countCells(table: El): number {
  return tableRows(table).reduce((n, row) => n + row.length, 0);
}

// ───────────────────────────── flow ─────────────────────────────

type PageImage = NonNullable<ExtractedDocument["meta"]["images"]>[number];

function collectBlocks(root: El, images: PageImage[] = []): Block[] {
  const blocks: Block[] = [];
  let line = "";
  let pre = 0;
  const flush = () => {
    const text = cleanText(line);
    if (text !== "") blocks.push({ kind: "text", text, loc: {} });
    line = "";
  };
  const walk = (node: El | string) => {
    if (typeof node === "string") {
      if (pre > 0 && node.includes("\n")) {
        const pieces = node.split("\n");
        pieces.forEach((piece, i) => {
          if (i > 0) flush();
          line += piece;
        });
      } else {
        line += node;
      }
      return;
    }
    const tag = node.tag;
    if (SKIP.has(tag)) return;
    if (tag === "img") {
      flush();
      const src = (node.attrs.src ?? node.attrs["data-src"] ?? "").trim();
      if (src !== "" && images.length < 200) images.push({ src: src.slice(0, 300), alt: cleanText(node.attrs.alt ?? node.attrs.title ?? "").slice(0, 100), block: blocks.length });
      return;
    }
    if (tag === "br" || tag === "hr") {
      flush();
      return;
    }
    if (tag === "table") {
      flush();
      // Innermost tables are data; a table that holds tables, or a single cell, is page layout.
      if (!node.hasTable && countCells(node) >= 2) {
        const caption = node.children.find((c): c is El => typeof c !== "string" && c.tag === "caption");
        if (caption) {
          const text = innerText(caption);
          if (text !== "") blocks.push({ kind: "text", text, loc: {} });
        }
        const cells = tableCells(node);
        if (cells.some((c) => c.text !== "")) blocks.push({ kind: "table", cells, gridKnown: true, loc: {} });
        return;
      }
      for (const child of node.children) walk(child);
      flush();
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    if (tag === "pre") pre++;
    for (const child of node.children) walk(child);
    if (tag === "pre") pre--;
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

// ───────────────────────────── extractor ─────────────────────────────

/** Extracts an HTML page. Pure and synchronous; never throws. */
export function htmlToDocument(bytes: Uint8Array): ExtractedDocument {
  try {
    const decoded = decodeBytes(bytes, declaredCharset(bytes));
    const depth = htmlNestingDepth(decoded.text);
    if (depth > HTML_MAX_NESTING) {
      return failedDocument(
        "html",
        issue("too_large", "error", `网页的标签嵌套达 ${depth} 层，不是年报网页，未处理。 The page nests its tags ${depth} deep (at most ${HTML_MAX_NESTING} are read): not a report page.`),
      );
    }
    const { root, title } = parseTree(decoded.text);
    const issues: ParseIssue[] = [...decoded.issues];
    const images: PageImage[] = [];
    const blocks = collectBlocks(root, images);
    const meta: ExtractedDocument["meta"] = { encoding: decoded.encoding };
    if (title !== "") meta.title = title;
    if (images.length > 0) meta.images = images;
    return assembleDocument("html", blocks, meta, issues);
  } catch (err) {
    return failedDocument("html", issue("extract_failed", "error", `The HTML could not be read: ${describeError(err)}`));
  }
}

export function extractHtml(bytes: Uint8Array, _fileName = ""): Promise<ExtractedDocument> {
  return Promise.resolve(htmlToDocument(bytes));
}

export const htmlExtractor: Extractor = {
  format: "html",
  canHandle: (bytes, fileName) => sniffFormat(bytes, fileName) === "html",
  extract: extractHtml,
};
