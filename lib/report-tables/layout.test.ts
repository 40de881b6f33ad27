import { describe, expect, it } from "vitest";
import { FORMAT_VERSIONS, readCells } from "../catalog";
import { layoutCellKeys, reportTableLayouts, type TableLayout } from "./layout";

/** Walks a grid with row and column spans and returns the width each row fills. */
function rowWidths(rows: readonly (readonly { colSpan: number; rowSpan?: number }[])[]): number[] {
  const carried: number[] = []; // rows still covered by a rowSpan, per line offset
  return rows.map((line, i) => {
    const fromAbove = carried[i] ?? 0;
    let width = fromAbove;
    for (const cell of line) {
      width += cell.colSpan;
      for (let k = 1; k < (cell.rowSpan ?? 1); k++) carried[i + k] = (carried[i + k] ?? 0) + cell.colSpan;
    }
    return width;
  });
}

function valueCount(layout: TableLayout): number {
  return layoutCellKeys(layout).length;
}

describe("report table layouts", () => {
  for (const format of FORMAT_VERSIONS) {
    it(`list exactly the read cells of the ${format} format, in catalog order`, () => {
      const keys = reportTableLayouts(format).flatMap(layoutCellKeys);
      expect(keys).toEqual(readCells(format).map((c) => c.key));
      expect(new Set(keys).size).toBe(keys.length);
    });

    it(`fill every grid row to the table's width (${format})`, () => {
      for (const layout of reportTableLayouts(format)) {
        for (const w of rowWidths(layout.head)) expect(w).toBe(layout.columns);
        const body = layout.body.map((line) => line.map((c) => ({ colSpan: c.colSpan, rowSpan: c.kind === "label" ? c.rowSpan : 1 })));
        for (const w of rowWidths(body)) expect(w).toBe(layout.columns);
      }
    });
  }

  it("prints 200 cells for 2021 and 198 for 2019", () => {
    expect(reportTableLayouts("2021").reduce((n, l) => n + valueCount(l), 0)).toBe(200);
    expect(reportTableLayouts("2019").reduce((n, l) => n + valueCount(l), 0)).toBe(198);
  });

  it("groups 表三 under 三、本年度办理结果 and （三）不予公开 with row spans", () => {
    const t3 = reportTableLayouts("2021")[1]!;
    const labels = t3.body.flatMap((line) => line.filter((c) => c.kind === "label"));
    const outer = labels.find((c) => c.kind === "label" && c.label.zh === "本年度办理结果");
    const denied = labels.find((c) => c.kind === "label" && c.label.zh === "不予公开");
    expect(outer).toMatchObject({ numbering: "三、", rowSpan: 22 });
    expect(denied).toMatchObject({ numbering: "（三）", rowSpan: 8 });
    expect(t3.head[0]?.[1]?.label.zh).toBe("申请人情况");
    expect(t3.head[1]?.map((h) => h.label.zh)).toEqual(["自然人", "法人或其他组织", "总计"]);
    const t3v19 = reportTableLayouts("2019")[1]!;
    expect(t3v19.body.flatMap((l) => l).find((c) => c.kind === "label" && c.label.zh === "本年度办理结果")).toMatchObject({ rowSpan: 20 });
  });

  it("gives 表四 its three header levels", () => {
    const t4 = reportTableLayouts("2021")[2]!;
    expect(t4.head[0]?.map((h) => [h.label.zh, h.colSpan])).toEqual([["行政复议", 5], ["行政诉讼", 10]]);
    expect(t4.head[1]?.map((h) => h.label.zh)).toEqual(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]);
    expect(t4.head[2]).toHaveLength(10);
  });

  it("splits 表二 into 第二十条 blocks", () => {
    const t2 = reportTableLayouts("2021")[0]!;
    const blocks = t2.body.filter((l) => l.length === 1).map((l) => (l[0]?.kind === "label" ? l[0].label.zh : ""));
    expect(blocks).toEqual(["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]);
    expect(reportTableLayouts("2019")[0]!.body.filter((l) => l.length === 1)).toHaveLength(5);
  });
});
