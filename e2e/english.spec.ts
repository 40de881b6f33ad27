/**
 * Issue #18 point 6, English complete: region names in pinyin across the English UI (the
 * overview's map and its table, the region page's heading, breadcrumbs and sub-regions, the
 * agencies list, the peer-group chips of /compare), and no stray English in the Chinese UI's
 * headings, badges and status words. Screenshots in zh and en at 1440 px and 390 px
 * (e2e/artifacts/screens/english-*.png).
 * Data: the e2e demo corpus (六盘水市 2019–2024 plus every county government's 2024 report).
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "./fixtures/shell";

type Lang = "zh" | "en";
const WIDTHS = [
  { name: "1440", width: 1440, height: 900 },
  { name: "390", width: 390, height: 844 },
] as const;

async function setLang(page: Page, lang: Lang): Promise<void> {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error("playwright.config.ts must set use.baseURL");
  await page.context().addCookies([{ name: "lang", value: lang, url: baseURL }]);
}

function mapFigure(page: Page): Locator {
  return page.locator("figure", { has: page.locator("h3#map-title") });
}

async function mapDrawn(figure: Locator, shapes: number): Promise<void> {
  await expect(figure.locator('[data-chart="echarts"] svg path').nth(shapes - 1)).toBeAttached({ timeout: 60_000 });
}

async function openTable(figure: Locator, label: string): Promise<Locator> {
  if ((await figure.locator("details").first().getAttribute("open")) === null) await figure.getByText(label, { exact: true }).click();
  return figure.getByRole("table").locator("tbody tr");
}

async function shot(page: Page, name: string, lang: Lang, fullPage = false): Promise<void> {
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/english-${name}-${lang}-${w.name}.png`, fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Latin letters in a text, ignoring codes, numbers and the app's Latin name. */
const LATIN_WORD = /[A-Za-z]{2,}/;

test.describe("English complete (issue #18 point 6)", () => {
  test.describe.configure({ timeout: 300_000 });

  test("the English overview names the 市州 in pinyin on the map and in its table", async ({ page }) => {
    await setLang(page, "en");
    await page.goto("/?year=2024");
    const figure = mapFigure(page);
    await expect(figure.getByRole("heading", { level: 3, name: /^Guizhou Province · / })).toBeVisible();
    await mapDrawn(figure, 9);
    await expect(figure.locator("svg text", { hasText: /^Liupanshui$/ })).toHaveCount(1);
    await expect(figure.locator("svg text", { hasText: /^Qiannan$/ })).toHaveCount(1);
    await expect(figure.locator("svg text", { hasText: /[\u4e00-\u9fff]/ })).toHaveCount(0);
    const rows = await openTable(figure, "Data table");
    await expect(rows).toHaveCount(9);
    const lps = rows.filter({ hasText: "Liupanshui City" });
    await expect(lps.getByRole("link", { name: "Liupanshui City" })).toHaveAttribute("href", /^\/regions\/520200(\?|$)/);
    await expect(rows.filter({ hasText: "Qiannan Buyei and Miao Autonomous Prefecture" })).toHaveCount(1);
    await figure.scrollIntoViewIfNeeded();
    await shot(page, "overview-map", "en");
    // The regions' ranking and outcome mix wrap the long English names rather than cutting them.
    for (const id of ["ranking", "outcomes"]) {
      const chart = page.locator(`figure[data-chart-id="${id}"]`);
      await expect(chart.locator('[data-chart="echarts"] svg').first()).toBeVisible({ timeout: 60_000 });
      await expect(chart.locator("svg text", { hasText: /^Qiannan Buyei/ })).toHaveCount(1);
      await expect(chart.locator("svg text", { hasText: /(\.\.\.|…)$/ })).toHaveCount(0);
    }
    await page.locator('figure[data-chart-id="ranking"]').scrollIntoViewIfNeeded();
    await shot(page, "overview-ranking", "en");

    await setLang(page, "zh");
    await page.goto("/?year=2024");
    const zh = mapFigure(page);
    await mapDrawn(zh, 9);
    await expect(zh.locator("svg text", { hasText: /^六盘水$/ })).toHaveCount(1);
    await expect(zh.locator("svg text", { hasText: LATIN_WORD })).toHaveCount(0);
    await zh.scrollIntoViewIfNeeded();
    await shot(page, "overview-map", "zh");
  });

  test("the English region page: heading, breadcrumbs, sub-regions and county map in pinyin", async ({ page }) => {
    await setLang(page, "en");
    await page.goto("/regions/520200?year=2024");
    await expect(page.getByRole("heading", { level: 1, name: "Liupanshui City" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumbs" }).getByRole("link", { name: "Guizhou Province" })).toBeVisible();
    const children = page.getByRole("region", { name: "Sub-regions" });
    for (const name of ["Zhongshan District", "Liuzhi Special District", "Shuicheng District", "Panzhou City"]) {
      await expect(children.getByRole("link", { name, exact: true })).toBeVisible();
    }
    const figure = mapFigure(page);
    await expect(figure.getByRole("heading", { level: 3, name: /^Liupanshui City · / })).toBeVisible();
    await mapDrawn(figure, 4);
    await expect(figure.locator("svg text", { hasText: /^Panzhou$/ })).toHaveCount(1);
    await shot(page, "region-520200", "en");
    await figure.scrollIntoViewIfNeeded();
    await shot(page, "region-520200-map", "en");

    // A township's page: 普古彝族苗族乡 with its nationalities.
    await page.goto("/regions/520281211");
    await expect(page.getByRole("heading", { level: 1, name: "Pugu Yi and Miao Ethnic Township" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumbs" }).getByRole("link", { name: "Panzhou City" })).toBeVisible();

    await setLang(page, "zh");
    await page.goto("/regions/520200?year=2024");
    await expect(page.getByRole("heading", { level: 1, name: "六盘水市" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "层级导航" }).getByRole("link", { name: "贵州省" })).toBeVisible();
    await shot(page, "region-520200", "zh");
  });

  test("English agencies list and /compare chips name regions in pinyin", async ({ page }) => {
    await setLang(page, "en");
    await page.goto("/agencies?q=盘州市人民政府");
    await expect(page.getByRole("link", { name: "Panzhou City", exact: true }).first()).toBeVisible();
    await shot(page, "agencies", "en");

    await page.goto("/compare?group=government:county:5202&indicator=refusal_rate&view=bars");
    await expect(page.locator("[data-group]")).toContainText("All county governments in Liupanshui City");
    await shot(page, "compare", "en");

    // A ranking of the province's 88 county governments names each government in English.
    await page.goto("/compare?group=government:county:52&indicator=refusal_rate&view=ranking");
    await expect(page.locator("[data-group]")).toContainText("All county governments in Guizhou Province");
    const chart = page.locator('figure[data-indicator="refusal_rate"]');
    await expect(chart.locator('[data-chart="echarts"] svg').first()).toBeVisible({ timeout: 60_000 });
    await expect(chart.locator("svg text", { hasText: /^Panzhou Municipal/ }).first()).toBeAttached();
    // Long names wrap over two lines; none is cut with an ellipsis.
    await expect(chart.locator("svg text", { hasText: /(\.\.\.|…)$/ })).toHaveCount(0);
    await chart.scrollIntoViewIfNeeded();
    await shot(page, "compare-ranking", "en");
  });

  test("the Chinese UI has no stray English in headings, navigation, badges and status words", async ({ page }) => {
    await setLang(page, "zh");
    // The report page of 盘州市人民政府's latest report.
    await page.goto("/agencies/520281");
    const reportHref = await page.locator('a[href^="/reports/"]').first().getAttribute("href");
    expect(reportHref).toBeTruthy();
    const pages: { name: string; path: string }[] = [
      { name: "overview", path: "/?year=2024" },
      { name: "region", path: "/regions/520200?year=2024" },
      { name: "agencies", path: "/agencies" },
      { name: "compare", path: "/compare?group=government:county:5202&indicator=refusal_rate&view=bars" },
      { name: "quality", path: "/quality" },
      { name: "report", path: reportHref! },
      { name: "upload", path: "/upload" },
      { name: "admin", path: "/admin/users" },
    ];
    for (const p of pages) {
      await page.goto(p.path);
      await expect(page.locator("h1").first()).toBeVisible();
      // Headings and the main navigation are Chinese.
      for (const h of await page.locator("main h1, main h2").allInnerTexts()) expect(h, `${p.name}: heading "${h}"`).not.toMatch(LATIN_WORD);
      for (const l of await page.getByRole("navigation", { name: "主导航" }).getByRole("link").allInnerTexts()) expect(l, `${p.name}: nav "${l}"`).not.toMatch(LATIN_WORD);
      // Badges, pills and status words: short labels set apart from the text.
      const badges = await page.locator('main [class*="badge"], main [class*="pill"], main [class*="status"], main [class*="tag"]').allInnerTexts();
      for (const b of badges) expect(b, `${p.name}: badge "${b}"`).not.toMatch(LATIN_WORD);
      await shot(page, `zh-${p.name}`, "zh");
    }
    // The file input's button and "nothing chosen" are ours in Chinese, not the browser's English.
    await page.goto("/upload");
    const picker = page.locator("form").filter({ has: page.locator('input[type="file"]') });
    await expect(picker.getByText("浏览…", { exact: true })).toBeVisible();
    await expect(picker.locator("[data-file-names]")).toHaveText("未选择文件");
    expect((await picker.locator('input[type="file"]').boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    await picker.getByLabel("选择文件").setInputFiles({ name: "样例.txt", mimeType: "text/plain", buffer: Buffer.from("x") });
    await expect(picker.locator("[data-file-names]")).toHaveText("样例.txt");
  });
});
