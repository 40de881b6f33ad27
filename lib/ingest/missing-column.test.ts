/**
 * A table printed without one of its columns (an agency that drops 表三's 总计 column, or its
 * 其他 column) is read for the columns it prints; the missing column's cells stay unread — never
 * recorded as stated blanks — so coverage says "partial" and an issue names the column.
 * Built from a real producer's layout: `pdftotext -layout` of a LibreOffice-ruled report, with the
 * column cut out of 表三 as the agency would have printed it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "./analyze";

const DIR = path.join(__dirname, "__fixtures__/producers");
const TEXT = readFileSync(path.join(DIR, "pdftotext-layout/lo-ruled-520200-gov-2023/input.txt"), "utf8");
const EXPECTED = JSON.parse(readFileSync(path.join(DIR, "libreoffice/ruled-520200-gov-2023/expected.json"), "utf8")) as {
  cells: Record<string, number | null>;
};

/** 表三's lines: from its header to 表四's heading. */
function t3Bounds(lines: string[]): [number, number] {
  const from = lines.findIndex((l) => l.includes("申请人情况"));
  const to = lines.findIndex((l, i) => i > from && l.includes("行政复议、行政诉讼情况"));
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return [from, to];
}

/** The text with 表三's last (总计) column cut out: its heading blanked, each row's last value dropped. */
function withoutTotalColumn(text: string): string {
  const lines = text.split("\n");
  const [from, to] = t3Bounds(lines);
  for (let i = from; i < to; i++) {
    const l = lines[i] as string;
    if (l.includes("总计") && !l.includes("（七）")) lines[i] = l.replace("总计", "    ");
    else if ((l.match(/\d+/gu) ?? []).filter((n) => !/^\d+\.$/u.test(n)).length >= 7) lines[i] = l.replace(/\s+\d+\s*$/u, "");
  }
  return lines.join("\n");
}

describe("a table printed without one of its columns", () => {
  it("reads the columns printed and leaves 表三's 总计 unread, with coverage partial and an issue naming it", async () => {
    const text = withoutTotalColumn(TEXT);
    expect(text).not.toBe(TEXT);
    const line = toDryRunLine("report.txt", await analyzeDocument(new TextEncoder().encode(text), "report.txt"));
    const cells = line.cells ?? {};
    const t3 = Object.keys(EXPECTED.cells).filter((k) => k.startsWith("t3."));
    const totals = t3.filter((k) => k.endsWith(".total"));
    const others = t3.filter((k) => !k.endsWith(".total"));
    expect(totals.length).toBe(25);
    // Every printed figure is read as the agency printed it…
    expect(Object.fromEntries(others.map((k) => [k, cells[k]]))).toEqual(Object.fromEntries(others.map((k) => [k, EXPECTED.cells[k]])));
    // …and the column it did not print is neither a value nor a stated blank.
    for (const k of totals) {
      expect(cells[k] ?? null, k).toBeNull();
      expect(line.null_reasons?.[k], k).not.toBe("blank");
    }
    expect(line.coverage?.t3?.status).toBe("partial");
    expect(line.coverage?.t3?.read).toBe((line.coverage?.t3?.of ?? 0) - totals.length);
    expect(line.issues.map((i) => i.message).join("\n")).toMatch(/表三: the header prints no column for 总计/u);
  });

  it("a 总计 column the header prints, left blank in every row, is still read as stated blanks", async () => {
    const lines = TEXT.split("\n");
    const [from, to] = t3Bounds(lines);
    for (let i = from; i < to; i++) {
      const l = lines[i] as string;
      if ((l.match(/\d+/gu) ?? []).filter((n) => !/^\d+\.$/u.test(n)).length >= 7) lines[i] = l.replace(/\s+\d+\s*$/u, "");
    }
    const line = toDryRunLine("report.txt", await analyzeDocument(new TextEncoder().encode(lines.join("\n")), "report.txt"));
    const totals = Object.keys(EXPECTED.cells).filter((k) => k.startsWith("t3.") && k.endsWith(".total"));
    for (const k of totals) expect(line.null_reasons?.[k], k).toBe("blank");
    expect(line.coverage?.t3?.status).toBe("complete");
  });
});
