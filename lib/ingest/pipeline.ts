/**
 * The pure parse entry: an extracted document in, a ParsedReport out. Extraction and validation
 * are wired around it by the caller. Never throws on messy input: problems become issues.
 */
import { CELL_BY_KEY, readCells, TABLE_IDS, type FormatVersion } from "../catalog";
import type { CellValue, ParsedReport, TableCoverage } from "../records/parsed-report";
import { computeCoverage } from "./coverage";
import { LOW_CONFIDENCE } from "./ocr/confidence";
import type { Block, ExtractedDocument } from "./extract/types";
import { issue, type ParseIssue } from "./issues";
import { looksTraditional, toSimplified } from "./normalize";
import { detectFormat } from "./parse/format";
import { readMeta } from "./parse/meta";
import { readNarrative } from "./parse/narrative";
import { findSections, type SectionsResult } from "./parse/sections";
import { readTables, type TableId } from "./parse/tables";

export interface ParseDocumentOptions {
  /** Overrides the agency name the document states. */
  agencyName?: string;
  /** Overrides the report year the document states. */
  year?: number;
}

/** Append without spreading (a spread of a huge array overflows the call stack). */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

const ABSENT: CellValue = { value: null, nullReason: "absent", source: null };
const TABLE_LABEL: Record<TableId, string> = { t2: "表二 主动公开政府信息情况", t3: "表三 收到和处理政府信息公开申请情况", t4: "表四 行政复议、行政诉讼情况" };
const SECTION_NUMERALS = ["一", "二", "三", "四", "五", "六"];

/** Keys a document of no known format can still fill: the cells both formats share. */
const COMMON_KEYS: readonly string[] = (() => {
  const v19 = new Set(readCells("2019").map((c) => c.key));
  return readCells("2021")
    .map((c) => c.key)
    .filter((k) => v19.has(k));
})();
const KEYS_BY_FORMAT: Record<FormatVersion, readonly string[]> = {
  "2019": readCells("2019").map((c) => c.key),
  "2021": readCells("2021").map((c) => c.key),
};

/** A copy of the document in Simplified characters, when it is written in Traditional ones. */
export function simplifyDocument(doc: ExtractedDocument): ExtractedDocument {
  const probe = doc.blocks
    .slice(0, 60)
    .map((b) => (b.kind === "text" ? b.text : b.cells.slice(0, 40).map((c) => c.text).join("")))
    .join("");
  if (!looksTraditional(probe)) return doc;
  const blocks: Block[] = doc.blocks.map((b) =>
    b.kind === "text" ? { ...b, text: toSimplified(b.text) } : { ...b, cells: b.cells.map((c) => ({ ...c, text: toSimplified(c.text) })) },
  );
  return { ...doc, blocks, text: toSimplified(doc.text), meta: { ...doc.meta, ...(doc.meta.title ? { title: toSimplified(doc.meta.title) } : {}) } };
}

/** 零报告: no table at all, and either the text says so or sections 二–四 have (almost) nothing under them. */
function isZeroReport(doc: ExtractedDocument, sections: SectionsResult): boolean {
  if (/零报告/u.test(doc.text)) return true;
  const bodies = [2, 3, 4].map((n) => sections.sections.find((s) => s.number === n));
  return bodies.every((s) => s !== undefined && s.text.replace(/\s+/gu, "").length <= 30);
}

/** `t3.granted.*` → "予以公开 (t3.granted.*)"; `t3.*.total` → "总计 column (t3.*.total)". */
function describeKey(key: string): string {
  const [prefix, row, col] = key.split(".");
  const any = [...CELL_BY_KEY.values()].find((c) => c.prefix === prefix && (row === "*" || c.row === row) && (col === "*" || c.col === col));
  if (!any) return key;
  const [rowLabel, colLabel] = any.label.zh.split(" · ");
  if (col === "*") return `${rowLabel ?? any.label.zh} (${key})`;
  if (row === "*") return `${colLabel ?? any.label.zh} column (${key})`;
  return `${any.label.zh} (${key})`;
}

/** None of 表二/三/四 located, and no cell read: layout tables of a web page don't count. */
function noReportTable(tables: ReturnType<typeof readTables>): boolean {
  return tables.cells.size === 0 && TABLE_IDS.every((id) => !tables.located[id] && tables.tables[id] === "missing");
}

export function parseDocument(input: ExtractedDocument, opts: ParseDocumentOptions = {}): ParsedReport {
  const doc = simplifyDocument(input);
  const issues: ParseIssue[] = doc.issues.slice();

  const sections = findSections(doc);
  const format = detectFormat(doc);
  const tables = readTables(doc, format.format, sections);
  const meta = readMeta(doc, sections);
  const narrative = readNarrative(doc);

  const empty = doc.blocks.length === 0;
  if (!empty && sections.sections.length > 0) {
    for (let n = 1; n <= 6; n++) {
      if (!sections.sections.some((s) => s.number === n)) issues.push(issue("section_missing", "warning", `Section ${SECTION_NUMERALS[n - 1]} not found`, null));
    }
  }

  if (!empty) append(issues, format.issues);
  append(issues, tables.issues);
  // Headings without tables are a 零报告 only when no picture stands where the tables belong.
  const zero = !tables.anyTable && !empty && isZeroReport(doc, sections) && tablePictures(doc, sections).length === 0;
  if (zero) {
    issues.push(issue("zero_report", "warning", "Section headings without tables: a 零报告", sections.sections[0]?.loc ?? null));
  } else if (!empty && noReportTable(tables) && format.format === null && sections.sections.length < 3) {
    // A page with text but nothing of a report (no table, no format header, hardly a section): refuse it.
    issues.push(
      issue(
        "not_a_report",
        "error",
        "文件中没有年度报告的表格，也几乎没有报告的章节：这不像政府信息公开工作年度报告。 The file has no report table and hardly any of the report's sections: it does not look like a government-information-disclosure annual report.",
        null,
      ),
    );
  } else if (!empty) {
    const missing = (["t2", "t3", "t4"] as const).filter((id) => tables.tables[id] === "missing");
    for (const id of missing) {
      const why = tables.located[id] ? "located, but none of its rows could be read" : "not found";
      issues.push(issue("table_missing", "error", `${TABLE_LABEL[id]} ${why}`, null));
    }
    const pictures = missing.length > 0 ? tablePictures(doc, sections) : [];
    if (pictures.length > 0) {
      const list = pictures.map((p) => p.src.split(/[?#]/u)[0]?.split("/").pop() || p.src).slice(0, 6);
      const message =
        doc.format === "html"
          ? `网页中的表格是图片（${list.join("、")}），无法从网页读取其中的数字：请上传原始 PDF/Word 文件，或整份报告的扫描件。 The page shows its tables as pictures (${list.join(", ")}), whose figures cannot be read from the page: upload the original PDF or Word file, or a scan of the whole report.`
          : `文件中的表格是粘贴的图片（${list.join("、")}），无法作为文字读取：请上传表格为文字的版本，或整份报告的扫描 PDF（将用 OCR 识别）。 The document's tables are pasted pictures (${list.join(", ")}), whose figures cannot be read as text: upload a version whose tables are text, or a scanned PDF of the whole report (read by OCR).`;
      issues.push(issue("tables_as_images", "error", message, null));
    }
  }

  const keys = format.format ? KEYS_BY_FORMAT[format.format] : COMMON_KEYS;
  const cells: Record<string, CellValue> = {};
  for (const k of keys) cells[k] = tables.cells.get(k) ?? ABSENT;

  // On a scan a blank cell is also a reading: OCR may have missed a faint or lone digit there.
  if (doc.meta.ocr) {
    for (const k of keys) {
      const c = cells[k];
      if (c?.nullReason === "blank" && c.source && c.source.confidence === undefined) cells[k] = { ...c, source: { ...c.source, confidence: 0 } };
    }
  }
  const unsure = lowConfidenceIssue(cells);
  if (unsure) issues.push(unsure);

  const coverage = computeCoverage(format.format, cells, tables.located);
  if (!zero) {
    for (const id of TABLE_IDS) {
      const partial = partialTableIssue(id, coverage[id]);
      if (partial) issues.push(partial);
    }
  }

  if (opts.year === undefined) append(issues, meta.issues.filter((i) => i.code === "year_missing" || i.code === "year_inferred"));
  if (opts.agencyName === undefined) append(issues, meta.issues.filter((i) => i.code === "agency_missing"));
  const agencyName = opts.agencyName ?? meta.agency?.canonical ?? null;

  return {
    formatVersion: format.format,
    year: opts.year ?? meta.year,
    agencyName,
    scope: meta.scope === "unknown" && opts.agencyName ? "self" : meta.scope,
    publishedOn: meta.publishedOn,
    complete: Object.values(tables.tables).every((s) => s === "found") && TABLE_IDS.every((id) => coverage[id].status === "complete"),
    coverage,
    tables: tables.tables,
    cells,
    narrative: narrative.figures,
    topics: narrative.topics,
    topicCounts: narrative.topicCounts,
    sections: sections.sections.map((s) => ({ number: s.number, title: s.title, text: s.text, loc: s.loc })),
    issues,
    ...(tables.hybridOther && format.format === "2021" ? { otherAsOneRow: tables.hybridOther } : {}),
  };
}

/** The OCR'd figures read with a confidence below LOW_CONFIDENCE, named; null when there are none. */
export function lowConfidenceIssue(cells: Readonly<Record<string, CellValue>>): ParseIssue | null {
  const low = Object.keys(cells).filter((k) => (cells[k]?.source?.confidence ?? 100) < LOW_CONFIDENCE);
  if (low.length === 0) return null;
  return issue(
    "ocr_low_confidence",
    "warning",
    `OCR: ${low.length} figure(s) read with confidence below ${LOW_CONFIDENCE}% — ${low.map((k) => `${describeKey(k)} “${cells[k]?.source?.raw ?? ""}” ${cells[k]?.source?.confidence}%`).join(", ")}`,
    cells[low[0] ?? ""]?.source?.loc ?? null,
  );
}

/** A table only partly read, with the rows and columns not read; null when it is not partial. */
export function partialTableIssue(id: TableId, c: TableCoverage): ParseIssue | null {
  if (c.status !== "partial") return null;
  return issue("table_partial", "error", `${TABLE_LABEL[id]}: ${c.of - c.read} of ${c.of} cells not read — ${c.missing.map(describeKey).join(", ")}`, null);
}

/**
 * Pictures where the report's tables belong: in sections 二 to 四 (主动公开, 依申请, 复议诉讼), or
 * anywhere when the page's sections cannot be told. Icons and logos (a named "logo", "icon",
 * "qrcode", "二维码", or a GIF spacer) are not tables.
 */
function tablePictures(doc: ExtractedDocument, sections: SectionsResult): NonNullable<ExtractedDocument["meta"]["images"]> {
  const images = (doc.meta.images ?? []).filter((im) => !/logo|icon|qrcode|二维码|\.gif(?:$|\?)|spacer|blank|banner|share|print/iu.test(`${im.src} ${im.alt}`));
  const inTables = sections.sections.filter((s) => s.number >= 2 && s.number <= 4);
  if (inTables.length === 0) return sections.sections.length > 0 ? [] : images;
  return images.filter((im) => im.block < 0 || inTables.some((s) => im.block > s.blockStart && im.block <= s.blockEnd));
}
