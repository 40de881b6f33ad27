/**
 * The real fixtures as other agencies write them (lib/ingest/testing/real-variants.ts): the 盘州
 * web text, the 上海市科委 converter markdown and the 盘州 web page, each changed the way real
 * reports differ — label wording, numbering, header layout, CMS and Word markup, GBK — one change
 * at a time and in combinations. Each must read every figure of the fixture's expected.json with
 * the right year, agency and format; where a change cannot be read safely, the cells stay unread
 * and an issue names them. Never a wrong figure.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine, type DryRunLine } from "./analyze";
import { combine, COPY_VARIANTS, DROPPED_COLUMN, HTML_VARIANTS, LABEL_VARIANTS, MIXED_VARIANTS, NUMBER_VARIANTS, TEXT_VARIANTS, variantById, type BaseDoc, type Variant } from "./testing/real-variants";

interface Expected {
  year: number;
  format_version: string;
  agency: { name: string };
  cells: Record<string, number | null>;
}

const fixture = (p: string): string => readFileSync(new URL(`./__fixtures__/${p}`, import.meta.url), "utf8");

const BASES: { doc: BaseDoc; file: string; expected: Expected }[] = [
  { doc: { id: "盘州 web text", surface: "txt", text: fixture("panzhou/2024/input.txt") }, file: "panzhou.txt", expected: JSON.parse(fixture("panzhou/2024/expected.json")) as Expected },
  { doc: { id: "上海市科委 markdown", surface: "md", text: fixture("real/shanghai-kewei/2024/input.md") }, file: "kewei.md", expected: JSON.parse(fixture("real/shanghai-kewei/2024/expected.json")) as Expected },
  { doc: { id: "盘州 web page", surface: "html", text: fixture("formats/html-merged/input.html") }, file: "panzhou.html", expected: JSON.parse(fixture("panzhou/2024/expected.json")) as Expected },
];

/** Issues that mean a part was read by position or not at all. */
const RISK_CODES = ["unknown_column_label", "row_by_order", "unknown_row_label", "format_unknown", "format_mixed", "table_partial", "row_form_mismatch"];

async function read(base: (typeof BASES)[number], variant: Variant): Promise<{ line: DryRunLine; expected: Record<string, number | null> }> {
  const text = variant.apply(base.doc);
  if (text === null) throw new Error(`${variant.id} does not apply to ${base.doc.id}`);
  expect(text).not.toBe(base.doc.text);
  const bytes = variant.encode ? variant.encode(text) : new TextEncoder().encode(text);
  const file = variant.ext ? base.file.replace(/\.\w+$/u, variant.ext) : base.file;
  const line = toDryRunLine(file, await analyzeDocument(bytes, file));
  return { line, expected: variant.expected ? variant.expected(base.expected.cells) : base.expected.cells };
}

/** Figures read that differ from what the document states. */
function wrong(line: DryRunLine, expected: Record<string, number | null>): string[] {
  return Object.entries(expected)
    .filter(([k, x]) => typeof line.cells[k] === "number" && line.cells[k] !== x)
    .map(([k, x]) => `${k}: ${String(x)} read as ${String(line.cells[k])}`);
}

/** Figures the document states that were not read. */
function missed(line: DryRunLine, expected: Record<string, number | null>): string[] {
  return Object.entries(expected)
    .filter(([k, x]) => typeof x === "number" && line.cells[k] == null)
    .map(([k]) => k);
}

function riskCodes(line: DryRunLine): Set<string> {
  return new Set(line.issues.map((i) => i.code).filter((c) => RISK_CODES.includes(c)));
}

const baseRisk = new Map<string, Set<string>>();
beforeAll(async () => {
  for (const b of BASES) {
    const line = toDryRunLine(b.file, await analyzeDocument(new TextEncoder().encode(b.doc.text), b.file));
    baseRisk.set(b.doc.id, riskCodes(line));
  }
});

/** Every figure right, right year/agency/format, and nothing read by position that the base read by label. */
async function expectFullRead(base: (typeof BASES)[number], variant: Variant): Promise<void> {
  const { line, expected } = await read(base, variant);
  expect(wrong(line, expected)).toEqual([]);
  expect(missed(line, expected)).toEqual([]);
  expect({ year: line.year, agency: line.agency.name, format: line.format_version }).toEqual({ year: base.expected.year, agency: base.expected.agency.name, format: base.expected.format_version });
  const before = baseRisk.get(base.doc.id) ?? new Set();
  const added = line.issues.filter((i) => RISK_CODES.includes(i.code) && !before.has(i.code)).map((i) => `${i.code}: ${i.message}`);
  expect(added).toEqual([]);
}

const SINGLE = [...LABEL_VARIANTS, ...TEXT_VARIANTS, ...NUMBER_VARIANTS, ...COPY_VARIANTS, ...HTML_VARIANTS];

describe("real reports with one change at a time read every figure", () => {
  for (const base of BASES) {
    for (const v of SINGLE) {
      if (v.apply(base.doc) === null) continue;
      it(`${base.doc.id}: ${v.what}`, async () => {
        await expectFullRead(base, v);
      });
    }
  }
});

describe("combinations agencies produce", () => {
  const allLabels = combine(
    "all-labels",
    "every label variant at once",
    LABEL_VARIANTS.filter((v) => v.id !== "quotes-none"),
  );
  for (const base of BASES) {
    it(`${base.doc.id}: every label variant at once`, async () => {
      await expectFullRead(base, allLabels);
    });
  }
  const html = BASES[2];
  if (!html) throw new Error("no HTML base");
  it("盘州 web page: Word paste of a table with the agency's own wording, GBK", async () => {
    await expectFullRead(html, combine("word-labels-gbk", "", [allLabels, variantById("gbk")]));
  });
  it("盘州 web page: <thead>, split tables, title and unit rows, a 备注 column, &nbsp; padding", async () => {
    await expectFullRead(
      html,
      combine("cms", "", ["th-thead", "title-row", "unit-row", "remarks-column", "nbsp-padding", "layout-nesting", "split-digits"].map(variantById)),
    );
  });
  it("盘州 web page: two-row 表三 header, group rows, spans in labels, zeros as —", async () => {
    await expectFullRead(html, combine("header", "", ["two-row-header", "group-rows", "label-spans", "zero-dash", "t3-split"].map(variantById)));
  });
  it("盘州 web page: a two-row 表三 header with its note left out", async () => {
    await expectFullRead(html, combine("bare-header", "", ["two-row-header", "no-note"].map(variantById)));
  });
  it("盘州 web text: a two-row 表三 header with its note left out", async () => {
    const txt = BASES[0];
    if (!txt) throw new Error("no text base");
    await expectFullRead(txt, combine("bare-header", "", ["txt-two-row-header", "txt-no-note"].map(variantById)));
  });
  it("盘州 web page copied as text with spaces: padded labels (自 然 人, 总　计), 合计, short 表四 headings", async () => {
    await expectFullRead(html, combine("copied", "", ["spaced-t3-cols", "total-heji", "t4-short", "short-labels", "typos", "copy-spaces"].map(variantById)));
  });
  it("盘州 web text: labels, table titles and a unit line", async () => {
    const txt = BASES[0];
    if (!txt) throw new Error("no text base");
    await expectFullRead(txt, combine("txt", "", [allLabels, variantById("txt-unit-line"), variantById("txt-table-titles")]));
  });
});

describe("changes that cannot be read safely stay unread, named", () => {
  const mixed = variantById("t2-2019-headings");
  for (const base of BASES) {
    it(`${base.doc.id}: 表二 （一） headed in the 2019 form in a 2021 report is read as 2021, those rows unread`, async () => {
      const { line, expected } = await read(base, mixed);
      expect(wrong(line, expected)).toEqual([]);
      expect(missed(line, expected)).toEqual([]);
      expect(line.format_version).toBe("2021");
      expect(line.coverage.t2).toMatchObject({ read: 4, of: 10, status: "partial", missing: ["t2.regulation.*", "t2.normative_doc.*"] });
      expect(line.coverage.t3.status).toBe("complete");
      for (const k of ["regulation", "normative_doc"]) for (const c of ["issued", "repealed", "in_force"]) expect(line.cells[`t2.${k}.${c}`]).toBeNull();
      const partial = line.issues.find((i) => i.code === "table_partial" && i.message.includes("表二"));
      expect(partial?.message).toContain("t2.regulation.*");
      expect(partial?.message).toContain("t2.normative_doc.*");
      expect(line.issues.some((i) => i.code === "format_mixed" && i.message.includes("本年新制作数量"))).toBe(true);
    });
  }

  const dropped = MIXED_VARIANTS.find((v) => v.id === "row-dropped");
  if (!dropped) throw new Error("no row-dropped variant");
  for (const base of BASES) {
    it(`${base.doc.id}: a 表三 row left out shifts nothing into its neighbours`, async () => {
      const { line, expected } = await read(base, dropped);
      expect(wrong(line, expected)).toEqual([]);
      for (const c of ["natural_person", "total"]) expect(line.cells[`t3.denied_enforcement_file.${c}`]).toBeNull();
      expect(line.coverage.t3.status).toBe("partial");
      expect(line.issues.find((i) => i.code === "table_partial" && i.message.includes("表三"))?.message).toContain("t3.denied_enforcement_file.*");
    });
  }

  it("盘州 web page: a 表三 printed without its 科研机构 column puts nothing in that column", async () => {
    const html = BASES[2];
    if (!html) throw new Error("no HTML base");
    const { line, expected } = await read(html, DROPPED_COLUMN);
    expect(wrong(line, expected)).toEqual([]);
    expect(missed(line, expected)).toEqual([]);
    for (const row of ["new_received", "granted", "handled_total"]) expect(line.cells[`t3.${row}.research_institution`]).toBeNull();
  });
});
