/**
 * PDFs read through MuPDF's trace (the long-lived `mutool run` tracer the server uses; its
 * geometry equals `mutool trace`'s, pdf-trace-server.test.ts) give what pdf.js gives: every PDF fixture (real, LibreOffice,
 * Chromium, our renderings) to the same cells, null reasons and year; broken and hostile files to
 * clear issues. Runs where mutool is installed (CI installs mupdf-tools).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "../ingest/analyze";
import { TOOL_INSTALL } from "../ingest/extract/tools";
import { mutoolRunTracer, probeTools } from "./tools";

const status = probeTools();
const reason = status.pdf.available ? "" : ` — skipped: mutool not found (${TOOL_INSTALL.pdf})`;
const ROOT = "lib/ingest/__fixtures__";

function pdfFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pdfFixtures(p));
    else if (name === "input.pdf" && existsSync(path.join(dir, "expected.json"))) out.push(p);
  }
  return out;
}

describe.skipIf(!status.pdf.available)(`PDFs through MuPDF${reason}`, () => {
  const tools = { pdf: mutoolRunTracer() };
  const files = pdfFixtures(ROOT);

  it("has the PDF fixtures to compare", () => {
    expect(files.length).toBeGreaterThanOrEqual(35);
  });

  it.each(files.map((f) => [path.relative(ROOT, path.dirname(f)), f]))("%s reads as with pdf.js", async (_id, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const traced = toDryRunLine("input.pdf", await analyzeDocument(bytes, "input.pdf", { tools }));
    const plain = toDryRunLine("input.pdf", await analyzeDocument(bytes, "input.pdf"));
    expect(traced.ok).toBe(true);
    expect([traced.year, traced.format_version, traced.agency.name]).toEqual([plain.year, plain.format_version, plain.agency.name]);
    const differ = Object.keys(plain.cells).filter((k) => traced.cells[k] !== plain.cells[k] || traced.null_reasons[k] !== plain.null_reasons[k]);
    expect(differ).toEqual([]);
    // Provenance still places values on their page, with a box.
    const src = Object.values(traced.cells).length ? (await analyzeDocument(bytes, "input.pdf", { tools })).parsed.cells["t3.new_received.total"]?.source?.loc : undefined;
    expect(src?.page).toBeGreaterThanOrEqual(1);
  });

  it("a truncated PDF is refused with a clear issue, not a crash", async () => {
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, "adversarial/truncated.pdf")));
    const a = await analyzeDocument(bytes, "truncated.pdf", { tools });
    expect(a.error?.code).toMatch(/extract_failed|empty_document|too_large|not_annual_report|agency_missing|year_missing/u);
  });
});
