/**
 * The dashboard map: the overview's 市州 map (with its data table), the 88-county view, and the
 * drill-down to 六盘水市's county map. Screenshots of the map figure at desktop and tablet width in
 * e2e/artifacts/screens/. Data: the demo corpus (六盘水市's agencies), signed in as the demo admin.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "./fixtures/shell";

function mapFigure(page: Page): Locator {
  return page.locator("figure", { has: page.locator("h3#map-title") });
}

async function mapDrawn(figure: Locator): Promise<void> {
  // The client leaf registers the shapes and ECharts draws one SVG path per region.
  await expect(figure.locator('[data-chart="echarts"] svg path').nth(8)).toBeAttached({ timeout: 30_000 });
}

/** Region shapes filled with a data colour (not the no-data grey, not the legend's gradient). */
function colouredRegions(figure: Locator): Promise<number> {
  return figure.locator("svg path").evaluateAll(
    (paths) =>
      paths.filter((p) => {
        const fill = p.getAttribute("fill") ?? "";
        return (p.getAttribute("d") ?? "").length > 200 && /^(#|rgb)/i.test(fill) && !/^#e6e8eb$/i.test(fill);
      }).length,
  );
}

async function tableRows(figure: Locator): Promise<Locator> {
  // A client-side navigation keeps an opened <details> open.
  if ((await figure.locator("details").getAttribute("open")) === null) await figure.getByText("数据表", { exact: true }).click();
  return figure.getByRole("table").locator("tbody tr");
}

test.describe("dashboard map", () => {
  test.describe.configure({ timeout: 120_000 });

  test("overview map of the 9 市州, its table, and the drill-down to 六盘水市's counties", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 2, name: /^地图 · .+ · \d{4}$/ })).toBeVisible();
    const figure = mapFigure(page);
    await expect(figure.getByRole("heading", { level: 3, name: /^贵州省 · / })).toBeVisible();
    await expect(figure.getByText(/计算公式|=/).first()).toBeVisible();
    await mapDrawn(figure);
    await expect(figure.locator("svg text", { hasText: "六盘水" })).toHaveCount(1);
    await expect(figure.locator("svg text", { hasText: "无数据" })).toHaveCount(1);
    // The e2e corpus holds 六盘水市 and every county government's 2024 report: all 9 市州 have data.
    await expect.poll(() => colouredRegions(figure)).toBe(9);
    await figure.scrollIntoViewIfNeeded();
    await figure.screenshot({ path: `${SCREENSHOT_DIR}/map-overview.png` });

    const rows = await tableRows(figure);
    await expect(rows).toHaveCount(9);
    const lps = rows.filter({ hasText: "六盘水市" });
    await expect(lps.locator("td").nth(1)).toHaveText("520200");
    // A value (a percentage or a number), not "—".
    await expect(lps.locator("td").nth(2)).toHaveText(/\d/);

    // The 88-county view, with the switch.
    await page.getByRole("navigation", { name: "地图显示" }).getByRole("link", { name: "各县（市、区）" }).click();
    await expect(page).toHaveURL(/map=county/);
    const counties = mapFigure(page);
    await mapDrawn(counties);
    await expect(counties.locator("svg path").nth(87)).toBeAttached();
    await counties.scrollIntoViewIfNeeded();
    await counties.screenshot({ path: `${SCREENSHOT_DIR}/map-overview-counties.png` });
    await expect(await tableRows(counties)).toHaveCount(88);
    // The county map downloads like every chart: an SVG drawn on the server with its shapes and title.
    const [download] = await Promise.all([page.waitForEvent("download"), counties.getByRole("link", { name: "矢量图 SVG", exact: true }).click()]);
    const svg = readFileSync(await download.path(), "utf8");
    expect(svg).toContain("贵州省 · ");
    expect(svg).not.toContain("贵州省 · 贵州省");
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(88);
    const [data] = await Promise.all([page.waitForEvent("download"), counties.getByRole("link", { name: "数据 CSV", exact: true }).click()]);
    const csvLines = readFileSync(await data.path(), "utf8").trim().split(/\r?\n/);
    expect(csvLines).toHaveLength(89);

    // Following the table's link keeps the year and opens 六盘水市 with its counties' map.
    await page.goto("/");
    const again = mapFigure(page);
    const link = (await tableRows(again)).filter({ hasText: "六盘水市" }).getByRole("link", { name: "六盘水市" });
    await expect(link).toHaveAttribute("href", /^\/regions\/520200(\?|$)/);
    await link.click();
    await expect(page).toHaveURL(/\/regions\/520200/);
    await expect(page.getByRole("heading", { level: 1, name: "六盘水市" })).toBeVisible();
    const pref = mapFigure(page);
    await expect(pref.getByRole("heading", { level: 3, name: /^六盘水市 · / })).toBeVisible();
    await expect(pref.locator('[data-chart="echarts"] svg path').nth(3)).toBeAttached({ timeout: 30_000 });
    await expect(pref.locator("svg text", { hasText: "盘州" })).toHaveCount(1);
    await expect.poll(() => colouredRegions(pref)).toBeGreaterThanOrEqual(4);
    await pref.scrollIntoViewIfNeeded();
    await pref.screenshot({ path: `${SCREENSHOT_DIR}/map-region-520200.png` });
    const countyRows = await tableRows(pref);
    await expect(countyRows).toHaveCount(4);
    await expect(countyRows.filter({ hasText: "盘州市" }).locator("td").nth(2)).toHaveText(/\d/);

    // Clicking a county on the map opens its page.
    const panzhou = pref.locator("svg text", { hasText: "盘州" });
    await panzhou.click({ force: true });
    await expect(page).toHaveURL(/\/regions\/520281/, { timeout: 30_000 });
    // A county's page has no map: one shape says nothing.
    await expect(page.getByRole("heading", { level: 1, name: "盘州市" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /^地图 · / })).toHaveCount(0);
  });

  test("tablet width: the map and its legend fit", async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto("/");
    const figure = mapFigure(page);
    await mapDrawn(figure);
    await figure.scrollIntoViewIfNeeded();
    await figure.screenshot({ path: `${SCREENSHOT_DIR}/map-overview-tablet.png` });
    const box = await figure.boundingBox();
    expect(box?.width ?? 0).toBeLessThanOrEqual(768);
    await page.goto("/regions/520200");
    const pref = mapFigure(page);
    await expect(pref.locator('[data-chart="echarts"] svg path').nth(3)).toBeAttached({ timeout: 30_000 });
    await pref.scrollIntoViewIfNeeded();
    await pref.screenshot({ path: `${SCREENSHOT_DIR}/map-region-520200-tablet.png` });

    // Page weight with the shapes (reported, not asserted: it depends on the corpus).
    for (const url of ["/", "/?map=county", "/regions/520200", "/regions/520281"]) {
      const body = await (await page.request.get(url)).body();
      test.info().annotations.push({ type: "html-bytes", description: `${url} ${body.length}` });
      console.log(`html-bytes ${url} ${body.length}`);
    }
  });
});
