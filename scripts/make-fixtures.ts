/**
 * Renders the surface-format fixtures (HTML, GBK HTML, PDF via Chromium, DOCX, markdown) and the
 * small adversarial inputs from the panzhou 2024 golden fixture, so every format carries exactly the
 * sample's figures. Run once with `npx tsx scripts/make-fixtures.ts`; the outputs are committed and
 * reviewed like code. Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH) for the PDF.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import iconv from "iconv-lite";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const GOLDEN = join(ROOT, "lib/ingest/__fixtures__/panzhou/2024");
const FORMATS = join(ROOT, "lib/ingest/__fixtures__/formats");
const ADVERSARIAL = join(ROOT, "lib/ingest/__fixtures__/adversarial");
const CHROMIUM = process.argv.find((a) => a.startsWith("--chromium="))?.slice(11) ?? "/usr/bin/chromium";
const SKIP_PDF = process.argv.includes("--no-pdf");

// ───────────────────────────── the report model ─────────────────────────────

/** A table cell; `lines` are joined by <br> (HTML), <w:br/> (DOCX) or a space (markdown). */
interface Cell {
  lines: string[];
  rowspan?: number;
  colspan?: number;
  /** Written as `&nbsp;` in HTML: a blank cell that is not empty markup. */
  nbsp?: boolean;
  /** Narrow column that wraps one character per line in the PDF. */
  narrow?: boolean;
}
type Row = Cell[];
interface Table {
  caption: string;
  rows: Row[];
  /** Column widths in percent, one per grid column (HTML/DOCX). */
  widths: number[];
}
type Part = { kind: "title"; text: string } | { kind: "heading"; text: string } | { kind: "p"; text: string } | { kind: "table"; table: Table };

const expected = JSON.parse(readFileSync(join(GOLDEN, "expected.json"), "utf8")) as { cells: Record<string, number | null> };

function v(key: string): string {
  const value = expected.cells[key];
  if (value === undefined) throw new Error(`expected.json has no cell ${key}`);
  return value === null ? "" : String(value);
}
function c(text: string, extra: Omit<Cell, "lines"> = {}): Cell {
  return { lines: text === "" ? [] : [text], ...extra };
}
function br(...lines: string[]): Cell {
  return { lines };
}

const T3_COLS = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org", "legal_service_org", "other_org", "total"];
const T4_COLS = ["upheld", "corrected", "other", "pending", "total"];

function t3Values(row: string): Cell[] {
  return T3_COLS.map((col) => c(v(`t3.${row}.${col}`)));
}

function table2(): Table {
  const block = (title: string, nbspTail: boolean): Row =>
    nbspTail ? [c(title), c("", { nbsp: true }), c("", { nbsp: true }), c("", { nbsp: true })] : [c(title, { colspan: 4 })];
  const three = (key: string, label: string): Row => [c(label), c(v(`t2.${key}.issued`)), c(v(`t2.${key}.repealed`)), c(v(`t2.${key}.in_force`))];
  const one = (key: string, col: string, label: string): Row => [c(label), c(v(`t2.${key}.${col}`), { colspan: 3 })];
  return {
    caption: "表二",
    widths: [31, 23, 23, 23],
    rows: [
      block("第二十条第（一）项", false),
      [c("信息内容"), c("本年制发件数"), c("本年废止件数"), c("现行有效件数")],
      three("regulation", "规章"),
      three("normative_doc", "行政规范性文件"),
      block("第二十条第（五）项", true),
      [c("信息内容"), c("本年处理决定数量", { colspan: 3 })],
      one("admin_license", "decisions", "行政许可"),
      block("第二十条第（六）项", false),
      [c("信息内容"), c("本年处理决定数量", { colspan: 3 })],
      one("admin_penalty", "decisions", "行政处罚"),
      one("admin_coercion", "decisions", "行政强制"),
      block("第二十条第（八）项", true),
      [c("信息内容"), c("本年收费金额（单位：万元）", { colspan: 3 })],
      one("admin_fee", "amount_10k_cny", "行政事业性收费"),
    ],
  };
}

function table3(): Table {
  const top = (key: string, label: string): Row => [c(label, { colspan: 3 }), ...t3Values(key)];
  const sub = (key: string, label: string | Cell): Row => [typeof label === "string" ? c(label, { colspan: 2 }) : label, ...t3Values(key)];
  const leaf = (key: string, label: string): Row => [c(label), ...t3Values(key)];
  const group = (label: string, leaves: Array<[string, string]>): Row[] =>
    leaves.map(([key, text], i) => (i === 0 ? [c(label, { rowspan: leaves.length }), ...leaf(key, text)] : leaf(key, text)));
  const results: Row[] = [
    sub("granted", "（一）予以公开"),
    sub("partially_granted", c("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", { colspan: 2 })),
    ...group("（三）不予公开", [
      ["denied_state_secret", "1.属于国家秘密"],
      ["denied_prohibited_by_law", "2.其他法律行政法规禁止公开"],
      ["denied_security_stability", "3.危及“三安全一稳定”"],
      ["denied_third_party", "4.保护第三方合法权益"],
      ["denied_internal_affairs", "5.属于三类内部事务信息"],
      ["denied_process_info", "6.属于四类过程性信息"],
      ["denied_enforcement_file", "7.属于行政执法案卷"],
      ["denied_admin_query", "8.属于行政查询事项"],
    ]),
    ...group("（四）无法提供", [
      ["unable_not_held", "1.本机关不掌握相关政府信息"],
      ["unable_needs_creation", "2.没有现成信息需要另行制作"],
      ["unable_unclear", "3.补正后申请内容仍不明确"],
    ]),
    ...group("（五）不予处理", [
      ["not_processed_petition", "1.信访举报投诉类申请"],
      ["not_processed_repeat", "2.重复申请"],
      ["not_processed_publication", "3.要求提供公开出版物"],
      ["not_processed_excessive", "4.无正当理由大量反复申请"],
      ["not_processed_confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"],
    ]),
    ...group("（六）其他处理", [
      ["other_no_supplement", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
      ["other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
      ["other_misc", "3.其他"],
    ]),
    sub("handled_total", "（七）总计"),
  ];
  const first = results[0];
  if (!first) throw new Error("no result rows");
  results[0] = [c("三、本年度办理结果", { rowspan: results.length, narrow: true }), ...first];
  return {
    caption: "表三",
    widths: [3, 12, 25, 9, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5],
    rows: [
      [c("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", { colspan: 3, rowspan: 3 }), c("申请人情况", { colspan: 7 })],
      [c("自然人", { rowspan: 2 }), c("法人或其他组织", { colspan: 5 }), c("总计", { rowspan: 2 })],
      [br("商业", "企业"), br("科研", "机构"), c("社会公益组织"), c("法律服务机构"), c("其他")],
      top("new_received", "一、本年新收政府信息公开申请数量"),
      top("carried_over", "二、上年结转政府信息公开申请数量"),
      ...results,
      top("carried_forward", "四、结转下年度继续办理"),
    ],
  };
}

function table4(): Table {
  const heads = (wrapped: boolean): Cell[] => [
    wrapped ? br("结果", "维持") : c("结果维持"),
    c("结果纠正"),
    wrapped ? br("其他", "结果") : c("其他结果"),
    br("尚未", "审结"),
    c("总计"),
  ];
  const values = (["review", "lit_direct", "lit_after_review"] as const).flatMap((g) => T4_COLS.map((col) => c(v(`t4.${g}.${col}`))));
  return {
    caption: "表四",
    widths: Array.from({ length: 15 }, () => 100 / 15),
    rows: [
      [c("行政复议", { colspan: 5 }), c("行政诉讼", { colspan: 10 })],
      [...heads(false).map((h) => ({ ...h, rowspan: 2 })), c("未经复议直接起诉", { colspan: 5 }), c("复议后起诉", { colspan: 5 })],
      [...heads(true), ...heads(false)],
      values,
    ],
  };
}

/** The report: narrative lines from the golden input, tables rebuilt from expected.json. */
function buildReport(): Part[] {
  const lines = readFileSync(join(GOLDEN, "input.txt"), "utf8").split(/\r?\n/);
  const narrative = lines.filter((l) => l.trim() !== "" && !l.trimEnd().endsWith("|") && !l.trimStart().startsWith("|"));
  const parts: Part[] = [{ kind: "title", text: "盘州市人民政府2024年政府信息公开工作年度报告" }];
  const tables: Record<string, () => Table> = { 二: table2, 三: table3, 四: table4 };
  for (const line of narrative) {
    const heading = /^([一二三四五六])、/.exec(line);
    if (heading?.[1]) {
      parts.push({ kind: "heading", text: line });
      const make = tables[heading[1]];
      if (make) parts.push({ kind: "table", table: make() });
    } else {
      parts.push({ kind: "p", text: line });
    }
  }
  return parts;
}

// ───────────────────────────── HTML ─────────────────────────────

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function htmlTable(t: Table): string {
  const cols = t.widths.map((w) => `<col style="width:${w.toFixed(2)}%">`).join("");
  const rows = t.rows
    .map((row) => {
      const tds = row
        .map((cell) => {
          const attrs = [cell.rowspan ? ` rowspan="${cell.rowspan}"` : "", cell.colspan ? ` colspan="${cell.colspan}"` : "", cell.narrow ? ` class="narrow"` : ""].join("");
          const body = cell.nbsp ? "&nbsp;" : cell.lines.map(esc).join("<br>");
          return `<td${attrs}>${body}</td>`;
        })
        .join("");
      return `  <tr>${tds}</tr>`;
    })
    .join("\n");
  return `<table class="data" border="1" cellspacing="0" cellpadding="0">\n<colgroup>${cols}</colgroup>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

function toHtml(parts: Part[], charsetMeta: string): string {
  const title = parts.find((p) => p.kind === "title");
  const body = parts
    .map((p) => {
      switch (p.kind) {
        case "title":
          return `<h1>${esc(p.text)}</h1>`;
        case "heading":
          return `<p class="h"><strong>${esc(p.text)}</strong></p>`;
        case "p":
          return `<p>${esc(p.text)}</p>`;
        case "table":
          return htmlTable(p.table);
      }
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${charsetMeta}
<title>${title && title.kind === "title" ? esc(title.text) : ""}_盘州市人民政府</title>
<style>
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 14px; margin: 0; }
h1 { font-size: 20px; text-align: center; font-weight: normal; }
strong { font-weight: normal; }
p { text-indent: 2em; line-height: 1.6; margin: 0.4em 0; }
table.data { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.5em 0; font-size: 12px; }
table.data td { border: 1px solid #000; padding: 3px 2px; text-align: center; vertical-align: middle; word-break: break-all; }
table.data td.narrow { padding: 3px 0; }
</style>
<script type="text/javascript">var _hmt = _hmt || []; document.title = "SCRIPT_TEXT_MUST_NOT_APPEAR";</script>
</head>
<body>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<table class="layout" width="100%" border="0"><tr><td>
<div class="article">
${body}
</div>
</td></tr></table>
<noscript>NOSCRIPT_TEXT_MUST_NOT_APPEAR</noscript>
</body>
</html>
`;
}

// ───────────────────────────── DOCX ─────────────────────────────

function xmlEsc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function wRun(text: string, bold = false): string {
  return `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${xmlEsc(text)}</w:t></w:r>`;
}
function wPara(text: string, opts: { bold?: boolean; center?: boolean } = {}): string {
  const ppr = opts.center ? `<w:pPr><w:jc w:val="center"/></w:pPr>` : "";
  return `<w:p>${ppr}${text === "" ? "" : wRun(text, opts.bold)}</w:p>`;
}

function docxTable(t: Table): string {
  const total = 9000;
  const gridCols = t.widths.map((w) => `<w:gridCol w:w="${Math.round((w / 100) * total)}"/>`).join("");
  // Expand spans: a rowspan becomes vMerge restart + continue cells in the rows below.
  const pending = new Map<string, Cell>(); // "row:col" → the continued cell
  const rowsXml: string[] = [];
  t.rows.forEach((row, r) => {
    const out: string[] = [];
    let col = 0;
    let i = 0;
    const emitContinue = (cell: Cell) => {
      const span = cell.colspan ?? 1;
      out.push(`<w:tc><w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ""}<w:vMerge/></w:tcPr><w:p/></w:tc>`);
      col += span;
    };
    while (i < row.length || pending.has(`${r}:${col}`)) {
      const cont = pending.get(`${r}:${col}`);
      if (cont) {
        pending.delete(`${r}:${col}`);
        emitContinue(cont);
        continue;
      }
      const cell = row[i++];
      if (!cell) break;
      const span = cell.colspan ?? 1;
      const rs = cell.rowspan ?? 1;
      for (let k = 1; k < rs; k++) pending.set(`${r + k}:${col}`, cell);
      const props = [span > 1 ? `<w:gridSpan w:val="${span}"/>` : "", rs > 1 ? `<w:vMerge w:val="restart"/>` : "", `<w:vAlign w:val="center"/>`].join("");
      // Line breaks inside a label: a soft break within one run (the common Word shape).
      const runs =
        cell.lines.length === 0
          ? ""
          : `<w:r>${cell.lines.map((l, j) => `${j > 0 ? "<w:br/>" : ""}<w:t xml:space="preserve">${xmlEsc(l)}</w:t>`).join("")}</w:r>`;
      out.push(`<w:tc><w:tcPr>${props}</w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>${runs}</w:p></w:tc>`);
      col += span;
    }
    rowsXml.push(`<w:tr>${out.join("")}</w:tr>`);
  });
  const borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join("");
  return `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>${borders}</w:tblBorders></w:tblPr><w:tblGrid>${gridCols}</w:tblGrid>${rowsXml.join("")}</w:tbl>`;
}

function toDocx(parts: Part[]): Uint8Array {
  const body = parts
    .map((p) => {
      switch (p.kind) {
        case "title":
          return wPara(p.text, { bold: true, center: true });
        case "heading":
          return wPara(p.text, { bold: true });
        case "p":
          // Split one paragraph into two runs plus a tab, as Word often does, to exercise run joining.
          return p.text.length > 40 ? `<w:p>${wRun(p.text.slice(0, 20))}${wRun(p.text.slice(20))}</w:p>` : wPara(p.text);
        case "table":
          return docxTable(p.table);
      }
    })
    .join("");
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" w:left="1080" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
  const mtime = new Date("2025-01-20T08:00:00Z");
  return zipSync(
    {
      "[Content_Types].xml": strToU8(contentTypes),
      "_rels/.rels": strToU8(rels),
      "word/document.xml": strToU8(document),
    },
    { level: 6, mtime },
  );
}

// ───────────────────────────── markdown ─────────────────────────────

/** Pipe tables cannot span: a merged cell's text sits in its top-left position, covered positions are blank. */
function unspan(t: Table): string[][] {
  const grid: string[][] = [];
  const taken = new Set<string>();
  t.rows.forEach((row, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const cell of row) {
      while (taken.has(`${r}:${col}`)) col++;
      const rs = cell.rowspan ?? 1;
      const cs = cell.colspan ?? 1;
      for (let dr = 0; dr < rs; dr++)
        for (let dc = 0; dc < cs; dc++) {
          taken.add(`${r + dr}:${col + dc}`);
          (grid[r + dr] ??= [])[col + dc] = "";
        }
      // A <br> is kept in one label to exercise the markdown extractor's <br> handling.
      const rowCells: string[] = grid[r] ?? [];
      grid[r] = rowCells;
      rowCells[col] = cell.lines.join(cell.lines.join("") === "商业企业" ? "<br>" : "");
      col += cs;
    }
  });
  const width = Math.max(...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
}

function toMarkdown(parts: Part[]): string {
  const out: string[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case "title":
        out.push(`# ${p.text}`, "");
        break;
      case "heading":
        out.push(`## ${p.text}`, "");
        break;
      case "p":
        out.push(p.text, "");
        break;
      case "table": {
        const grid = unspan(p.table);
        const line = (cells: string[]) => `| ${cells.map((x) => x.replace(/\|/g, "\\|")).join(" | ")} |`;
        const [head, ...rest] = grid;
        if (!head) break;
        out.push(line(head), `|${head.map(() => " --- ").join("|")}|`, ...rest.map(line), "");
        break;
      }
    }
  }
  return out.join("\n");
}

// ───────────────────────────── PDF (Chromium) ─────────────────────────────

async function toPdf(html: string): Promise<Uint8Array> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      printBackground: false,
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#666">盘州市人民政府</div>`,
      footerTemplate: `<div style="font-size:9px;width:100%;text-align:center">- <span class="pageNumber"></span> -</div>`,
      margin: { top: "18mm", bottom: "18mm", left: "16mm", right: "16mm" },
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

// ───────────────────────────── adversarial inputs ─────────────────────────────

/** Deterministic noise (mulberry32) so the committed bytes are reproducible. */
function noise(bytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let a = seed >>> 0;
  for (let i = 0; i < bytes; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

function write(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`wrote ${path.slice(ROOT.length + 1)} (${typeof data === "string" ? Buffer.byteLength(data) : data.length} bytes)`);
}

async function main(): Promise<void> {
  const parts = buildReport();

  const utf8Html = toHtml(parts, `<meta charset="utf-8">`);
  write(join(FORMATS, "html-merged/input.html"), utf8Html);

  const gbkHtml = toHtml(parts, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`);
  const gbkBytes = iconv.encode(gbkHtml, "gbk");
  if (iconv.decode(gbkBytes, "gb18030") !== gbkHtml) throw new Error("the report text does not round-trip through GBK");
  write(join(FORMATS, "html-gbk/input.html"), gbkBytes);

  write(join(FORMATS, "docx/input.docx"), toDocx(parts));
  write(join(FORMATS, "markdown/input.md"), toMarkdown(parts));

  let pdf: Uint8Array | null = null;
  if (!SKIP_PDF) {
    // Printed as a browser would after running the page: no script, no noscript fallback.
    const printable = utf8Html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<noscript>[\s\S]*?<\/noscript>/g, "");
    pdf = await toPdf(printable);
    write(join(FORMATS, "pdf-chromium/input.pdf"), pdf);
    // The tables alone, without rules: exercises the unruled ("stream") reading of a real PDF.
    const tablesOnly = parts.filter((p) => p.kind !== "p");
    const borderless = toHtml(tablesOnly, `<meta charset="utf-8">`)
      .replace("</style>", "table.data td { border: 0 !important; }\n</style>")
      .replace(/<script[\s\S]*?<\/script>/g, "")
      .replace(/<noscript>[\s\S]*?<\/noscript>/g, "");
    write(join(FORMATS, "pdf-borderless/input.pdf"), await toPdf(borderless));
  }

  write(join(ADVERSARIAL, "empty.txt"), new Uint8Array(0));
  write(join(ADVERSARIAL, "noise.bin"), noise(64 * 1024, 20240101));
  write(
    join(ADVERSARIAL, "script.html"),
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>脚本测试</title>
<script>alert("SCRIPT_TEXT_MUST_NOT_APPEAR"); document.write("<table><tr><td>99</td></tr></table>");</script>
<style>td::after { content: "STYLE_TEXT_MUST_NOT_APPEAR"; }</style></head>
<body onload="alert('x')"><p>正文第一段。</p>
<script type="module">import("http://example.invalid/x.js"); // SCRIPT_TEXT_MUST_NOT_APPEAR</script>
<table><tr><td>行政许可</td><td>0<script>document.write("SCRIPT_TEXT_MUST_NOT_APPEAR")</script></td></tr></table>
<iframe src="javascript:alert(1)"></iframe><p>正文第二段。</p></body></html>
`,
  );
  // GBK bytes in a page that claims to be UTF-8 (a common CMS misconfiguration).
  const mislabelled = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>盘州市人民政府2024年政府信息公开工作年度报告</title></head><body>
<p>二、主动公开政府信息情况</p>
<table><tr><td>行政规范性文件</td><td>4</td><td>13</td><td>34</td></tr></table>
<p>本年度收到依申请公开信件33件，上一年度转办4件。</p></body></html>
`;
  write(join(ADVERSARIAL, "wrong-encoding.html"), iconv.encode(mislabelled, "gbk"));
  // The first 16 KB: header and early objects, no page tree, no xref.
  if (pdf) write(join(ADVERSARIAL, "truncated.pdf"), pdf.subarray(0, 16 * 1024));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
