/**
 * Issue #16: the hostile corpus through the pure pipeline. Every file is refused (or read) with a
 * closed issue code, no stack trace, in under 30 s and 512 MB each (asserted loosely; the figures
 * are printed by `npm run bench:hostile`, one process per file).
 */
import { describe, expect, it } from "vitest";
import { probeTools, systemTools } from "../../system";
import { HOSTILE_CORPUS } from "./corpus";
import { runHostile } from "./measure";

const status = probeTools();
/** The files an external reader opens on the server: PDFs (MuPDF), images and scans (Tesseract), Word formats (LibreOffice). */
const TOOL_READ = /\.(pdf|png|jpe?g|doc|wps|rtf|odt)$/u;

describe("the hostile corpus", () => {
  it("has at least 60 files across every format", () => {
    expect(HOSTILE_CORPUS.length).toBeGreaterThanOrEqual(60);
    const exts = new Set(HOSTILE_CORPUS.map((f) => f.name.split(".").pop()));
    for (const e of ["pdf", "docx", "html", "txt", "md", "png", "jpg", "doc", "rtf", "odt"]) expect(exts).toContain(e);
    expect(new Set(HOSTILE_CORPUS.map((f) => f.name)).size).toBe(HOSTILE_CORPUS.length);
  });

  for (const file of HOSTILE_CORPUS) {
    it(`${file.name} (${file.what}): a closed code, no stack trace, < 30 s, < 512 MB`, async () => {
      const r = await runHostile(file);
      expect(r.problems, JSON.stringify(r)).toEqual([]);
      expect(r.ok, `${file.name} was accepted: ${JSON.stringify(r)}`).toBe(false);
      expect(r.ms).toBeLessThan(30_000);
      expect(r.peakMb).toBeLessThan(512);
    }, 120_000);
  }

  describe("through the machine's own readers (MuPDF, Tesseract, LibreOffice), as the server reads them", () => {
    const tools = systemTools(status);
    const missing = [status.pdf, status.ocr, status.office].flatMap((t) => t.missing);
    for (const file of HOSTILE_CORPUS.filter((f) => TOOL_READ.test(f.name))) {
      it.skipIf(missing.length > 0)(`${file.name} (${file.what}): a closed code, no stack trace, < 30 s`, async () => {
        const r = await runHostile(file, tools);
        expect(r.problems, JSON.stringify(r)).toEqual([]);
        expect(r.ok, `${file.name} was accepted: ${JSON.stringify(r)}`).toBe(false);
        expect(r.ms).toBeLessThan(30_000);
      }, 120_000);
    }
  });
});
