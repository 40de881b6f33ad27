/**
 * npx tsx scripts/make-producer-fixtures.ts [--only SUBSTRING] [--keep-work]
 *
 * The producer corpus (lib/ingest/__fixtures__/producers/): demo reports laid out by the programs
 * agencies really use, not by our own PDF renderer, each with an expected.json of the demo
 * generator's own figures (never our parser's output).
 *
 *   libreoffice/   the demo DOCX (lib/render/docx.ts), changed into a table style by XML edits, then
 *                  laid out and exported by LibreOffice Writer headless (soffice --convert-to pdf,
 *                  fresh profile): LibreOffice's own text runs, glyph positions and rule drawing.
 *   chromium/      the demo HTML page (lib/render/html.ts) restyled as a government CMS page and
 *                  printed by headless Chromium (--print-to-pdf).
 *   pdftotext-layout/, pdftotext-raw/   poppler's pdftotext of some of those PDFs (-layout / plain).
 *   converter-md/  markdown from a pdftotext-based converter that breaks tables the way real ones do.
 *
 * Run on purpose; outputs are committed and reviewed like code. Needs soffice
 * (libreoffice-writer-nogui), chromium, pdftotext (poppler-utils) and two TrueType CJK fonts that
 * stand in for 宋体/黑体 (AR PL UMing, WenQuanYi Zen Hei). They are not installed system-wide (that
 * would change every other program's CJK fallback); get them once with
 *   cd /tmp && apt-get download fonts-arphic-uming fonts-wqy-zenhei && mkdir -p gongkai-fonts &&
 *   for d in fonts-arphic-uming_*.deb fonts-wqy-zenhei_*.deb; do dpkg-deb -x "$d" gongkai-fonts; done
 * and pass --fonts /tmp/gongkai-fonts (the default). A private fonts.conf maps the agencies' font
 * names (宋体, 仿宋_GB2312, 黑体, 方正小标宋简体) to them, for these two programs only.
 * PDF dates and IDs are pinned so a rerun gives the same bytes for the same layout.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { z } from "zod";
import { readCells } from "../lib/catalog";
import { generateCorpus, type ManifestReport, type SurfaceMix } from "../lib/demo";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "lib/ingest/__fixtures__/producers");
const SEED = 20250101;

const argsSchema = z.object({
  only: z.string().optional(),
  keepWork: z.boolean(),
  fonts: z.string(),
});
function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return argsSchema.parse({ only: value("only"), keepWork: argv.includes("--keep-work"), fonts: value("fonts") ?? "/tmp/gongkai-fonts" });
}

// ───────────────────────────── the demo reports used ─────────────────────────────

/** Agency-years of the demo corpus (seed 20250101), chosen for what their figures exercise. */
const PICKS = {
  lps23: { agency: "520200-gov", year: 2023, why: "市州 government, 2021 format" },
  lps20: { agency: "520200-gov", year: 2020, why: "市州 government, 2019 format (表二 v19, one 其他处理 row)" },
  pzscjg22: { agency: "520281-scjg", year: 2022, why: "county bureau: 表二 “/” cells and the 表三 总计 column left blank" },
  zjj23: { agency: "520000-zjj", year: 2023, why: "provincial department: “/” in 表二, four-digit counts" },
  twp23: { agency: "520281002-twp", year: 2023, why: "township: almost every cell 0, “/” in 表二" },
  gz24: { agency: "520000-gov", year: 2024, why: "provincial government, 2021 format" },
  lpsga19: { agency: "520200-ga", year: 2019, why: "2019 format with the 表三 总计 column left blank" },
  zs22: { agency: "520201-gov", year: 2022, why: "county government, 2021 format" },
  gy24: { agency: "520100-gov", year: 2024, why: "region-aggregate (汇总) report: larger counts" },
  pzzrzy22: { agency: "520281-zrzy", year: 2022, why: "county bureau, 2021 format, 表三 总计 column left blank" },
  sc21: { agency: "520204-gov", year: 2021, why: "county government, first 2021-format year" },
  jy19: { agency: "520000-jy", year: 2019, why: "2019 format, “/” cells, 政府集中采购 amounts in the millions" },
  lz24: { agency: "520203-gov", year: 2024, why: "county government, 2021 format" },
} as const;
type PickId = keyof typeof PICKS;

interface DemoDoc {
  docx: Uint8Array;
  html: string;
  entry: ManifestReport;
}

function mix(kind: "docx" | "html"): SurfaceMix {
  return { text: 0, html: kind === "html" ? 1 : 0, docx: kind === "docx" ? 1 : 0, pdf: 0, gbkShareOfHtml: 0 };
}

/** The picked reports as DOCX and UTF-8 HTML (same seed, so the same figures and prose). */
function loadDemo(): Record<PickId, DemoDoc> {
  const wanted = new Map(Object.entries(PICKS).map(([id, p]) => [`${p.agency}:${p.year}`, id as PickId]));
  const prefectures = ["520000", "520100", "520200"];
  const byKind = { docx: new Map<PickId, { bytes: Uint8Array; entry: ManifestReport }>(), html: new Map<PickId, { bytes: Uint8Array; entry: ManifestReport }>() };
  for (const kind of ["docx", "html"] as const) {
    const gen = generateCorpus({ seed: SEED, prefectures, surfaceMix: mix(kind) });
    for (let r = gen.next(); !r.done; r = gen.next()) {
      const id = wanted.get(`${r.value.entry.agency.id}:${r.value.entry.year}`);
      if (id) byKind[kind].set(id, { bytes: r.value.bytes, entry: r.value.entry });
    }
  }
  const out = {} as Record<PickId, DemoDoc>;
  for (const id of Object.keys(PICKS) as PickId[]) {
    const d = byKind.docx.get(id);
    const h = byKind.html.get(id);
    if (!d || !h) throw new Error(`demo corpus has no report for ${id} (${PICKS[id].agency} ${PICKS[id].year})`);
    if (JSON.stringify(d.entry.cells) !== JSON.stringify(h.entry.cells)) throw new Error(`${id}: DOCX and HTML runs disagree on the figures`);
    out[id] = { docx: d.bytes, html: new TextDecoder().decode(h.bytes), entry: d.entry };
  }
  return out;
}

// ───────────────────────────── expected.json ─────────────────────────────

interface ExpectedFile {
  note: string;
  producer: Record<string, string>;
  format_version: string;
  year: number;
  agency: { name: string };
  scope: string;
  cells: Record<string, number | null>;
  null_reasons: Record<string, string>;
  narrative?: Record<string, number>;
}

/** Figures as the demo generator printed them; `zerosBlank` = every printed 0 left blank. */
function expectedOf(doc: DemoDoc, producer: Record<string, string>, note: string, zerosBlank = false): ExpectedFile {
  const e = doc.entry;
  const cells: Record<string, number | null> = {};
  const nullReasons: Record<string, string> = {};
  readCells(e.format_version).forEach((def, i) => {
    const raw = e.raw[def.key];
    let v = e.cells[i] ?? null;
    if (raw === "/") nullReasons[def.key] = "slash";
    else if (raw === "") nullReasons[def.key] = "blank";
    if (zerosBlank && v === 0) {
      v = null;
      nullReasons[def.key] = "blank";
    }
    cells[def.key] = v;
  });
  return {
    note,
    producer,
    format_version: e.format_version,
    year: e.year,
    agency: { name: e.agency.name },
    scope: e.scope,
    cells,
    null_reasons: nullReasons,
    narrative: e.narrative,
  };
}

// ───────────────────────────── DOCX edits ─────────────────────────────

interface Tc {
  span: number;
  vmerge: "" | "restart" | "continue";
  /** Paragraph XML inside the cell. */
  content: string;
  bottom?: string;
  textDirection?: string;
  /** Cell shading (w:shd fill, hex). */
  fill?: string;
}
interface Tr {
  cells: Tc[];
  header: boolean;
  height?: number;
  /** "exact": the row keeps its height and LibreOffice clips what does not fit. */
  hRule?: "atLeast" | "exact";
}
interface Tbl {
  /** tblPr children other than tblW and tblBorders. */
  pr: string;
  borders: string;
  grid: number[];
  rows: Tr[];
}

const BORDER_SIDES = ["top", "left", "bottom", "right", "insideH", "insideV"] as const;
const line = (side: string, sz = 4) => `<w:${side} w:val="single" w:sz="${sz}" w:space="0" w:color="000000"/>`;
const nil = (side: string) => `<w:${side} w:val="nil"/>`;

function parseTbl(xml: string): Tbl {
  const pr = /<w:tblPr>([\s\S]*?)<\/w:tblPr>/.exec(xml)?.[1] ?? "";
  const borders = /<w:tblBorders>[\s\S]*?<\/w:tblBorders>/.exec(pr)?.[0] ?? "";
  const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
  const rows = [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m): Tr => {
    const cells = [...(m[1] ?? "").matchAll(/<w:tc><w:tcPr>([\s\S]*?)<\/w:tcPr>([\s\S]*?)<\/w:tc>/g)].map((c): Tc => {
      const tcPr = c[1] ?? "";
      const span = Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(tcPr)?.[1] ?? "1");
      const vmerge = tcPr.includes(`<w:vMerge w:val="restart"/>`) ? "restart" : tcPr.includes("<w:vMerge/>") ? "continue" : "";
      return { span, vmerge, content: c[2] ?? "" };
    });
    return { cells, header: false };
  });
  return { pr: pr.replace(/<w:tblW [^>]*\/>/, "").replace(borders, ""), borders, grid, rows };
}

function serializeTbl(t: Tbl): string {
  const total = t.grid.reduce((a, b) => a + b, 0);
  const rows = t.rows.map((r) => {
    let col = 0;
    const tcs = r.cells.map((c) => {
      const w = t.grid.slice(col, col + c.span).reduce((a, b) => a + b, 0);
      col += c.span;
      const pr = [
        `<w:tcW w:w="${w}" w:type="dxa"/>`,
        c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : "",
        c.vmerge === "restart" ? `<w:vMerge w:val="restart"/>` : c.vmerge === "continue" ? "<w:vMerge/>" : "",
        c.bottom ? `<w:tcBorders>${c.bottom}</w:tcBorders>` : "",
        c.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${c.fill}"/>` : "",
        c.textDirection ? `<w:textDirection w:val="${c.textDirection}"/>` : "",
        `<w:vAlign w:val="center"/>`,
      ].join("");
      return `<w:tc><w:tcPr>${pr}</w:tcPr>${c.content}</w:tc>`;
    });
    const trPr = `<w:trPr><w:cantSplit/>${r.height ? `<w:trHeight w:val="${r.height}" w:hRule="${r.hRule ?? "atLeast"}"/>` : ""}${r.header ? "<w:tblHeader/>" : ""}</w:trPr>`;
    return `<w:tr>${trPr}${tcs.join("")}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/>${t.pr.replace("<w:jc w:val=\"center\"/>", `<w:jc w:val="center"/>${t.borders}`)}</w:tblPr><w:tblGrid>${t.grid.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>${rows.join("")}</w:tbl>`;
}

/** Grid column index where each cell of a row starts. */
function startCols(r: Tr): number[] {
  let col = 0;
  return r.cells.map((c) => {
    const at = col;
    col += c.span;
    return at;
  });
}

function cellText(c: Tc): string {
  return [...c.content.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

/** Text width of the demo DOCX page (A4 portrait, 公文 margins) and of an A4 landscape page. */
const PORTRAIT_WIDTH = 11906 - 1588 - 1474;
const LANDSCAPE_WIDTH = 16838 - 1440 - 1440;

function scaleGrid(grid: number[], to: number): number[] {
  const total = grid.reduce((a, b) => a + b, 0);
  return grid.map((w) => Math.floor((w / total) * to));
}

/** Fixed widths for the 10 grid columns of 表三: group, subgroup, label, 7 values. */
function t3Grid(group: number, subgroup: number, value: number, width = PORTRAIT_WIDTH): number[] {
  const label = width - group - subgroup - 7 * value;
  if (label < 600) throw new Error("t3Grid: the label column would vanish");
  return [group, subgroup, label, ...Array.from({ length: 7 }, () => value)];
}

interface DocxEdit {
  /** Per table (0 = 表二, 1 = 表三, 2 = 表四). */
  table?: (t: Tbl, index: number) => void;
  /** The whole document.xml after the table edits. */
  document?: (xml: string) => string;
  styles?: (xml: string) => string;
}

const HEADER_ROWS = [0, 3, 3];

function applyBorders(t: Tbl, index: number, kind: "ruled" | "none" | "three-line"): void {
  if (kind === "ruled") return;
  if (kind === "none") {
    t.borders = `<w:tblBorders>${BORDER_SIDES.map(nil).join("")}</w:tblBorders>`;
    return;
  }
  // 三线表: a heavy top and bottom rule, a thin one under the header rows; nothing else.
  t.borders = `<w:tblBorders>${line("top", 12)}${nil("left")}${line("bottom", 12)}${nil("right")}${nil("insideH")}${nil("insideV")}</w:tblBorders>`;
  const heads = index === 0 ? t.rows.map((r, i) => (cellText(r.cells[0] ?? { span: 1, vmerge: "", content: "" }) === "信息内容" ? i : -1)).filter((i) => i >= 0) : [(HEADER_ROWS[index] ?? 1) - 1];
  for (const h of heads) for (const c of t.rows[h]?.cells ?? []) c.bottom = line("bottom", 6);
}

function replaceFonts(xml: string, map: Record<string, string>): string {
  let out = xml;
  for (const [from, to] of Object.entries(map)) out = out.replaceAll(`"${from}"`, `"${to}"`);
  return out;
}

const SECT = (orient: "portrait" | "landscape") =>
  orient === "portrait"
    ? `<w:sectPr><w:type w:val="nextPage"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`
    : `<w:sectPr><w:type w:val="nextPage"/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`;

/** 表三 (with its heading) on a landscape page of its own, as many agencies lay it out. */
function landscapeT3(xml: string): string {
  const heading = /<w:p><w:pPr><w:pStyle w:val="Heading1"\/><\/w:pPr><w:r><w:t xml:space="preserve">三、/.exec(xml);
  if (!heading) throw new Error("landscapeT3: no heading 三");
  let out = `${xml.slice(0, heading.index)}<w:p><w:pPr>${SECT("portrait")}</w:pPr></w:p>${xml.slice(heading.index)}`;
  const tables = [...out.matchAll(/<\/w:tbl>/g)];
  const t3End = tables[1];
  if (t3End?.index === undefined) throw new Error("landscapeT3: no 表三");
  const at = t3End.index + "</w:tbl>".length;
  out = `${out.slice(0, at)}<w:p><w:pPr>${SECT("landscape")}</w:pPr></w:p>${out.slice(at)}`;
  return out;
}

/** Heading 三 starts a new page (keeps 表三 on one page). */
function pageBreakBeforeT3(xml: string): string {
  const at = `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">三、`;
  if (!xml.includes(at)) throw new Error("pageBreakBeforeT3: no heading 三");
  return xml.replace(at, `<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space="preserve">三、`);
}

function zeroRunsToBlank(t: Tbl): void {
  for (const r of t.rows) for (const c of r.cells) c.content = c.content.replace(`<w:r><w:t xml:space="preserve">0</w:t></w:r>`, "");
}


// ─── Word/WPS habits (the wps-* variants) ───

/** Header rows of each table: 表二's "信息内容" rows, 表三's and 表四's first rows. */
function headerRows(t: Tbl, index: number): Set<number> {
  if (index !== 0) return new Set(Array.from({ length: HEADER_ROWS[index] ?? 1 }, (_, k) => k));
  const out = new Set<number>();
  t.rows.forEach((r, i) => {
    const first = cellText(r.cells[0] ?? { span: 1, vmerge: "", content: "" });
    if (first === "信息内容" || first.startsWith("第二十条")) out.add(i);
  });
  return out;
}

const isValueText = (text: string) => /^[\d.,/]*$/.test(text);

/** Adds paragraph properties (after the style) to every paragraph of a cell. */
function addPPr(c: Tc, xml: string): void {
  c.content = c.content.replace(/(<w:pStyle w:val="[^"]+"\/>)/g, `$1${xml}`);
}

/** Adds run properties to every run of a cell. */
function addRPr(c: Tc, xml: string): void {
  c.content = c.content.replace(/<w:r><w:rPr>/g, `<w:r><w:rPr>${xml}`).replace(/<w:r><w:t/g, `<w:r><w:rPr>${xml}</w:rPr><w:t`);
}

/** 分散对齐: short labels and header words spread over their cell (w:jc distribute), header runs
 * expanded by 1 pt (w:spacing), as Word/WPS users lay out 规章, 自然人, 总计. */
function distribute(t: Tbl, index: number): void {
  const heads = headerRows(t, index);
  t.rows.forEach((r, i) => {
    for (const c of r.cells) {
      const text = cellText(c);
      if (text === "" || isValueText(text)) continue;
      if (heads.has(i)) addRPr(c, `<w:spacing w:val="20"/>`);
      if (text.length <= 7 && !text.startsWith("第二十条")) addPPr(c, `<w:jc w:val="distribute"/>`);
    }
  });
}

/** Grey header rows (filled rectangles behind the text), a double frame, dashed inner rules. */
function shadedDashed(t: Tbl, index: number): void {
  const side = (s: string, val: string) => `<w:${s} w:val="${val}" w:sz="4" w:space="0" w:color="000000"/>`;
  t.borders = `<w:tblBorders>${["top", "left", "bottom", "right"].map((s) => side(s, "double")).join("")}${side("insideH", "dashed")}${side("insideV", "dashed")}</w:tblBorders>`;
  const heads = headerRows(t, index);
  t.rows.forEach((r, i) => {
    if (heads.has(i)) for (const c of r.cells) c.fill = "D9D9D9";
  });
}

/** Counts of 1000 and more written with thousands separators (1,234), values right-aligned. */
function thousandsRight(t: Tbl): void {
  for (const r of t.rows)
    for (const c of r.cells) {
      const text = cellText(c);
      if (text === "" || !/^[\d.]+$/.test(text)) continue;
      c.content = c.content.replace(/>(\d{4,})((?:\.\d+)?)<\/w:t>/, (_m, int: string, dec: string) => `>${int.replace(/\B(?=(\d{3})+$)/g, ",")}${dec}</w:t>`);
      addPPr(c, `<w:jc w:val="right"/>`);
    }
}

/** Manual line breaks (w:br) inside header words, as typed in Word: 法人或↵其他组织. */
const BREAKS: Record<string, string> = {
  法人或其他组织: "法人或|其他组织",
  社会公益组织: "社会公益|组织",
  法律服务机构: "法律服务|机构",
  本年制发件数: "本年制发|件数",
  本年废止件数: "本年废止|件数",
  现行有效件数: "现行有效|件数",
  本年新制作数量: "本年新制作|数量",
  本年新公开数量: "本年新公开|数量",
  对外公开总数量: "对外公开|总数量",
  未经复议直接起诉: "未经复议|直接起诉",
  "一、本年新收政府信息公开申请数量": "一、本年新收政府|信息公开申请数量",
  "二、上年结转政府信息公开申请数量": "二、上年结转政府|信息公开申请数量",
  "四、结转下年度继续办理": "四、结转下年度|继续办理",
};
function manualBreaks(t: Tbl): void {
  for (const r of t.rows)
    for (const c of r.cells) {
      const to = BREAKS[cellText(c)];
      if (to) c.content = c.content.replace(/<w:t xml:space="preserve">[^<]*<\/w:t>/, to.split("|").map((p) => `<w:t xml:space="preserve">${p}</w:t>`).join("<w:br/>"));
    }
}

function editDocx(bytes: Uint8Array, edit: DocxEdit): Uint8Array {
  const files = unzipSync(bytes);
  const docBytes = files["word/document.xml"];
  const styleBytes = files["word/styles.xml"];
  if (!docBytes || !styleBytes) throw new Error("editDocx: not the demo DOCX");
  let doc = strFromU8(docBytes);
  let index = 0;
  doc = doc.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (xml) => {
    const t = parseTbl(xml);
    edit.table?.(t, index);
    index++;
    return serializeTbl(t);
  });
  if (index !== 3) throw new Error(`editDocx: expected 3 tables, found ${index}`);
  if (edit.document) doc = edit.document(doc);
  const styles = edit.styles ? edit.styles(strFromU8(styleBytes)) : strFromU8(styleBytes);
  const mtime = new Date(2025, 0, 20, 9, 0, 0);
  return zipSync({ ...files, "word/document.xml": strToU8(doc), "word/styles.xml": strToU8(styles) }, { level: 6, mtime });
}

const SANS = { 宋体: "黑体", 仿宋_GB2312: "黑体", 方正小标宋简体: "黑体" };
const NOTO = { 宋体: "Noto Serif CJK SC", 仿宋_GB2312: "Noto Serif CJK SC", 方正小标宋简体: "Noto Serif CJK SC", 黑体: "Noto Sans CJK SC" };

interface LoVariant {
  name: string;
  what: string;
  picks: PickId[];
  edit: DocxEdit;
  zerosBlank?: boolean;
}

const LO_VARIANTS: LoVariant[] = [
  { name: "ruled", what: "every rule drawn (the demo DOCX as is); 宋体/仿宋 → a Ming serif (AR PL UMing, TrueType subset)", picks: ["lps23", "lps20", "pzscjg22", "twp23"], edit: {} },
  { name: "ruled-sans", what: "every rule drawn; body and tables in 黑体 (WenQuanYi Zen Hei)", picks: ["gz24", "lpsga19"], edit: { styles: (s) => replaceFonts(s, SANS) } },
  { name: "ruled-noto", what: "every rule drawn; Noto Serif/Sans CJK (OpenType CFF, which LibreOffice embeds as Type 1)", picks: ["zs22"], edit: { styles: (s) => replaceFonts(s, NOTO) } },
  { name: "borderless", what: "no rules at all: columns only by position; 黑体 throughout", picks: ["lps23", "lps20", "zjj23"], edit: { table: (t, i) => applyBorders(t, i, "none"), styles: (s) => replaceFonts(s, SANS) } },
  {
    name: "three-line",
    what: "三线表: heavy top and bottom rules and one thin rule under the header rows, no verticals; 黑体 throughout",
    picks: ["gz24", "pzscjg22", "gy24"],
    edit: { table: (t, i) => applyBorders(t, i, "three-line"), styles: (s) => replaceFonts(s, SANS) },
  },
  {
    name: "landscape-t3",
    what: "表三 and its heading on a landscape page (a section of its own), columns widened to it; 黑体 throughout",
    picks: ["lps23", "lpsga19", "pzzrzy22"],
    edit: { table: (t, i) => void (i === 1 && (t.grid = scaleGrid(t.grid, LANDSCAPE_WIDTH))), document: landscapeT3, styles: (s) => replaceFonts(s, SANS) },
  },
  {
    name: "split-repeat",
    what: "表三 split over two pages (taller rows), its three header rows repeated on the second page (w:tblHeader)",
    picks: ["gz24", "lps20", "gy24"],
    edit: {
      table: (t, i) => {
        if (i !== 1) return;
        t.rows.forEach((r, k) => {
          r.height = 560;
          r.header = k < 3;
        });
      },
    },
  },
  {
    name: "split-norepeat",
    what: "表三 split over two pages (taller rows), the second page continues with data rows and no header; 黑体 throughout",
    picks: ["zs22", "pzscjg22"],
    edit: { table: (t, i) => void (i === 1 && t.rows.forEach((r) => (r.height = 560))), styles: (s) => replaceFonts(s, SANS) },
  },
  {
    name: "narrow-headers",
    what: "narrow value columns in 表三 and 表四: header labels wrap one character per line; 黑体 throughout",
    picks: ["lps23", "jy19", "pzzrzy22"],
    edit: {
      styles: (s) => replaceFonts(s, SANS),
      table: (t, i) => {
        if (i === 1) t.grid = t3Grid(500, 900, 360);
        if (i === 2) t.grid = [...Array.from({ length: 15 }, () => 340)];
      },
    },
  },
  {
    name: "label-wrap",
    what: "a narrow 表三 label column: row labels wrap over 2–5 lines",
    picks: ["gz24", "lps20", "twp23"],
    edit: { table: (t, i) => void (i === 1 && (t.grid = t3Grid(700, 900, 760))) },
  },
  {
    name: "vertical-groups",
    what: "表三 group cells (三、本年度办理结果, （三）不予公开 …) merged down and set in vertical text (tbRlV), 表三 on a page of its own",
    picks: ["lps23", "sc21", "zjj23"],
    edit: {
      // LibreOffice 7.4 silently drops the rest of the document when a vertical-text merged cell
      // crosses a page break, so 表三 starts a page (the script checks every section is printed).
      document: pageBreakBeforeT3,
      table: (t, i) => {
        if (i !== 1) return;
        t.grid = t3Grid(420, 420, 700);
        for (const r of t.rows) {
          const starts = startCols(r);
          r.cells.forEach((c, k) => {
            if (c.vmerge === "restart" && (starts[k] ?? 9) < 2 && cellText(c).length > 0 && !cellText(c).includes("勾稽")) c.textDirection = "tbRlV";
          });
        }
      },
    },
  },
  {
    name: "zeros-blank",
    what: "every 0 in the tables left blank, as many agencies type them (expected: null, reason blank)",
    picks: ["lz24", "zs22"],
    edit: { table: (t) => zeroRunsToBlank(t) },
    zerosBlank: true,
  },
  {
    name: "wps-distribute",
    what: "分散对齐 (w:jc distribute) in short labels and header words (规章, 自然人, 总计 spread over the cell, one run per character), header runs expanded 1 pt (w:spacing); tables in 仿宋_GB2312",
    picks: ["lps23", "lps20", "zjj23"],
    edit: { table: distribute, styles: (s) => replaceFonts(s, { 宋体: "仿宋_GB2312" }) },
  },
  {
    name: "wps-distribute-open",
    what: "分散对齐 labels and header words (as wps-distribute) in 三线表 (no verticals): the spread characters are the only clue to where one label ends; 黑体 throughout",
    picks: ["gz24", "lpsga19"],
    edit: {
      table: (t, i) => {
        applyBorders(t, i, "three-line");
        distribute(t, i);
      },
      styles: (s) => replaceFonts(s, SANS),
    },
  },
  {
    name: "wps-shaded",
    what: "grey header rows (w:shd: filled rectangles behind the text), double frame, dashed inner rules; 7.5 pt tables, values right-aligned with thousands separators (1,234)",
    picks: ["gz24", "pzscjg22", "gy24"],
    edit: {
      table: (t, i) => {
        shadedDashed(t, i);
        thousandsRight(t);
      },
      styles: (s) => s.replaceAll(`<w:sz w:val="18"/>`, `<w:sz w:val="15"/>`),
    },
  },
  {
    name: "wps-shaded-open",
    what: "no rules at all, grey header rows (filled rectangles the only drawing), 8 pt tables, values right-aligned with thousands separators; 黑体 throughout",
    picks: ["zjj23", "gy24"],
    edit: {
      table: (t, i) => {
        applyBorders(t, i, "none");
        const heads = headerRows(t, i);
        t.rows.forEach((r, k) => {
          if (heads.has(k)) for (const c of r.cells) c.fill = "D9D9D9";
        });
        thousandsRight(t);
      },
      styles: (s) => replaceFonts(s, SANS).replaceAll(`<w:sz w:val="18"/>`, `<w:sz w:val="16"/>`),
    },
  },
  {
    name: "wps-wide-exact",
    what: "tables wider than the text block (over both margins), rows of exact height: wrapped labels are clipped to their first line",
    picks: ["lps23", "sc21", "jy19"],
    edit: {
      table: (t, i) => {
        t.grid = scaleGrid(t.grid, PORTRAIT_WIDTH + 1100);
        const heads = headerRows(t, i);
        t.rows.forEach((r, k) => {
          if (heads.has(k)) return;
          r.height = 300;
          r.hRule = "exact";
        });
      },
    },
  },
  {
    name: "wps-breaks",
    what: "manual line breaks (w:br) in header words and long labels (法人或↵其他组织); title in 方正小标宋_GBK and tables in FangSong_GB2312, fonts the machine lacks (fallback to 黑体)",
    picks: ["gz24", "lpsga19", "pzzrzy22"],
    edit: { table: manualBreaks, styles: (s) => replaceFonts(s, { 宋体: "FangSong_GB2312", 方正小标宋简体: "方正小标宋_GBK" }) },
  },
];

// ───────────────────────────── Chromium pages ─────────────────────────────

const BODY_SERIF = `"仿宋_GB2312", "仿宋", FangSong, "AR PL UMing CN", serif`;
const TABLE_SERIF = `"宋体", SimSun, "AR PL UMing CN", serif`;
const SANS_STACK = `"微软雅黑", "Microsoft YaHei", "黑体", SimHei, "WenQuanYi Zen Hei", sans-serif`;

interface ChromiumVariant {
  name: string;
  what: string;
  picks: PickId[];
  css: string;
  /** Column widths (px) per table class, injected as <colgroup>. */
  cols?: Partial<Record<"t2" | "t3" | "t4", number[]>>;
  /** Sections 三 and 四 (headings and tables) on landscape pages. */
  landscape?: boolean;
}

const CMS_FRAME = `
@page { size: A4; margin: 16mm 14mm; }
body { margin: 0; font-family: "宋体", SimSun, "AR PL UMing CN", serif; font-size: 12px; color: #333; }
.header { height: 36px; border-bottom: 3px solid #b40000; }
.header .logo img { display: none; }
.header .nav { list-style: none; margin: 0; padding: 0; }
.header .nav li { display: inline-block; margin-right: 18px; font-size: 13px; line-height: 36px; }
.header .nav a, .position a { color: #333; text-decoration: none; }
.position { font-size: 12px; color: #666; padding: 6px 0; border-bottom: 1px dashed #ccc; }
.article { padding: 8px 12px; }
.article .title { font-size: 20px; text-align: center; color: #b40000; font-weight: normal; font-family: "黑体", SimHei, "WenQuanYi Zen Hei", sans-serif; margin: 10px 0 6px; }
/* 宋体 has no bold face: Chromium would fake it as Type 3 outlines (megabytes). Sites set headings in 黑体 instead. */
strong, b { font-weight: normal; }
.TRS_Editor p strong { font-family: "黑体", SimHei, "WenQuanYi Zen Hei", sans-serif; }
.article .info { text-align: center; font-size: 12px; color: #888; border-bottom: 1px solid #ddd; padding-bottom: 6px; margin-bottom: 10px; }
.article .info span { margin: 0 8px; }
.share, .footer { font-size: 11px; color: #888; text-align: center; }
.footer { border-top: 2px solid #b40000; margin-top: 12px; padding-top: 6px; }
.TRS_Editor p { font-family: ${BODY_SERIF}; font-size: 15px; line-height: 1.9; margin: 0 0 4px; }
`;

const RULED_TABLES = `
.TRS_Editor table { border-collapse: collapse; margin: 6px auto 12px; table-layout: fixed; }
.TRS_Editor table td { border: 1px solid #000; padding: 2px 3px; font-family: ${TABLE_SERIF}; font-size: 12px; line-height: 1.4; word-break: break-all; }
.TRS_Editor table td p { font-family: ${TABLE_SERIF}; font-size: 12px; line-height: 1.4; margin: 0; text-indent: 0; }
`;

const SANS_FRAME = CMS_FRAME.replaceAll(BODY_SERIF, SANS_STACK).replace(`font-family: "宋体", SimSun, "AR PL UMing CN", serif;`, `font-family: ${SANS_STACK};`);
const HRULES = `.TRS_Editor table { border-collapse: collapse; width: 100% !important; margin: 6px 0 12px; }
.TRS_Editor table td { border: 0; border-bottom: 1px solid #999; padding: 3px 2px; font-family: ${SANS_STACK}; font-size: 12px; }
.TRS_Editor table td p { font-family: ${SANS_STACK}; font-size: 12px; margin: 0; text-indent: 0; }
.TRS_Editor table tr:first-child td { background: #eef3f8; }
`;

const CHROMIUM_VARIANTS: ChromiumVariant[] = [
  {
    name: "cms-portrait",
    what: "CMS article page (header, breadcrumb, meta line, footer), tables border-collapse with 1px rules, 宋体/仿宋 stacks, A4 portrait",
    picks: ["lps23", "lps20"],
    css: CMS_FRAME + RULED_TABLES + ".TRS_Editor table { width: 100% !important; }",
  },
  {
    name: "cms-fixed-wrap",
    what: "fixed pixel widths (<colgroup>; 表三 640px with a 150px label column): long row labels wrap over 2–4 lines, header labels wrap",
    picks: ["gz24", "lpsga19"],
    css: CMS_FRAME + RULED_TABLES,
    cols: {
      t2: [220, 140, 140, 140],
      t3: [30, 60, 150, 56, 57, 57, 57, 57, 57, 59],
      t4: Array.from({ length: 15 }, () => 42),
    },
  },
  {
    name: "cms-landscape",
    what: "sections 三 and 四 (headings and tables) printed on landscape A4 pages (CSS named page), the rest portrait",
    picks: ["gy24"],
    css: CMS_FRAME + RULED_TABLES + "@page wide { size: A4 landscape; margin: 14mm; } .wide { page: wide; } .TRS_Editor table { width: 100% !important; }",
    landscape: true,
  },
  {
    name: "cms-sans-hrules",
    what: "sans-serif site (微软雅黑/黑体 stack), tables framed with horizontal rules between rows and no inner verticals, shaded first row",
    picks: ["zjj23"],
    css: SANS_FRAME + HRULES + ".TRS_Editor table { border: 1px solid #999; }",
  },
  {
    name: "cms-sans-open",
    what: "the same sans-serif site with open tables: horizontal rules between rows only (no frame, no verticals)",
    picks: ["lz24"],
    css: SANS_FRAME + HRULES + ".TRS_Editor table { border: 0; }",
  },
];

function restyleHtml(html: string, v: ChromiumVariant): string {
  let out = html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<link rel="stylesheet"[^>]*>/g, "")
    .replace(/<style type="text\/css">[\s\S]*?<\/style>/, `<style type="text/css">${v.css}</style>`);
  for (const [cls, widths] of Object.entries(v.cols ?? {})) {
    const total = widths.reduce((a, b) => a + b, 0);
    out = out.replace(
      new RegExp(`(<table [^>]*class="${cls}">)`),
      `$1<colgroup>${widths.map((w) => `<col style="width:${w}px">`).join("")}</colgroup>`,
    );
    out = out.replace(new RegExp(`(<table [^>]*)width="100%"([^>]*class="${cls}">)`), `$1width="${total}"$2`);
  }
  if (v.landscape) {
    const start = out.indexOf(`<p style="text-indent:2em;"><strong>三、`);
    const t4 = out.indexOf(`class="t4"`);
    const end = out.indexOf("</table>", t4);
    if (start < 0 || t4 < 0 || end < 0) throw new Error(`${v.name}: sections 三/四 not found`);
    out = `${out.slice(0, start)}<div class="wide">${out.slice(start, end + 8)}</div>${out.slice(end + 8)}`;
  }
  return out;
}

// ───────────────────────────── converter markdown ─────────────────────────────

/**
 * What simple PDF-to-markdown converters do with `pdftotext -layout` text: a line with three or
 * more space-separated runs is a table row; consecutive rows make one table, whose first row
 * becomes the header (数据1…数据N when it is all numbers); any other line closes the table.
 * Wrapped labels therefore break 表三 into many small tables, headers land on the wrong rows.
 */
function toConverterMarkdown(layout: string): string {
  const out: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (table.length === 0) return;
    const width = Math.max(...table.map((r) => r.length));
    const pad = (r: string[]) => Array.from({ length: width }, (_, i) => r[i] ?? "");
    const [first, ...rest] = table;
    const numeric = (first ?? []).every((c) => /^[\d.]+$/.test(c));
    const head = numeric ? pad([]).map((_, i) => `数据${i + 1}`) : pad(first ?? []);
    const body = numeric ? table : rest;
    out.push(`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...body.map((r) => `| ${pad(r).join(" | ")} |`), "");
    table = [];
  };
  for (const raw of layout.replace(/\f/g, "\n").split("\n")) {
    const text = raw.trim();
    const runs = text.split(/\s{2,}/).filter((s) => s !== "");
    if (runs.length >= 3) {
      table.push(runs);
      continue;
    }
    flush();
    if (text === "") continue;
    out.push(/^[一二三四五六]、/.test(text) ? `## ${text}` : text, "");
  }
  flush();
  return out.join("\n");
}

// ───────────────────────────── producers ─────────────────────────────

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });
}

function fontsConf(work: string, fontsDir: string): string {
  const find = (name: string) => {
    const hit = execFileSync("find", [fontsDir, "-name", name], { encoding: "utf8" }).trim().split("\n")[0];
    if (!hit) throw new Error(`font ${name} not found under ${fontsDir}; see the header of this script for how to get it`);
    return hit;
  };
  find("uming.ttc");
  find("wqy-zenhei.ttc");
  const alias = (names: string[], to: string) => names.map((n) => `<alias binding="strong"><family>${n}</family><prefer><family>${to}</family></prefer></alias>`).join("\n");
  const conf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>${fontsDir}</dir>
<cachedir>${join(work, "fc-cache")}</cachedir>
${alias(["宋体", "SimSun", "仿宋_GB2312", "仿宋", "FangSong", "方正小标宋简体"], "AR PL UMing CN")}
${alias(["黑体", "SimHei", "微软雅黑", "Microsoft YaHei"], "WenQuanYi Zen Hei")}
<!-- UMing carries bitmap strikes for small sizes; Chromium would print them as Type 3 bitmaps. -->
<match target="font"><edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit></match>
</fontconfig>
`;
  const path = join(work, "fonts.conf");
  writeFileSync(path, conf);
  return path;
}

/** A producer that silently drops content would make the expected figures a lie: every section must be printed. */
function assertAllSections(pdf: string, id: string, env: NodeJS.ProcessEnv): void {
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { env, encoding: "utf8" }).replace(/\s+/g, "");
  const missing = ["一、", "二、", "三、", "四、", "五、", "六、"].filter((h) => !new RegExp(`${h}(总体情况|主动公开|收到和处理|政府信息公开行政复议|因政府信息公开|存在的主要问题|政府信息公开工作存在|其他需要报告)`).test(text));
  if (missing.length) throw new Error(`${id}: the PDF lacks section ${missing.join(" ")} (the producer dropped content)`);
}

/** Pins the creation/modification dates and the file ID (same length, so the xref stays valid). */
function pinPdf(bytes: Uint8Array, seed: string): Uint8Array {
  let s = Buffer.from(bytes).toString("latin1");
  s = s.replace(/\/(CreationDate|ModDate)\s*\(D:(\d{14})/g, (_m, k: string) => `/${k}(D:20250120090000`);
  const id = createHash("md5").update(seed).digest("hex").toUpperCase();
  s = s.replace(/\/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]/g, (m) => m.replace(/<[0-9A-Fa-f]{32}>/g, `<${id}>`));
  s = s.replace(/\/DocChecksum \/[0-9A-F]{32}/g, `/DocChecksum /${id}`);
  return new Uint8Array(Buffer.from(s, "latin1"));
}

interface Job {
  id: string;
  family: string;
  variant?: string;
  dir: string;
  input: string;
  expected: object;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), "gongkai-producers-"));
  const env: NodeJS.ProcessEnv = { ...process.env, FONTCONFIG_FILE: fontsConf(work, args.fonts), HOME: work };
  const demo = loadDemo();
  const selected = (id: string) => !args.only || id.includes(args.only);
  const jobs: Job[] = [];
  const pdfs = new Map<string, string>(); // fixture id → PDF path in OUT

  // LibreOffice: one soffice run converts every edited DOCX.
  const docxDir = join(work, "docx");
  const pdfDir = join(work, "pdf");
  mkdirSync(docxDir, { recursive: true });
  const loJobs: { id: string; file: string; variant: string; expected: ExpectedFile }[] = [];
  for (const v of LO_VARIANTS) {
    for (const pick of v.picks) {
      const id = `libreoffice/${v.name}-${PICKS[pick].agency}-${PICKS[pick].year}`;
      if (!selected(id)) continue;
      const file = `${v.name}-${PICKS[pick].agency}-${PICKS[pick].year}`;
      writeFileSync(join(docxDir, `${file}.docx`), editDocx(demo[pick].docx, v.edit));
      const producer = { program: "LibreOffice Writer 7.4 (soffice --headless --convert-to pdf)", source: "lib/render/docx.ts (demo DOCX) + XML edits", variant: v.name, what: v.what, report: PICKS[pick].why };
      loJobs.push({ id, file, variant: v.name, expected: expectedOf(demo[pick], producer, `Demo report ${PICKS[pick].agency} ${PICKS[pick].year} (seed ${SEED}); figures from the demo generator.`, v.zerosBlank) });
    }
  }
  if (loJobs.length > 0) {
    console.log(`soffice: converting ${loJobs.length} DOCX files…`);
    const profile = `file://${join(work, "lo-profile")}`;
    run("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", pdfDir, ...loJobs.map((j) => join(docxDir, `${j.file}.docx`))], env);
    for (const j of loJobs) {
      assertAllSections(join(pdfDir, `${j.file}.pdf`), j.id, env);
      const pdf = pinPdf(new Uint8Array(readFileSync(join(pdfDir, `${j.file}.pdf`))), j.id);
      jobs.push({ id: j.id, family: "libreoffice", variant: j.variant, dir: join(OUT, j.id), input: "input.pdf", expected: j.expected });
      writeFixture(join(OUT, j.id), "input.pdf", pdf, j.expected);
      pdfs.set(j.id, join(OUT, j.id, "input.pdf"));
    }
  }

  // Chromium: one headless print per page.
  for (const v of CHROMIUM_VARIANTS) {
    for (const pick of v.picks) {
      const id = `chromium/${v.name}-${PICKS[pick].agency}-${PICKS[pick].year}`;
      if (!selected(id)) continue;
      const htmlPath = join(work, `${v.name}-${pick}.html`);
      writeFileSync(htmlPath, restyleHtml(demo[pick].html, v));
      const pdfPath = join(work, `${v.name}-${pick}.pdf`);
      console.log(`chromium: ${id}`);
      run(
        "chromium",
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          `--user-data-dir=${join(work, "chromium-profile")}`,
          "--no-pdf-header-footer",
          `--print-to-pdf=${pdfPath}`,
          `file://${htmlPath}`,
        ],
        env,
      );
      assertAllSections(pdfPath, id, env);
      const producer = { program: "Chromium headless --print-to-pdf", source: "lib/render/html.ts (demo page) restyled", variant: v.name, what: v.what, report: PICKS[pick].why };
      const expected = expectedOf(demo[pick], producer, `Demo report ${PICKS[pick].agency} ${PICKS[pick].year} (seed ${SEED}); figures from the demo generator.`);
      writeFixture(join(OUT, id), "input.pdf", pinPdf(new Uint8Array(readFileSync(pdfPath)), id), expected);
      jobs.push({ id, family: "chromium", variant: v.name, dir: join(OUT, id), input: "input.pdf", expected });
      pdfs.set(id, join(OUT, id, "input.pdf"));
    }
  }

  // Text left by poppler and by a converter, from some of the PDFs above.
  const derived: { family: "pdftotext-layout" | "pdftotext-raw" | "converter-md"; from: string }[] = [
    ...[
      "libreoffice/ruled-520200-gov-2023",
      "libreoffice/ruled-520200-gov-2020",
      "libreoffice/ruled-520281-scjg-2022",
      "libreoffice/ruled-520281002-twp-2023",
      "libreoffice/borderless-520200-gov-2023",
      "libreoffice/borderless-520000-zjj-2023",
      "libreoffice/three-line-520000-gov-2024",
      "libreoffice/three-line-520100-gov-2024",
      "libreoffice/landscape-t3-520200-ga-2019",
      "libreoffice/split-repeat-520000-gov-2024",
      "libreoffice/narrow-headers-520000-jy-2019",
      "libreoffice/label-wrap-520200-gov-2020",
      "libreoffice/vertical-groups-520200-gov-2023",
      "libreoffice/zeros-blank-520203-gov-2024",
      "libreoffice/wps-distribute-520200-gov-2023",
      "libreoffice/wps-shaded-520100-gov-2024",
      "libreoffice/wps-breaks-520000-gov-2024",
      "libreoffice/wps-distribute-open-520200-ga-2019",
      "chromium/cms-portrait-520200-gov-2023",
      "chromium/cms-fixed-wrap-520000-gov-2024",
    ].map((from) => ({ family: "pdftotext-layout" as const, from })),
    ...["libreoffice/ruled-520200-gov-2023", "libreoffice/ruled-520200-gov-2020", "libreoffice/three-line-520000-gov-2024", "libreoffice/label-wrap-520000-gov-2024", "chromium/cms-fixed-wrap-520200-ga-2019"].map((from) => ({
      family: "pdftotext-raw" as const,
      from,
    })),
    ...["libreoffice/ruled-520200-gov-2023", "libreoffice/landscape-t3-520200-ga-2019", "chromium/cms-portrait-520200-gov-2020"].map((from) => ({ family: "converter-md" as const, from })),
  ];
  for (const d of derived) {
    const name = d.from.split("/")[1] ?? d.from;
    const prefix = d.from.split("/")[0] === "chromium" ? "chromium-" : "lo-";
    const id = `${d.family}/${prefix}${name}`;
    if (!selected(id)) continue;
    const pdf = pdfs.get(d.from) ?? join(OUT, d.from, "input.pdf");
    if (!existsSync(pdf)) throw new Error(`${id}: ${d.from} has no PDF (run without --only)`);
    const txtPath = join(work, "out.txt");
    run("pdftotext", [...(d.family === "pdftotext-raw" ? [] : ["-layout"]), "-enc", "UTF-8", pdf, txtPath], env);
    const text = readFileSync(txtPath, "utf8");
    const ext = d.family === "converter-md" ? "md" : "txt";
    const body = d.family === "converter-md" ? toConverterMarkdown(text) : text;
    const how = { "pdftotext-layout": "pdftotext -layout -enc UTF-8 (poppler)", "pdftotext-raw": "pdftotext -enc UTF-8 (poppler, no -layout)", "converter-md": "pdftotext -layout, then rows of 3+ space-separated runs made into pipe tables (scripts/make-producer-fixtures.ts toConverterMarkdown)" }[d.family];
    const expected = { same_as: `../../${d.from}/expected.json`, note: `${how} of ../../${d.from}/input.pdf` };
    writeFixture(join(OUT, id), `input.${ext}`, body, expected);
    jobs.push({ id, family: d.family, dir: join(OUT, id), input: `input.${ext}`, expected });
  }

  if (!args.only) writeReadme(jobs, derived);
  let total = 0;
  for (const j of jobs) {
    const size = readFileSync(join(j.dir, j.input)).length;
    total += size;
  }
  console.log(`${jobs.length} fixtures written, ${(total / 1024 / 1024).toFixed(2)} MB of inputs`);
  const stale = listFixtures(OUT).filter((id) => !args.only && !jobs.some((j) => j.id === id));
  if (stale.length) console.log(`not produced by this run (delete if obsolete): ${stale.join(", ")}`);
  if (!args.keepWork) rmSync(work, { recursive: true, force: true });
  else console.log(`work folder kept: ${work}`);
}

/** The folder's README: every variant, what it exercises and its fixtures (generated, so it cannot drift). */
function writeReadme(jobs: Job[], derived: { family: string; from: string }[]): void {
  const ids = (family: string, variant: string) =>
    jobs
      .filter((j) => j.family === family && j.variant === variant)
      .map((j) => `\`${j.id.split("/")[1] ?? j.id}\``)
      .join(", ");
  const lines = [
    "# Producer fixtures",
    "",
    "Demo reports (seed 20250101) laid out by the programs agencies use, **not** by our own PDF renderer.",
    "Each folder holds one `input.*` and an `expected.json` with every figure of the report, its year,",
    "agency, format and scope, taken from the demo generator's own figures (never from our parser),",
    "with the null reason of every blank or “/” cell. Text fixtures point at their PDF's expected file",
    "(`same_as`). Written by `scripts/make-producer-fixtures.ts` (see its header for the tools and the",
    "two fonts it needs); regenerate only on purpose and review the diff like code. This file is",
    "written by the same script.",
    "",
    "The golden test (`lib/ingest/golden.test.ts`) reads every fixture; the ones that do not read right",
    "yet are in its `KNOWN` map with a reason. `npm run bench:accuracy` prints how far each one gets.",
    "",
    "## Reports used",
    "",
    "| Id | Agency | Year | Why |",
    "|---|---|---|---|",
    ...Object.entries(PICKS).map(([id, p]) => `| ${id} | ${p.agency} | ${p.year} | ${p.why} |`),
    "",
    "## libreoffice/ — LibreOffice Writer 7.4, `soffice --headless --convert-to pdf`",
    "",
    "The demo DOCX (`lib/render/docx.ts`) changed by XML edits, then laid out by LibreOffice (fresh",
    "profile): its own text runs, glyph positions and rule drawing. 宋体/仿宋_GB2312 resolve to a Ming",
    "serif (AR PL UMing), 黑体 to WenQuanYi Zen Hei, both embedded as TrueType subsets.",
    "",
    "| Variant | What it exercises | Fixtures |",
    "|---|---|---|",
    ...LO_VARIANTS.map((v) => `| \`${v.name}\` | ${v.what} | ${ids("libreoffice", v.name)} |`),
    "",
    "## chromium/ — Chromium headless `--print-to-pdf`",
    "",
    "The demo web page (`lib/render/html.ts`) restyled like a government CMS article page and printed",
    "on A4 (no browser header/footer). Bold is off: 宋体 has no bold face and Chromium would draw fake",
    "bold as Type 3 outlines of several megabytes; headings use 黑体 instead, as many sites do.",
    "",
    "| Variant | What it exercises | Fixtures |",
    "|---|---|---|",
    ...CHROMIUM_VARIANTS.map((v) => `| \`${v.name}\` | ${v.what} | ${ids("chromium", v.name)} |`),
    "",
    "## Text left by other tools",
    "",
    "| Folder | Made by | Fixtures (from) |",
    "|---|---|---|",
    `| \`pdftotext-layout/\` | poppler \`pdftotext -layout -enc UTF-8\`: columns aligned with spaces, form feeds between pages | ${derived.filter((d) => d.family === "pdftotext-layout").map((d) => `\`${d.from}\``).join(", ")} |`,
    `| \`pdftotext-raw/\` | poppler \`pdftotext -enc UTF-8\` without -layout: one cell per line, in reading order | ${derived.filter((d) => d.family === "pdftotext-raw").map((d) => `\`${d.from}\``).join(", ")} |`,
    `| \`converter-md/\` | a pdftotext-based PDF→markdown converter (\`toConverterMarkdown\`): rows of 3+ runs become pipe tables, a wrapped label ends a table, so 表三 breaks into pieces; all-number first rows get 数据1…数据N headers | ${derived.filter((d) => d.family === "converter-md").map((d) => `\`${d.from}\``).join(", ")} |`,
    "",
  ];
  writeFileSync(join(OUT, "README.md"), lines.join("\n"));
}

function writeFixture(dir: string, input: string, data: string | Uint8Array, expected: object): void {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.startsWith("input.") && f !== input) rmSync(join(dir, f));
  writeFileSync(join(dir, input), data);
  writeFileSync(join(dir, "expected.json"), `${JSON.stringify(expected, null, 1)}\n`);
  console.log(`  ${relative(ROOT, join(dir, input))} (${typeof data === "string" ? Buffer.byteLength(data) : data.length} bytes)`);
}

function listFixtures(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    const id = prefix ? `${prefix}/${name.name}` : name.name;
    if (existsSync(join(dir, name.name, "expected.json"))) out.push(id);
    else out.push(...listFixtures(join(dir, name.name), id));
  }
  return out;
}

main();
