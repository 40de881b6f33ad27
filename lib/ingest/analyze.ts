/**
 * One document through every pure stage: extract → parse → classify agency → validate →
 * derive. The CLI's dry run prints this; the ingest mutation stores it. No I/O here.
 */
import { plainNumber, readCells, TABLE_IDS, unstorableValues, type FormatVersion, type TableId } from "../catalog";
import { computeCoverage } from "./coverage";
import { classifyAgency, type AgencyClassification } from "../agencies/classify";
import type { RegionDef } from "../regions";
import type { ParsedReport } from "../records/parsed-report";
import { computeDerived, validateReport, validationInputFromParsed, type Finding, type ValidationInput } from "../validate";
import { extractDocument, sniffFormat, type ExtractTools, type OcrSummary, type SurfaceFormat } from "./extract";
import { ocrPdf } from "./ocr/extract";
import { assembleDocument, failedDocument } from "./extract/detect";
import { markdownBlocks } from "./extract/markdown";
import { extractFromText } from "./extract/text";
import type { ExtractedDocument } from "./extract/types";
import { issue, type ParseIssue } from "./issues";
import { LOW_CONFIDENCE } from "./ocr/confidence";
import { lowConfidenceIssue, parseDocument, partialTableIssue, type ParseDocumentOptions } from "./pipeline";

export interface AnalyzeOptions {
  /** Overrides what the document says (`--agency`). */
  agencyName?: string;
  /** Overrides what the document says (`--year`). */
  year?: number;
  regions?: readonly RegionDef[];
  /**
   * OCR and LibreOffice (lib/system `systemTools()`); without them scans, images and
   * .doc/.wps/.rtf/.odt fail with `tool_unavailable`. Functions: not sent to worker threads.
   */
  tools?: ExtractTools;
  /** The file's real size when `bytes` is only its start (see extractDocument). */
  sizeBytes?: number;
}

/** Issues that mean the file could not be read at all. */
const FATAL_CODES = new Set<ParseIssue["code"]>([
  "empty_document",
  "binary_content",
  "unsupported_format",
  "too_large",
  "extract_failed",
  "archive_bomb",
  "tool_unavailable",
  "conversion_failed",
  "value_out_of_range",
  "not_a_report",
]);

export interface AnalyzedDocument {
  fileName: string;
  surfaceFormat: SurfaceFormat | null;
  encoding: string | null;
  /** The original file's media type when the surface format alone does not say it (images). */
  mediaType: string | null;
  /** Set when the text was recognised by OCR. */
  ocr: OcrSummary | null;
  parsed: ParsedReport;
  agency: AgencyClassification | null;
  /** The validator's input, kept so cross-year checks can reuse it; null when format or year is unknown. */
  validationInput: ValidationInput | null;
  findings: Finding[];
  /** Derived subtotals (t3.denied_total.*, legal_person_total, t4.lit_total.*), null where not computable. */
  derived: Record<string, number | null>;
  /** Why the document cannot be stored; null when it can. */
  error: { code: string; message: string } | null;
}

export async function analyzeDocument(bytes: Uint8Array, fileName: string, opts: AnalyzeOptions = {}): Promise<AnalyzedDocument> {
  const extracted = await extractDocument(bytes, fileName, { ...(opts.tools ? { tools: opts.tools } : {}), ...(opts.sizeBytes !== undefined ? { sizeBytes: opts.sizeBytes } : {}) });
  const parseOptions = {
    ...(opts.agencyName ? { agencyName: opts.agencyName } : {}),
    ...(opts.year ? { year: opts.year } : {}),
  };
  const fromText = tablesFromPdfText(extracted, parseDocument(extracted, parseOptions), parseOptions);
  const pictured = await tablesFromPictures(bytes, extracted, fromText, parseOptions, opts.tools);
  const parsed = pictured?.parsed ?? fromText;
  const ocr = pictured?.ocr ?? extracted.meta.ocr ?? null;
  if (ocr) unreadOcrMisreads(parsed);
  const agency = parsed.agencyName ? classifyAgency(parsed.agencyName, opts.regions) : null;
  const validationInput = validationInputFromParsed(parsed, agency?.kind);
  const findings = validationInput ? validateReport(validationInput) : [];
  const derived = parsed.formatVersion ? computeDerived(parsed.formatVersion, cellValues(parsed), parsed.tables) : {};
  // （六）其他处理 printed as one row: its values are the subtotal the three unread rows would make.
  if (parsed.otherAsOneRow) for (const [col, v] of Object.entries(parsed.otherAsOneRow)) derived[`t3.other_total.${col}`] = v;
  const outOfRange = outOfRangeIssue(parsed, derived);
  if (outOfRange) parsed.issues.push(outOfRange);
  return {
    fileName,
    surfaceFormat: extracted.format,
    encoding: extracted.meta.encoding ?? null,
    mediaType: extracted.meta.mediaType ?? null,
    ocr,
    parsed,
    agency,
    validationInput,
    findings,
    derived,
    error: storageError(parsed),
  };
}

const PIPE_ROW = /^[ \t]*\|.*\|[ \t]*$/gmu;

/**
 * The text reading locates a figure by its offset in the PDF's text, which is the PDF's own text
 * (its blocks joined line by line): each figure is given the page of the block it was read from,
 * so it still leads back to its page (the report page and the correction form show that page).
 */
function placeOnPages(parsed: ParsedReport, extracted: ExtractedDocument): void {
  const starts = extracted.blocks
    .map((b) => ({ offset: b.loc.offset, page: b.loc.page }))
    .filter((b): b is { offset: number; page: number } => b.offset !== undefined && b.page !== undefined)
    .sort((a, b) => a.offset - b.offset);
  if (!starts.length) return;
  for (const cell of Object.values(parsed.cells)) {
    const loc = cell.source?.loc;
    if (!loc || loc.offset === undefined || loc.page !== undefined) continue;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as { offset: number }).offset <= loc.offset) lo = mid;
      else hi = mid - 1;
    }
    loc.page = (starts[lo] as { page: number }).page;
  }
}

/** Tables of which at least half the cells were read. */
function tablesReadFrom(parsed: ParsedReport): number {
  return Object.values(parsed.coverage).filter((c) => c.of > 0 && c.read * 2 >= c.of).length;
}

function cellsRead(parsed: ParsedReport): number {
  return Object.values(parsed.coverage).reduce((n, c) => n + c.read, 0);
}

/**
 * A PDF or DOCX made from a web page or a text file whose tables were flattened into lists
 * ("信息内容 |", "规章 |", "0 |" … one cell per line: a scraped page opened in Word, saved or
 * exported) has no table grid for the PDF or DOCX reader, yet its text reads exactly as the same
 * text file does. Then its text is read line by line instead, with an issue saying so, when that
 * reads more: for a PDF only when its own reading found no table cell at all, for a DOCX only
 * when it holds no Word table. Any other document keeps its own reading.
 */
function tablesFromPdfText(extracted: ExtractedDocument, parsed: ParsedReport, options: ParseDocumentOptions): ParsedReport {
  // A DOCX without a single Word table is paragraphs only: its text is all there is to read.
  const paragraphsOnly = extracted.format === "docx" && !extracted.blocks.some((b) => b.kind === "table");
  const pdfWithoutTables = extracted.format === "pdf" && !extracted.meta.ocr && !parsed.complete && tablesReadFrom(parsed) < 2;
  if (!(paragraphsOnly || pdfWithoutTables) || !extracted.text.trim()) return parsed;
  // As a text file, and where its rows are pipe tables ("| 32 | 2 |", a converter's markdown) as markdown.
  const readings = [parseDocument(extractFromText(extracted.text, extracted.meta), options)];
  if ((extracted.text.match(PIPE_ROW) ?? []).length >= 3) readings.push(parseDocument(assembleDocument("markdown", markdownBlocks(extracted.text), extracted.meta, []), options));
  const alt = readings.reduce((best, r) => (cellsRead(r) > cellsRead(best) ? r : best));
  if (cellsRead(alt) <= cellsRead(parsed)) return parsed;
  if (extracted.format === "pdf") placeOnPages(alt, extracted);
  alt.issues.unshift(
    issue(
      "tables_from_text",
      "warning",
      "PDF 中的表格没有表格线或列位置（网页表格被压平为每格一行）：已按文字逐行读取。 The PDF's tables have no grid or column positions (a web table flattened to one cell per line): they were read from its text, line by line.",
      null,
    ),
  );
  return alt;
}

/** Issues about the tables (kept from the reading the tables come from), as opposed to the whole document's. */
const TABLE_ISSUE = /^(table_|column_|unknown_|unparsable_number|duplicate_row|row_|format_|unit_in_cell|ocr_low_confidence|tables_as_images|zero_report)/u;

/**
 * A PDF whose tables are pictures (pasted into Word as screenshots, then exported), or the Word
 * file itself (laid out by LibreOffice first): its text holds the narrative, agency and year, and
 * no table. When OCR is installed the pages where the tables stand are recognised and the tables
 * the text left missing are taken from that reading — every figure with its confidence, the
 * unsure ones named — while the agency, year, narrative and any table printed as text stay those
 * of the text, which is exact. Only when the parser found pictures where a table is missing
 * (tables_as_images) and the merged reading reads more cells. Null when nothing changes.
 */
async function tablesFromPictures(
  bytes: Uint8Array,
  extracted: ExtractedDocument,
  parsed: ParsedReport,
  options: ParseDocumentOptions,
  tools: ExtractTools | undefined,
): Promise<{ parsed: ParsedReport; ocr: OcrSummary } | null> {
  if (extracted.meta.ocr || !tools?.ocr) return null;
  if (!parsed.issues.some((i) => i.code === "tables_as_images")) return null;
  const missing = TABLE_IDS.filter((id) => parsed.tables[id] === "missing");
  if (missing.length === 0) return null;
  const word = extracted.format !== "pdf";
  let scanned: ExtractedDocument;
  try {
    let pdf = bytes;
    let pages = extracted.meta.pages ?? 0;
    if (word) {
      // A Word file's pasted pictures are laid out on its pages by LibreOffice, then read like a PDF's.
      if (!tools.office || !isOfficeFormat(extracted.format)) return null;
      pdf = await tools.office.convertToPdf(bytes, extracted.format);
      pages = (await extractDocument(pdf, "converted.pdf", tools.pdf ? { tools: { pdf: tools.pdf } } : {})).meta.pages ?? 0;
    }
    const only = word ? undefined : tablePages(parsed, pages);
    // Recognition costs ~4 s a page: past a dozen pages the tables_as_images error stands instead.
    if ((only?.length ?? pages) > MAX_PICTURE_PAGES) return null;
    scanned = await ocrPdf(pdf, pages, tools.ocr, extracted.meta, only);
  } catch {
    return null;
  }
  if (!scanned.meta.ocr) return null;
  const read = parseDocument(scanned, { ...options, ...(parsed.agencyName ? { agencyName: parsed.agencyName } : {}), ...(parsed.year !== null ? { year: parsed.year } : {}) });
  // Only the tables the text left missing come from the pictures: a table read from the text layer
  // is exact and stays as it is.
  const format = parsed.formatVersion ?? read.formatVersion;
  const taken = missing.filter((id) => read.tables[id] !== "missing");
  if (taken.length === 0 || format === null) return null;
  const cells: ParsedReport["cells"] = {};
  for (const def of readCells(format)) {
    const from = taken.includes(def.table) ? read : parsed;
    cells[def.key] = from.cells[def.key] ?? { value: null, nullReason: "absent", source: null };
  }
  const tables = { ...parsed.tables };
  const located = {} as Record<TableId, boolean>;
  for (const id of TABLE_IDS) {
    const from = taken.includes(id) ? read : parsed;
    tables[id] = from.tables[id];
    located[id] = from.coverage[id].status !== "absent";
  }
  const coverage = computeCoverage(format, cells, located);
  if (TABLE_IDS.reduce((n, id) => n + coverage[id].read, 0) <= cellsRead(parsed)) return null;
  const aboutTaken = (i: ParseIssue) => taken.some((id) => i.message.startsWith(TABLE_LABEL[id]) || i.message.startsWith(`${id}.`));
  const issues: ParseIssue[] = [
    issue(
      "tables_as_images",
      "warning",
      `${word ? "文件" : "PDF "}中的表格是图片（${taken.map((id) => TABLE_LABEL[id]).join("、")}）：已用 OCR 从页面图像识别，请核对标为不确定的数字。 The ${word ? "document" : "PDF"}'s tables are pictures: they were read by OCR from the page images; check the figures marked unsure.`,
      null,
    ),
    // The text's own issues, but those the pictures answer (the tables missing, no format, a 零报告).
    ...parsed.issues.filter((i) => !["tables_as_images", "zero_report", "format_unknown"].includes(i.code) && !aboutTaken(i)),
    // The recognised tables' own issues.
    ...read.issues.filter((i) => TABLE_ISSUE.test(i.code) && i.code !== "table_partial" && aboutTaken(i)),
  ];
  // Worked out again for the merged tables, in the pipeline's words.
  for (const id of taken) {
    const partial = partialTableIssue(id, coverage[id]);
    if (partial) issues.push(partial);
  }
  const unsure = lowConfidenceIssue(cells);
  if (unsure) issues.push(unsure);
  return {
    parsed: {
      ...parsed,
      formatVersion: format,
      complete: TABLE_IDS.every((id) => tables[id] === "found" && coverage[id].status === "complete"),
      coverage,
      tables,
      cells,
      issues,
      ...(taken.includes("t3") && read.otherAsOneRow ? { otherAsOneRow: read.otherAsOneRow } : {}),
    },
    ocr: scanned.meta.ocr,
  };
}

const TABLE_LABEL = { t2: "表二", t3: "表三", t4: "表四" } as const;

/** Most pages recognised to read pictured tables (a report's three tables fill two to five). */
const MAX_PICTURE_PAGES = 12;

/**
 * The pages where a text PDF's tables stand: from section 二's heading to the page where section
 * 五 (or 六) begins, both included. Undefined (every page) when the headings are not placed.
 */
function tablePages(parsed: ParsedReport, pages: number): number[] | undefined {
  const pageOf = (n: number) => parsed.sections.find((s) => s.number === n)?.loc?.page;
  const from = pageOf(2);
  const to = pageOf(5) ?? pageOf(6) ?? pages;
  if (from === undefined || to < from) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const OFFICE_FORMATS = ["docx", "doc", "wps", "rtf", "odt"] as const;
function isOfficeFormat(f: SurfaceFormat): f is (typeof OFFICE_FORMATS)[number] {
  return (OFFICE_FORMATS as readonly string[]).includes(f);
}

/**
 * The analysis of a file that could not be read at all for a reason found outside the pipeline
 * (its parse was stopped at the memory or time limit): the same shape, with that reason as its
 * error, so callers store nothing and print the usual dry-run line.
 */
export function failedAnalysis(bytes: Uint8Array, fileName: string, code: "too_large" | "extract_failed", message: string): AnalyzedDocument {
  let format: SurfaceFormat = "text";
  try {
    const sniffed = sniffFormat(bytes.subarray(0, 4096), fileName);
    if (sniffed !== "unsupported") format = sniffed;
  } catch {
    // the format is only a label here
  }
  const parsed = parseDocument(failedDocument(format, issue(code, "error", message)), {});
  return { fileName, surfaceFormat: format, encoding: null, mediaType: null, ocr: null, parsed, agency: null, validationInput: null, findings: [], derived: {}, error: { code, message } };
}

/**
 * A recognised "1.8" or "3000000000" in a count cell is a misreading (a dot of dust, two numbers
 * run together), not a figure the agency wrote: on OCR'd text such a cell is left unread and named,
 * instead of refusing the whole report as value_out_of_range does for typed text.
 */
function unreadOcrMisreads(parsed: ParsedReport): void {
  const recognised: Record<string, number | null> = {};
  for (const [k, c] of Object.entries(parsed.cells)) if (c.source?.confidence !== undefined) recognised[k] = c.value;
  for (const bad of unstorableValues(recognised)) {
    const cell = parsed.cells[bad.key];
    if (!cell?.source) continue;
    parsed.cells[bad.key] = { ...cell, value: null, nullReason: "text", source: { ...cell.source, confidence: 0 } };
    parsed.issues.push(issue("unparsable_number", "warning", `${bad.key}: OCR read “${cell.source.raw.trim()}”, which this cell cannot hold (${bad.reason.en}); left unread`, cell.source.loc));
  }
}

/**
 * Every value checked against its column's type and range (lib/catalog/storable.ts): a count of
 * 4.5 or 3000000000 is refused here, naming the cell and the value, so the dry run and the
 * ingest agree and the database never sees it.
 */
function outOfRangeIssue(parsed: ParsedReport, derived: Record<string, number | null>): ParseIssue | null {
  const read: Record<string, number | null> = {};
  for (const [k, c] of Object.entries(parsed.cells)) read[k] = c.value;
  const bad = [...unstorableValues(read), ...unstorableValues(derived)];
  if (bad.length === 0) return null;
  const shown = bad.slice(0, 5);
  const written = (key: string, value: number) => parsed.cells[key]?.source?.raw.trim() || plainNumber(value);
  const zh = shown.map((b) => `「${b.label.zh}」(${b.key}) 为 ${written(b.key, b.value)}：${b.reason.zh}`).join("；");
  const en = shown.map((b) => `${b.label.en} (${b.key}) is ${written(b.key, b.value)}: ${b.reason.en}`).join("; ");
  const more = bad.length > shown.length ? { zh: `，另有 ${bad.length - shown.length} 处`, en: `, and ${bad.length - shown.length} more` } : { zh: "", en: "" };
  const derivedOnly = shown.every((b) => !(b.key in read));
  const fix = derivedOnly
    ? { zh: "（由表中数字相加得出，请核对各栏）", en: " (a sum of the table's cells: check them)" }
    : { zh: "", en: "" };
  return issue(
    "value_out_of_range",
    "error",
    `数值无法保存：${zh}${more.zh}${fix.zh}。请更正后重新提交。 Values that cannot be stored: ${en}${more.en}${fix.en}. Correct them and submit again.`,
    parsed.cells[shown[0]!.key]?.source?.loc ?? null,
  );
}

function cellValues(parsed: ParsedReport): Record<string, { value: number | null; nullReason: ParsedReport["cells"][string]["nullReason"] }> {
  const out: Record<string, { value: number | null; nullReason: ParsedReport["cells"][string]["nullReason"] }> = {};
  for (const [k, c] of Object.entries(parsed.cells)) out[k] = { value: c.value, nullReason: c.nullReason };
  return out;
}

/**
 * A report can be stored when it was readable and we know whose and which year it is. Its
 * tables may be missing or truncated: that is recorded, not refused.
 */
function storageError(parsed: ParsedReport): AnalyzedDocument["error"] {
  const fatal = parsed.issues.find((i) => FATAL_CODES.has(i.code));
  if (fatal) return { code: fatal.code, message: fatal.message };
  if (!parsed.agencyName)
    return { code: "agency_missing", message: "未能从文件中读出机关名称。 No agency name found in the document." };
  if (parsed.year === null)
    return { code: "year_missing", message: "未能从文件中读出报告年度。 No report year found in the document." };
  return null;
}

/** The dry-run JSON line (REPORT-FORMAT.md §0). */
export interface DryRunLine {
  file: string;
  ok: boolean;
  error: { code: string; message: string } | null;
  format_version: FormatVersion | null;
  surface_format: SurfaceFormat | null;
  year: number | null;
  agency: { name: string | null; admin_code: string | null; kind: string | null; level: string | null; dept_type: string | null };
  scope: ParsedReport["scope"];
  published_on: string | null;
  complete: boolean;
  tables: ParsedReport["tables"];
  /** Per table: catalog cells read of the cells the format has (REPORT-FORMAT.md §0). */
  coverage: ParsedReport["coverage"];
  cells: Record<string, number | null>;
  null_reasons: Record<string, string>;
  derived: Record<string, number | null>;
  narrative: Record<string, number>;
  topics: string[];
  /** Per-topic application counts the narrative states (topic key → count). */
  topic_counts: Record<string, number>;
  findings: { rule: string; severity: string; cells: string[]; blame: string[]; suggested: Record<string, number> | null; message: string; message_en: string }[];
  issues: { code: string; severity: string; message: string; location: ParseIssue["location"] }[];
  /** Scans only: how the text was recognised, and the figures OCR was unsure of (below LOW_CONFIDENCE). */
  ocr: { engine: string; pages: number; dpi: number; mean_confidence: number; low_confidence: Record<string, number> } | null;
}

export function toDryRunLine(file: string, a: AnalyzedDocument): DryRunLine {
  const { parsed } = a;
  const cells: Record<string, number | null> = {};
  const nullReasons: Record<string, string> = {};
  // Every key of the detected format; with no format known, the keys both formats share (表四's,
  // most of 表三's), so what was read of them is still printed.
  const keys = parsed.formatVersion ? readCells(parsed.formatVersion).map((d) => d.key) : Object.keys(parsed.cells);
  for (const key of keys) {
    const c = parsed.cells[key];
    cells[key] = c?.value ?? null;
    if (c?.value == null) nullReasons[key] = c?.nullReason ?? "absent";
  }
  const narrative: Record<string, number> = {};
  for (const [k, f] of Object.entries(parsed.narrative)) if (f) narrative[k] = f.value;
  return {
    file,
    ok: a.error === null,
    error: a.error,
    format_version: parsed.formatVersion,
    surface_format: a.surfaceFormat,
    year: parsed.year,
    agency: {
      name: a.agency?.name ?? parsed.agencyName,
      admin_code: a.agency?.region?.adminCode ?? null,
      kind: a.agency?.kind ?? null,
      level: a.agency?.level ?? null,
      dept_type: a.agency?.deptType ?? null,
    },
    scope: parsed.scope,
    published_on: parsed.publishedOn,
    complete: parsed.complete,
    tables: parsed.tables,
    coverage: parsed.coverage,
    cells,
    null_reasons: nullReasons,
    derived: a.derived,
    narrative,
    topics: [...new Set(parsed.topics.map((t) => t.key))],
    topic_counts: Object.fromEntries(parsed.topicCounts.map((c) => [c.key, c.count])),
    findings: a.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      cells: f.cells,
      blame: f.blame,
      suggested: f.suggested,
      message: f.message.zh,
      message_en: f.message.en,
    })),
    issues: parsed.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message, location: i.location })),
    ocr: a.ocr
      ? {
          engine: a.ocr.engine,
          pages: a.ocr.pages,
          dpi: a.ocr.dpi,
          mean_confidence: a.ocr.meanConfidence,
          low_confidence: Object.fromEntries(
            Object.entries(parsed.cells).flatMap(([k, c]) => (c.source?.confidence !== undefined && c.source.confidence < LOW_CONFIDENCE ? [[k, c.source.confidence]] : [])),
          ),
        }
      : null,
  };
}
