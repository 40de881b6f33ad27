import iconv from "iconv-lite";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderHtml, renderHtmlBytes } from "./html";
import { syntheticModel } from "./testing/models";

interface Td {
  text: string;
  rowspan: number;
  colspan: number;
}

/** Tables as rows of cells (text, spans), read with a real HTML parser. */
function tables(html: string): Td[][][] {
  const out: Td[][][] = [];
  let cell: Td | null = null;
  const p = new Parser({
    onopentag(name, attrs) {
      if (name === "table") out.push([]);
      if (name === "tr") out[out.length - 1]?.push([]);
      if (name === "td") cell = { text: "", rowspan: Number(attrs.rowspan ?? 1), colspan: Number(attrs.colspan ?? 1) };
    },
    ontext(t) {
      if (cell) cell.text += t;
    },
    onclosetag(name) {
      if (name === "td" && cell) {
        const t = out[out.length - 1];
        t?.[t.length - 1]?.push(cell);
        cell = null;
      }
    },
  }, { decodeEntities: true });
  p.write(html);
  p.end();
  return out;
}

describe("renderHtml", () => {
  it("declares UTF-8 and carries the publication date in the page meta", () => {
    const html = renderHtml(syntheticModel("2021"), { encoding: "utf-8" });
    expect(html).toContain(`<meta charset="utf-8" />`);
    expect(html).toMatch(/<meta name="PubDate" content="2024-01-22 \d\d:\d\d" \/>/);
    expect(html).toContain("<h1 class=\"title\">盘州市自然资源局2023年政府信息公开工作年度报告</h1>");
  });

  it("writes GBK bytes under a gb2312 declaration that decode back to the same page", () => {
    const m = syntheticModel("2021");
    const bytes = renderHtmlBytes(m, { encoding: "gbk" });
    const page = iconv.decode(Buffer.from(bytes), "gbk");
    expect(page).toBe(renderHtml(m, { encoding: "gbk" }));
    expect(page).toContain(`charset=gb2312`);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
  });

  it("draws 表三 with the official two-row applicant header and rowspan group labels", () => {
    const [t2, t3, t4] = tables(renderHtml(syntheticModel("2021"), { encoding: "utf-8" }));
    expect(t2 && t3 && t4).toBeTruthy();
    const head = t3?.[0] ?? [];
    expect(head[0]).toMatchObject({ rowspan: 3, colspan: 3 });
    expect(head[0]?.text).toContain("本列数据的勾稽关系");
    expect(head[1]).toMatchObject({ text: "申请人情况", colspan: 7 });
    expect(t3?.[1]?.map((c) => c.text)).toEqual(["自然人", "法人或其他组织", "总计"]);
    expect(t3?.[1]?.[1]?.colspan).toBe(5);
    const cells = (t3 ?? []).flat();
    expect(cells.find((c) => c.text === "三、本年度办理结果")?.rowspan).toBe(22);
    expect(cells.find((c) => c.text === "（三）不予公开")?.rowspan).toBe(8);
    expect(cells.find((c) => c.text === "（六）其他处理")?.rowspan).toBe(3);
    // Every data row covers the 10 grid columns: label spans + 7 values.
    for (const row of (t3 ?? []).slice(3)) {
      const values = row.filter((c) => /^\d+$/.test(c.text));
      expect(values).toHaveLength(7);
    }
  });

  it("draws 表四 with its three-level header and 15 figures", () => {
    const t4 = tables(renderHtml(syntheticModel("2021"), { encoding: "utf-8" }))[2] ?? [];
    expect(t4[0]?.map((c) => [c.text, c.colspan])).toEqual([["行政复议", 5], ["行政诉讼", 10]]);
    expect(t4[1]?.slice(5).map((c) => [c.text, c.colspan])).toEqual([["未经复议直接起诉", 5], ["复议后起诉", 5]]);
    expect(t4[2]).toHaveLength(10);
    expect(t4[3]).toHaveLength(15);
  });

  it("uses the 2019 layout for 2019-format reports (rowspan 20, one 其他处理 row)", () => {
    const t3 = tables(renderHtml(syntheticModel("2019"), { encoding: "utf-8" }))[1] ?? [];
    const cells = t3.flat();
    expect(cells.find((c) => c.text === "三、本年度办理结果")?.rowspan).toBe(20);
    expect(cells.find((c) => c.text === "（六）其他处理")?.colspan).toBe(2);
  });

  it("writes “” as entities when the page style asks for it", () => {
    const html = renderHtml(syntheticModel("2021", { style: { htmlEntities: true } }), { encoding: "utf-8" });
    expect(html).toContain("危及&ldquo;三安全一稳定&rdquo;");
  });
});
