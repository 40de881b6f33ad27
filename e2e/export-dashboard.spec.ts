/**
 * Chart and data export from the dashboards (issue #7): on the overview and on 盘州市人民政府's
 * agency page, PNG, SVG, CSV and XLSX of a chart through the figure's own download links, checked
 * against the chart's data table on the page; the whole view's pack; the English UI's downloads;
 * bad parameters (400) and signed-out requests (401) in the one error shape; print.
 *
 * Data: the demo corpus `npm start` loads (贵州, 盘州市人民政府 among it). Signed in as the admin.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type APIRequestContext, type Download, type Locator, type Page } from "@playwright/test";
import { SIGNED_OUT } from "./fixtures/accounts";

const ARTIFACTS = "e2e/artifacts";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function download(page: Page, figure: Locator, name: string): Promise<{ file: Download; bytes: Buffer; href: string }> {
  const link = figure.getByRole("link", { name, exact: true });
  const href = (await link.getAttribute("href")) ?? "";
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { file, bytes: readFileSync(await file.path()), href };
}

/** The trend chart's data table as [year, value as shown, numerator, denominator, reports]. */
async function trendTable(figure: Locator): Promise<string[][]> {
  await figure.getByText("数据表", { exact: true }).click();
  const out: string[][] = [];
  for (const row of await figure.locator("table tbody tr").all()) {
    // A value computed from a hand-corrected figure starts with its ✎ mark (the CSV has a column for it).
    const cells = (await row.locator("td").allTextContents()).map((c) => c.trim().replace(/^✎\s*/, "").replaceAll(",", ""));
    out.push(cells.slice(0, 5));
  }
  return out;
}

/** CSV columns: series, name, code, year, indicator, key, numerator, denominator, value, shown, reports, small. */
function csvRows(bytes: Buffer): { header: string; rows: string[][] } {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
  return { header: lines[0]!, rows: lines.slice(1).map((l) => l.split(",")) };
}

const asTable = (c: string[]) => [c[3]!, c[9]!, c[6]!, c[7]!, c[10]!];

async function xlsxRows(bytes: Buffer): Promise<{ names: string[]; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n === 1) return;
    const v = (i: number) => {
      const x = row.getCell(i).value;
      return typeof x === "string" || typeof x === "number" ? String(x) : "";
    };
    rows.push([v(4), v(10), v(7), v(8), v(11), v(3)]);
  });
  return { names: wb.worksheets.map((w) => w.name), rows };
}

/** PNG, SVG, CSV, XLSX of one figure, each checked; returns the CSV rows. */
/** `title`: the chart's title on the page; `imageTitle`: the image's, which names whose figures they are. */
async function exportFigure(page: Page, request: APIRequestContext, figure: Locator, title: string, imageTitle: string, artifact: string): Promise<string[][]> {
  const table = await trendTable(figure);
  expect(table.length).toBeGreaterThan(0);

  const png = await download(page, figure, "图片 PNG");
  expect(png.file.suggestedFilename()).toBe(`${imageTitle.replace(" · ", "_")}.png`);
  expect(png.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const head = await request.get(png.href);
  const width = Number(head.headers()["x-chart-width"]);
  const height = Number(head.headers()["x-chart-height"]);
  expect(width).toBeGreaterThan(400);
  expect(png.bytes.readUInt32BE(16)).toBe(2 * width);
  expect(png.bytes.readUInt32BE(20)).toBe(2 * height);
  expect(head.headers()["x-gongkai-font-warning"]).toBeUndefined();
  expect(head.headers()["content-disposition"]).toMatch(/filename="gongkai-[a-z]+-[A-Za-z0-9_.-]+\.png"; filename\*=UTF-8''/);
  await png.file.saveAs(`${ARTIFACTS}/${artifact}.png`);

  const svgFile = await download(page, figure, "矢量图 SVG");
  await svgFile.file.saveAs(`${ARTIFACTS}/${artifact}.svg`);
  const svg = svgFile.bytes.toString("utf8");
  expect(svg.startsWith("<svg")).toBe(true);
  expect(svg).toMatch(new RegExp(`<text[^>]*>${imageTitle}</text>`));
  expect(svg).toContain("数据来源：公开 Gongkai");
  expect(svg).toContain("font-family:'Noto Sans CJK SC'");

  const csv = csvRows((await download(page, figure, "数据 CSV")).bytes);
  expect(csv.header).toBe("系列,名称（地区/机关/类别）,代码,年度,指标,指标代码,分子,分母,数值,图中显示,报告数,样本较小,含手工更正数字");
  expect(csv.rows.map(asTable)).toEqual(table);

  const xlsx = await xlsxRows((await download(page, figure, "数据 Excel")).bytes);
  expect(xlsx.names[0]).toBe(title);
  expect(xlsx.rows.map((r) => r.slice(0, 5))).toEqual(table);
  return csv.rows;
}

test.describe("dashboard exports", () => {
  test.describe.configure({ timeout: 180_000 });

  test("overview: a chart's PNG, SVG, CSV and XLSX through its download links, the view's pack, print", async ({ page, request }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
    const figure = page.locator('figure[data-chart-id="trend-refusal_rate"]');
    await expect(figure.getByRole("heading", { name: "不予公开率", exact: true })).toBeVisible();
    const rows = await exportFigure(page, request, figure, "不予公开率", "贵州省 · 不予公开率", "export-overview-refusal-rate");
    expect(rows.every((r) => r[1] === "贵州省" && r[2] === "520000" && r[5] === "refusal_rate")).toBe(true);

    // Every chart of the page has the menu; the ranking's PNG too (bars, long names).
    const figures = page.locator("figure[data-chart-id]");
    expect(await figures.count()).toBeGreaterThanOrEqual(8);
    for (const f of await figures.all()) await expect(f.getByRole("link", { name: "图片 PNG", exact: true })).toHaveCount(1);
    const ranking = page.locator('figure[data-chart-id="ranking"]');
    const rankingPng = await download(page, ranking, "图片 PNG");
    expect(rankingPng.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    await rankingPng.file.saveAs(`${ARTIFACTS}/export-overview-ranking.png`);

    // The whole view: one workbook, a sheet per chart, and a README.
    const [pack] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /下载全部数据/ }).click()]);
    const bytes = readFileSync(await pack.path());
    await pack.saveAs(`${ARTIFACTS}/export-overview-pack.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain("不予公开率");
    expect(names).toContain("地区排名：不予公开率");
    expect(names[names.length - 1]).toBe("说明");
    expect(names).toHaveLength((await figures.count()) + 1);

    // Printing hides navigation, filters and download menus; the charts stay.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
    await expect(figure.getByRole("link", { name: "图片 PNG" })).toBeHidden();
    await expect(page.getByRole("link", { name: /下载全部数据/ })).toBeHidden();
    await expect(figure.getByRole("heading", { name: "不予公开率", exact: true })).toBeVisible();
  });

  test("盘州市人民政府's agency page: a chart's exports carry the agency's name and code", async ({ page, request }) => {
    await page.goto("/agencies?q=盘州市人民政府");
    await page.getByRole("link", { name: /^盘州市人民政府/ }).first().click();
    await expect(page).toHaveURL(/\/agencies\/[0-9a-f-]{36}/);
    const figure = page.locator('figure[data-chart-id="trend-refusal_rate"]');
    await expect(figure.getByRole("heading", { name: "不予公开率", exact: true })).toBeVisible();
    const rows = await exportFigure(page, request, figure, "不予公开率", "盘州市人民政府 · 不予公开率", "export-agency-panzhou-refusal-rate");
    expect(rows.every((r) => r[1] === "盘州市人民政府" && r[2] === "520281")).toBe(true);
    for (const id of ["outcomes", "applicants", "peer-band"]) {
      await expect(page.locator(`figure[data-chart-id="${id}"]`).getByRole("link", { name: "数据 CSV", exact: true })).toHaveCount(1);
    }
  });

  test("the English UI downloads English charts, on the dashboards and on /compare", async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: "lang", value: "en", url: baseURL! }]);
    await page.goto("/");
    const figure = page.locator('figure[data-chart-id="trend-refusal_rate"]');
    const link = figure.getByRole("link", { name: "Vector SVG", exact: true });
    await expect(link).toHaveAttribute("href", /[?&]lang=en(&|$)/);
    const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const svg = readFileSync(await file.path(), "utf8");
    expect(svg).toMatch(/<text[^>]*>[^<]* · Refusal share<\/text>/);
    expect(svg).toContain("Source: Gongkai");

    await page.goto("/compare?agency=520281&indicator=refusal_rate&view=bars");
    await expect(page.locator('figure[data-indicator="refusal_rate"]').getByRole("link", { name: "Vector SVG", exact: true })).toHaveAttribute("href", /[?&]lang=en(&|$)/);
  });

  test("bad parameters get a 400 saying what is wrong; signed out gets 401 in the same shape", async ({ request, browser }) => {
    for (const [qs, code, says] of [
      ["format=png&view=region&chart=nope", "unknown_chart", /trend-refusal_rate/],
      ["format=png&view=region", "missing_chart", /chart=/],
      ["format=csv&view=region&year=1999", "invalid_year", /1999/],
      ["format=csv&view=region&region=999999", "unknown_region", /999999/],
      ["format=csv&view=region&indicator=nope", "unknown_indicator", /nope/],
      ["format=csv&view=agency&agency=nobody", "invalid_agency", /nobody/],
      ["format=csv&view=agency&agency=00000000-0000-4000-8000-000000000000", "unknown_agency", /00000000/],
      ["format=pdf&view=region&chart=ranking", "invalid_format", /pdf/],
    ] as const) {
      const res = await request.get(`/api/export/${qs.startsWith("format=png") || qs.startsWith("format=pdf") ? "chart" : "data"}?${qs}`);
      expect(res.status(), qs).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, qs).toBe(code);
      expect(body.error.message).toMatch(says);
      expect(body.error.message).toMatch(/[\u4e00-\u9fff].*[A-Za-z]/);
    }
    // view=compare names the comparison explicitly: the same export as without it.
    const compare = await request.get("/api/export/data?format=csv&view=compare&agency=520281&indicator=refusal_rate");
    expect(compare.status()).toBe(200);
    expect((await compare.text()).split("\r\n")[0]).toBe("\uFEFF机关,行政区划代码,年度,指标,指标代码,分子,分母,数值,显示值,小样本,口径,年报有错误,含手工更正数字,不可能的值,说明");

    const anon = await browser.newContext({ storageState: SIGNED_OUT });
    for (const url of ["/api/export/chart?format=png&view=region&chart=ranking", "/api/export/data?format=csv&agency=520281"]) {
      const res = await anon.request.get(url);
      expect(res.status()).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "请先登录。 Sign in first.", zh: "请先登录。", en: "Sign in first." } });
    }
    await anon.close();
  });
});
