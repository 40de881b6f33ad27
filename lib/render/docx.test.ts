import { strFromU8, unzipSync } from "fflate";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderDocx } from "./docx";
import { syntheticModel } from "./testing/models";

interface Tc {
  text: string;
  span: number;
  vMerge: "restart" | "continue" | null;
}

function readDocx(bytes: Uint8Array): { parts: Record<string, string>; tables: { grid: number; rows: Tc[][] }[]; text: string } {
  const files = unzipSync(bytes);
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) parts[name] = strFromU8(data);
  const tables: { grid: number; rows: Tc[][] }[] = [];
  let tc: Tc | null = null;
  let inT = false;
  let text = "";
  const stack: string[] = [];
  const p = new Parser(
    {
      onopentag(name, attrs) {
        stack.push(name);
        if (name === "w:tbl") tables.push({ grid: 0, rows: [] });
        const t = tables[tables.length - 1];
        if (name === "w:gridcol" && t) t.grid++;
        if (name === "w:tr" && t) t.rows.push([]);
        if (name === "w:tc") tc = { text: "", span: 1, vMerge: null };
        if (name === "w:gridspan" && tc) tc.span = Number(attrs["w:val"]);
        if (name === "w:vmerge" && tc) tc.vMerge = attrs["w:val"] === "restart" ? "restart" : "continue";
        if (name === "w:t") inT = true;
      },
      ontext(s) {
        if (!inT) return;
        text += s;
        if (tc) tc.text += s;
      },
      onclosetag(name) {
        stack.pop();
        if (name === "w:t") inT = false;
        if (name === "w:p") text += "\n";
        if (name === "w:tc" && tc) {
          const t = tables[tables.length - 1];
          t?.rows[t.rows.length - 1]?.push(tc);
          tc = null;
        }
      },
    },
    { xmlMode: false, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  p.write(parts["word/document.xml"] ?? "");
  p.end();
  return { parts, tables, text };
}

describe("renderDocx", () => {
  const bytes = renderDocx(syntheticModel("2021"));
  const doc = readDocx(bytes);

  it("is a complete OOXML package", () => {
    for (const name of ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "docProps/core.xml", "docProps/app.xml"]) expect(doc.parts[name], name).toBeTruthy();
    expect(doc.parts["[Content_Types].xml"]).toContain("wordprocessingml.document.main+xml");
    expect(doc.parts["_rels/.rels"]).toContain(`Target="word/document.xml"`);
    expect(doc.parts["word/document.xml"]).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n<w:document /);
    // Every paragraph style the body uses is defined.
    for (const m of (doc.parts["word/document.xml"] ?? "").matchAll(/w:pStyle w:val="([^"]+)"/g)) expect(doc.parts["word/styles.xml"]).toContain(`w:styleId="${m[1]}"`);
  });

  it("has the three tables, each row spanning the whole grid, vMerge runs well formed", () => {
    expect(doc.tables).toHaveLength(3);
    expect(doc.tables.map((t) => t.grid)).toEqual([4, 10, 15]);
    for (const t of doc.tables) {
      for (const row of t.rows) expect(row.reduce((a, c) => a + c.span, 0)).toBe(t.grid);
      // A continuation sits under a restart or another continuation at the same grid column.
      const colOf = (row: Tc[], i: number) => row.slice(0, i).reduce((a, c) => a + c.span, 0);
      t.rows.forEach((row, r) =>
        row.forEach((c, i) => {
          if (c.vMerge !== "continue") return;
          const above = t.rows[r - 1] ?? [];
          const col = colOf(row, i);
          const j = above.findIndex((_, k) => colOf(above, k) === col);
          expect(above[j]?.vMerge, `table ${t.grid} row ${r} col ${col}`).not.toBeNull();
        }),
      );
    }
    const t3 = doc.tables[1];
    expect(t3?.rows[0]?.[0]).toMatchObject({ span: 3, vMerge: "restart" });
    expect(t3?.rows.flat().filter((c) => c.vMerge === "restart").map((c) => c.text)).toEqual(
      expect.arrayContaining(["三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理", "自然人", "总计"]),
    );
  });

  it("carries every figure and the prose", () => {
    const m = syntheticModel("2021");
    const cellTexts = doc.tables.flatMap((t) => t.rows.flat().map((c) => c.text));
    for (const v of Object.values(m.cells)) expect(cellTexts).toContain(String(v));
    expect(doc.text).toContain("全年共收到政府信息公开申请12件");
    expect(doc.text).toContain("2024年1月22日");
  });

  it("is reproducible byte for byte", () => {
    expect(Buffer.from(renderDocx(syntheticModel("2021"))).equals(Buffer.from(bytes))).toBe(true);
  });
});
