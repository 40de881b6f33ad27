/**
 * Real web pages and excerpts (issue #13, item 4): the layouts government sites really publish,
 * built around the sample report's figures, must read every figure — or say what they missed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { T3_COLS } from "../catalog";
import { analyzeDocument, toDryRunLine, type DryRunLine } from "./analyze";

const EXPECTED = JSON.parse(readFileSync(new URL("./__fixtures__/panzhou/2024/expected.json", import.meta.url), "utf8")) as { cells: Record<string, number | null> };
const v = (k: string): number => {
  const x = EXPECTED.cells[k];
  if (typeof x !== "number") throw new Error(`no figure ${k}`);
  return x;
};

const T3_ROWS: [string, string][] = [
  ["new_received", "一、本年新收政府信息公开申请数量"],
  ["carried_over", "二、上年结转政府信息公开申请数量"],
  ["granted", "（一）予以公开"],
  ["partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
  ["denied_state_secret", "1.属于国家秘密"],
  ["denied_prohibited_by_law", "2.其他法律行政法规禁止公开"],
  ["denied_security_stability", "3.危及“三安全一稳定”"],
  ["denied_third_party", "4.保护第三方合法权益"],
  ["denied_internal_affairs", "5.属于三类内部事务信息"],
  ["denied_process_info", "6.属于四类过程性信息"],
  ["denied_enforcement_file", "7.属于行政执法案卷"],
  ["denied_admin_query", "8.属于行政查询事项"],
  ["unable_not_held", "1.本机关不掌握相关政府信息"],
  ["unable_needs_creation", "2.没有现成信息需要另行制作"],
  ["unable_unclear", "3.补正后申请内容仍不明确"],
  ["not_processed_petition", "1.信访举报投诉类申请"],
  ["not_processed_repeat", "2.重复申请"],
  ["not_processed_publication", "3.要求提供公开出版物"],
  ["not_processed_excessive", "4.无正当理由大量反复申请"],
  ["not_processed_confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"],
  ["other_no_supplement", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
  ["other_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
  ["other_misc", "3.其他"],
  ["handled_total", "（七）总计"],
  ["carried_forward", "四、结转下年度继续办理"],
];
const COLS = T3_COLS.filter((c) => !c.derived).map((c) => c.key);
const T4 = ["review", "lit_direct", "lit_after_review"].flatMap((g) => ["upheld", "corrected", "other", "pending", "total"].map((c) => `t4.${g}.${c}`));

interface Options {
  title: string;
  h1: string;
  /** How a value is written (full-width digits, padding…). */
  cell?: (key: string, n: number) => string;
  /** 表三 column order (catalog keys). */
  order?: string[];
  /** The 法人或其他组织 sub-headings as a table nested in the header cell. */
  nestedHeader?: boolean;
}

function td(s: string, attrs = ""): string {
  return `<td${attrs ? ` ${attrs}` : ""}>${s}</td>`;
}

const LABEL: Record<string, string> = {
  natural_person: "自然人",
  commercial_enterprise: "商业企业",
  research_institution: "科研机构",
  public_interest_org: "社会公益组织",
  legal_service_org: "法律服务机构",
  other_org: "其他",
  total: "总计",
};

function page(o: Options): string {
  const cell = o.cell ?? ((_k: string, n: number) => String(n));
  const order = o.order ?? COLS;
  const t2 = `<table border="1">
<tr>${td("第二十条第（一）项", 'colspan="4"')}</tr>
<tr>${td("信息内容")}${td("本年制发件数")}${td("本年废止件数")}${td("现行有效件数")}</tr>
<tr>${td("规章")}${["issued", "repealed", "in_force"].map((c) => td(cell(`t2.regulation.${c}`, v(`t2.regulation.${c}`)))).join("")}</tr>
<tr>${td("行政规范性文件")}${["issued", "repealed", "in_force"].map((c) => td(cell(`t2.normative_doc.${c}`, v(`t2.normative_doc.${c}`)))).join("")}</tr>
<tr>${td("第二十条第（五）项", 'colspan="4"')}</tr>
<tr>${td("信息内容")}${td("本年处理决定数量", 'colspan="3"')}</tr>
<tr>${td("行政许可")}${td(cell("t2.admin_license.decisions", v("t2.admin_license.decisions")), 'colspan="3"')}</tr>
<tr>${td("第二十条第（六）项", 'colspan="4"')}</tr>
<tr>${td("信息内容")}${td("本年处理决定数量", 'colspan="3"')}</tr>
<tr>${td("行政处罚")}${td(cell("t2.admin_penalty.decisions", v("t2.admin_penalty.decisions")), 'colspan="3"')}</tr>
<tr>${td("行政强制")}${td(cell("t2.admin_coercion.decisions", v("t2.admin_coercion.decisions")), 'colspan="3"')}</tr>
<tr>${td("第二十条第（八）项", 'colspan="4"')}</tr>
<tr>${td("信息内容")}${td("本年收费金额（单位：万元）", 'colspan="3"')}</tr>
<tr>${td("行政事业性收费")}${td(cell("t2.admin_fee.amount_10k_cny", v("t2.admin_fee.amount_10k_cny")), 'colspan="3"')}</tr>
</table>`;
  const legal = order.filter((c) => LABEL[c] && c !== "natural_person" && c !== "total");
  const headerCells = order
    .map((c) => {
      if (c === "natural_person" || c === "total") return td(LABEL[c] ?? c, 'rowspan="2"');
      return c === legal[0] ? td("法人或其他组织", `colspan="${legal.length}"`) : "";
    })
    .join("");
  const sub = o.nestedHeader
    ? `<tr>${td(`<table><tr>${legal.map((c) => td(LABEL[c] ?? c)).join("")}</tr></table>`, `colspan="${legal.length}"`)}</tr>`
    : `<tr>${legal.map((c) => td(LABEL[c] ?? c)).join("")}</tr>`;
  const t3rows = T3_ROWS.map(([row, label]) => `<tr>${td(label)}${order.map((c) => td(cell(`t3.${row}.${c}`, v(`t3.${row}.${c}`)))).join("")}</tr>`).join("\n");
  const t3 = `<table border="1">
<tr>${td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 'rowspan="3"')}${td("申请人情况", `colspan="${order.length}"`)}</tr>
<tr>${headerCells}</tr>
${sub}
${t3rows}
</table>`;
  const t4 = `<table border="1">
<tr>${td("行政复议", 'colspan="5"')}${td("行政诉讼", 'colspan="10"')}</tr>
<tr>${["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((h) => td(h, 'rowspan="2"')).join("")}${td("未经复议直接起诉", 'colspan="5"')}${td("复议后起诉", 'colspan="5"')}</tr>
<tr>${[0, 1].map(() => ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((h) => td(h)).join("")).join("")}</tr>
<tr>${T4.map((k) => td(cell(k, v(k)))).join("")}</tr>
</table>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${o.title}</title></head><body>
<div class="nav">首页 &gt; 政务公开 &gt; 年度报告</div>
<h1>${o.h1}</h1>
<p>二、主动公开政府信息情况</p>${t2}
<p>三、收到和处理政府信息公开申请情况</p>${t3}
<p>四、政府信息公开行政复议、行政诉讼情况</p>${t4}
</body></html>`;
}

async function dry(name: string, text: string): Promise<DryRunLine> {
  return toDryRunLine(name, await analyzeDocument(new TextEncoder().encode(text), name));
}

/** Cells whose value differs from the sample's figures. */
function wrongCells(line: DryRunLine, skip: (k: string) => boolean = () => false): string[] {
  return Object.entries(EXPECTED.cells)
    .filter(([k]) => !skip(k))
    .filter(([k, x]) => line.cells[k] !== x)
    .map(([k, x]) => `${k}: ${String(x)} ≠ ${String(line.cells[k])}`);
}

describe("web pages as government sites publish them", () => {
  it("an excerpt with the year only in the page title (2023年度…工作报告)", async () => {
    const line = await dry("excerpt.html", page({ title: "盘州市财政局2023年度政府信息公开工作报告_盘州市人民政府", h1: "政府信息公开工作年度报告" }));
    expect(line.year).toBe(2023);
    expect(line.agency.name).toBe("盘州市财政局");
    expect(wrongCells(line)).toEqual([]);
  });

  it("表三 columns in another order are read by their headings", async () => {
    const order = ["total", "natural_person", "legal_service_org", "commercial_enterprise", "research_institution", "public_interest_org", "other_org"];
    const line = await dry("order.html", page({ title: "盘州市人民政府2024年政府信息公开工作年度报告", h1: "盘州市人民政府2024年政府信息公开工作年度报告", order }));
    expect(wrongCells(line)).toEqual([]);
  });

  it("法人或其他组织 with its five sub-columns in a table nested in the header", async () => {
    const line = await dry("nested.html", page({ title: "盘州市人民政府2024年政府信息公开工作年度报告", h1: "盘州市人民政府2024年政府信息公开工作年度报告", nestedHeader: true }));
    expect(wrongCells(line)).toEqual([]);
    expect(line.coverage.t3.status).toBe("complete");
  });

  it("full-width digits, padded numbers, and blank, '/', '—' cells with their reasons", async () => {
    const full = (n: number) => String(n).replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)));
    const cell = (k: string, n: number) =>
      k === "t2.regulation.issued" ? "/" : k === "t2.regulation.repealed" ? "—" : k === "t2.regulation.in_force" ? "&nbsp;" : k.startsWith("t3.granted") ? full(n) : ` ${n} `;
    const line = await dry("marks.html", page({ title: "盘州市人民政府2024年政府信息公开工作年度报告", h1: "盘州市人民政府2024年政府信息公开工作年度报告", cell }));
    expect(wrongCells(line, (k) => k.startsWith("t2.regulation."))).toEqual([]);
    expect(line.null_reasons).toMatchObject({ "t2.regulation.issued": "slash", "t2.regulation.repealed": "dash", "t2.regulation.in_force": "blank" });
  });

  it("a table copied from a browser (cells separated by tabs, blanks kept)", async () => {
    const rows = T3_ROWS.map(([row, label]) => [label, ...COLS.map((c) => (row === "carried_forward" && c === "other_org" ? "" : String(v(`t3.${row}.${c}`))))].join("\t"));
    const text = [
      "盘州市人民政府2024年政府信息公开工作年度报告",
      "三、收到和处理政府信息公开申请情况",
      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
      "\t自然人\t法人或其他组织\t\t\t\t\t总计",
      "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
      ...rows,
    ].join("\n");
    const line = await dry("copied.txt", text);
    expect(wrongCells(line, (k) => !k.startsWith("t3.") || k === "t3.carried_forward.other_org")).toEqual([]);
    expect(line.null_reasons["t3.carried_forward.other_org"]).toBe("blank");
  });

  it("a page copied as text, one cell per line, its header read row by row for the column order", async () => {
    const sample = readFileSync(new URL("./__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
    const text = sample
      .split("\n")
      .map((l) => l.replace(/ *\|[ |]*$/u, ""))
      .filter((l) => l.trim() !== "")
      .join("\n");
    const line = await dry("copied-lines.txt", text);
    expect(wrongCells(line)).toEqual([]);
    // The header named every column: nothing was taken "in the official order".
    expect(line.issues.filter((i) => i.code === "unknown_column_label")).toEqual([]);
  });
});

/**
 * The report's tables as rows of cells, the way a CMS page flattens them to text: 表二 on a
 * 4-column grid, 表三 with its group cells (三、本年度办理结果, （三）不予公开 …) on the rows that open
 * a group, 表四 on a 15-column grid. `lead` is how many group cells a row stands under.
 */
function flatRows(): { t2: string[][]; t3: { cells: string[]; lead: number }[]; t4: string[][] } {
  const n = (k: string): string => String(v(k));
  const t2 = [
    ["第二十条第（一）项"],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", ...["issued", "repealed", "in_force"].map((c) => n(`t2.regulation.${c}`))],
    ["行政规范性文件", ...["issued", "repealed", "in_force"].map((c) => n(`t2.normative_doc.${c}`))],
    ["第二十条第（五）项"],
    ["信息内容", "本年处理决定数量"],
    ["行政许可", n("t2.admin_license.decisions")],
    ["第二十条第（六）项"],
    ["信息内容", "本年处理决定数量"],
    ["行政处罚", n("t2.admin_penalty.decisions")],
    ["行政强制", n("t2.admin_coercion.decisions")],
    ["第二十条第（八）项"],
    ["信息内容", "本年收费金额（单位：万元）"],
    ["行政事业性收费", n("t2.admin_fee.amount_10k_cny")],
  ];
  const groupOf: Record<string, string[]> = {
    granted: ["三、本年度办理结果"],
    denied_state_secret: ["（三）不予公开"],
    unable_not_held: ["（四）无法提供"],
    not_processed_petition: ["（五）不予处理"],
    other_no_supplement: ["（六）其他处理"],
  };
  const depth: Record<string, number> = {};
  for (const [row] of T3_ROWS) depth[row] = row.startsWith("denied_") || row.startsWith("unable_") || row.startsWith("not_processed_") || row.startsWith("other_") ? 2 : ["granted", "partially_granted", "handled_total"].includes(row) ? 1 : 0;
  const t3 = [
    { cells: ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"], lead: 0 },
    { cells: ["自然人", "法人或其他组织", "总计"], lead: 0 },
    { cells: ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], lead: 0 },
    ...T3_ROWS.map(([row, label]) => {
      const group = groupOf[row] ?? [];
      return { cells: [...group, label, ...COLS.map((c) => n(`t3.${row}.${c}`))], lead: (depth[row] ?? 0) - group.length };
    }),
  ];
  const heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
  const t4 = [["行政复议", "行政诉讼"], [...heads, "未经复议直接起诉", "复议后起诉"], [...heads, ...heads], T4.map(n)];
  return { t2, t3, t4 };
}

function flatText(table: (rows: string[][], grid: number) => string[]): string {
  const { t2, t3, t4 } = flatRows();
  return [
    "盘州市人民政府2024年政府信息公开工作年度报告",
    "本报告所列数据统计期限自2024年1月1日起至2024年12月31日止。",
    "二、主动公开政府信息情况",
    ...table(t2, 4),
    "三、收到和处理政府信息公开申请情况",
    ...table(t3.map((r) => [...Array<string>(r.lead).fill(""), ...r.cells]), 10),
    "四、政府信息公开行政复议、行政诉讼情况",
    ...table(t4, 15),
  ].join("\n");
}

describe("web pages flattened to pipe text", () => {
  it("each row opened by a pipe of its own, one cell per line, padding after the row's last cell", async () => {
    // "|" / "规章 |" / "0 |" … "第二十条第（五）项 | |||": a site that writes each <tr> as a lone pipe.
    const opener = (rows: string[][], grid: number): string[] =>
      rows.flatMap((r) => {
        const cells = r.filter((c, i) => c !== "" || i >= r.findIndex((x) => x !== ""));
        const pad = Math.max(0, grid - cells.length);
        return ["|", ...cells.map((c, i) => `${c} |${i === cells.length - 1 && pad > 0 ? ` ${"|".repeat(pad)}` : ""}`)];
      });
    const line = await dry("opener.txt", flatText(opener));
    expect(wrongCells(line)).toEqual([]);
    expect({ t2: line.coverage.t2.status, t3: line.coverage.t3.status, t4: line.coverage.t4.status }).toEqual({ t2: "complete", t3: "complete", t4: "complete" });
  });

  it("a blank in a row opened by its own pipe stays in its cell (规章 with 现行有效件数 left empty)", async () => {
    const opener = (rows: string[][], grid: number): string[] =>
      rows.flatMap((r) => {
        const cells = r[0] === "规章" ? [r[0], r[1], r[2], ""] : r.filter((c, i) => c !== "" || i >= r.findIndex((x) => x !== ""));
        const pad = Math.max(0, grid - cells.length);
        return ["|", ...cells.map((c, i) => (c === "" ? "|" : `${c} |${i === cells.length - 1 && pad > 0 ? ` ${"|".repeat(pad)}` : ""}`))];
      });
    const line = await dry("opener-blank.txt", flatText(opener));
    expect(wrongCells(line, (k) => k === "t2.regulation.in_force")).toEqual([]);
    expect(line.cells["t2.regulation.in_force"]).toBeNull();
    expect(line.null_reasons["t2.regulation.in_force"]).toBe("blank");
  });

  it("one cell per line, blank cells as a lone pipe, each row's padding on a line of its own", async () => {
    // "一、本年新收… |" / "|" ×6 / "0 |" / "||": the zeros under 法人或其他组织 left blank, the padding
    // after the row's last cell making up the grid's width (10 for 表三).
    const blankCols = new Set(["commercial_enterprise", "research_institution", "public_interest_org", "legal_service_org", "other_org"]);
    const isBlank = (k: string): boolean => k.startsWith("t3.") && blankCols.has(k.split(".")[2] ?? "") && v(k) === 0;
    const rowsOf = (rows: string[][], grid: number): string[] =>
      rows.flatMap((r) => {
        const cells = r.filter((c, i) => c !== "" || i >= r.findIndex((x) => x !== ""));
        const pad = grid - cells.length;
        return [...cells.map((c) => (c === "" ? "|" : `${c} |`)), ...(pad > 0 ? ["|".repeat(pad)] : [])];
      });
    const { t2, t3, t4 } = flatRows();
    const t3Blanked = t3.map((r) => {
      const row = T3_ROWS.find(([, label]) => r.cells.includes(label))?.[0];
      if (!row) return r.cells;
      const label = r.cells.length - COLS.length;
      return r.cells.map((c, i) => (i >= label && isBlank(`t3.${row}.${COLS[i - label] ?? ""}`) ? "" : c));
    });
    const text = [
      "盘州市人民政府2024年政府信息公开工作年度报告",
      "二、主动公开政府信息情况",
      ...rowsOf(t2, 4),
      "三、收到和处理政府信息公开申请情况",
      ...rowsOf(t3Blanked, 9),
      "四、政府信息公开行政复议、行政诉讼情况",
      ...rowsOf(t4, 15),
    ].join("\n");
    const line = await dry("grid-lines.txt", text);
    expect(wrongCells(line, isBlank)).toEqual([]);
    const blanks = Object.keys(EXPECTED.cells).filter(isBlank);
    expect(blanks.length).toBeGreaterThan(100);
    expect(blanks.filter((k) => line.cells[k] !== null || line.null_reasons[k] !== "blank")).toEqual([]);
    expect({ t2: line.coverage.t2.status, t3: line.coverage.t3.status, t4: line.coverage.t4.status }).toEqual({ t2: "complete", t3: "complete", t4: "complete" });
  });

  it("rows on one line whose closing pipe wrapped onto the next line (规章 | 0 | 0 | 0 / |)", async () => {
    // A full row's closing pipe wraps; a row with padding ends in its pipes ("行政许可 | 0 | ||").
    const wrapped = (rows: string[][], grid: number): string[] =>
      rows.flatMap((r) => {
        const cells = r.filter((c, i) => c !== "" || i >= r.findIndex((x) => x !== ""));
        const pad = grid - cells.length;
        return pad > 0 ? [`${cells.join(" | ")} | ${"|".repeat(pad)}`] : [cells.join(" | "), "|"];
      });
    const line = await dry("wrapped.txt", flatText(wrapped));
    expect(wrongCells(line)).toEqual([]);
    expect({ t2: line.coverage.t2.status, t3: line.coverage.t3.status, t4: line.coverage.t4.status }).toEqual({ t2: "complete", t3: "complete", t4: "complete" });
  });

  it("markdown-like rows whose group cells are left as empty cells before the label (| | 2.其他… | 0 |)", async () => {
    const md = (rows: string[][]): string[] => rows.map((r) => `| ${r.join(" | ")} |`);
    const line = await dry("md-groups.txt", flatText(md));
    expect(wrongCells(line)).toEqual([]);
    expect(line.coverage.t3.status).toBe("complete");
  });
});

describe("web pages flattened to pipe text, cells that end in a line break", () => {
  const filled = (r: string[]): string[] => r.filter((c, i) => c !== "" || i >= r.findIndex((x) => x !== ""));

  it("each next cell's pipe opens the next line (信息内容 | 本年制发件数 / | 本年废止件数 / | 现行有效件数 / |)", async () => {
    const wrapped = (rows: string[][]): string[] =>
      rows.flatMap((r) => {
        const cells = filled(r);
        if (cells.length === 1) return [`${cells[0] ?? ""} |`];
        return [`${cells[0] ?? ""} | ${cells[1] ?? ""}`, ...cells.slice(2).map((c) => `| ${c}`), "|"];
      });
    const line = await dry("wrapped-cells.txt", flatText(wrapped));
    expect(wrongCells(line)).toEqual([]);
    expect({ t2: line.coverage.t2.status, t3: line.coverage.t3.status, t4: line.coverage.t4.status }).toEqual({ t2: "complete", t3: "complete", t4: "complete" });
  });

  it("a row label whose closing pipe wrapped onto a line of its own (行政规范性文件 / | / 0 |)", async () => {
    const sample = readFileSync(new URL("./__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
    const text = sample.replace(/^(行政规范性文件|行政处罚) \|$/gmu, "$1\n|");
    expect(text).toContain("行政规范性文件\n|\n");
    const line = await dry("label-pipe.txt", text);
    expect(wrongCells(line)).toEqual([]);
    expect(line.coverage.t2.status).toBe("complete");
  });

  it("表二 headings cut short (本年制发 | 本年废止 | 现行有效件数) are read by their place in the header", async () => {
    const sample = readFileSync(new URL("./__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
    const text = sample.replace(/^本年制发件数 \|$/mu, "本年制发 |").replace(/^本年废止件数 \|$/mu, "本年废止 |");
    expect(text).toContain("本年制发 |\n本年废止 |\n现行有效件数 |");
    const line = await dry("cut-headings.txt", text);
    expect(wrongCells(line)).toEqual([]);
    expect(line.coverage.t2.status).toBe("complete");
    expect(line.issues.find((i) => i.code === "unknown_column_label")?.message).toContain("本年制发、本年废止");
  });

  it("blank cells as lone pipes, the last one's pipe opening the next value's line (| 25 |)", async () => {
    // "一、本年新收… | 33 |" / "|" ×4 / "| 33 |": the zeros under 法人或其他组织 left blank.
    const blankCols = new Set(["commercial_enterprise", "research_institution", "public_interest_org", "legal_service_org", "other_org"]);
    const isBlank = (k: string): boolean => k.startsWith("t3.") && blankCols.has(k.split(".")[2] ?? "") && v(k) === 0;
    const { t2, t3, t4 } = flatRows();
    const t3Blanked = t3.map((r) => {
      const row = T3_ROWS.find(([, label]) => r.cells.includes(label))?.[0];
      if (!row) return r.cells;
      const label = r.cells.length - COLS.length;
      return r.cells.map((c, i) => (i >= label && isBlank(`t3.${row}.${COLS[i - label] ?? ""}`) ? "" : c));
    });
    const rowsOf = (rows: string[][]): string[] =>
      rows
        .map((r) =>
          r
            .filter((c, i) => c !== "" || i > 0)
            .map((c, i) => (i === 0 ? `${c} |` : c === "" ? "\n|" : ` ${c} |`))
            .join(""),
        )
        .join("\n")
        .split("\n");
    const text = [
      "盘州市人民政府2024年政府信息公开工作年度报告",
      "二、主动公开政府信息情况",
      ...rowsOf(t2),
      "三、收到和处理政府信息公开申请情况",
      ...rowsOf(t3Blanked),
      "四、政府信息公开行政复议、行政诉讼情况",
      ...rowsOf(t4),
    ].join("\n");
    expect(text).toContain("一、本年新收政府信息公开申请数量 | 33 |\n|\n|\n|\n|\n| 33 |");
    const line = await dry("lone-blanks.txt", text);
    expect(wrongCells(line, isBlank)).toEqual([]);
    const blanks = Object.keys(EXPECTED.cells).filter(isBlank);
    expect(blanks.filter((k) => line.cells[k] !== null || line.null_reasons[k] !== "blank")).toEqual([]);
    expect({ t2: line.coverage.t2.status, t3: line.coverage.t3.status, t4: line.coverage.t4.status }).toEqual({ t2: "complete", t3: "complete", t4: "complete" });
  });

  it("a whole page flattened to one line: its headings are told apart, the year and agency read from the text", async () => {
    const { t2, t3, t4 } = flatRows();
    const cells = (rows: string[][]): string => `${rows.map((r) => filled(r).join(" | ")).join(" | ")} |`;
    const text = [
      "编制说明:本年度报告根据国家、省、市政府信息公开相关法律、法规的规定编制。本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
      "一、总体情况",
      "2024年,盘州市人民政府认真贯彻实施《中华人民共和国政府信息公开条例》,政府信息公开工作稳步推进。",
      "二、主动公开政府信息情况",
      cells(t2),
      "三、收到和处理政府信息公开申请情况",
      cells(t3.map((r) => r.cells)),
      "四、政府信息公开行政复议、行政诉讼情况",
      cells(t4),
    ].join(" ");
    const line = await dry("one-line.txt", text);
    expect([line.year, line.agency.name]).toEqual([2024, "盘州市人民政府"]);
    expect(wrongCells(line)).toEqual([]);
    expect({ t2: line.coverage.t2.status, t3: line.coverage.t3.status, t4: line.coverage.t4.status }).toEqual({ t2: "complete", t3: "complete", t4: "complete" });
  });
});

describe("an excerpt whose format cannot be told", () => {
  it("prints what it read of the cells both formats share: an excerpt holding only 表四", async () => {
    const lines = readFileSync(new URL("./__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8").split("\n");
    const from = lines.findIndex((l) => l.startsWith("四、政府信息公开行政复议"));
    const to = lines.findIndex((l, i) => i > from && l.startsWith("五、"));
    const text = ["盘州市人民政府2024年政府信息公开工作年度报告", ...lines.slice(from, to)].join("\n");
    const line = toDryRunLine("excerpt.txt", await analyzeDocument(new TextEncoder().encode(text), "excerpt.txt"));
    expect(line.format_version).toBeNull();
    expect(line.coverage.t4?.read).toBe(15);
    const t4 = Object.keys(EXPECTED.cells).filter((k) => k.startsWith("t4."));
    expect(Object.fromEntries(t4.map((k) => [k, line.cells[k]]))).toEqual(Object.fromEntries(t4.map((k) => [k, v(k)])));
    // Nothing of a format-specific table is claimed.
    expect(Object.keys(line.cells).some((k) => k.startsWith("t2."))).toBe(false);
  });
});

describe("web pages seen in the realweb3 round", () => {
  const sample = (): string => readFileSync(new URL("./__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");

  it("header cells wrapped over lines of their own before a lone pipe (本年新 / 制作数量 / |)", async () => {
    // A 2019-template page: each cell on its own line, its pipe on the next one, the header words
    // broken in two. Invented figures.
    const cells = (...c: (string | number)[]): string[] => c.flatMap((x) => [String(x), "|"]);
    const text = [
      "盘州市人民政府2019年政府信息公开工作年度报告",
      "二、主动公开政府信息情况",
      ...cells("第二十条第(一)项", "信息内容", "本年新\n制作数量", "本年新\n公开数量", "对外公开总数量"),
      ...cells("规章", 1, 2, 3, "规范性文件", 4, 5, 6),
      ...cells("第二十条第(五)项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
      ...cells("行政许可", 120, -5, 115, "其他对外管理服务事项", 7, 8, 9),
      ...cells("第二十条第(六)项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
      ...cells("行政处罚", 10, 11, 12, "行政强制", 13, 14, 15),
      ...cells("第二十条第(八)项", "信息内容", "上一年项目数量", "本年增/减", "行政事业性收费", 16, 17),
    ].join("\n");
    expect(text).toContain("本年新\n制作数量\n|\n本年新\n公开数量\n|");
    const line = await dry("wrapped-header-2019.txt", text);
    const read = (row: string, cols: string[]): (number | null | undefined)[] => cols.map((c) => line.cells[`t2v19.${row}.${c}`]);
    const published = ["new_made", "new_published", "total_published"];
    const items = ["prev_items", "delta_items", "decisions"];
    expect([read("regulation", published), read("normative_doc", published)]).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect([read("admin_license", items), read("admin_penalty", items), read("admin_fee", ["prev_items", "delta_items"])]).toEqual([
      [120, -5, 115],
      [10, 11, 12],
      [16, 17],
    ]);
    expect(line.issues.filter((i) => i.code === "column_count_mismatch")).toEqual([]);
  });

  it("figures on lines of their own are never joined into one cell (0 / 0 / |)", async () => {
    // Only words wrap: "行政规范性文件" / "2" / "0" / "|" keeps the figures apart, so the row is
    // said unread rather than read as one cell "2 0".
    const text = sample()
      .replace(/^(\S[^|\n]*?) \|$/gmu, "$1\n|")
      .replace(/^(行政规范性文件\n\|\n)(\d+)\n\|\n(\d+)\n\|/mu, "$1$2\n$3\n|");
    const line = await dry("figures-apart.txt", text);
    expect(line.cells["t2.normative_doc.issued"] ?? null).not.toBe(20);
    expect(wrongCells(line).filter((k) => !k.startsWith("t2.normative_doc."))).toEqual([]);
  });

  it("the year a body paragraph opens with, not the year of last year's report it cites", async () => {
    // A 国务院部门 page: no title, no statistical period; the text cites last year's report.
    const lines = sample().split("\n");
    const from = lines.findIndex((l) => l.startsWith("二、主动公开政府信息情况"));
    const text = [
      "根据《中华人民共和国政府信息公开条例》有关规定,编制本报告。",
      "一、总体情况",
      "2024年,盘州市人民政府坚持以习近平新时代中国特色社会主义思想为指导,深入推进政府信息公开工作。",
      "一是稳妥做好主动公开。公开发布《盘州市人民政府2023年政府信息公开工作年度报告》,全年主动公开政府信息1060余条。",
      ...lines.slice(from),
    ].join("\n");
    const line = await dry("cited-report.txt", text);
    expect(line.year).toBe(2024);
    expect(line.issues.map((i) => i.code)).toContain("year_inferred");
    expect(wrongCells(line)).toEqual([]);
  });

  it("the agency that publishes 《2024年政府信息公开工作年度报告》, not the verb before the title", async () => {
    const text = sample().replace(
      /^根据《中华人民共和国政府信息公开条例》[^\n]*$/mu,
      "根据《中华人民共和国政府信息公开条例》要求,盘州市人民政府办公室现向社会公开《2024年政府信息公开工作年度报告》。本报告数据统计时限为2024年1月1日至12月31日。",
    );
    const line = await dry("publishes-title.txt", text);
    expect([line.year, line.agency.name]).toEqual([2024, "盘州市人民政府办公室"]);
  });

  it("a place whose name begins with 于 (于田县, 于洪区) is a name, not a clause", async () => {
    const text = `于田县统计局2024年政府信息公开工作年度报告\n${sample()}`;
    const line = await dry("yu-place.txt", text);
    expect([line.year, line.agency.name]).toEqual([2024, "于田县统计局"]);
  });
});
