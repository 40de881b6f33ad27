import { describe, expect, it } from "vitest";
import { validateCrossYear, validateReport, type Finding, type ValidationInput } from "./index";
import { panzhou2024, panzhou2024Corrected, withCells } from "./testing/fixtures";

const rules = (fs: Finding[]) => fs.map((f) => f.rule);

/** A 2023 report consistent with the corrected 2024 sample: carries 4 forward, 21 documents in force. */
function previous(): ValidationInput {
  const p = withCells(panzhou2024Corrected(), {
    "t3.carried_forward.natural_person": 4,
    "t3.carried_forward.total": 4,
    "t3.new_received.natural_person": 34,
    "t3.new_received.total": 34,
    "t2.normative_doc.in_force": 43, // 43 + 4 − 13 = 34
  });
  return { ...p, year: 2023, narrative: { new_received: 34, carried_forward: 4 } };
}

const overview2023 =
  "（一）主动公开。2023年，市政府办公室坚持以公开为常态、不公开为例外，围绕重点领域信息公开，通过政府门户网站主动公开各类政府信息1200条，其中政策文件45件，政策解读30篇，及时回应社会关切。（二）依申请公开。全年收到申请34件，均在法定期限内答复。";
const overview2024 = overview2023.replace(/2023/g, "2024").replace("1200", "1350").replace("45件", "52件").replace("34件", "33件");

describe("validateCrossYear", () => {
  it("is quiet for a consistent pair, and without a previous report", () => {
    expect(validateCrossYear(panzhou2024Corrected(), previous())).toEqual([]);
    expect(validateCrossYear(panzhou2024Corrected(), null)).toEqual([]);
  });

  it("reads each year as corrected by its own blame: no carry break for the sample's 总计 0", () => {
    expect(validateCrossYear(panzhou2024(), previous())).toEqual([]);
    expect(rules(validateReport(panzhou2024())).sort()).toEqual(["H-T3-BAL", "H-T3-COL"]);
  });

  it("S-X-CARRY: last year's carry-forward must be this year's carry-over, per column", () => {
    const prev = withCells(previous(), {
      "t3.carried_forward.natural_person": 5,
      "t3.carried_forward.total": 5,
      "t3.new_received.natural_person": 35,
      "t3.new_received.total": 35,
    });
    const fs = validateCrossYear(panzhou2024Corrected(), { ...prev, narrative: {} });
    expect(rules(fs)).toEqual(["S-X-CARRY"]);
    expect(fs[0]?.cells).toEqual(["t3.carried_over.total", "t3.carried_over.natural_person"]);
    expect(fs[0]?.severity).toBe("warning");
    expect(fs[0]?.message.zh).toContain("“总计”列上年5件、本年4件");
  });

  it("S-X-CARRY needs consecutive years", () => {
    const prev = withCells(previous(), { "t3.carried_forward.total": 9 });
    expect(validateCrossYear(panzhou2024Corrected(), { ...prev, year: 2022 })).toEqual([]);
  });

  it("S-X-STOCK: in force last year + issued − repealed = in force now", () => {
    const fs = validateCrossYear(panzhou2024Corrected(), withCells(previous(), { "t2.normative_doc.in_force": 40 }));
    expect(rules(fs)).toEqual(["S-X-STOCK"]);
    expect(fs[0]?.message.zh).toContain("上年现行有效40件，本年制发4件、废止13件，应为31件，但本年现行有效填写为34件（相差+3）");
  });

  it("S-X-FMT: a 2019-layout report for a 2021+ year is flagged by validateReport; the stock rule is skipped across layouts", () => {
    const cur: ValidationInput = { formatVersion: "2019", year: 2022, cells: {} };
    expect(rules(validateReport(cur))).toEqual(["S-X-FMT"]);
    const prev2021: ValidationInput = { ...previous(), year: 2021 };
    expect(rules(validateCrossYear(cur, prev2021))).not.toContain("S-X-STOCK");
  });

  it("S-X-YOY: more than ×5 or under ×0.2, ignoring small bases", () => {
    const small = withCells(previous(), { "t3.new_received.natural_person": 6, "t3.new_received.total": 6, "t3.handled_total.natural_person": 6, "t3.handled_total.total": 6, "t3.granted.natural_person": 6, "t3.granted.total": 6, "t3.partially_granted.natural_person": 0, "t3.partially_granted.total": 0, "t3.unable_not_held.natural_person": 0, "t3.unable_not_held.total": 0, "t3.other_misc.natural_person": 0, "t3.other_misc.total": 0, "t3.carried_over.natural_person": 4, "t3.carried_over.total": 4 });
    const fs = validateCrossYear(panzhou2024Corrected(), { ...small, narrative: {} });
    expect(rules(fs)).toEqual(["S-X-YOY", "S-X-YOY"]); // 6 → 33 and 6 → 34
    expect(fs[0]?.message.zh).toContain("由上年的6变为本年的33（5.5倍）");
    // Both years under 10: ignored, even at ×9.
    const tiny = (n: number, year: number): ValidationInput => {
      const base = year === 2023 ? previous() : panzhou2024Corrected();
      const cells: Record<string, number> = {};
      for (const k of Object.keys(base.cells)) if (k.startsWith("t3.") || k.startsWith("t4.")) cells[k] = 0;
      for (const r of ["new_received", "granted", "handled_total"]) {
        cells[`t3.${r}.natural_person`] = n;
        cells[`t3.${r}.total`] = n;
      }
      return { ...withCells(base, cells), year, narrative: {} };
    };
    expect(validateCrossYear(tiny(9, 2024), tiny(1, 2023))).toEqual([]);
    expect(rules(validateCrossYear(tiny(10, 2024), tiny(1, 2023)))).toEqual(["S-X-YOY", "S-X-YOY"]);
    expect(rules(validateCrossYear(tiny(1, 2024), tiny(12, 2023)))).toEqual(["S-X-YOY", "S-X-YOY"]);
    expect(validateCrossYear(tiny(12, 2024), tiny(3, 2023))).toEqual([]); // ×4
  });

  it("S-X-DUP: section 一 or 五 copied from last year (figures changed) is flagged", () => {
    const cur = { ...panzhou2024Corrected(), sections: [{ number: 1, text: overview2024 }, { number: 5, text: "无" }] };
    const prev = { ...previous(), sections: [{ number: 1, text: overview2023 }, { number: 5, text: "无" }] };
    const fs = validateCrossYear(cur, prev);
    expect(rules(fs)).toEqual(["S-X-DUP"]);
    expect(fs[0]?.message.zh).toContain("第一部分“总体情况”与2023年报告的相似度");
    const fresh = { ...cur, sections: [{ number: 1, text: "（一）主动公开。本年度围绕优化营商环境、乡村振兴等重点工作，新开设专题栏目三个，全面梳理更新政府信息公开指南和目录，组织全市政务公开培训两期，参训人员二百余人，并对各乡镇街道政务公开专区进行了实地检查。" }] };
    expect(validateCrossYear(fresh, prev)).toEqual([]);
  });

  it("S-C-DISPUTE: reconsiderations with no applications this year or last", () => {
    const none = (y: number, extra: Record<string, number>): ValidationInput => {
      const base = y === 2023 ? previous() : panzhou2024Corrected();
      const cells: Record<string, number> = {};
      for (const k of Object.keys(base.cells)) if (k.startsWith("t3.")) cells[k] = 0;
      return { ...withCells(base, { ...cells, ...extra }), year: y, narrative: {} };
    };
    const fs = validateCrossYear(none(2024, {}), none(2023, {}));
    expect(rules(fs)).toEqual(["S-C-DISPUTE"]);
    expect(validateCrossYear(none(2024, {}), { ...none(2023, {}), cells: previous().cells })).not.toContainEqual(expect.objectContaining({ rule: "S-C-DISPUTE" }));
  });

  it("S-C-LITREV: lawsuits after review far above this and last year's reviews", () => {
    const cur = withCells(panzhou2024Corrected(), { "t4.review.upheld": 0, "t4.review.other": 0, "t4.review.total": 0, "t4.lit_after_review.other": 3, "t4.lit_after_review.pending": 1, "t4.lit_after_review.total": 4 });
    const prev = withCells(previous(), { "t4.review.upheld": 0, "t4.review.other": 1, "t4.review.total": 1 });
    expect(rules(validateCrossYear({ ...cur, narrative: {} }, prev))).toEqual(["S-C-LITREV"]);
    expect(validateCrossYear(panzhou2024Corrected(), previous())).toEqual([]);
  });
});
