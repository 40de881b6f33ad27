import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { renderPdf, wrapText } from "./pdf";
import { sampleModel } from "./sample";
import { syntheticModel } from "./testing/models";

const SAMPLE = readFileSync(new URL("../../lib/ingest/__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");
const EXPECTED = JSON.parse(readFileSync(new URL("../../lib/ingest/__fixtures__/panzhou/2024/expected.json", import.meta.url), "utf8"));

async function pages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString("latin1");

describe("renderPdf", () => {
  const model = { ...sampleModel(SAMPLE, EXPECTED), publishedOn: "2025-01-20", issuer: "盘州市人民政府办公室" };
  const bytes = renderPdf(model);

  it("uses a non-embedded STSong-Light Type0 font with Identity-H and a ToUnicode map", () => {
    const s = latin1(bytes);
    expect(s.startsWith("%PDF-1.5")).toBe(true);
    expect(s).toContain("/Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H");
    expect(s).toContain("/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>");
    expect(s).toMatch(/\/ToUnicode \d+ 0 R/);
    expect(s).not.toContain("/FontFile");
  });

  it("has a correct cross-reference table", () => {
    const s = latin1(bytes);
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)?.[1]);
    expect(s.slice(xrefAt, xrefAt + 4)).toBe("xref");
    const entries = s.slice(xrefAt).split("\n").slice(3).filter((l) => / n $/.test(l));
    entries.forEach((e, i) => expect(s.slice(Number(e.slice(0, 10)), Number(e.slice(0, 10)) + 12)).toMatch(new RegExp(`^${i + 1} 0 obj`)));
  });

  it("gives pdf.js (unpdf) the right Chinese text, with 表三 split over two pages", async () => {
    const text = await pages(bytes);
    expect(text.length).toBeGreaterThanOrEqual(3);
    const all = text.join("\n");
    for (const s of ["2024年政府信息公开工作年度报告", "收到依申请公开信件33件", "（本列数据的勾稽关系为", "申请人情况", "危及“三安全一稳定”", "中国·贵州", "未经复议直接起诉", "2025年1月20日"]) {
      expect(all.replace(/[()（）:：,，]/g, "")).toContain(s.replace(/[()（）:：,，]/g, ""));
    }
    const first = text.findIndex((p) => p.includes("一、本年新收政府信息公开申请数量"));
    const last = text.findIndex((p) => p.includes("四、结转下年度继续办理"));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(last).toBeGreaterThan(first);
    text.forEach((p, i) => expect(p).toContain(`— ${i + 1} —`));
    expect(all).toMatch(/一、本年新收政府信息公开申请数量\s*33\s+0\s+0\s+0\s+0\s+0\s+33/);
  });

  it("prints every figure of a synthetic report where pdf.js finds it", async () => {
    const m = syntheticModel("2019");
    const all = (await pages(renderPdf(m))).join("\n");
    for (const v of Object.values(m.cells)) expect(all).toMatch(new RegExp(`(^|\\s)${String(v).replace(".", "\\.")}(\\s|$)`));
    expect(all).toContain("其他对外管理服务事项");
  });

  it("is reproducible byte for byte", () => {
    expect(Buffer.from(renderPdf(model)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("keeps digit runs whole when wrapping", () => {
    const lines = wrapText("收到申请12345件".repeat(8), 10, 100);
    for (const l of lines) expect(l).not.toMatch(/^\d{1,4}件/);
  });

  it.runIf(existsSync("/usr/bin/pdftotext"))("reads the same with poppler's pdftotext", () => {
    const dir = mkdtempSync(join(tmpdir(), "gongkai-pdf-"));
    const file = join(dir, "r.pdf");
    writeFileSync(file, bytes);
    const out = execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
    expect(out).toContain("行政规范性文件");
    expect(out).toContain("盘州市人民政府办公室");
  });
});
