/**
 * Hybrid and deviant layouts (issue #13, item 2): every cell that exists is read, the deviation is
 * named, and no value is ever shifted into a neighbouring row or column.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze";
import { assembleDocument } from "../extract/detect";
import { layoutPdf, type PdfPageGeometry, type PdfRun } from "../extract/pdf";
import { extractFromText } from "../extract/text";
import { parseDocument } from "../pipeline";

const SAMPLE = readFileSync(new URL("../__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
const LINES = SAMPLE.split("\n");
const EXPECTED = JSON.parse(readFileSync(new URL("../__fixtures__/panzhou/2024/expected.json", import.meta.url), "utf8")) as { cells: Record<string, number> };

/** The sample with its three 其他处理 sub-rows replaced by one 2019-style row of these values. */
function hybridSample(values: number[]): string {
  const from = LINES.indexOf("(六)其他处理 |");
  const to = LINES.indexOf("(七)总计 |");
  return [...LINES.slice(0, from), "(六)其他处理 |", ...values.map((v) => `${v} |`), ...LINES.slice(to)].join("\n");
}

describe("a 2021 report whose 表三 prints （六）其他处理 as one 2019-style row", () => {
  it("reads every other cell, keeps the row's values as the subtotal, and names the deviation", async () => {
    const bytes = new TextEncoder().encode(hybridSample([2, 0, 0, 0, 0, 0, 2]));
    const a = await analyzeDocument(bytes, "hybrid.txt");
    const p = a.parsed;
    expect(p.formatVersion).toBe("2021");
    expect(p.otherAsOneRow).toEqual({ natural_person: 2, commercial_enterprise: 0, research_institution: 0, public_interest_org: 0, legal_service_org: 0, other_org: 0, total: 2 });
    // The three 2021 rows are not invented from it…
    for (const row of ["other_no_supplement", "other_fee_unpaid", "other_misc"]) expect(p.cells[`t3.${row}.total`]).toMatchObject({ value: null, nullReason: "absent" });
    // …the rows around it keep their own values…
    for (const k of ["t3.not_processed_confirm_reissue.total", "t3.handled_total.total", "t3.handled_total.natural_person", "t3.carried_forward.total"]) {
      expect(p.cells[k]?.value, k).toBe(EXPECTED.cells[k]);
    }
    // …the subtotal stands for the three, and the report says what it did.
    expect(a.derived["t3.other_total.total"]).toBe(2);
    expect(p.issues.find((i) => i.code === "row_form_mismatch")?.message).toContain("2 0 0 0 0 0 2");
    expect(p.coverage.t3).toMatchObject({ status: "partial", read: 154, of: 175, missing: ["t3.other_no_supplement.*", "t3.other_fee_unpaid.*", "t3.other_misc.*"] });
  });
});

describe("rows missing and totals printed as 0", () => {
  it("a 表三 row left out: the others keep their values, the missing one is named", () => {
    const at = LINES.indexOf("3.危及“三安全一稳定” |");
    const p = parseDocument(extractFromText([...LINES.slice(0, at), ...LINES.slice(at + 8)].join("\n")));
    expect(p.cells["t3.denied_security_stability.total"]).toMatchObject({ value: null, nullReason: "absent" });
    for (const k of ["t3.denied_prohibited_by_law.total", "t3.denied_third_party.total", "t3.denied_internal_affairs.natural_person"]) {
      expect(p.cells[k]?.value, k).toBe(EXPECTED.cells[k]);
    }
    expect(p.issues.find((i) => i.code === "table_partial")?.message).toContain("t3.denied_security_stability.*");
  });

  it("a total printed as 0 beside non-zero parts is read as written and blamed by the validator", async () => {
    // The sample itself: 上年结转 总计 reads 0 while 自然人 reads 4.
    const a = await analyzeDocument(new TextEncoder().encode(SAMPLE), "sample.txt");
    expect(a.parsed.cells["t3.carried_over.total"]?.value).toBe(0);
    expect(a.findings.find((f) => f.rule === "H-T3-COL")?.blame).toEqual(["t3.carried_over.total"]);
  });
});

// ───────────── unruled PDF lines ─────────────

const COLS = [250, 290, 330, 370, 410, 450, 490];
const run = (t: string, x: number, y: number): PdfRun => ({ text: t, x, y, w: Array.from(t).length * 9 * (/^[\x20-\x7e]+$/.test(t) ? 0.55 : 1), fs: 9 });
const values = (y: number, vs: number[]) => vs.map((v, i) => run(String(v), COLS[i] as number, y));
const header: PdfRun[] = [
  run("三、收到和处理政府信息公开申请情况", 60, 800),
  run("申请人情况", 330, 780),
  run("自然人", 250, 760),
  run("商业企业", 290, 760),
  run("科研机构", 330, 760),
  run("社会公益组织", 360, 760),
  run("法律服务机构", 405, 760),
  run("其他", 450, 760),
  run("总计", 490, 760),
];
const page = (runs: PdfRun[]): PdfPageGeometry[] => [{ page: 1, box: { left: 0, bottom: 0, right: 595, top: 842 }, runs, hRules: [], vRules: [] }];
const parseRuns = (runs: PdfRun[]) => parseDocument(assembleDocument("pdf", layoutPdf(page(runs)), {}, []));

describe("unlabelled rows are never shifted into a neighbour", () => {
  it("places an unlabelled row by order only when the rows and the catalog rows between two labels agree in number", () => {
    const p = parseRuns([
      ...header,
      run("1.属于国家秘密", 60, 700),
      ...values(700, [1, 0, 0, 0, 0, 0, 1]),
      ...values(685, [2, 0, 0, 0, 0, 0, 2]), // 2.其他法律行政法规禁止公开: label lost
      run("3.危及“三安全一稳定”", 60, 670),
      ...values(670, [3, 0, 0, 0, 0, 0, 3]),
    ]);
    expect(p.cells["t3.denied_prohibited_by_law.total"]?.value).toBe(2);
    expect(p.issues.find((i) => i.code === "row_by_order")?.message).toContain("其他法律行政法规禁止公开");
  });

  it("leaves unlabelled rows unread, with an issue, when a row is missing between the labels", () => {
    const p = parseRuns([
      ...header,
      run("1.属于国家秘密", 60, 700),
      ...values(700, [1, 0, 0, 0, 0, 0, 1]),
      ...values(685, [2, 0, 0, 0, 0, 0, 2]), // one unlabelled row where two catalog rows should be
      run("4.保护第三方合法权益", 60, 670),
      ...values(670, [4, 0, 0, 0, 0, 0, 4]),
    ]);
    expect(p.cells["t3.denied_state_secret.total"]?.value).toBe(1);
    expect(p.cells["t3.denied_third_party.total"]?.value).toBe(4);
    expect(p.cells["t3.denied_prohibited_by_law.total"]?.value ?? null).toBeNull();
    expect(p.cells["t3.denied_security_stability.total"]?.value ?? null).toBeNull();
    expect(p.issues.find((i) => i.code === "unknown_row_label")?.message).toContain("2 0 0 0 0 0 2");
  });

  it("reads a row with blank cells under the headings its values sit below", () => {
    const p = parseRuns([...header, run("一、本年新收政府信息公开申请数量", 60, 700), ...values(700, [5, 1, 0, 0, 0, 0, 6]), run("二、上年结转政府信息公开申请数量", 60, 685), run("2", COLS[0] as number, 685), run("2", COLS[6] as number, 685)]);
    expect(p.cells["t3.carried_over.natural_person"]?.value).toBe(2);
    expect(p.cells["t3.carried_over.total"]?.value).toBe(2);
    expect(p.cells["t3.carried_over.commercial_enterprise"]).toMatchObject({ value: null, nullReason: "blank" });
  });
});

describe("表二 headings glued into one run", () => {
  it("takes the columns in the order the glued heading names them", () => {
    const runs = [
      run("二、主动公开政府信息情况", 60, 800),
      run("第二十条第（一）项", 60, 780),
      run("信息内容本年废止件数本年制发件数现行有效件数", 60, 760),
      run("规章", 60, 740),
      ...[1, 2, 3].map((n, i) => run(String(n), 250 + 60 * i, 740)),
      run("行政规范性文件", 60, 725),
      ...[13, 4, 34].map((n, i) => run(String(n), 250 + 60 * i, 725)),
    ];
    const p = parseDocument(assembleDocument("pdf", layoutPdf(page(runs)), {}, []), { year: 2024, agencyName: "盘州市人民政府" });
    // The heading puts 废止 before 制发: 13 repealed, 4 issued.
    expect(p.cells["t2.normative_doc.repealed"]?.value).toBe(13);
    expect(p.cells["t2.normative_doc.issued"]?.value).toBe(4);
    expect(p.issues.some((i) => i.code === "unknown_column_label" && i.message.startsWith("表二"))).toBe(false);
  });
});

describe("a 表三 whose 总计 column is left empty, read from text without positions", () => {
  const MD = readFileSync(new URL("../__fixtures__/producers/converter-md/lo-landscape-t3-520200-ga-2019/input.md", import.meta.url), "utf8");

  it("reads the six values of each row as the other columns and 总计 as blank, and says so", async () => {
    const a = await analyzeDocument(new TextEncoder().encode(MD), "report.md");
    const c = a.parsed.cells;
    expect(c["t3.new_received.natural_person"]?.value).toBe(21);
    expect(c["t3.new_received.other_org"]?.value).toBe(0);
    expect(c["t3.new_received.total"]).toMatchObject({ value: null, nullReason: "blank" });
    expect(c["t3.granted.natural_person"]?.value).toBe(7);
    expect(a.parsed.coverage.t3.status).toBe("complete");
    expect(a.parsed.issues.some((i) => i.code === "column_count_mismatch" && /总计 column is read as left blank/.test(i.message))).toBe(true);
  });

  it("assumes nothing when a row's sixth value could be its total", async () => {
    // 7 0 0 0 0 7: the sixth value equals the sum of the five before it, so it may be the total.
    const md = MD.replace("| （一）予以公开 | 7 | 0 | 0 | 0 | 0 | 0 |", "| （一）予以公开 | 7 | 0 | 0 | 0 | 0 | 7 |");
    expect(md).not.toBe(MD);
    const a = await analyzeDocument(new TextEncoder().encode(md), "report.md");
    expect(a.parsed.cells["t3.granted.natural_person"]).toMatchObject({ value: null, nullReason: "absent" });
    expect(a.parsed.cells["t3.new_received.total"]?.nullReason).not.toBe("blank");
    expect(a.parsed.coverage.t3.status).not.toBe("complete");
  });
});

describe("表四 listed cell by cell with no positions (plain pdftotext)", () => {
  const huaian = readFileSync(new URL("../__fixtures__/producers/pdftotext-raw/real-huaian-szf-2024/input.txt", import.meta.url));
  const real = JSON.parse(readFileSync(new URL("../__fixtures__/real/huaian-szf/2024/expected.json", import.meta.url), "utf8")) as { cells: Record<string, number> };

  it("leaves the table unread, and says why, when the values in reading order do not add up (the real 淮安 PDF)", async () => {
    const a = await analyzeDocument(new Uint8Array(huaian), "huaian.txt");
    const p = a.parsed;
    expect(p.coverage.t4).toMatchObject({ status: "unread", read: 0, of: 15 });
    const issue = p.issues.find((i) => i.code === "table_partial" && i.message.startsWith("表四"));
    expect(issue?.message).toContain("72 64 178 37 12 1 1 6 351 13 4 8 1 26 20");
    for (const [k, v] of Object.entries(p.cells)) if (k.startsWith("t4.")) expect(v.value, k).toBeNull();
    // Everything else of the report is still read, and right.
    for (const k of Object.keys(real.cells).filter((x) => x.startsWith("t3."))) expect(p.cells[k]?.value, k).toBe(real.cells[k]);
  });

  it("reads the fifteen values in reading order when every group's results add up to its total", async () => {
    // The same text with its values printed in the official order: the groups add up.
    const official = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20];
    const whole = huaian.toString("utf8");
    const from = whole.indexOf("四、政府信息公开行政复议");
    const to = whole.indexOf("五、存在的主要问题");
    let i = 0;
    const table = whole.slice(from, to).replace(/^\d+$/gm, () => String(official[i++]));
    expect(i).toBe(15);
    const text = whole.slice(0, from) + table + whole.slice(to);
    const a = await analyzeDocument(new TextEncoder().encode(text), "huaian-ordered.txt");
    expect(a.parsed.coverage.t4).toMatchObject({ status: "complete" });
    for (const k of Object.keys(real.cells).filter((x) => x.startsWith("t4."))) expect(a.parsed.cells[k]?.value, k).toBe(real.cells[k]);
  });
});
