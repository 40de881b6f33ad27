/**
 * The registry end to end: every surface-format fixture carries exactly the sample's 200 figures
 * (panzhou 2024 expected.json) in reading order, and hostile inputs come back as issues.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXTRACTORS, extractDocument, MAX_INPUT_BYTES } from "./index";
import type { ExtractedDocument, SurfaceFormat, TableBlock } from "./types";

const FIXTURES = fileURLToPath(new URL("../__fixtures__", import.meta.url));
const read = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));

const expected = JSON.parse(readFileSync(join(FIXTURES, "panzhou/2024/expected.json"), "utf8")) as { cells: Record<string, number | null> };

/** The figures in printed order: 表二 row by row, 表三 row by row over its 7 columns, 表四's one row. */
const T2_ORDER = [
  "regulation.issued", "regulation.repealed", "regulation.in_force",
  "normative_doc.issued", "normative_doc.repealed", "normative_doc.in_force",
  "admin_license.decisions", "admin_penalty.decisions", "admin_coercion.decisions", "admin_fee.amount_10k_cny",
].map((k) => `t2.${k}`);
const T3_ROWS = [
  "new_received", "carried_over", "granted", "partially_granted",
  "denied_state_secret", "denied_prohibited_by_law", "denied_security_stability", "denied_third_party",
  "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query",
  "unable_not_held", "unable_needs_creation", "unable_unclear",
  "not_processed_petition", "not_processed_repeat", "not_processed_publication", "not_processed_excessive", "not_processed_confirm_reissue",
  "other_no_supplement", "other_fee_unpaid", "other_misc", "handled_total", "carried_forward",
];
const T3_COLS = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org", "legal_service_org", "other_org", "total"];
const T4_ORDER = ["review", "lit_direct", "lit_after_review"].flatMap((g) => ["upheld", "corrected", "other", "pending", "total"].map((c) => `t4.${g}.${c}`));
const ORDER = [...T2_ORDER, ...T3_ROWS.flatMap((r) => T3_COLS.map((c) => `t3.${r}.${c}`)), ...T4_ORDER];
const FIGURES = ORDER.map((k) => {
  const v = expected.cells[k];
  if (v === undefined || v === null) throw new Error(`expected.json lacks ${k}`);
  return String(v);
});

function tableBlocks(doc: ExtractedDocument): TableBlock[] {
  return doc.blocks.filter((b): b is TableBlock => b.kind === "table");
}
/**
 * Numeric cells in reading order: grid tables sorted by row, then column; the flattened text's
 * table cells; and the values on the positioned lines an unruled PDF table is kept as.
 */
function figures(doc: ExtractedDocument): string[] {
  return doc.blocks.flatMap((b) => {
    if (b.kind === "text") {
      return (b.lines ?? []).flatMap((l) => l.tokens.map((t) => t.text.trim()).filter((t) => /^\d+(\.\d+)?$/.test(t)));
    }
    const cells = b.gridKnown ? [...b.cells].sort((a, c) => (a.row ?? 0) - (c.row ?? 0) || (a.col ?? 0) - (c.col ?? 0)) : b.cells;
    return cells.filter((c) => /^\d+(\.\d+)?$/.test(c.text.trim())).map((c) => c.text.trim());
  });
}

const FORMAT_FIXTURES: Array<{ path: string; name: string; format: SurfaceFormat }> = [
  { path: "formats/html-merged/input.html", name: "report.html", format: "html" },
  { path: "formats/html-gbk/input.html", name: "report.htm", format: "html" },
  { path: "formats/pdf-chromium/input.pdf", name: "report.pdf", format: "pdf" },
  { path: "formats/pdf-borderless/input.pdf", name: "report.pdf", format: "pdf" },
  { path: "formats/docx/input.docx", name: "report.docx", format: "docx" },
  { path: "formats/markdown/input.md", name: "report.md", format: "markdown" },
  { path: "panzhou/2024/input.txt", name: "input.txt", format: "text" },
];

describe("extractDocument on the format fixtures", () => {
  it("has 200 figures to look for", () => {
    expect(FIGURES).toHaveLength(200);
  });

  for (const f of FORMAT_FIXTURES) {
    it(`${f.path}: ${f.format}, the sample's 200 figures in reading order, no issues`, async () => {
      const doc = await extractDocument(read(f.path), f.name);
      expect(doc.format).toBe(f.format);
      expect(doc.issues).toEqual([]);
      expect(figures(doc)).toEqual(FIGURES);
      expect(doc.text).toContain("五、存在的主要问题及改进情况");
    });
  }

  it("finds the same figures whatever the file is called", async () => {
    const doc = await extractDocument(read("formats/docx/input.docx"), "upload");
    expect(doc.format).toBe("docx");
    expect(figures(doc)).toEqual(FIGURES);
  });

  it("keeps multi-line labels whole in every grid format", async () => {
    // Unruled PDFs keep their lines (a label's pieces stay on the lines they were printed on); the
    // table reader puts them together, which the golden fixtures check.
    for (const f of FORMAT_FIXTURES.filter((x) => x.format !== "text" && x.path !== "formats/pdf-borderless/input.pdf")) {
      const doc = await extractDocument(read(f.path), f.name);
      const labels = tableBlocks(doc).flatMap((t) => t.cells.map((c) => c.text.replace(/\s+/g, "")));
      expect(labels, f.path).toContain("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
      expect(labels, f.path).toContain("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请");
      expect(labels, f.path).toContain("商业企业");
    }
  });
});

describe("extractDocument on hostile input", () => {
  const codes = (doc: ExtractedDocument) => doc.issues.map((i) => i.code);

  it("empty file → empty_document", async () => {
    const doc = await extractDocument(read("adversarial/empty.txt"), "empty.txt");
    expect(codes(doc)).toEqual(["empty_document"]);
    expect(doc.blocks).toEqual([]);
  });

  it("64 KB of noise → binary_content, whatever the name says", async () => {
    for (const name of ["noise.bin", "report.txt", "report.html"]) {
      expect(codes(await extractDocument(read("adversarial/noise.bin"), name))).toEqual(["binary_content"]);
    }
  });

  it("a 50 MB input → too_large before any decoding", async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    expect(big.length).toBeGreaterThan(MAX_INPUT_BYTES);
    const doc = await extractDocument(big, "huge.txt");
    expect(codes(doc)).toEqual(["too_large"]);
  });

  it("old .doc, images and spreadsheets → unsupported_format with advice", async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const doc = await extractDocument(ole, "2024年报.doc");
    expect(codes(doc)).toEqual(["unsupported_format"]);
    expect(doc.issues[0]?.message).toMatch(/DOCX or PDF/);
    expect(codes(await extractDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0]), "scan.png"))).toEqual(["unsupported_format"]);
  });

  it("script, truncated PDF and wrong encoding come back as data, not exceptions", async () => {
    const script = await extractDocument(read("adversarial/script.html"), "script.html");
    expect(script.text).not.toContain("MUST_NOT_APPEAR");
    expect(codes(await extractDocument(read("adversarial/truncated.pdf"), "truncated.pdf"))).toEqual(["extract_failed"]);
    const wrong = await extractDocument(read("adversarial/wrong-encoding.html"), "wrong.html");
    expect(codes(wrong)).toEqual(["encoding_uncertain"]);
    expect(wrong.text).toContain("依申请公开");
  });

  it("never throws on arbitrary bytes, with or without a format's magic prefix", async () => {
    const prefixes = ["", "%PDF-1.7\n", "PK\u0003\u0004word/document.xml", "<!DOCTYPE html><table>", "| a | b |\n|---|---|\n"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 2048 }), fc.constantFrom("x.pdf", "x.docx", "x.html", "x.md", "x.txt", "x"), async (prefix, tail, name) => {
        const head = new TextEncoder().encode(prefix);
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        const doc = await extractDocument(bytes, name);
        expect(Array.isArray(doc.blocks)).toBe(true);
        expect(Array.isArray(doc.issues)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it("lists one extractor per non-text surface format", () => {
    expect(EXTRACTORS.map((e) => e.format).sort()).toEqual(["docx", "html", "markdown", "pdf"]);
  });
});
