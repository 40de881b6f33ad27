import { describe, expect, it } from "vitest";
import type { ParsedReport } from "../records/parsed-report";
import { computeCoverage } from "../ingest/coverage";
import { validateReport, validationInputFromParsed } from "./index";
import { panzhou2024 } from "./testing/fixtures";

function parsed(): ParsedReport {
  const input = panzhou2024();
  const cells: ParsedReport["cells"] = {};
  for (const [k, c] of Object.entries(input.cells)) {
    cells[k] = { ...c, source: { loc: { line: 1 }, raw: c.value === null ? "" : String(c.value), stated: true } };
  }
  return {
    formatVersion: "2021",
    year: 2024,
    agencyName: "盘州市人民政府",
    scope: "self",
    publishedOn: "2025-01-20",
    complete: true,
    tables: { t2: "found", t3: "found", t4: "found" },
    coverage: computeCoverage("2021", cells, { t2: true, t3: true, t4: true }),
    cells,
    narrative: {
      new_received: { value: 33, sentence: "收到依申请公开信件33件", loc: {} },
      carried_over: { value: 4, sentence: "上一年度转办4件", loc: {} },
    },
    topics: [],
    topicCounts: [],
    sections: [1, 2, 3, 4, 5, 6].map((n) => ({ number: n, title: "", text: n === 6 ? "无" : "……", loc: {} })),
    issues: [],
  };
}

describe("validationInputFromParsed", () => {
  it("maps the parse record and validates to the sample's two errors", () => {
    const input = validationInputFromParsed(parsed(), "government");
    expect(input?.narrative).toEqual({ new_received: 33, carried_over: 4 });
    expect(input?.rawCells?.["t3.new_received.total"]).toBe("33");
    expect(input?.sections).toHaveLength(6);
    const fs = input ? validateReport(input) : [];
    expect(fs.map((f) => f.rule).sort()).toEqual(["H-T3-BAL", "H-T3-COL"]);
  });

  it("returns null without a format or a year", () => {
    expect(validationInputFromParsed({ ...parsed(), formatVersion: null })).toBeNull();
    expect(validationInputFromParsed({ ...parsed(), year: null })).toBeNull();
  });
});
