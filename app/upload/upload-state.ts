/** Shapes shared by the upload action and its form (no server code: the client imports it). */

export { MAX_UPLOAD_BYTES } from "@/lib/http/upload-limit";
export const UPLOAD_ACCEPT =
  ".txt,.text,.htm,.html,.pdf,.docx,.md,.markdown,.doc,.wps,.rtf,.odt,.png,.jpg,.jpeg," +
  "text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown," +
  "application/msword,application/rtf,application/vnd.oasis.opendocument.text,image/png,image/jpeg";

/** Every failure the page explains in words; any other code is shown as "unexpected". */
export const UPLOAD_FAILURE_CODES = [
  "unsupported_format",
  "binary_content",
  "empty_document",
  "extract_failed",
  "too_large",
  "archive_bomb",
  "value_out_of_range",
  "not_a_report",
  "agency_missing",
  "year_missing",
  "tool_unavailable",
  "conversion_failed",
  "denied",
  "unexpected",
] as const;
export type UploadFailureCode = (typeof UPLOAD_FAILURE_CODES)[number];

/** The code the page shows for a failure code from the pipeline or the ingest. */
export function knownUploadCode(code: string): UploadFailureCode {
  return (UPLOAD_FAILURE_CODES as readonly string[]).includes(code) ? (code as UploadFailureCode) : "unexpected";
}

export type UploadResult =
  | {
      fileName: string;
      status: "created";
      reportId: string;
      version: number;
      agencyName: string;
      year: number;
      pendingAgency: boolean;
      errors: number;
      warnings: number;
    }
  | { fileName: string; status: "skipped"; reportId: string; version: number }
  | { fileName: string; status: "failed"; code: UploadFailureCode; detail: string | null };

export interface UploadState {
  /** Client-chosen id of the current batch: results of an older batch are dropped. */
  batch: string | null;
  results: UploadResult[];
  /** A problem with the whole request (not signed in, no files). */
  formError: "denied" | "noFiles" | null;
}

export const INITIAL_UPLOAD_STATE: UploadState = { batch: null, results: [], formError: null };
