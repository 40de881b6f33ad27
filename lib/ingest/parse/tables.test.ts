import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { T3_APPLICANT_COLS, readCells } from "../../catalog";
import { extractFromText } from "../extract/text";
import type { ExtractedDocument, TableBlock, TableCell } from "../extract/types";
import { readTables } from "./tables";

const SAMPLE = readFileSync(new URL("../__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
const EXPECTED = JSON.parse(readFileSync(new URL("../__fixtures__/panzhou/2024/expected.json", import.meta.url), "utf8")) as {
  cells: Record<string, number | null>;
};
const LINES = SAMPLE.split("\n");
const T3_START = LINES.indexOf("三、收到和处理政府信息公开申请情况");
const T4_START = LINES.indexOf("四、政府信息公开行政复议和行政诉讼情况");
const T3_COLS7 = [...T3_APPLICANT_COLS, "total"];

function read(text: string, format: "2019" | "2021" | null = "2021") {
  return readTables(extractFromText(text), format);
}
function value(r: ReturnType<typeof read>, key: string) {
  return r.cells.get(key)?.value ?? null;
}
function reason(r: ReturnType<typeof read>, key: string) {
  return r.cells.get(key)?.nullReason ?? "absent";
}
function codes(r: ReturnType<typeof read>) {
  return r.issues.map((i) => i.code);
}

/** The sample's 表三 header followed by the given flattened rows. */
function t3(rows: string): string {
  return [...LINES.slice(T3_START, T3_START + 11), rows].join("\n");
}
const row = (label: string, values: (string | number)[]) => [`${label} |`, ...values.map((v) => (v === "" ? "|" : `${v} |`))].join("\n");

describe("the sample (stream input)", () => {
  const r = read(SAMPLE);

  it("reads all 200 cells exactly", () => {
    for (const c of readCells("2021")) expect([c.key, value(r, c.key)]).toEqual([c.key, EXPECTED.cells[c.key]]);
    expect(r.cells.size).toBe(200);
    expect(r.tables).toEqual({ t2: "found", t3: "found", t4: "found" });
    expect(r.issues).toEqual([]);
  });

  it("keeps provenance: raw text, line, table index", () => {
    expect(r.cells.get("t3.carried_over.total")).toEqual({
      value: 0,
      nullReason: null,
      source: { loc: { table: 1, line: 79, offset: expect.any(Number) }, raw: "0", stated: true },
    });
    expect(r.cells.get("t4.lit_after_review.total")?.source?.loc).toMatchObject({ table: 2, line: 303 });
    expect(r.cells.get("t2.normative_doc.repealed")?.source?.loc).toMatchObject({ table: 0, line: 24 });
  });
});

describe("stream variations", () => {
  it("keeps blank, /, —, 无 apart (never 0)", () => {
    const text = SAMPLE.replace("规章 |\n0 |\n0 |\n0 |", "规章 |\n/ |\n/ |\n/ |").replace(
      "2.重复申请 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 | ||",
      "2.重复申请 |\n|\n— |\n无 |\n- |\n|\n|\n| ||",
    );
    const r = read(text);
    expect(reason(r, "t2.regulation.issued")).toBe("slash");
    expect(r.cells.get("t2.regulation.in_force")?.source?.raw).toBe("/");
    expect(["natural_person", "commercial_enterprise", "research_institution", "public_interest_org", "total"].map((c) => reason(r, `t3.not_processed_repeat.${c}`))).toEqual([
      "blank",
      "dash",
      "text",
      "dash",
      "blank",
    ]);
    expect(value(r, "t3.not_processed_publication.total")).toBe(0);
    expect(r.issues).toEqual([]);
  });

  it("reads 合计 for 总计, as column and as row", () => {
    const r = read(SAMPLE.replace(/^总计 \|/gmu, "合计 |").replace("(七)总计 |", "(七)合计 |"));
    expect(value(r, "t3.handled_total.natural_person")).toBe(34);
    expect(value(r, "t3.new_received.total")).toBe(33);
    expect(value(r, "t4.review.total")).toBe(3);
    expect(r.issues).toEqual([]);
  });

  it("stops a truncated 表三 without shifting later rows into it", () => {
    const cut = LINES.indexOf("4.保护第三方合法权益 |");
    const text = [...LINES.slice(0, cut), ...LINES.slice(T4_START)].join("\n");
    const r = read(text);
    expect(r.tables.t3).toBe("truncated");
    expect(r.tables.t4).toBe("found");
    expect(value(r, "t3.denied_security_stability.total")).toBe(0);
    expect(reason(r, "t3.denied_third_party.natural_person")).toBe("absent");
    expect(reason(r, "t3.handled_total.natural_person")).toBe("absent");
    expect(value(r, "t4.lit_after_review.total")).toBe(2);
    expect(codes(r)).toEqual(["table_truncated"]);
  });

  it("keeps the cells of a row cut in the middle and marks the rest absent", () => {
    const r = read(t3([row("一、本年新收政府信息公开申请数量", [33, 0, 0]), ""].join("\n")));
    expect([value(r, "t3.new_received.natural_person"), reason(r, "t3.new_received.other_org")]).toEqual([33, "absent"]);
    expect(r.tables.t3).toBe("truncated");
  });

  it("does not place a short row's values from the left when more labels follow it", () => {
    // "(二)部分公开 | 0 |" then "(三)不予公开 | 1." where a page was cut: the table did not end inside
    // 部分公开, so its lone value belongs to no known column.
    const r = read(t3([row("一、本年新收政府信息公开申请数量", [33, 0, 0, 0, 0, 0, 33]), row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [0]), "（三）不予公开 |", "1. |"].join("\n")));
    expect(value(r, "t3.new_received.total")).toBe(33);
    expect(reason(r, "t3.partially_granted.natural_person")).toBe("absent");
    expect(codes(r)).toContain("column_count_mismatch");
  });

  it("reads the 科研企业 heading some agencies write for 科研机构", () => {
    const header = ["三、收到和处理政府信息公开申请情况", "申请人情况 |", "自然人 |", "法人或其他组织 |", "总计 |", "商业企业 |", "科研企业 |", "社会公益组织 |", "法律服务机构 |", "其他 |"].join("\n");
    const r = read([header, row("一、本年新收政府信息公开申请数量", [7, 1, 2, 0, 0, 0, 10])].join("\n"));
    expect(T3_COLS7.map((c) => value(r, `t3.new_received.${c}`))).toEqual([7, 1, 2, 0, 0, 0, 10]);
    expect(codes(r)).not.toContain("unknown_column_label");
  });

  it("flags a duplicate row and keeps the first", () => {
    const r = read(t3([row("一、本年新收政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]), row("一、本年新收政府信息公开申请数量", [9, 9, 9, 9, 9, 9, 9])].join("\n")));
    expect(value(r, "t3.new_received.total")).toBe(1);
    expect(codes(r)).toContain("duplicate_row");
  });

  it("flags an unknown row label and does not read its values", () => {
    const r = read(t3([row("一、本年新收政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]), row("九、莫名其妙的一行", [5, 0, 0, 0, 0, 0, 5]), row("二、上年结转政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2])].join("\n")));
    expect(codes(r)).toContain("unknown_row_label");
    expect(value(r, "t3.carried_over.natural_person")).toBe(2);
  });

  it("does not assign a row with more values than columns", () => {
    const r = read(t3([row("一、本年新收政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 0, 1]), row("二、上年结转政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2])].join("\n")));
    expect(codes(r)).toContain("column_count_mismatch");
    expect(T3_COLS7.map((c) => reason(r, `t3.new_received.${c}`))).toEqual(Array(7).fill("absent"));
    expect(value(r, "t3.carried_over.total")).toBe(2);
  });

  it("flags numbers it cannot read and units written in cells", () => {
    const r = read(t3(row("一、本年新收政府信息公开申请数量", ["约5", 0, 0, 0, 0, 0, "5件"])));
    expect(r.cells.get("t3.new_received.natural_person")).toMatchObject({ value: null, nullReason: "text", source: { raw: "约5" } });
    expect(value(r, "t3.new_received.total")).toBe(5);
    expect(codes(r)).toEqual(expect.arrayContaining(["unparsable_number", "unit_in_cell"]));
  });

  it("joins a label broken over two cells, and splits a group heading from its row", () => {
    const r = read(
      t3(
        [
          "(三)不予公开 1.属于国家秘密 |",
          ...row("", [1, 0, 0, 0, 0, 0, 1]).split("\n").slice(1),
          "(六)其他处理 |",
          "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开 |",
          row("申请", [2, 0, 0, 0, 0, 0, 2]),
          row("3.其他", [3, 0, 0, 0, 0, 0, 3]),
        ].join("\n"),
      ),
    );
    expect(value(r, "t3.denied_state_secret.total")).toBe(1);
    expect(value(r, "t3.other_no_supplement.total")).toBe(2);
    expect(value(r, "t3.other_misc.total")).toBe(3);
    expect(codes(r)).not.toContain("unknown_row_label");
  });

  it("reads a row whose group heading comes between its label and its values (PDF line order)", () => {
    const r = read(t3(["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |", "(六)其他处理 |", row("", [5, 0, 0, 0, 0, 0, 5]).split("\n").slice(1).join("\n"), row("3.其他", [1, 0, 0, 0, 0, 0, 1])].join("\n")));
    expect(value(r, "t3.other_no_supplement.total")).toBe(5);
    expect(value(r, "t3.other_misc.total")).toBe(1);
    expect(codes(r)).not.toContain("unknown_row_label");
  });

  it("takes the column order from the header as written", () => {
    // 总计 printed first: row one holds 申请人情况, then 总计 | 自然人 | 法人或其他组织, then its five columns.
    const header = ["三、收到和处理政府信息公开申请情况", "申请人情况 |", "总计 |", "自然人 |", "法人或其他组织 |", "商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |"].join("\n");
    const r = read([header, row("一、本年新收政府信息公开申请数量", [7, 6, 1, 0, 0, 0, 0])].join("\n"));
    expect([value(r, "t3.new_received.total"), value(r, "t3.new_received.natural_person"), value(r, "t3.new_received.commercial_enterprise")]).toEqual([7, 6, 1]);
    expect(codes(r)).toEqual(["table_truncated"]); // one row only: the header itself was read
  });

  it("does not trust a two-row header that lost its group heading", () => {
    const text = SAMPLE.replace("法人或其他组织 |\n", "");
    const r = read(text);
    expect(value(r, "t3.new_received.total")).toBe(33);
    expect(value(r, "t3.carried_over.natural_person")).toBe(4);
    expect(codes(r)).toEqual(["unknown_column_label"]);
  });

  it("does not rebuild a two-row header from PDF line order (spanning cells sit between the rows)", () => {
    const header = ["申请人情况 |", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |", "法人或其他组织 |", "自然人 |", "总计 |", "商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |"];
    const doc = { ...extractFromText(["三、收到和处理政府信息公开申请情况", ...header, row("一、本年新收政府信息公开申请数量", [33, 0, 0, 0, 0, 0, 33]), row("二、上年结转政府信息公开申请数量", [4, 0, 0, 0, 0, 0, 0])].join("\n")), format: "pdf" as const };
    const r = readTables(doc, "2021");
    expect([value(r, "t3.new_received.natural_person"), value(r, "t3.new_received.commercial_enterprise"), value(r, "t3.carried_over.natural_person")]).toEqual([33, 0, 4]);
    expect(codes(r)).toContain("unknown_column_label");
  });

  it("assumes the official order, with a warning, when there is no header", () => {
    const r = read(["三、收到和处理政府信息公开申请情况", row("一、本年新收政府信息公开申请数量", [7, 0, 0, 0, 0, 0, 7])].join("\n"));
    expect(value(r, "t3.new_received.natural_person")).toBe(7);
    expect(codes(r)).toContain("unknown_column_label");
  });

  it("reads the 2019 single （六）其他处理 row as a leaf, and in a 2021 table keeps it aside as the deviation it is", () => {
    const text = t3(row("(六)其他处理", [4, 0, 0, 0, 0, 0, 4]));
    expect(value(read(text, "2019"), "t3.other_processing.total")).toBe(4);
    const r21 = read(text, "2021");
    expect(r21.cells.has("t3.other_processing.total")).toBe(false);
    expect(r21.hybridOther).toMatchObject({ natural_person: 4, total: 4 });
    expect(codes(r21)).toContain("row_form_mismatch");
  });

  it("splits 表三 and 表四 that share a block", () => {
    const text = LINES.filter((l) => l !== "四、政府信息公开行政复议和行政诉讼情况").join("\n");
    const r = read(text);
    expect(value(r, "t3.carried_forward.total")).toBe(3);
    expect(value(r, "t4.review.upheld")).toBe(2);
    expect(r.tables).toEqual({ t2: "found", t3: "found", t4: "found" });
  });

  it("reports missing tables", () => {
    const r = read("一、总体情况\n正文。\n");
    expect(r.tables).toEqual({ t2: "missing", t3: "missing", t4: "missing" });
    expect(r.anyTable).toBe(false);
  });
});

// ───────────────────────────── grid input ─────────────────────────────

type Spec = string | { t: string; rs?: number; cs?: number };

/** A grid table block from rows of cells; `null` skips a position covered by a span. */
function gridBlock(rows: (Spec | null)[][]): TableBlock {
  const cells: TableCell[] = [];
  rows.forEach((r, ri) =>
    r.forEach((c, ci) => {
      if (c === null) return;
      const spec = typeof c === "string" ? { t: c } : c;
      cells.push({ text: spec.t, row: ri, col: ci, rowSpan: spec.rs ?? 1, colSpan: spec.cs ?? 1, loc: { row: ri, col: ci } });
    }),
  );
  return { kind: "table", cells, gridKnown: true, loc: {} };
}
function gridDoc(blocks: TableBlock[]): ExtractedDocument {
  return { format: "markdown", blocks, text: "", meta: {}, issues: [] };
}
const v = (key: string) => String(EXPECTED.cells[key] ?? "");

const T3_ROW_LABELS: [string, string, string, string][] = [
  ["new_received", "一、本年新收政府信息公开申请数量", "", ""],
  ["carried_over", "二、上年结转政府信息公开申请数量", "", ""],
  ["granted", "三、本年度办理结果", "（一）予以公开", ""],
  ["partially_granted", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""],
  ["denied_state_secret", "", "（三）不予公开", "1.属于国家秘密"],
  ["denied_prohibited_by_law", "", "", "2.其他法律行政法规禁止公开"],
  ["denied_security_stability", "", "", "3.危及“三安全一稳定”"],
  ["denied_third_party", "", "", "4.保护第三方合法权益"],
  ["denied_internal_affairs", "", "", "5.属于三类内部事务信息"],
  ["denied_process_info", "", "", "6.属于四类过程性信息"],
  ["denied_enforcement_file", "", "", "7.属于行政执法案卷"],
  ["denied_admin_query", "", "", "8.属于行政查询事项"],
  ["unable_not_held", "", "（四）无法提供", "1.本机关不掌握相关政府信息"],
  ["unable_needs_creation", "", "", "2.没有现成信息需要另行制作"],
  ["unable_unclear", "", "", "3.补正后申请内容仍不明确"],
  ["not_processed_petition", "", "（五）不予处理", "1.信访举报投诉类申请"],
  ["not_processed_repeat", "", "", "2.重复申请"],
  ["not_processed_publication", "", "", "3.要求提供公开出版物"],
  ["not_processed_excessive", "", "", "4.无正当理由大量反复申请"],
  ["not_processed_confirm_reissue", "", "", "5.要求行政机关确认或重新出具已获取信息"],
  ["other_no_supplement", "", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
  ["other_fee_unpaid", "", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
  ["other_misc", "", "", "3.其他"],
  ["handled_total", "", "（七）总计", ""],
  ["carried_forward", "四、结转下年度继续办理", "", ""],
];

/** The three tables as a markdown converter gives them: every merge lost, blanks in its place. */
function markdownTables(): TableBlock[] {
  const t2 = gridBlock([
    ["第二十条第（一）项", "", "", ""],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", v("t2.regulation.issued"), v("t2.regulation.repealed"), v("t2.regulation.in_force")],
    ["行政规范性文件", v("t2.normative_doc.issued"), v("t2.normative_doc.repealed"), v("t2.normative_doc.in_force")],
    ["第二十条第（五）项", "", "", ""],
    ["信息内容", "本年处理决定数量", "", ""],
    ["行政许可", v("t2.admin_license.decisions"), "", ""],
    ["第二十条第（六）项", "", "", ""],
    ["信息内容", "本年处理决定数量", "", ""],
    ["行政处罚", v("t2.admin_penalty.decisions"), "", ""],
    ["行政强制", v("t2.admin_coercion.decisions"), "", ""],
    ["第二十条第（八）项", "", "", ""],
    ["信息内容", "本年收费金额（单位：万元）", "", ""],
    ["行政事业性收费", v("t2.admin_fee.amount_10k_cny"), "", ""],
  ]);
  const t3 = gridBlock([
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", "", "", "", "", "", ""],
    ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ...T3_ROW_LABELS.map(([key, a, b, c]) => [a, b, c, ...T3_COLS7.map((col) => v(`t3.${key}.${col}`))]),
  ]);
  const t4cols = ["upheld", "corrected", "other", "pending", "total"];
  const leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
  const t4 = gridBlock([
    ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
    [...leaves, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
    ["", "", "", "", "", ...leaves, ...leaves],
    ["review", "lit_direct", "lit_after_review"].flatMap((g) => t4cols.map((c) => v(`t4.${g}.${c}`))),
  ]);
  return [t2, t3, t4];
}

describe("grid input", () => {
  it("reads a markdown-style grid (merges lost) by coordinates", () => {
    const r = readTables(gridDoc(markdownTables()), "2021");
    for (const c of readCells("2021")) expect([c.key, r.cells.get(c.key)?.value]).toEqual([c.key, EXPECTED.cells[c.key]]);
    expect(r.issues).toEqual([]);
    expect(r.cells.get("t3.granted.total")?.source?.loc).toMatchObject({ table: 1, row: 5, col: 9 });
  });

  it("reads an HTML-style grid with row and column spans", () => {
    const label = (t: string, rs = 1, cs = 1) => ({ t, rs, cs });
    const rows: (Spec | null)[][] = [
      [label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), null, null, label("申请人情况", 1, 7), null, null, null, null, null, null],
      [null, null, null, label("自然人", 2), label("法人或其他组织", 1, 5), null, null, null, null, label("总计", 2)],
      [null, null, null, null, "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", null],
    ];
    T3_ROW_LABELS.forEach(([key, a, b, c], i) => {
      const vals = T3_COLS7.map((col) => v(`t3.${key}.${col}`));
      if (a && !b && !c) rows.push([label(a, 1, 3), null, null, ...vals]);
      else if (a === "三、本年度办理结果") rows.push([label(a, 22), label(b, 1, 2), null, ...vals]);
      else if (b && !c) rows.push([null, label(b, 1, 2), null, ...vals]);
      else if (b) rows.push([null, label(b, key.startsWith("denied") ? 8 : key.startsWith("not_processed") ? 5 : 3), c, ...vals]);
      else rows.push([null, null, c, ...vals]);
      void i;
    });
    const r = readTables(gridDoc([gridBlock(rows)]), "2021");
    for (const c of readCells("2021").filter((x) => x.prefix === "t3")) expect([c.key, r.cells.get(c.key)?.value]).toEqual([c.key, EXPECTED.cells[c.key]]);
    expect(r.tables.t3).toBe("found");
    expect(r.issues.filter((i) => i.code !== "table_missing")).toEqual([]);
  });

  it("ties a value to its column even when earlier cells of the row are missing", () => {
    const tables = markdownTables();
    const t3 = tables[1] as TableBlock;
    // Drop the 自然人 cell of row 一 (col 3): the row now has no cell there.
    t3.cells = t3.cells.filter((c) => !(c.row === 3 && c.col === 3));
    const r = readTables(gridDoc(tables), "2021");
    expect(r.cells.get("t3.new_received.natural_person")).toMatchObject({ value: null, nullReason: "blank" });
    expect(r.cells.get("t3.new_received.total")?.value).toBe(33);
  });
});
