/** Issue #16 defect 9: `denied` (and the new refusals) are known codes with words, not "unexpected". */
import { describe, expect, it } from "vitest";
import { ISSUE_CODES } from "@/lib/ingest/issues";
import { knownUploadCode, UPLOAD_FAILURE_CODES } from "./upload-state";

describe("the upload page's failure codes", () => {
  it("knows denied, value_out_of_range and not_a_report", () => {
    for (const code of ["denied", "value_out_of_range", "not_a_report", "too_large"]) expect(knownUploadCode(code)).toBe(code);
    expect(knownUploadCode("something_new")).toBe("unexpected");
  });

  it("knows every fatal pipeline code", () => {
    const fatal = ["empty_document", "binary_content", "unsupported_format", "too_large", "extract_failed", "archive_bomb", "tool_unavailable", "conversion_failed", "value_out_of_range", "not_a_report"];
    for (const code of fatal) {
      expect(ISSUE_CODES as readonly string[]).toContain(code);
      expect(UPLOAD_FAILURE_CODES as readonly string[]).toContain(code);
    }
  });
});
