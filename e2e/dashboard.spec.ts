/**
 * Dashboards: overview, the drill-down 贵州省 → 六盘水市 → 盘州市, 盘州市人民政府's 2024 report,
 * an agency page and the agency list, with a screenshot of each in e2e/artifacts/screens/.
 *
 * Data: the demo corpus that `npm start` loads into the fresh e2e database (贵州 2019–2024,
 * including 盘州市人民政府). If 盘州市人民政府 2024 is missing (corpus not wired yet), the test
 * uploads the sample report through /upload as the demo oversight user first.
 * Signed in as the demo admin (the setup project's storageState); published figures are visible
 * to every signed-in user.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures/accounts";
import { SCREENSHOT_DIR } from "./fixtures/shell";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt");

async function ensurePanzhou2024(page: Page): Promise<void> {
  await page.goto("/regions/520281");
  if ((await page.getByRole("link", { name: "盘州市人民政府 2024" }).count()) > 0) return;
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const up = await ctx.newPage();
  await signInAs(up, "oversight@demo.local", "gongkai-demo", "/upload");
  await up.getByLabel("选择文件").setInputFiles({ name: "盘州市2024年政府信息公开年报.txt", mimeType: "text/plain", buffer: SAMPLE });
  await up.getByRole("button", { name: "上传并解析" }).click();
  await expect(up.locator('[data-status="created"], [data-status="skipped"]')).toBeVisible({ timeout: 60_000 });
  await ctx.close();
}

async function chartsDrawn(page: Page): Promise<void> {
  // ECharts draws SVG into each chart container once the client leaf has mounted.
  await expect(page.locator('[data-chart="echarts"] svg').first()).toBeVisible({ timeout: 30_000 });
}

test.describe("dashboards", () => {
  // Several full pages with charts per test, on a 2-core machine.
  test.describe.configure({ timeout: 120_000 });

  test("overview, drill-down to 盘州市 and its government's 2024 report", async ({ page }) => {
    await ensurePanzhou2024(page);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /^主要指标 · \d{4}$/ })).toBeVisible();
    await expect(page.getByRole("search", { name: "筛选" }).getByLabel("指标")).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "不予公开率", exact: true })).toHaveAttribute("title", /计算公式：不予公开率 =/);
    await chartsDrawn(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-overview.png`, fullPage: true });

    await page.setViewportSize({ width: 820, height: 1100 });
    await page.reload();
    await chartsDrawn(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-overview-tablet.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The data-table alternative carries the same numbers.
    const ranking = page.locator("figure", { has: page.getByRole("heading", { name: /^地区排名/ }) });
    await ranking.getByText("数据表").click();
    await expect(ranking.getByRole("table").getByRole("columnheader", { name: "分母" })).toBeVisible();

    await page.goto("/regions");
    await expect(page.getByRole("heading", { level: 1, name: "贵州省" })).toBeVisible();
    await page.getByRole("region", { name: "下级地区" }).getByRole("link", { name: "六盘水市" }).click();
    await expect(page).toHaveURL(/\/regions\/520200/);
    await expect(page.getByRole("heading", { level: 1, name: "六盘水市" })).toBeVisible();
    await chartsDrawn(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-region-520200.png`, fullPage: true });

    await page.getByRole("region", { name: "下级地区" }).getByRole("link", { name: "盘州市" }).click();
    await expect(page).toHaveURL(/\/regions\/520281/);
    await expect(page.getByRole("heading", { level: 1, name: "盘州市" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "层级导航" }).getByRole("link", { name: "六盘水市" })).toBeVisible();
    await chartsDrawn(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-region-520281.png`, fullPage: true });

    await page.getByRole("link", { name: "盘州市人民政府 2024" }).click();
    await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}/);
  });

  test("agency list and an agency page with its peers", async ({ page }) => {
    await ensurePanzhou2024(page);
    await page.goto("/agencies?q=盘州市人民政府");
    await expect(page.getByRole("heading", { level: 1, name: "机关" })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-agencies.png`, fullPage: true });
    await page.getByRole("link", { name: /^盘州市人民政府/ }).first().click();
    await expect(page).toHaveURL(/\/agencies\/[0-9a-f-]{36}/);
    await expect(page.getByRole("heading", { level: 2, name: "历年年报" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "与同类机关比较" })).toBeVisible();
    await chartsDrawn(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-agency.png`, fullPage: true });
    await page.getByRole("link", { name: "2024", exact: true }).first().click();
    await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}/);
  });
});
