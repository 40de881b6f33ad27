/**
 * Parse issues: closed codes, a severity, a message and a location (yaml's ErrorCode model).
 * Parsers never throw on messy input; they return the record plus these.
 */
export const ISSUE_CODES = [
  "empty_document", // nothing readable
  "binary_content", // bytes that are not a supported document
  "unsupported_format", // a format we do not read (xls, doc, images…)
  "too_large", // over the size limit
  "encoding_uncertain", // charset guessed; some characters may be wrong
  "extract_failed", // the surface format was broken (corrupt PDF, bad zip…)
  "archive_bomb", // a DOCX whose expansion exceeds the limit
  "format_unknown", // neither 2019 nor 2021 headers found
  "format_mixed", // parts of the tables printed in the other format's form (named); those cells are not read
  "table_missing", // 表二/三/四 not found
  "table_truncated", // a table stops before its last row
  "table_partial", // a table is there but some of its cells were not read (named in the message)
  "unknown_row_label", // a row label that matches no catalog row
  "unknown_column_label", // a header that matches no catalog column
  "unparsable_number", // a value cell that is not a number, blank or NA marker
  "column_count_mismatch", // a row with more or fewer values than the header has columns
  "duplicate_row", // the same row label twice in a table
  "row_form_mismatch", // a row printed in the other format's form (2021 report with 2019's （六）其他处理 row)
  "row_by_order", // a row whose label could not be read, placed by its order between labelled rows
  "tables_from_text", // a PDF whose tables were printed as lists (a web page's flattened table): read from its text, line by line
  "tables_as_images", // a web page whose report tables are pictures: named, with what to upload instead
  "value_out_of_range", // a value its column cannot hold (a count of 4.5, or beyond int4): the report is refused, naming the cell
  "unit_in_cell", // a unit written into the cell ("251000元")
  "year_missing", // no report year found
  "year_inferred", // no stated year; the year the text mentions most was taken
  "agency_missing", // no agency name found
  "section_missing", // one of sections 一…六 not found
  "zero_report", // headings with no tables (零报告)
  "not_a_report", // no report table, no format and (almost) none of the six sections: not an annual report at all
  // Scans and old word-processing files (OCR, LibreOffice):
  "tool_unavailable", // the file needs OCR or LibreOffice, which this installation lacks (message says what to install)
  "conversion_failed", // LibreOffice could not convert the file (damaged, password-protected, timed out)
  "ocr_text", // the text was recognised from page images: every figure carries a confidence
  "ocr_low_confidence", // OCR'd cells whose recognition is unsure (named in the message)
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type IssueSeverity = "error" | "warning";

/** Where something was read. All fields optional: text has lines, PDF has pages, HTML has table coordinates. */
export interface SourceLoc {
  page?: number; // 1-based
  line?: number; // 1-based line in the extracted text
  offset?: number; // character offset in the extracted text
  table?: number; // 0-based index of the table block in the document
  row?: number; // 0-based grid row inside that table, when known
  col?: number; // 0-based grid column inside that table, when known
  /**
   * PDF (and OCR) sources: the text's box on its page as [left, top, right, bottom] in PDF points
   * from the page's top-left corner, so a viewer can highlight it on the rendered page.
   */
  bbox?: [number, number, number, number];
}

export interface ParseIssue {
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
  location: SourceLoc | null;
}

export function issue(code: IssueCode, severity: IssueSeverity, message: string, location: SourceLoc | null = null): ParseIssue {
  return { code, severity, message, location };
}
