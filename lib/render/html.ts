/**
 * A government web page carrying the report (TRS-style article page: header, breadcrumb, meta
 * tags, the article body with the three tables, footer). UTF-8, or GBK bytes declared as
 * gb2312 the way many county sites still serve them.
 */
import iconv from "iconv-lite";
import { applyPunct, chineseDate, paragraphs, printedNameOf, sectionHeading, styleOf, titleOf, type RenderStyle, type ReportModel } from "./model";
import { tableGrid, type Grid, type TableName } from "./layout";

export type HtmlEncoding = "utf-8" | "gbk";

export interface HtmlOptions {
  encoding: HtmlEncoding;
}

function escapeHtml(s: string, style: RenderStyle): string {
  const e = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return style.htmlEntities ? e.replace(/“/g, "&ldquo;").replace(/”/g, "&rdquo;").replace(/　/g, "&emsp;") : e;
}

/** Small stable hash for deterministic cosmetic choices (publication time of day, counters). */
function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function cellHtml(text: string, style: RenderStyle, header: boolean): string {
  if (text === "") return "&nbsp;";
  const inner = text
    .split("\n")
    .map((t) => escapeHtml(applyPunct(t, style), style))
    .join("<br/>");
  return header ? `<strong>${inner}</strong>` : inner;
}

export function gridToHtml(grid: Grid, style: RenderStyle): string {
  const rows = grid.rows.map((row) => {
    const tds = row.map((c) => {
      const attrs = [c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : "", c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ""].join("");
      const align = c.header && c.text.length > 12 ? "left" : "center";
      return `<td${attrs} valign="middle"><p style="text-align:${align};">${cellHtml(c.text, style, c.header && grid.table !== "t2")}</p></td>`;
    });
    return `<tr>\n${tds.join("\n")}\n</tr>`;
  });
  return `<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse;" class="${grid.table}">\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

const TABLE_OF: Partial<Record<number, TableName>> = { 2: "t2", 3: "t3", 4: "t4" };

export function renderHtml(model: ReportModel, opts: HtmlOptions): string {
  const style = styleOf(model);
  const esc = (s: string) => escapeHtml(applyPunct(s, style), style);
  const title = titleOf(model);
  const site = model.site ?? { name: `${printedNameOf(model)}门户网站`, url: "http://www.guizhou.gov.cn/" };
  const column = site.column ?? "政府信息公开年报";
  const source = site.source ?? printedNameOf(model);
  const h = hashString(`${model.agencyName}${model.year}`);
  const time = `${String(8 + (h % 10)).padStart(2, "0")}:${String((h >>> 8) % 60).padStart(2, "0")}`;
  const pub = model.publishedOn ? `${model.publishedOn} ${time}` : null;
  const charsetMeta = opts.encoding === "gbk" ? `<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />` : `<meta charset="utf-8" />`;
  const host = site.url.replace(/^https?:\/\//, "").replace(/\/.*$/, "");

  const body: string[] = [];
  for (const p of paragraphs(model.preamble)) body.push(`<p style="text-indent:2em;">${esc(p)}</p>`);
  for (const n of [1, 2, 3, 4, 5, 6] as const) {
    body.push(`<p style="text-indent:2em;"><strong>${esc(sectionHeading(model, n))}</strong></p>`);
    for (const p of paragraphs(model.sections[n])) body.push(`<p style="text-indent:2em;">${esc(p)}</p>`);
    const table = TABLE_OF[n];
    if (table) body.push(gridToHtml(tableGrid(table, model, style), style));
  }
  if (model.issuer) body.push(`<p style="text-align:right;">${esc(model.issuer)}</p>`);
  if (model.publishedOn) body.push(`<p style="text-align:right;">${chineseDate(model.publishedOn)}</p>`);

  const page = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
${charsetMeta}
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta name="SiteName" content="${escapeHtml(site.name, style)}" />
<meta name="SiteDomain" content="${escapeHtml(host, style)}" />
<meta name="ColumnName" content="${escapeHtml(column, style)}" />
<meta name="ArticleTitle" content="${escapeHtml(title, style)}" />
${pub ? `<meta name="PubDate" content="${pub}" />\n` : ""}<meta name="ContentSource" content="${escapeHtml(source, style)}" />
<title>${escapeHtml(title, style)}_${escapeHtml(column, style)}_${escapeHtml(site.name, style)}</title>
<link rel="stylesheet" type="text/css" href="/images/common.css" />
<script type="text/javascript" src="/js/jquery-1.12.4.min.js"></script>
<style type="text/css">.article .title{font-size:24px;text-align:center;} .TRS_Editor p{font-size:16px;line-height:2;} .TRS_Editor table td{border:1px solid #000;padding:2px 4px;font-family:宋体;font-size:14px;}</style>
</head>
<body>
<div class="header">
<div class="logo"><a href="${escapeHtml(site.url, style)}"><img src="/images/logo.png" alt="${escapeHtml(site.name, style)}" /></a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/ztzl/">专题专栏</a></li></ul>
</div>
<div class="position">当前位置：<a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/zwgk/">政务公开</a>&nbsp;&gt;&nbsp;<a href="/zwgk/zfxxgknb/">${escapeHtml(column, style)}</a></div>
<div class="article">
<h1 class="title">${escapeHtml(title, style)}</h1>
<div class="info">${pub ? `<span>发布时间：${pub}</span>` : ""}<span>来源：${escapeHtml(source, style)}</span><span>浏览次数：<em id="visit">${(h % 3000) + 50}</em></span><span>字体：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</span></div>
<div class="view TRS_Editor" id="zoom">
${body.join("\n")}
</div>
<div class="share"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer">
<p>主办单位：${escapeHtml(source, style)}&nbsp;&nbsp;网站标识码：${5200000000 + (h % 99999)}&nbsp;&nbsp;黔ICP备${10000000 + (h % 8999999)}号</p>
</div>
<script type="text/javascript">function doZoom(size){document.getElementById("zoom").style.fontSize=size+"px";}</script>
</body>
</html>
`;
  return page;
}

/** The page as served: UTF-8, or GBK bytes (iconv-lite) under a gb2312 declaration. */
export function renderHtmlBytes(model: ReportModel, opts: HtmlOptions): Uint8Array {
  const page = renderHtml(model, opts);
  if (opts.encoding === "gbk") return new Uint8Array(iconv.encode(page, "gbk"));
  return new TextEncoder().encode(page);
}
