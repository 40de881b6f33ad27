/**
 * Small report models for renderer tests: the 盘州 sample (shared fixture) and a synthetic
 * 2019-format report with every cell distinct, so a value in the wrong place cannot go unnoticed.
 */
import { readCells } from "../../catalog";
import type { ReportModel } from "../model";

/** Every read cell gets a distinct value (1, 2, 3 … in catalog order); fees get decimals. */
export function distinctCells(format: "2019" | "2021"): Record<string, number> {
  const out: Record<string, number> = {};
  readCells(format).forEach((c, i) => (out[c.key] = c.integer ? i + 1 : i + 1 + 0.25));
  return out;
}

export function syntheticModel(format: "2019" | "2021", overrides: Partial<ReportModel> = {}): ReportModel {
  return {
    agencyName: "盘州市自然资源局",
    year: format === "2019" ? 2020 : 2023,
    formatVersion: format,
    scope: "self",
    publishedOn: format === "2019" ? "2021-01-18" : "2024-01-22",
    cells: distinctCells(format),
    preamble: "根据《中华人民共和国政府信息公开条例》（国务院令第711号）要求，现公布盘州市自然资源局政府信息公开工作年度报告。",
    sections: {
      1: "本局认真贯彻落实《条例》。\n（二）依申请公开。全年共收到政府信息公开申请12件，办结11件，结转下年度1件。申请内容主要集中在土地征收、房屋拆迁等方面。",
      5: "一是政策解读形式单一。二是栏目更新不及时。",
      6: "无其他需要报告的事项。",
    },
    issuer: "盘州市自然资源局",
    ...overrides,
  };
}
