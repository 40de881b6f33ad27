import { readFileSync } from "node:fs";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { readCells } from "../catalog";
import { parsedReportSchema, type ParsedReport } from "../records/parsed-report";
import { extractFromText, textExtractor } from "./extract/text";
import { parseDocument } from "./pipeline";

interface Expected {
  format_version: "2019" | "2021";
  year: number;
  agency: { name: string };
  cells: Record<string, number | null>;
  topics: string[];
  narrative: Record<string, number>;
  published_on?: string;
  scope?: string;
}

const read = (p: string) => readFileSync(new URL(`./__fixtures__/${p}`, import.meta.url));
const SAMPLE_BYTES = new Uint8Array(read("panzhou/2024/input.txt"));
const SAMPLE = new TextDecoder().decode(SAMPLE_BYTES);
const EXPECTED = JSON.parse(read("panzhou/2024/expected.json").toString("utf8")) as Expected;
const LINES = SAMPLE.split("\n");

function parse(text: string): ParsedReport {
  const r = parseDocument(extractFromText(text));
  parsedReportSchema.parse(r);
  return r;
}
const values = (r: ParsedReport) => Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, v.value]));
const narrative = (r: ParsedReport) => Object.fromEntries(Object.entries(r.narrative).map(([k, v]) => [k, v?.value]));
const codes = (r: ParsedReport) => r.issues.map((i) => i.code);

function expectMatches(r: ParsedReport, e: Expected) {
  expect(r.formatVersion).toBe(e.format_version);
  expect(r.year).toBe(e.year);
  expect(r.agencyName).toBe(e.agency.name);
  expect(values(r)).toEqual(e.cells);
  expect(r.topics.map((t) => t.key)).toEqual(e.topics);
  expect(narrative(r)).toEqual(e.narrative);
}

describe("the sample report, end to end", () => {
  it("gives exactly the expected figures", async () => {
    const doc = await textExtractor.extract(SAMPLE_BYTES, "panzhou-2024.txt");
    const r = parseDocument(doc);
    expect(parsedReportSchema.safeParse(r).success).toBe(true);
    expectMatches(r, EXPECTED);
    expect(Object.keys(r.cells)).toHaveLength(200);
    expect(r.scope).toBe("self");
    expect(r.complete).toBe(true);
    expect(r.tables).toEqual({ t2: "found", t3: "found", t4: "found" });
    expect(r.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.issues).toEqual([]);
    // Every cell was stated, with its raw text and line.
    for (const c of Object.values(r.cells)) expect(c.source).toMatchObject({ raw: expect.any(String), stated: true, loc: { line: expect.any(Number) } });
  });

  it("lets the caller override agency and year", () => {
    const r = parseDocument(extractFromText(SAMPLE), { agencyName: "盘州市人民政府办公室", year: 2023 });
    expect([r.agencyName, r.year]).toEqual(["盘州市人民政府办公室", 2023]);
  });
});

describe("variations of the sample", () => {
  it("Traditional characters", () => {
    const toHk = OpenCC.Converter({ from: "cn", to: "hk" });
    const trad = toHk(SAMPLE);
    expect(trad).not.toBe(SAMPLE);
    expectMatches(parse(trad), EXPECTED);
  });

  it("half-width brackets (as in the sample) and 1、 numbering", () => {
    const text = SAMPLE.replace(/^(\d)\./gmu, "$1、");
    expect(text).toContain("(三)不予公开 |\n1、属于国家秘密 |");
    expectMatches(parse(text), EXPECTED);
  });

  it("full-width brackets and 1、 numbering", () => {
    const text = SAMPLE.replace(/\(/gu, "（").replace(/\)/gu, "）").replace(/^(\d)\./gmu, "$1、");
    expect(text).toContain("（三）不予公开 |\n1、属于国家秘密 |");
    expectMatches(parse(text), EXPECTED);
  });

  it("1． numbering and 一. headings", () => {
    const text = SAMPLE.replace(/^(\d)\./gmu, "$1．").replace(/^([一二三四五六])、/gmu, "$1.");
    expectMatches(parse(text), EXPECTED);
  });

  it("合计 for 总计", () => {
    const text = SAMPLE.replace(/^总计 \|/gmu, "合计 |").replace("(七)总计", "(七)合计");
    expectMatches(parse(text), EXPECTED);
  });

  it("blank cells and / keep their null reasons", () => {
    const text = SAMPLE.replace("规章 |\n0 |\n0 |\n0 |", "规章 |\n/ |\n/ |\n/ |").replace("(七)总计 |\n34 |\n0 |\n0 |\n0 |\n0 |\n0 |\n34 | ||", "(七)总计 |\n34 |\n|\n|\n|\n|\n|\n| ||");
    const r = parse(text);
    expect(r.cells["t2.regulation.issued"]).toMatchObject({ value: null, nullReason: "slash" });
    expect(r.cells["t3.handled_total.total"]).toMatchObject({ value: null, nullReason: "blank", source: { raw: "" } });
    expect(r.cells["t3.handled_total.natural_person"]?.value).toBe(34);
    expect(r.complete).toBe(true);
  });

  it("a truncated table (cut after row （三）3)", () => {
    const cut = LINES.indexOf("4.保护第三方合法权益 |");
    const t4 = LINES.indexOf("四、政府信息公开行政复议和行政诉讼情况");
    const r = parse([...LINES.slice(0, cut), ...LINES.slice(t4)].join("\n"));
    expect(r.formatVersion).toBe("2021");
    expect(r.complete).toBe(false);
    expect(r.tables.t3).toBe("truncated");
    expect(codes(r)).toEqual(["table_truncated", "table_partial"]);
    expect(r.coverage.t3).toMatchObject({ status: "partial", read: 49 });
    expect(r.issues.find((i) => i.code === "table_partial")?.message).toContain("保护第三方合法权益 (t3.denied_third_party.*)");
    expect(r.cells["t3.denied_security_stability.natural_person"]?.value).toBe(0);
    expect(r.cells["t3.denied_third_party.natural_person"]).toEqual({ value: null, nullReason: "absent", source: null });
    expect(r.cells["t3.carried_forward.total"]?.nullReason).toBe("absent");
    expect(r.cells["t4.review.total"]?.value).toBe(3);
    expect(narrative(r)).toEqual(EXPECTED.narrative);
  });

  it("a value missing inside a row: the row is left unread, nothing shifts", () => {
    // Drop one value line from 表三: which column lost its value cannot be told.
    const i = LINES.indexOf("(二)部分公开(区分处理的,只计这一情形,不计其他情形) |");
    const r = parse([...LINES.slice(0, i + 2), ...LINES.slice(i + 3)].join("\n"));
    expect(Object.entries(r.cells).filter(([k]) => k.startsWith("t3.partially_granted.")).map(([, c]) => c.nullReason)).toEqual(Array(7).fill("absent"));
    expect(r.cells["t3.granted.total"]?.value).toBe(12);
    expect(r.cells["t3.denied_state_secret.total"]?.value).toBe(0);
    expect(r.cells["t3.handled_total.natural_person"]?.value).toBe(34);
    expect(codes(r)).toContain("column_count_mismatch");
  });
});

describe("other reports", () => {
  it("the 2019 (SH2019-style) fixture", () => {
    const e = JSON.parse(read("sh2019-style/2019/expected.json").toString("utf8")) as Expected;
    const r = parse(read("sh2019-style/2019/input.txt").toString("utf8"));
    expectMatches(r, e);
    expect(Object.keys(r.cells).sort()).toEqual(readCells("2019").map((c) => c.key).sort());
    expect(r.cells["t3.carried_over.total"]).toMatchObject({ value: null, nullReason: "blank" });
    expect(r.cells["t2v19.admin_license.delta_items"]?.value).toBe(-1);
    expect([r.publishedOn, r.scope, r.complete]).toEqual([e.published_on, e.scope, true]);
    expect(codes(r)).toEqual(["unit_in_cell"]);
  });

  it("a prose-only report: narrative figures and table_missing", () => {
    const prose = LINES.filter((l) => !l.trimEnd().endsWith("|") && !/^[二三四]、/u.test(l)).join("\n");
    const r = parse(prose);
    expect(r.formatVersion).toBeNull();
    expect(narrative(r)).toEqual(EXPECTED.narrative);
    expect(r.topics.map((t) => t.key)).toEqual(EXPECTED.topics);
    expect(r.agencyName).toBe("盘州市人民政府");
    expect(codes(r).filter((c) => c === "table_missing")).toHaveLength(3);
    expect(codes(r)).toContain("format_unknown");
    expect(r.complete).toBe(false);
    expect(Object.values(r.cells).every((c) => c.nullReason === "absent")).toBe(true);
    expect(Object.keys(r.cells)).toHaveLength(22 * 7 + 15);
  });

  it("a 零报告: headings and no tables", () => {
    const text = [
      "五常市民意乡2021年政府信息公开工作年度报告",
      "一、总体情况",
      "2021年，我乡认真贯彻落实《中华人民共和国政府信息公开条例》。",
      "二、主动公开政府信息情况",
      "无",
      "三、收到和处理政府信息公开申请情况",
      "本年度未收到政府信息公开申请。",
      "四、政府信息公开行政复议、行政诉讼情况",
      "无",
      "五、存在的主要问题及改进情况",
      "信息公开的及时性有待提高。",
      "六、其他需要报告的事项",
      "无",
    ].join("\n");
    const r = parse(text);
    expect(codes(r)).toContain("zero_report");
    expect(codes(r)).not.toContain("table_missing");
    expect([r.agencyName, r.year, r.complete]).toEqual(["五常市民意乡", 2021, false]);
    expect(r.tables).toEqual({ t2: "missing", t3: "missing", t4: "missing" });
  });

  it("empty input", () => {
    const r = parseDocument(extractFromText(""));
    expect(parsedReportSchema.safeParse(r).success).toBe(true);
    expect(codes(r)).toEqual(["empty_document", "year_missing", "agency_missing"]);
  });
});
