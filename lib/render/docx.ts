/**
 * A minimal but complete OOXML word-processing package (what Word and WPS open): content types,
 * package and document relationships, styles, core/app properties and document.xml with the
 * three tables as w:tbl (w:gridSpan for colspans, w:vMerge restart/continue for rowspans).
 * Zipped with fflate; the zip timestamps come from the model, so bytes are reproducible.
 */
import { zipSync, strToU8 } from "fflate";
import { applyPunct, chineseDate, paragraphs, printedNameOf, sectionHeading, styleOf, titleOf, type RenderStyle, type ReportModel } from "./model";
import { occupancy, tableGrid, type Grid, type TableName } from "./layout";

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** Text width of an A4 page with the 公文 margins used below (twips). */
const TEXT_WIDTH = 11906 - 1588 - 1474;

function xmlEscape(s: string): string {
  return /[&<>"]/.test(s) ? s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;") : s;
}

function run(text: string, bold = false): string {
  return `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

/** A paragraph in one of the styles of STYLES below (fonts and sizes live there, once). */
function para(style: string, text: string, bold = false): string {
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${text ? run(text, bold) : ""}</w:p>`;
}

export function gridToDocx(grid: Grid, style: RenderStyle): string {
  const total = grid.colWidths.reduce((a, b) => a + b, 0);
  const widths = grid.colWidths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const slots = occupancy(grid);
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const rows = slots.map((row) => {
    const tcs: string[] = [];
    for (let c = 0; c < grid.width; ) {
      const slot = row[c];
      if (!slot) break;
      const span = slot.cell.colSpan;
      let w = 0;
      for (let k = c; k < c + span; k++) w += widths[k] ?? 0;
      const merge = slot.cell.rowSpan > 1 ? (slot.firstRow ? `<w:vMerge w:val="restart"/>` : `<w:vMerge/>`) : "";
      const props = `<w:tcW w:w="${w}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ""}${merge}<w:vAlign w:val="center"/>`;
      const text = slot.origin ? applyPunct(slot.cell.text.replace(/\n/g, ""), style) : "";
      const left = slot.cell.header && text.length > 12;
      tcs.push(`<w:tc><w:tcPr>${props}</w:tcPr>${para(left ? "TableLabel" : "TableText", text, slot.cell.header && grid.table !== "t2")}</w:tc>`);
      c += span;
    }
    return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${tcs.join("")}</w:tr>`;
  });
  const tblPr = `<w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("")}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>`;
  const tblGrid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`;
  return `<w:tbl>${tblPr}${tblGrid}${rows.join("")}</w:tbl>`;
}

const TABLE_OF: Partial<Record<number, TableName>> = { 2: "t2", 3: "t3", 4: "t4" };

export function renderDocxXml(model: ReportModel): string {
  const style = styleOf(model);
  const p = (s: string) => applyPunct(s, style);
  const body: string[] = [para("Title", p(titleOf(model))), `<w:p/>`];
  for (const text of paragraphs(model.preamble)) body.push(para("Body", p(text)));
  for (const n of [1, 2, 3, 4, 5, 6] as const) {
    body.push(para("Heading1", p(sectionHeading(model, n))));
    for (const text of paragraphs(model.sections[n])) body.push(para("Body", p(text)));
    const table = TABLE_OF[n];
    if (table) body.push(gridToDocx(tableGrid(table, model, style), style), `<w:p/>`);
  }
  if (model.issuer) body.push(para("Sign", p(model.issuer)));
  if (model.publishedOn) body.push(para("Sign", chineseDate(model.publishedOn)));
  const sect = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>`;
  return `${XML_HEAD}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${body.join("")}${sect}</w:body></w:document>`;
}

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;

const PACKAGE_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const DOCUMENT_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

const STYLES = `${XML_HEAD}<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:qFormat/><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:hAnsi="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/><w:basedOn w:val="a"/><w:qFormat/><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="a"/><w:pPr><w:spacing w:line="300" w:lineRule="exact"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableLabel"><w:name w:val="Table Label"/><w:basedOn w:val="a"/><w:pPr><w:spacing w:line="300" w:lineRule="exact"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Sign"><w:name w:val="Signature"/><w:basedOn w:val="a"/><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="right"/></w:pPr><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`;

/** "2025-01-20" → a local-time Date (fflate writes DOS times from local getters, so this is TZ-proof). */
function zipDate(iso: string | null, year: number): Date {
  const [y, m, d] = (iso ?? `${year + 1}-01-15`).split("-").map((x) => Number(x));
  return new Date(y ?? year + 1, (m ?? 1) - 1, d ?? 15, 9, 0, 0);
}

export function renderDocx(model: ReportModel): Uint8Array {
  const title = titleOf(model);
  const created = `${model.publishedOn ?? `${model.year + 1}-01-15`}T09:00:00Z`;
  const author = model.issuer ?? printedNameOf(model);
  const core = `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlEscape(title)}</dc:title><dc:creator>${xmlEscape(author)}</dc:creator><cp:lastModifiedBy>${xmlEscape(author)}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`;
  const app = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><AppVersion>16.0000</AppVersion></Properties>`;
  const mtime = zipDate(model.publishedOn, model.year);
  return zipSync(
    {
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "_rels/.rels": strToU8(PACKAGE_RELS),
      "word/document.xml": strToU8(renderDocxXml(model)),
      "word/_rels/document.xml.rels": strToU8(DOCUMENT_RELS),
      "word/styles.xml": strToU8(STYLES),
      "docProps/core.xml": strToU8(core),
      "docProps/app.xml": strToU8(app),
    },
    { level: 1, mtime },
  );
}
