import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Download, type Locator, type Page } from "@playwright/test";
import { SIGNED_OUT } from "./fixtures/accounts";

const TITLE = "不予公开率对比（2021–2024年）";
const ARTIFACTS = "e2e/artifacts";

/** Builds the comparison the way a reader does: search, add, add a peer group, choose indicator and years. */
async function buildComparison(page: Page): Promise<Locator> {
  await page.goto("/compare");
  await expect(page.getByRole("heading", { level: 1, name: "对比" })).toBeVisible();

  const search = page.getByRole("search");
  await search.getByLabel("机关名称或行政区划代码").fill("盘州");
  await search.getByRole("button", { name: "搜索" }).click();
  await page.getByRole("link", { name: "添加 盘州市人民政府", exact: true }).click();
  await expect(page.locator("[data-agency]")).toContainText("盘州市人民政府");

  // With something chosen, adding folds away so the chart starts on the first screen: open it.
  await page.locator("summary", { hasText: "添加同类组" }).click();
  const group = page.locator("form").filter({ has: page.getByRole("button", { name: "添加该组" }) });
  await group.getByLabel("机关类型").selectOption("government");
  await group.getByLabel("层级").selectOption("county");
  await group.getByLabel("地区").selectOption("520200");
  await group.getByRole("button", { name: "添加该组" }).click();
  await expect(page.locator("[data-group]")).toContainText("六盘水市 · 县级人民政府");

  const settings = page.locator("form").filter({ has: page.getByRole("button", { name: "更新图表" }) });
  await settings.locator('select[name="indicator"]').selectOption(["refusal_rate"]);
  await settings.getByLabel("起始年份").selectOption("2021");
  await settings.getByLabel("截止年份").selectOption("2024");
  await settings.getByLabel("分组柱状图").check();
  await settings.getByRole("button", { name: "更新图表" }).click();

  await expect(page).toHaveURL(/group=government%3Acounty%3A5202&year=2021-2024&indicator=refusal_rate&view=bars/);
  const figure = page.locator('figure[data-indicator="refusal_rate"]');
  await expect(figure.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(figure.locator("[data-chart=echarts] svg")).toBeVisible();
  return figure;
}

/** The data-table alternative as [agency, admin code, year, numerator, denominator, as shown]. */
async function tableRows(figure: Locator): Promise<string[][]> {
  await figure.getByText("数据表", { exact: true }).click();
  const rows = figure.locator("table[data-compare-table] tbody tr");
  const out: string[][] = [];
  for (const row of await rows.all()) {
    const cells = (await row.locator("td").allTextContents()).map((c) => c.trim());
    out.push([cells[0]!, cells[1]!, cells[2]!, cells[3]!.replaceAll(",", ""), cells[4]!.replaceAll(",", ""), cells[5]!]);
  }
  return out;
}

async function download(page: Page, figure: Locator, name: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), figure.getByRole("link", { name, exact: true }).click()]);
  const path = await file.path();
  return { file, bytes: readFileSync(path) };
}

test.describe("compare", () => {
  test("builds a comparison in the UI and exports PNG, SVG, CSV and XLSX with the chart's figures", async ({ page }) => {
    const figure = await buildComparison(page);
    const rows = await tableRows(figure);
    // 盘州市 and the four county governments of 六盘水市 (盘州 among them, listed once) × 4 years.
    const agencies = [...new Set(rows.map((r) => r[0]))];
    expect(agencies[0]).toBe("盘州市人民政府");
    expect(agencies).toHaveLength(4);
    expect(rows).toHaveLength(16);
    expect(rows[0]!.slice(1, 3)).toEqual(["520281", "2021"]);
    await page.screenshot({ path: `${ARTIFACTS}/screens/compare-zh.png`, fullPage: true });

    // PNG: signature, and twice the chart's export size.
    const png = await download(page, figure, "图片 PNG");
    expect(png.file.suggestedFilename()).toBe("不予公开率对比_2021-2024.png");
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = Number(await figure.getAttribute("data-export-width"));
    const height = Number(await figure.getAttribute("data-export-height"));
    expect(png.bytes.readUInt32BE(16)).toBe(2 * width);
    expect(png.bytes.readUInt32BE(20)).toBe(2 * height);
    await png.file.saveAs(`${ARTIFACTS}/compare-refusal-rate.png`);

    // SVG: the Chinese title as text.
    const svg = (await download(page, figure, "矢量图 SVG")).bytes.toString("utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toMatch(new RegExp(`<text[^>]*>${TITLE}</text>`));
    expect(svg).toContain("数据来源：公开 Gongkai，各机关政府信息公开工作年度报告");

    // CSV: BOM, header, and the data table's rows.
    const csv = (await download(page, figure, "数据 CSV")).bytes;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("机关,行政区划代码,年度,指标,指标代码,分子,分母,数值,显示值,小样本,口径,年报有错误,含手工更正数字,不可能的值,说明");
    const csvRows = lines.slice(1).map((l) => l.split(","));
    expect(csvRows.map((c) => [c[0], c[1], c[2], c[5], c[6], c[8]])).toEqual(rows);
    expect(csvRows.every((c) => c[4] === "refusal_rate")).toBe(true);

    // XLSX: the same rows, opened with exceljs.
    const xlsx = (await download(page, figure, "数据 Excel")).bytes;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("不予公开率");
    const sheetRows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = (i: number) => {
        const x = row.getCell(i).value;
        return typeof x === "string" || typeof x === "number" ? String(x) : "";
      };
      sheetRows.push([v(1), v(2), v(3), v(6), v(7), v(9)]);
    });
    expect(sheetRows).toEqual(rows);
  });

  test("the comparison pack, bad parameters and print", async ({ page, request, browser }) => {
    const figure = await buildComparison(page);
    const [pack] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /下载对比数据包/ }).click()]);
    const bytes = readFileSync(await pack.path());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["不予公开率", "说明"]);
    const readme = wb.getWorksheet("说明")!.getSheetValues().flat().map((v) => (typeof v === "string" ? v : "")).join("\n");
    expect(readme).toContain("不予公开率 = 不予公开（8类合计）÷ 本年办理结果总计");

    // The same query string, straight to the API: bad input is a 400 with a bilingual message.
    for (const [qs, code] of [
      ["format=csv&agency=nobody", "invalid_agency"],
      ["format=csv&agency=520281&year=2024-2021", "years_reversed"],
      ["format=png&agency=520281&indicator=nope", "unknown_indicator"],
      ["format=csv&agency=00000000-0000-4000-8000-000000000000", "unknown_agency"],
      ["format=csv", "no_agencies"],
      ["format=pdf&agency=520281", "invalid_format"],
    ] as const) {
      const res = await request.get(`/api/export/${qs.startsWith("format=png") ? "chart" : "data"}?${qs}`);
      expect(res.status(), qs).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(/[\u4e00-\u9fff].*[A-Za-z]/);
    }
    // Signed out: 401, never data.
    const anon = await browser.newContext({ storageState: SIGNED_OUT });
    const res = await anon.request.get(`/api/export/data?format=csv&agency=520281`);
    expect(res.status()).toBe(401);
    await anon.close();

    // Printing hides the site navigation and the controls, and keeps the chart.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
    await expect(page.getByRole("button", { name: "更新图表" })).toBeHidden();
    await expect(figure.getByRole("link", { name: "图片 PNG" })).toBeHidden();
    await expect(figure.getByRole("heading", { name: TITLE })).toBeVisible();
  });
});
