/**
 * Real reports as other agencies write them: the project's real fixtures (盘州 web text, 上海市科委
 * converter markdown, the 盘州 report as a government web page) with one realistic change at a
 * time — label wording, header layout, the markup a CMS or a Word paste leaves. Pure string
 * transforms, so a test states exactly what changed and checks it against the fixture's
 * expected.json. Used by lib/ingest/real-variants.test.ts.
 */
import iconv from "iconv-lite";

export type Surface = "txt" | "md" | "html";

export interface BaseDoc {
  id: string;
  surface: Surface;
  text: string;
}

export interface Variant {
  id: string;
  /** What a person would see changed, for the test name. */
  what: string;
  /** The text with the change, or null when the change does not apply to this document. */
  apply(doc: BaseDoc): string | null;
  /** Bytes to feed the reader when not UTF-8 (GBK pages). */
  encode?: (text: string) => Uint8Array;
  /** The file name extension the changed document is read as, when it changes surface (".txt"). */
  ext?: string;
  /** The figures the changed document states, when the change alters them (0 written as —). */
  expected?: (cells: Record<string, number | null>) => Record<string, number | null>;
}

// ───────────────────────────── label helpers ─────────────────────────────

const HALF: Record<string, string> = { "（": "(", "）": ")", "：": ":", "，": ",", "；": ";" };

/** The forms a label is printed in: full-width brackets (Word) and half-width (web copies). */
function forms(label: string): string[] {
  const half = label.replace(/[（）：，；]/gu, (c) => HALF[c] ?? c);
  return half === label ? [label] : [label, half];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/**
 * Replaces a label wherever it is printed as a whole cell (not inside prose): in text a line of
 * its own ("label |"), in markdown a pipe cell, in HTML a cell's content. `to` may use the
 * bracket style of the match: "（" and "）" in `to` become "(" ")" where the document has them.
 */
export function relabel(doc: BaseDoc, from: string, to: string, all = true): string {
  let out = doc.text;
  for (const f of forms(from)) {
    const half = f !== from;
    const target = half ? to.replace(/[（）：，；]/gu, (c) => HALF[c] ?? c) : to;
    const re =
      doc.surface === "txt"
        ? new RegExp(`(^|\\n)${escapeRe(f)}( \\|)`, all ? "gu" : "u")
        : doc.surface === "md"
          ? new RegExp(`(\\| ?)${escapeRe(f)}( ?\\|)`, all ? "gu" : "u")
          : new RegExp(`(<td[^>]*>)${escapeRe(f)}(</td>)`, all ? "gu" : "u");
    out = out.replace(re, (_m, a: string, b: string) => `${a}${target}${b}`);
  }
  return out;
}

/** A label variant: each pair is (official label → the agency's wording). */
function labels(id: string, what: string, pairs: [string, string][]): Variant {
  return {
    id,
    what,
    apply(doc) {
      let t = doc.text;
      for (const [from, to] of pairs) t = relabel({ ...doc, text: t }, from, to);
      return t === doc.text ? null : t;
    },
  };
}

/** Spaces between the characters of a label, as Word users pad short labels to width. */
function spaced(label: string, sep: string): string {
  return Array.from(label).join(sep);
}

// ───────────────────────────── label variants ─────────────────────────────

export const LABEL_VARIANTS: Variant[] = [
  labels("spaced-t2", "表二 labels padded with full-width spaces (规　　章, 行 政 许 可)", [
    ["规章", "规　　章"],
    ["行政许可", spaced("行政许可", " ")],
    ["行政处罚", spaced("行政处罚", " ")],
    ["行政强制", spaced("行政强制", "　")],
  ]),
  labels("spaced-t3-cols", "表三 column headings padded (自 然 人, 总　计)", [
    ["自然人", spaced("自然人", " ")],
    ["总计", "总　计"],
  ]),
  labels("numbering-arabic", "表三 group numbering as 1. 2. instead of （一）（二）", [
    ["（一）予以公开", "1.予以公开"],
    ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "2.部分公开（区分处理的，只计这一情形，不计其他情形）"],
    ["（七）总计", "7.总计"],
  ]),
  labels("numbering-dropped", "row numbering dropped (予以公开, 属于国家秘密, 总计)", [
    ["一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"],
    ["二、上年结转政府信息公开申请数量", "上年结转政府信息公开申请数量"],
    ["（一）予以公开", "予以公开"],
    ["1.属于国家秘密", "属于国家秘密"],
    ["2.其他法律行政法规禁止公开", "其他法律行政法规禁止公开"],
    ["1.信访举报投诉类申请", "信访举报投诉类申请"],
    ["四、结转下年度继续办理", "结转下年度继续办理"],
  ]),
  labels("numbering-other-marks", "sub-row numbering as 1、 and （1）", [
    ["1.属于国家秘密", "1、属于国家秘密"],
    ["2.其他法律行政法规禁止公开", "（2）其他法律行政法规禁止公开"],
    ["1.本机关不掌握相关政府信息", "（1）本机关不掌握相关政府信息"],
    ["2.重复申请", "2、重复申请"],
  ]),
  labels("short-labels", "表三 rows shortened (部分公开, 逾期不补正, 逾期未缴费)", [
    ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"],
    ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.申请人无正当理由逾期不补正"],
    ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费用"],
  ]),
  labels("long-labels", "rows lengthened with counting notes ((件), 本年度)", [
    ["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量（件）"],
    ["（一）予以公开", "（一）予以公开（件）"],
    ["四、结转下年度继续办理", "四、结转下年度继续办理（件）"],
  ]),
  labels("quotes", "“三安全一稳定” in other quote styles", [
    ["3.危及“三安全一稳定”", "3.危及\"三安全一稳定\""],
    ["3.危及\"三安全一稳定\"", "3.危及「三安全一稳定」"],
  ]),
  labels("quotes-none", "三安全一稳定 without quotes", [["3.危及“三安全一稳定”", "3.危及三安全一稳定"]]),
  labels("typos", "one-character slips in long labels", [
    ["1.本机关不掌握相关政府信息", "1.本机关不掌握相关的政府信息"],
    ["2.没有现成信息需要另行制作", "2.没有现成信息需另行制作"],
    ["3.补正后申请内容仍不明确", "3.补正后申请内容仍不明晰"],
    ["5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重新出具已获得信息"],
  ]),
  labels("total-heji", "合计 for 总计 (row, column, 表四)", [
    ["（七）总计", "（七）合计"],
    ["总计", "合计"],
  ]),
  labels("carry-wording", "结转下一年度 / 上一年度结转 wording", [
    ["四、结转下年度继续办理", "四、结转下一年度继续办理"],
    ["二、上年结转政府信息公开申请数量", "二、上一年度结转政府信息公开申请数量"],
  ]),
  labels("legal-person-wording", "法人或者其他组织 and 公益组织 / 律师事务所 sub-columns", [
    ["法人或其他组织", "法人或者其他组织"],
    ["社会公益组织", "公益组织"],
    ["法律服务机构", "律师事务所等法律服务机构"],
  ]),
  labels("t2-wording", "表二 with 规范性文件 and 处理决定数量 (no 本年), fee unit as (万元)", [
    ["行政规范性文件", "规范性文件"],
    ["本年处理决定数量", "处理决定数量"],
    ["本年收费金额（单位：万元）", "本年收费金额（万元）"],
  ]),
  labels("t2-blocks", "表二 block headings 第二十条第一项 / 第20条第（五）项", [
    ["第二十条第（一）项", "第二十条第一项"],
    ["第二十条第（五）项", "第20条第（五）项"],
    ["第二十条第（六）项", "《条例》第二十条第（六）项"],
    ["第二十条第（八）项", "第二十条第(八)项"],
  ]),
  labels("t4-short", "表四 outcome headings without 结果 (维持, 纠正, 其他, 未审结, 合计)", [
    ["结果维持", "维持"],
    ["结果 维持", "维持"],
    ["结果纠正", "纠正"],
    ["其他结果", "其他"],
    ["其他 结果", "其他"],
    ["尚未审结", "未审结"],
    ["尚未 审结", "未审结"],
  ]),
  labels("t2-col-units", "表二 column headings with a unit note (本年制发件数（件）)", [
    ["本年制发件数", "本年制发件数（件）"],
    ["本年废止件数", "本年废止件数（件）"],
    ["现行有效件数", "现行有效件数（件）"],
    ["本年处理决定数量", "本年处理决定数量（件）"],
  ]),
  labels("t3-col-units", "表三 column headings with notes (自然人（件）, 总计（件）)", [
    ["自然人", "自然人（件）"],
    ["总计", "总计（件）"],
  ]),
];

/** The cells of one 表三 row, for variants that leave a row out. */
function withoutRow(row: string): (cells: Record<string, number | null>) => Record<string, number | null> {
  return (cells) => Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, k.startsWith(`t3.${row}.`) ? null : v]));
}

/** 表二 (一) printed with the 2019 column headings in a 2021 report: not the same measures. */
export const MIXED_VARIANTS: Variant[] = [
  {
    ...labels("t2-2019-headings", "表二 （一） with the 2019 headings (本年新制作数量 …) in a 2021 report", [
      ["本年制发件数", "本年新制作数量"],
      ["本年废止件数", "本年新公开数量"],
      ["现行有效件数", "对外公开总数量"],
    ]),
    expected: (cells) => Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, /^t2\.(regulation|normative_doc)\./u.test(k) ? null : v])),
  },
  {
    id: "row-dropped",
    what: "表三 row 7.属于行政执法案卷 left out by the agency",
    apply(doc) {
      const label = "7.属于行政执法案卷";
      if (doc.surface === "txt") {
        const out = doc.text.replace(new RegExp(`\\n${escapeRe(label)} \\|(\\n[^\\n]*){7}`, "u"), "");
        return out === doc.text ? null : out;
      }
      if (doc.surface === "md") {
        const out = doc.text.replace(new RegExp(`\\n\\| ${escapeRe(label)} \\|[^\\n]*`, "u"), "");
        return out === doc.text ? null : out;
      }
      const out = doc.text
        .replace(new RegExp(`\\n\\s*<tr><td>${escapeRe(label)}</td>[^\\n]*`, "u"), "")
        .replace(/rowspan="8">（三）不予公开/u, 'rowspan="7">（三）不予公开')
        .replace(/rowspan="22"/u, 'rowspan="21"');
      return out === doc.text ? null : out;
    },
    expected: withoutRow("denied_enforcement_file"),
  },
];

// ───────────────────────────── text-only variants ─────────────────────────────

export const TEXT_VARIANTS: Variant[] = [
  {
    id: "txt-unit-line",
    what: "a 单位：件 line between the section heading and 表三",
    apply: (doc) => (doc.surface === "txt" ? doc.text.replace(/(\n三、收到和处理政府信息公开申请情况\n)/u, "$1单位：件\n") : null),
  },
  {
    id: "txt-table-titles",
    what: "table titles (表一 …) printed above the tables",
    apply: (doc) =>
      doc.surface === "txt"
        ? doc.text
            .replace(/(\n二、主动公开政府信息情况\n)/u, "$1表一：主动公开政府信息情况统计表\n")
            .replace(/(\n三、收到和处理政府信息公开申请情况\n)/u, "$1表二：收到和处理政府信息公开申请情况统计表\n")
        : null,
  },
  {
    id: "txt-two-row-header",
    what: "表三 header copied without its 申请人情况 row",
    apply: (doc) => {
      if (doc.surface !== "txt") return null;
      const out = doc.text.replace(/\n申请人情况 \|[ |]*\n/u, "\n");
      return out === doc.text ? null : out;
    },
  },
  {
    id: "txt-no-note",
    what: "表三 without its 勾稽关系 note (the corner cell left empty)",
    apply: (doc) => {
      if (doc.surface !== "txt") return null;
      const out = doc.text.replace(/\n[(（]本列数据的勾稽关系为[^\n]*\n/u, "\n|\n");
      return out === doc.text ? null : out;
    },
  },
];

/** A figure the agency writes large, with thousands separators ("12,345"). */
export const NUMBER_VARIANTS: Variant[] = [
  {
    id: "thousands",
    what: "行政许可 12,345 and 行政处罚 1,002 written with thousands separators",
    apply(doc) {
      if (doc.surface === "md") return null;
      const put = (t: string, label: string, n: string): string =>
        doc.surface === "txt"
          ? t.replace(new RegExp(`(\\n${label} \\|\\n)0( \\|)`, "u"), `$1${n}$2`)
          : t.replace(new RegExp(`(<td>${label}</td><td colspan="3">)0(</td>)`, "u"), `$1${n}$2`);
      const out = put(put(doc.text, "行政许可", "12,345"), "行政处罚", "1,002");
      return out === doc.text ? null : out;
    },
    expected: (cells) => ({ ...cells, "t2.admin_license.decisions": 12345, "t2.admin_penalty.decisions": 1002 }),
  },
];

// ───────────────────────────── HTML variants ─────────────────────────────

type HtmlTx = (html: string) => string;

/** Applies `f` to each data table (class="data") of the page. */
function eachTable(html: string, f: (table: string, i: number) => string): string {
  let i = 0;
  return html.replace(/<table class="data"[\s\S]*?<\/table>/gu, (t) => f(t, i++));
}

function htmlVariant(id: string, what: string, tx: HtmlTx, more: Partial<Variant> = {}): Variant {
  return { id, what, apply: (doc) => (doc.surface === "html" ? tx(doc.text) : null), ...more };
}

/** What Word leaves when a table is pasted into a CMS editor. */
function wordCell(attrs: string, inner: string): string {
  const body = inner === "&nbsp;" || inner === "" ? "<o:p>&nbsp;</o:p>" : `${inner}<o:p></o:p>`;
  return `<td${attrs} width="60" valign="center" style="width:45.0pt;border:solid windowtext 1.0pt;border-top:none;padding:0cm 5.4pt 0cm 5.4pt"><p class="MsoNormal" align="center" style="text-align:center;mso-line-height-rule:exactly"><span style="font-size:10.5pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体">${body}</span></p></td>`;
}

const T3_HEAD_ROWS = 3;
const T4_HEAD_ROWS = 3;

/** Expected figures with the zeros of one table read as blanks (the document no longer prints them). */
function zerosNull(prefix: string): (cells: Record<string, number | null>) => Record<string, number | null> {
  return (cells) => Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, k.startsWith(prefix) && v === 0 ? null : v]));
}

/** The rows of a table (the <tr>…</tr> strings) and what is around them. */
function splitRows(table: string): { head: string; rows: string[]; tail: string } {
  const first = table.indexOf("<tr");
  const last = table.lastIndexOf("</tr>") + "</tr>".length;
  const rows = table.slice(first, last).match(/<tr[\s\S]*?<\/tr>/gu) ?? [];
  return { head: table.slice(0, first), rows, tail: table.slice(last) };
}

/** The page's text as a browser copies it: one line per paragraph and per table row, cells joined by `sep`. */
function pageText(html: string, sep: string): string {
  const body = html.replace(/<script[\s\S]*?<\/script>/gu, "").replace(/<style[\s\S]*?<\/style>/gu, "").replace(/<head>[\s\S]*?<\/head>/u, "");
  const text = body
    .replace(/<table class="layout"[^>]*><tr><td>/u, "")
    .replace(/<\/td>\s*<td[^>]*>/gu, sep)
    .replace(/<br\s*\/?>/gu, "")
    .replace(/<\/(p|tr|h1|div)>/gu, "\n")
    .replace(/<[^>]+>/gu, "")
    .replace(/&nbsp;/gu, " ")
    .replace(/&gt;/gu, ">");
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
}

export const COPY_VARIANTS: Variant[] = [
  { id: "copy-tabs", what: "the page copied from a browser: a row per line, cells separated by tabs", ext: ".txt", apply: (doc) => (doc.surface === "html" ? pageText(doc.text, "\t") : null) },
  { id: "copy-spaces", what: "the page's text with a row per line, cells separated by spaces", ext: ".txt", apply: (doc) => (doc.surface === "html" ? pageText(doc.text, " ") : null) },
];

/**
 * 表三 printed without one of its columns. Known gap: the column is not in the document, but the
 * line reader records its cells as stated blanks (coverage complete, no issue) instead of absent.
 */
export const DROPPED_COLUMN: Variant = htmlVariant(
  "t3-col-dropped",
  "表三 printed without the 科研机构 column",
  (h) =>
    eachTable(h, (t, i) => {
      if (i !== 1) return t;
      const { head, rows, tail } = splitRows(t);
      const out = rows.map((r, k) => {
        if (k === 0) return r.replace('colspan="7">申请人情况', 'colspan="6">申请人情况');
        if (k === 1) return r.replace('colspan="5">法人或其他组织', 'colspan="4">法人或其他组织');
        if (k === 2) return r.replace(/<td>科研(<br>)?机构<\/td>/u, "");
        const tds = r.match(/<td[^>]*>[\s\S]*?<\/td>/gu) ?? [];
        const victim = tds[tds.length - 5];
        return victim ? r.replace(new RegExp(`(${escapeRe(tds.slice(0, tds.length - 5).join(""))})${escapeRe(victim)}`, "u"), "$1") : r;
      });
      return `${head}${out.join("\n")}${tail}`;
    }),
  { expected: (cells) => Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, k.startsWith("t3.") && k.endsWith(".research_institution") ? null : v])) },
);

export const HTML_VARIANTS: Variant[] = [
  htmlVariant("word-paste", "Word-pasted markup: MsoNormal <p>, <span style>, <o:p> in every cell", (h) =>
    eachTable(h, (t) =>
      t
        .replace(/<table class="data"[^>]*>/u, '<table class="data MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt">')
        .replace(/<td([^>]*)>([\s\S]*?)<\/td>/gu, (_m, a: string, inner: string) => wordCell(a, inner)),
    ),
  ),
  htmlVariant("th-thead", "header rows as <thead><th>, data in <tbody>", (h) =>
    eachTable(h, (t, i) => {
      if (i === 0) return t;
      const { head, rows, tail } = splitRows(t);
      const n = i === 1 ? T3_HEAD_ROWS : T4_HEAD_ROWS;
      const th = rows.slice(0, n).map((r) => r.replace(/<td/gu, "<th").replace(/<\/td>/gu, "</th>"));
      return `${head.replace(/<tbody>\s*$/u, "")}<thead>${th.join("\n")}</thead><tbody>${rows.slice(n).join("\n")}${tail}`;
    }),
  ),
  htmlVariant("split-digits", "numbers split over <span>s (<span>3</span><span>3</span>)", (h) =>
    eachTable(h, (t) => t.replace(/<td([^>]*)>(\d{2,})<\/td>/gu, (_m, a: string, n: string) => `<td${a}>${Array.from(n).map((d) => `<span>${d}</span>`).join("")}</td>`)),
  ),
  htmlVariant("nbsp-padding", "cells padded with &nbsp; and spaces", (h) =>
    eachTable(h, (t) => t.replace(/<td([^>]*)>([^<]+)<\/td>/gu, (_m, a: string, s: string) => (s === "&nbsp;" ? `<td${a}>&nbsp;&nbsp;</td>` : `<td${a}>&nbsp;${s}&nbsp; </td>`))),
  ),
  htmlVariant("layout-nesting", "each table inside a layout <div><table><tr><td>", (h) =>
    eachTable(h, (t) => `<div class="TRS_Editor"><div style="text-align:center"><table width="100%" border="0"><tbody><tr><td align="center">${t}</td></tr></tbody></table></div></div>`),
  ),
  htmlVariant("no-colgroup-widths", "no colgroup, widths on every cell", (h) =>
    eachTable(h, (t) => t.replace(/<colgroup>[\s\S]*?<\/colgroup>/u, "").replace(/<td/gu, '<td width="8%" height="30"')),
  ),
  htmlVariant("title-row", "the table title in a merged first row of each table", (h) =>
    eachTable(h, (t, i) => {
      const { head, rows, tail } = splitRows(t);
      const span = i === 0 ? 4 : i === 1 ? 10 : 15;
      const title = ["主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"][i] ?? "";
      return `${head}<tr><td colspan="${span}"><strong>${title}</strong></td></tr>\n${rows.join("\n")}${tail}`;
    }),
  ),
  htmlVariant("unit-row", "a 单位：件 row merged across the top of 表三 and 表四", (h) =>
    eachTable(h, (t, i) => {
      if (i === 0) return t;
      const { head, rows, tail } = splitRows(t);
      const span = i === 1 ? 10 : 15;
      return `${head}<tr><td colspan="${span}" style="text-align:right">单位：件</td></tr>\n${rows.join("\n")}${tail}`;
    }),
  ),
  htmlVariant("remarks-column", "an extra 备注 column on 表三", (h) =>
    eachTable(h, (t, i) => {
      if (i !== 1) return t;
      const { head, rows, tail } = splitRows(t);
      const out = rows.map((r, k) => (k === 0 ? r.replace(/<\/tr>$/u, '<td rowspan="3">备注</td></tr>') : k < T3_HEAD_ROWS ? r : r.replace(/<\/tr>$/u, "<td>&nbsp;</td></tr>")));
      return `${head}${out.join("\n")}${tail}`;
    }),
  ),
  htmlVariant("two-row-header", "表三 header in two rows (no 申请人情况 row)", (h) =>
    eachTable(h, (t, i) => {
      if (i !== 1) return t;
      const { head, rows, tail } = splitRows(t);
      const [r0, r1, ...rest] = rows;
      if (!r0 || !r1) return t;
      const note = /<td[^>]*>(（本列数据[^<]*)<\/td>/u.exec(r0)?.[1] ?? "";
      const first = r1.replace(/<tr>/u, `<tr><td rowspan="2" colspan="3">${note}</td>`);
      return `${head}${[first, ...rest].join("\n")}${tail}`;
    }),
  ),
  htmlVariant("blank-under-spans", "表三 header without rowspans: 自然人 and 总计 over an explicit blank cell", (h) =>
    eachTable(h, (t, i) => {
      if (i !== 1) return t;
      return t
        .replace(/<td rowspan="2">自然人<\/td>/u, "<td>自然人</td>")
        .replace(/<td rowspan="2">总计<\/td>/u, "<td>总计</td>")
        .replace(/(<tr>)(<td>商业)/u, "$1<td>&nbsp;</td>$2")
        .replace(/(<td>其他<\/td>)(<\/tr>)/u, "$1<td>&nbsp;</td>$2");
    }),
  ),
  htmlVariant("group-rows", "表三 group labels ((三)不予公开 …) on rows of their own instead of rowspan cells", (h) =>
    eachTable(h, (t, i) => {
      if (i !== 1) return t;
      const { head, rows, tail } = splitRows(t);
      const out: string[] = [];
      for (const r of rows) {
        const m = /<td rowspan="(\d+)"( class="narrow")?>(（[三四五六]）[^<]*)<\/td>/u.exec(r);
        if (m) {
          out.push(`<tr><td colspan="2">${m[3] ?? ""}</td><td colspan="7">&nbsp;</td></tr>`);
          out.push(r.replace(m[0], ""));
        } else out.push(r);
      }
      // Without the group column, a sub-row's label spans the two label columns.
      for (let k = 0; k < out.length; k++) out[k] = (out[k] ?? "").replace(/<td>([1-9]\.)/u, '<td colspan="2">$1');
      // The result group's rowspan now covers the group rows too.
      const joined = out.join("\n").replace(/rowspan="22"( class="narrow")?>三、/u, (_m, c: string | undefined) => `rowspan="26"${c ?? ""}>三、`);
      return `${head}${joined}${tail}`;
    }),
  ),
  htmlVariant("result-row", "三、本年度办理结果 on a row of its own above its rows, not a merged column", (h) =>
    eachTable(h, (t, i) => {
      if (i !== 1) return t;
      const { head, rows, tail } = splitRows(t);
      const out: string[] = [];
      let inResult = false;
      for (const r of rows) {
        const m = /<td rowspan="\d+"( class="narrow")?>三、本年度办理结果<\/td>/u.exec(r);
        if (m) {
          out.push('<tr><td colspan="3">三、本年度办理结果</td><td colspan="7">&nbsp;</td></tr>');
          inResult = true;
        }
        let row = m ? r.replace(m[0], "") : r;
        if (row.includes("四、结转")) inResult = false;
        if (inResult) {
          // The label now starts in the first column: widen it by the column the merged cell held.
          row = /^\s*<tr><td rowspan/u.test(row)
            ? row.replace(/(<td rowspan="\d+">[^<]*<\/td>)<td>/u, '$1<td colspan="2">').replace(/^(\s*<tr>)<td rowspan="(\d+)">/u, '$1<td rowspan="$2">')
            : row.replace(/<tr><td( colspan="(\d)")?>/u, (_x, _a, n: string | undefined) => `<tr><td colspan="${Number(n ?? 1) + 1}">`);
          if (/^\s*<tr><td rowspan/u.test(row)) row = row.replace(/^(\s*<tr>)<td rowspan="(\d+)">([^<]*)<\/td><td colspan="2">/u, '$1<td rowspan="$2">$3</td><td colspan="2">');
        }
        out.push(row);
      }
      return `${head}${out.join("\n")}${tail}`;
    }),
  ),
  htmlVariant("vertical-group", "三、本年度办理结果 printed one character per line", (h) =>
    h.replace(/>三、本年度办理结果</u, `>${Array.from("三、本年度办理结果").join("<br>")}<`),
  ),
  htmlVariant("word-width-row", "Word's trailing row of empty width cells (<![if !supportMisalignedColumns]>)", (h) =>
    eachTable(h, (t, i) => {
      const { head, rows, tail } = splitRows(t);
      const n = [4, 10, 15][i] ?? 4;
      const widths = `<![if !supportMisalignedColumns]>\n<tr height="0">${'<td width="60" style="border:none"></td>'.repeat(n)}</tr>\n<![endif]>`;
      return `${head}${rows.join("\n")}\n${widths}${tail}`;
    }),
  ),
  htmlVariant("t3-split", "表三 broken into two tables at a page break (Word paste), the merged group cell continued", (h) =>
    eachTable(h, (t, i) => {
      if (i !== 1) return t;
      const { head, rows, tail } = splitRows(t);
      const at = rows.findIndex((r) => r.includes("（四）无法提供"));
      const start = rows.findIndex((r) => r.includes("三、本年度办理结果"));
      if (at < 0 || start < 0) return t;
      const span = 22;
      const first = rows.slice(0, at).map((r) => r.replace(/rowspan="22"/u, `rowspan="${at - start}"`));
      const rest = rows.slice(at);
      rest[0] = (rest[0] ?? "").replace(/<tr>/u, `<tr><td rowspan="${span - (at - start)}">&nbsp;</td>`);
      return `${head}${first.join("\n")}${tail}\n<p>&nbsp;</p>\n${head}${rest.join("\n")}${tail}`;
    }),
  ),
  htmlVariant("th-row-labels", "row labels in <th scope=\"row\">, a <caption> title", (h) =>
    eachTable(h, (t, i) => {
      const captions = ["主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况"];
      return t
        .replace(/(<table[^>]*>)/u, `$1<caption>${captions[i] ?? ""}</caption>`)
        .replace(/<td([^>]*)>([^<\d&][^<]*)<\/td>/gu, '<th scope="row"$1>$2</th>');
    }),
  ),
  htmlVariant("br-in-cells", "line breaks inside notes and numbers (第一项加第二项之和，<br>等于…, 33<br>)", (h) =>
    eachTable(h, (t) =>
      t
        .replace(/之和，等于/u, "之和，<br>等于")
        .replace(/<td>(\d+)<\/td>/gu, "<td>$1<br></td>")
        .replace(/<td([^>]*)>([^<]{8,})<\/td>/gu, (_m, a: string, s: string) => `<td${a}><div><font face="仿宋">${s}</font></div></td>`),
    ),
  ),
  htmlVariant("label-spans", "labels split over Word <span>s (<span>三、</span><span>本年度办理结果</span>)", (h) =>
    eachTable(h, (t) =>
      t.replace(/<td([^>]*)>([^<\d&][^<]{3,})<\/td>/gu, (_m, a: string, s: string) => {
        const cut = Math.floor(s.length / 2);
        return `<td${a}><p><span style="font-size:10pt">${s.slice(0, cut)}</span><span lang="EN-US" style="font-size:10pt">${s.slice(cut)}</span></p></td>`;
      }),
    ),
  ),
  htmlVariant("no-note", "表三 without its 勾稽关系 note (the corner cell left empty)", (h) => h.replace(/>（本列数据的勾稽关系为[^<]*</u, ">&nbsp;<")),
  htmlVariant("t4-split", "表四 as two tables: 行政复议, then 行政诉讼", (h) =>
    eachTable(h, (t, i) => {
      if (i !== 2) return t;
      const { head, rows, tail } = splitRows(t);
      const cells = (r: string) => r.match(/<td[^>]*>[\s\S]*?<\/td>/gu) ?? [];
      const [r0, r1, r2, r3] = rows.map(cells);
      if (!r0 || !r1 || !r2 || !r3) return t;
      const review = [`<tr>${r0[0] ?? ""}</tr>`, `<tr>${r1.slice(0, 5).join("").replace(/ rowspan="2"/gu, "")}</tr>`, `<tr>${r3.slice(0, 5).join("")}</tr>`];
      const lit = [`<tr>${r0[1] ?? ""}</tr>`, `<tr>${r1.slice(5).join("")}</tr>`, `<tr>${r2.join("")}</tr>`, `<tr>${r3.slice(5).join("")}</tr>`];
      return `${head}${review.join("\n")}${tail}\n<p>&nbsp;</p>\n${head}${lit.join("\n")}${tail}`;
    }),
  ),
  htmlVariant("label-paragraphs", "long labels in two <p>s (（二）部分公开 / （区分处理的…）)", (h) =>
    eachTable(h, (t) =>
      t.replace(/<td([^>]*)>([^<（(]{2,}|（[一二三四五六七]）[^<（]+)((（|\()[^<]{6,})<\/td>/gu, (_m, a: string, head: string, note: string) => `<td${a}><p>${head}</p><p>${note}</p></td>`),
    ),
  ),
  htmlVariant("fee-decimal", "行政事业性收费 written 0.00", (h) => h.replace(/(<td>行政事业性收费<\/td><td colspan="3">)0(<\/td>)/u, "$10.00$2")),
  htmlVariant("title-elsewhere", "the page <title> is the site name; the report title in a <div class=\"title\">", (h) =>
    h.replace(/<title>[^<]*<\/title>/u, "<title>盘州市人民政府</title>").replace(/<h1>([^<]*)<\/h1>/u, '<div class="title" style="font-size:22px;text-align:center">$1</div>'),
  ),
  htmlVariant("year-first-title", "the title with the year first (2024年盘州市人民政府政府信息公开工作年度报告)", (h) =>
    h.replace(/盘州市人民政府2024年政府信息公开工作年度报告/gu, "2024年盘州市人民政府政府信息公开工作年度报告"),
  ),
  htmlVariant("year-after-title", "the year after the title (盘州市人民政府政府信息公开工作年度报告（2024年度）)", (h) =>
    h.replace(/盘州市人民政府2024年政府信息公开工作年度报告/gu, "盘州市人民政府政府信息公开工作年度报告（2024年度）"),
  ),
  htmlVariant("zero-dash", "zero cells of 表三 written —", (h) => eachTable(h, (t, i) => (i === 1 ? t.replace(/<td>0<\/td>/gu, "<td>—</td>") : t)), {
    expected: zerosNull("t3."),
  }),
  htmlVariant("zero-blank", "zero cells of 表三 and 表四 left blank", (h) => eachTable(h, (t, i) => (i > 0 ? t.replace(/<td>0<\/td>/gu, "<td>&nbsp;</td>") : t)), {
    expected: (cells) => zerosNull("t4.")(zerosNull("t3.")(cells)),
  }),
  htmlVariant("zero-slash", "zero cells of 表二 written /", (h) => eachTable(h, (t, i) => (i === 0 ? t.replace(/(<td[^>]*>)0<\/td>/gu, "$1/</td>") : t)), {
    expected: zerosNull("t2."),
  }),
  htmlVariant(
    "gbk",
    "the page served as GBK (charset=gb2312), Word-pasted",
    (h) => HTML_WORD(h).replace(/<meta charset="utf-8">/u, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
    { encode: (t) => new Uint8Array(iconv.encode(t, "gbk")) },
  ),
];

function HTML_WORD(h: string): string {
  const v = HTML_VARIANTS[0];
  return v ? (v.apply({ id: "", surface: "html", text: h }) ?? h) : h;
}

/** Combinations agencies really produce: a Word paste of a table with their own wording. */
export function combine(id: string, what: string, parts: Variant[]): Variant {
  const encode = parts.find((p) => p.encode)?.encode;
  const adjust = parts.filter((p) => p.expected).map((p) => p.expected as NonNullable<Variant["expected"]>);
  return {
    id,
    what,
    ...(encode ? { encode } : {}),
    ...(adjust.length > 0 ? { expected: (cells: Record<string, number | null>) => adjust.reduce((c, f) => f(c), cells) } : {}),
    apply(doc) {
      let t = doc.text;
      let changed = false;
      for (const p of parts) {
        const next = p.apply({ ...doc, text: t });
        if (next !== null) {
          t = next;
          changed = true;
        }
      }
      return changed ? t : null;
    },
  };
}

export function variantById(id: string): Variant {
  const v = [...LABEL_VARIANTS, ...MIXED_VARIANTS, ...TEXT_VARIANTS, ...NUMBER_VARIANTS, ...COPY_VARIANTS, ...HTML_VARIANTS].find((x) => x.id === id);
  if (!v) throw new Error(`no variant ${id}`);
  return v;
}
