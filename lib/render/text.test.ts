import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { T3_ROWS } from "../catalog";
import { renderText, renderTextLines } from "./text";
import { sampleModel } from "./sample";
import { syntheticModel } from "./testing/models";

const SAMPLE = readFileSync(new URL("../../lib/ingest/__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
const EXPECTED = JSON.parse(readFileSync(new URL("../../lib/ingest/__fixtures__/panzhou/2024/expected.json", import.meta.url), "utf8"));

describe("renderText", () => {
  it("reproduces the 盘州 2024 sample byte for byte from its figures and prose", () => {
    const out = renderText(sampleModel(SAMPLE, EXPECTED));
    const got = out.split("\n");
    const want = SAMPLE.split("\n");
    // Line by line first, for a readable failure.
    for (let i = 0; i < Math.max(got.length, want.length); i++) expect(`${i}: ${got[i]}`).toBe(`${i}: ${want[i]}`);
    expect(out).toBe(SAMPLE);
  });

  it("writes a blank cell as a bare | and NA as '/ |'", () => {
    const m = syntheticModel("2021");
    const raw = { "t3.granted.commercial_enterprise": "", "t2.regulation.issued": "/" };
    const lines = renderTextLines({ ...m, raw, style: { punct: "half", wrapHeaderLabels: true, textTitle: false, htmlEntities: false } });
    const at = lines.indexOf("(一)予以公开 |");
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 2]).toBe("|");
    const reg = lines.indexOf("规章 |");
    expect(lines[reg + 1]).toBe("/ |");
  });

  it("prints every 2021 cell once, in catalog order inside each table", () => {
    const m = syntheticModel("2021");
    const text = renderText(m);
    for (const [key, v] of Object.entries(m.cells)) expect(text.split("\n").filter((l) => l === `${v} |` || l.startsWith(`${v} |`)).length, key).toBe(1);
  });

  it("lays out the 2019 format: 2019 表二 and a single （六）其他处理 row", () => {
    const text = renderText(syntheticModel("2019"));
    for (const label of ["本年新制作数量", "对外公开总数量", "其他对外管理服务事项", "政府集中采购", "采购总金额", "（六）其他处理 |"]) expect(text).toContain(label);
    expect(text).not.toContain("本年制发件数");
    expect(text).not.toContain("逾期不补正");
    const rows2019 = T3_ROWS.filter((r) => !r.derived && r.formats.includes("2019")).length;
    expect(rows2019).toBe(23);
  });

  it("keeps full-width punctuation in the full style and wraps no labels when asked", () => {
    const text = renderText(syntheticModel("2021", { style: { punct: "full", wrapHeaderLabels: false, textTitle: true, htmlEntities: false } }));
    expect(text).toContain("（一）予以公开 |");
    expect(text).toContain("商业企业 |");
    expect(text.split("\n")[0]).toBe("盘州市自然资源局2023年政府信息公开工作年度报告");
    expect(text.endsWith("2024年1月22日")).toBe(true);
  });
});
