import { describe, expect, it } from "vitest";
import { RULES, RULE_IDS, RULE_META, validateReport, type Finding, type RuleId, type ValidationInput } from "./index";
import { fullCells, panzhou2024, panzhou2024Corrected as clean, withCells } from "./testing/fixtures";

const rules = (fs: Finding[]) => fs.map((f) => f.rule);
const only = (fs: Finding[], rule: RuleId) => fs.filter((f) => f.rule === rule);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === "error");

describe("rule table", () => {
  it("lists every rule id once, with severity following kind", () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const r of RULES) {
      expect(r.severity).toBe({ hard: "error", soft: "warning", info: "info" }[r.kind]);
      expect(RULE_META[r.id].id).toBe(r.id);
    }
  });

  it("the corrected sample passes every rule", () => {
    expect(validateReport(clean())).toEqual([]);
  });
});

describe("H-T3-COL", () => {
  it("passes on the corrected sample and fails on the printed one", () => {
    expect(only(validateReport(clean()), "H-T3-COL")).toEqual([]);
    const f = only(validateReport(panzhou2024()), "H-T3-COL");
    expect(f).toHaveLength(1);
    expect(f[0]?.cells).toHaveLength(7);
  });
});

describe("H-T3-BAL", () => {
  it("fails per column and blames the smallest consistent pair", () => {
    // 一 raised by 1 in 自然人 and 总计: the row still adds up, both columns lose balance.
    const fs = validateReport(withCells(clean(), { "t3.new_received.natural_person": 34, "t3.new_received.total": 34 }));
    const bal = only(fs, "H-T3-BAL");
    expect(bal.map((f) => f.details?.scope)).toEqual([
      { kind: "col", table: "t3", key: "natural_person" },
      { kind: "col", table: "t3", key: "total" },
    ]);
    // Several pairs fix it (一, 二 or 四 in both columns); the narrative (收到33件) picks 一.
    for (const f of bal) {
      expect(f.blame.sort()).toEqual(["t3.new_received.natural_person", "t3.new_received.total"]);
      expect(f.suggested).toEqual({ "t3.new_received.natural_person": 33, "t3.new_received.total": 33 });
    }
    expect(rules(fs).every((r) => r === "H-T3-BAL")).toBe(true);
    expect(bal[0]?.message.zh).toContain(
      "建议将表三“一、本年新收政府信息公开申请数量”行“自然人”列改为33，将表三“一、本年新收政府信息公开申请数量”行“总计”列改为33（正文所述收到申请33件与此一致）。",
    );
  });
});

describe("H-T3-SUM", () => {
  it("fails when an outcome leaf and its row total are both off, and reports the tie", () => {
    const fs = validateReport(withCells(clean(), { "t3.granted.natural_person": 13, "t3.granted.total": 13 }));
    const sum = only(fs, "H-T3-SUM");
    expect(sum).toHaveLength(2);
    for (const f of sum) {
      expect(f.severity).toBe("error");
      expect(f.blame).toEqual([]); // any outcome row with 1 to spare fits equally well
      expect((f.details?.alternatives as unknown[]).length).toBeGreaterThan(1);
      expect(f.message.zh).toContain("无法确定");
    }
  });

  it("blames (七)总计 alone when only it is wrong", () => {
    const fs = validateReport(withCells(clean(), { "t3.handled_total.natural_person": 35 }));
    expect(new Set(rules(fs))).toEqual(new Set(["H-T3-SUM", "H-T3-COL", "H-T3-BAL"]));
    for (const f of fs) expect(f.blame).toEqual(["t3.handled_total.natural_person"]);
    expect(only(fs, "H-T3-SUM")[0]?.message.zh).toBe(
      "表三“自然人”列：（一）至（六）各项办理结果合计为34，但“（七）总计”填写为35。建议将“（七）总计”行改为34。",
    );
  });
});

describe("H-T3-NN / H-T4-NN / H-T2-NN", () => {
  it("pass on the corrected sample", () => {
    expect(rules(validateReport(clean())).filter((r) => r.endsWith("-NN"))).toEqual([]);
  });

  it("flag negative and fractional counts, blaming the cell", () => {
    const fs = validateReport(withCells(clean(), { "t3.denied_third_party.natural_person": -1, "t4.review.pending": 0.5, "t2.normative_doc.issued": -4 }));
    expect(only(fs, "H-T3-NN")[0]?.blame).toEqual(["t3.denied_third_party.natural_person"]);
    expect(only(fs, "H-T4-NN")[0]?.blame).toEqual(["t4.review.pending"]);
    expect(only(fs, "H-T2-NN")[0]?.blame).toEqual(["t2.normative_doc.issued"]);
    expect(only(fs, "H-T3-NN")[0]?.message.zh).toContain("应为非负整数");
  });

  it("allow a decimal fee and a negative 2019 本年增/减", () => {
    expect(validateReport(withCells(clean(), { "t2.admin_fee.amount_10k_cny": 12.35 }))).toEqual([]);
    const v19: ValidationInput = { formatVersion: "2019", year: 2020, cells: fullCells("2019", { "t2v19.admin_license.prev_items": 40, "t2v19.admin_license.delta_items": -3, "t3.new_received.total": 0 }) };
    expect(only(validateReport(v19), "H-T2-NN")).toEqual([]);
    expect(only(validateReport(withCells(v19, { "t2v19.admin_license.delta_items": -2.5 })), "H-T2-NN")).toHaveLength(1);
    expect(only(validateReport(withCells(clean(), { "t2.admin_fee.amount_10k_cny": -1 })), "H-T2-NN")[0]?.message.zh).toContain("不应为负数");
  });
});

describe("H-T4-SUM", () => {
  it("passes on the sample's 表四", () => {
    expect(only(validateReport(panzhou2024()), "H-T4-SUM")).toEqual([]);
  });

  it("blames 总计 when the narrative confirms the parts (复议3件)", () => {
    const f = only(validateReport(withCells(clean(), { "t4.review.total": 4 })), "H-T4-SUM");
    expect(f).toHaveLength(1);
    expect(f[0]?.blame).toEqual(["t4.review.total"]);
    expect(f[0]?.suggested).toEqual({ "t4.review.total": 3 });
    expect(f[0]?.message.zh).toContain("表四“行政复议”：结果维持、结果纠正、其他结果、尚未审结合计为3，但“总计”填写为4");
  });

  it("reports a tie without blame when nothing tells the cells apart", () => {
    const input = withCells(clean(), { "t4.review.total": 4 });
    delete input.narrative;
    const f = only(validateReport(input), "H-T4-SUM");
    expect(f[0]?.blame).toEqual([]);
    expect(f[0]?.details?.blameOutcome).toBe("tie");
  });
});

describe("blank policy", () => {
  it("a blank 总计 with non-zero parts is a completeness warning, not an arithmetic error", () => {
    const fs = validateReport(withCells(clean(), { "t3.carried_over.total": null }));
    expect(errors(fs)).toEqual([]);
    const w = only(fs, "S-BLANK-TOTAL");
    expect(w).toHaveLength(1);
    expect(w[0]?.severity).toBe("warning");
    expect(w[0]?.suggested).toEqual({ "t3.carried_over.total": 4 });
    expect(w[0]?.message.zh).toContain("“二、上年结转政府信息公开申请数量”行“总计”列（按组成部分应为4）");
  });

  it("a blank leaf counts as 0 and is listed once as info", () => {
    const fs = validateReport(withCells(clean(), { "t3.granted.research_institution": null, "t4.lit_direct.upheld": null }));
    expect(fs).toHaveLength(1);
    expect(fs[0]?.rule).toBe("I-BLANK-ZERO");
    expect(fs[0]?.severity).toBe("info");
    expect(fs[0]?.cells.sort()).toEqual(["t3.granted.research_institution", "t4.lit_direct.upheld"]);
  });

  it("'—', '无' and '/' in 表三/表四 count as 0 like blanks", () => {
    const input = clean();
    input.cells["t3.granted.research_institution"] = { value: null, nullReason: "dash" };
    input.cells["t3.granted.public_interest_org"] = { value: null, nullReason: "text" };
    input.cells["t4.review.corrected"] = { value: null, nullReason: "slash" };
    const fs = validateReport(input);
    expect(rules(fs)).toEqual(["I-BLANK-ZERO"]);
    expect(fs[0]?.cells).toHaveLength(3);
  });

  it("a truncated table is checked where its cells are present", () => {
    const input: ValidationInput = { ...panzhou2024(), tables: { t2: "found", t3: "truncated", t4: "found" } };
    delete input.cells["t3.carried_forward.natural_person"];
    delete input.cells["t3.carried_forward.total"];
    const fs = validateReport(input);
    expect(rules(fs).sort()).toEqual(["H-T3-COL", "S-STRUCT"]); // BAL needs 四, which is cut off
    expect(only(fs, "H-T3-COL")[0]?.blame).toEqual(["t3.carried_over.total"]);
  });

  it("a blank total whose parts are all zero is an implied zero", () => {
    const fs = validateReport(withCells(clean(), { "t3.denied_state_secret.total": null }));
    expect(rules(fs)).toEqual(["I-BLANK-ZERO"]);
  });

  it("a blank leaf that breaks a rule is still an error (implied 0 is checked)", () => {
    const fs = validateReport(withCells(clean(), { "t3.granted.natural_person": null }));
    const col = only(fs, "H-T3-COL")[0];
    expect(col?.blame).toEqual(["t3.granted.natural_person"]);
    expect(col?.suggested).toEqual({ "t3.granted.natural_person": 12 });
  });

  it("absent cells (missing table or row) make their rules not assessable", () => {
    const noT4: ValidationInput = { ...clean(), tables: { t2: "found", t3: "found", t4: "missing" } };
    const fs = validateReport(noT4);
    expect(errors(fs)).toEqual([]);
    expect(rules(fs)).toEqual(["S-STRUCT"]);
    const noRow = clean();
    for (const c of ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org", "legal_service_org", "other_org", "total"]) {
      delete noRow.cells[`t3.carried_over.${c}`];
    }
    expect(validateReport(noRow)).toEqual([]);
  });

  it("an all-blank table is noted, not assumed zero", () => {
    const input = clean();
    for (const k of Object.keys(input.cells)) if (k.startsWith("t4.")) input.cells[k] = { value: null, nullReason: "blank" };
    const fs = validateReport(input);
    expect(rules(fs)).toEqual(["I-TABLE-EMPTY"]);
  });
});

describe("表二 soft rules", () => {
  it("S-T2-STOCK1", () => {
    expect(only(validateReport(clean()), "S-T2-STOCK1")).toEqual([]); // 34 ≥ 4 − 13
    const f = only(validateReport(withCells(clean(), { "t2.normative_doc.issued": 10, "t2.normative_doc.repealed": 1, "t2.normative_doc.in_force": 2 })), "S-T2-STOCK1");
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe("warning");
    expect(f[0]?.message.zh).toContain("现行有效件数为2，少于本年制发件数（10）减本年废止件数（1）之差9");
  });

  it("S-T2-UNIT: 元 in the cell or an implausible 万元 figure", () => {
    expect(only(validateReport({ ...clean(), rawCells: { "t2.admin_fee.amount_10k_cny": "0" } }), "S-T2-UNIT")).toEqual([]);
    const yuan = withCells(clean(), { "t2.admin_fee.amount_10k_cny": 12000 });
    yuan.rawCells = { "t2.admin_fee.amount_10k_cny": "12000元" };
    const f = only(validateReport(yuan), "S-T2-UNIT");
    expect(f[0]?.suggested).toEqual({ "t2.admin_fee.amount_10k_cny": 1.2 });
    expect(only(validateReport({ ...yuan, rawCells: { "t2.admin_fee.amount_10k_cny": "1.2万元" } }), "S-T2-UNIT")).toEqual([]);
    const big = withCells(clean(), { "t2.admin_fee.amount_10k_cny": 3_000_000 });
    expect(only(validateReport({ ...big, agencyKind: "department" }), "S-T2-UNIT")).toHaveLength(1);
    expect(only(validateReport({ ...big, agencyKind: "government" }), "S-T2-UNIT")).toEqual([]);
  });

  it("S-T2-NA: '/' is info, never an error", () => {
    const input = clean();
    for (const c of ["issued", "repealed", "in_force"]) input.cells[`t2.regulation.${c}`] = { value: null, nullReason: "slash" };
    const fs = validateReport(input);
    expect(rules(fs)).toEqual(["S-T2-NA"]);
    expect(fs[0]?.severity).toBe("info");
  });
});

describe("narrative ↔ tables", () => {
  const narr = (n: Partial<NonNullable<ValidationInput["narrative"]>>) => ({ ...clean(), narrative: { ...clean().narrative, ...n } });

  it("S-N-NEW accepts new applications or new + carried over, flags anything else", () => {
    expect(validateReport(narr({ new_received: 33 }))).toEqual([]);
    expect(validateReport(narr({ new_received: 37 }))).toEqual([]);
    const f = validateReport(narr({ new_received: 40 }));
    expect(rules(f)).toEqual(["S-N-NEW"]);
    expect(f[0]?.message.zh).toBe("正文称收到政府信息公开申请40件，但表三“一、本年新收政府信息公开申请数量”总计为33（加上年结转为37）。");
  });

  it.each([
    ["S-N-CO", { carried_over: 5 }, "正文称上年结转5件"],
    ["S-N-DONE", { handled_total: 30 }, "正文称办结30件"],
    ["S-N-CF", { carried_forward: 2 }, "正文称结转下年度2件"],
    ["S-N-REV", { review_total: 4 }, "正文称行政复议4件"],
    ["S-N-LIT", { litigation_total: 1 }, "正文称行政诉讼1件"],
  ] as const)("%s fails on a different figure", (rule, n, zh) => {
    const f = validateReport(narr(n));
    expect(rules(f)).toEqual([rule]);
    expect(f[0]?.severity).toBe("warning");
    expect(f[0]?.message.zh).toContain(zh);
  });

  it("S-N-CO still warns when the blame corrects the cell to a value other than the narrative's", () => {
    const fs = validateReport({ ...panzhou2024(), narrative: { carried_over: 5 } });
    expect(rules(fs).sort()).toEqual(["H-T3-BAL", "H-T3-COL", "S-N-CO"]);
  });

  it("compares against the parts when a total is blank", () => {
    const input = withCells(clean(), { "t3.carried_over.total": null });
    expect(only(validateReport(input), "S-N-CO")).toEqual([]);
    expect(only(validateReport({ ...input, narrative: { carried_over: 6 } }), "S-N-CO")).toHaveLength(1);
  });
});

describe("cross-table and structure (single report)", () => {
  const fee = () =>
    withCells(clean(), {
      "t3.other_misc.natural_person": 1,
      "t3.other_misc.total": 1,
      "t3.other_fee_unpaid.natural_person": 1,
      "t3.other_fee_unpaid.total": 1,
    });
  const sections = (six: string) => [1, 2, 3, 4, 5, 6].map((n) => ({ number: n, text: n === 6 ? six : "……" }));

  it("S-C-FEE: unpaid-fee cases need a fee report in section 六", () => {
    expect(validateReport({ ...fee(), sections: sections("本年度共发出收费通知1件，未实际收取信息处理费。") })).toEqual([]);
    const f = validateReport({ ...fee(), sections: sections("无。") });
    expect(rules(f)).toEqual(["S-C-FEE"]);
    expect(validateReport(fee())).toEqual([]); // sections unknown: not assessable
  });

  it("S-STRUCT: six sections in order, tables present", () => {
    expect(validateReport({ ...clean(), sections: sections("无") })).toEqual([]);
    const missing = validateReport({ ...clean(), sections: sections("无").filter((s) => s.number !== 4) });
    expect(rules(missing)).toEqual(["S-STRUCT"]);
    expect(missing[0]?.message.zh).toContain("第四部分");
    const swapped = sections("无");
    [swapped[4], swapped[5]] = [swapped[5] ?? swapped[4]!, swapped[4]!];
    expect(rules(validateReport({ ...clean(), sections: swapped }))).toEqual(["S-STRUCT"]);
    expect(rules(validateReport({ ...clean(), tables: { t2: "found", t3: "truncated", t4: "found" } }))).toEqual(["S-STRUCT"]);
  });

  it("S-TIMELY: departments by 31 Jan, governments by 31 Mar of the next year", () => {
    const at = (agencyKind: ValidationInput["agencyKind"], publishedOn: string | null) => rules(validateReport({ ...clean(), agencyKind, publishedOn }));
    expect(at("government", "2025-03-31")).toEqual([]);
    expect(at("government", "2025-04-01")).toEqual(["S-TIMELY"]);
    expect(at("department", "2025-01-31")).toEqual([]);
    expect(at("department", "2025-02-01")).toEqual(["S-TIMELY"]);
    expect(at("township", "2025-06-01")).toEqual([]);
    expect(at("government", null)).toEqual([]);
  });

  it("S-X-FMT: layout must match the year", () => {
    expect(rules(validateReport({ ...clean(), year: 2020 }))).toEqual(["S-X-FMT"]);
    const v19: ValidationInput = { formatVersion: "2019", year: 2022, cells: {} };
    expect(rules(validateReport(v19))).toEqual(["S-X-FMT"]);
    expect(validateReport({ ...v19, year: 2020 })).toEqual([]);
  });
});

describe("robustness", () => {
  it("does not throw on odd values", () => {
    const odd = withCells(clean(), { "t3.granted.natural_person": Number.NaN, "t3.granted.total": Number.POSITIVE_INFINITY, "t2.admin_fee.amount_10k_cny": -0 });
    const fs = validateReport(odd);
    expect(only(fs, "H-T3-NN").map((f) => f.cells[0]).sort()).toEqual(["t3.granted.natural_person", "t3.granted.total"]);
    expect(validateReport({ formatVersion: "2021", year: 2024, cells: {} })).toEqual([]);
  });
});
