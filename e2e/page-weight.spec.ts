/**
 * Lighter dashboard pages: every chart is drawn as SVG in the server-rendered HTML, and ECharts
 * and a map's shapes (/api/geo, cached by the browser) are fetched only on the first interaction
 * with a chart; a chart's figures reach the browser once, and its data table is still in the HTML
 * for readers without JavaScript. Sizes are reported, not asserted (they depend on the corpus).
 */
import { expect, test } from "@playwright/test";
import { SIGNED_OUT } from "./fixtures/accounts";

test.describe("page weight", () => {
  test("the overview draws its charts from the HTML, and fetches ECharts and the map's shapes on the first interaction", async ({ page }) => {
    const html = await (await page.request.get("/")).text();
    // The page carries the map's figures but none of its coordinates in degrees (the shapes are drawn, as SVG).
    expect(html).toContain("gongkai-520000-prefecture");
    expect(html).not.toContain('"coordinates"');
    // Every chart is drawn in the server-rendered HTML: the map's region names and the trends' years.
    expect(html).toMatch(/<div data-chart-static=""[^>]*><svg /);
    expect(html).toMatch(/<text[^>]*>六盘水<\/text>/);
    expect(html).toMatch(/<text[^>]*>2024<\/text>/);
    // The chart tables are server-rendered: the 市州 rows are in the HTML before any script runs.
    expect(html).toContain("<table");
    expect(html).toMatch(/<td[^>]*>520200<\/td>/);
    console.log(`html-bytes / ${Buffer.byteLength(html)}`);

    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const figure = page.locator("figure", { has: page.locator("h3#map-title") });
    const chart = figure.locator('[data-chart="echarts"]');
    // Drawn without ECharts: the 9 市州 and the legend, no request for the shapes.
    await expect(chart.locator("svg path").nth(8)).toBeAttached();
    await expect(chart.locator("svg text", { hasText: "无数据" })).toHaveCount(1);
    await expect(page.locator('[data-chart-stage="static"]').first()).toBeAttached();
    await expect(page.locator('[data-chart-stage="drawn"]')).toHaveCount(0);
    expect(requested.filter((p) => p.startsWith("/api/geo/"))).toEqual([]);

    // Pointing at the map: its shapes arrive (cached by the browser) and ECharts takes over, with tooltips.
    const shapes = page.waitForResponse((r) => r.url().endsWith("/api/geo/gongkai-520000-prefecture"));
    await chart.scrollIntoViewIfNeeded();
    await chart.hover({ position: { x: 20, y: 20 } });
    const response = await shapes;
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("max-age=");
    const body = (await response.json()) as { geo: { features: { properties: { code: string } }[] } };
    expect(body.geo.features).toHaveLength(9);
    await expect(chart).toHaveAttribute("data-chart-stage", "drawn", { timeout: 30_000 });
    await expect(chart.locator("svg path").nth(8)).toBeAttached();
    await chart.locator("svg text", { hasText: "六盘水" }).hover({ force: true });
    await expect(chart.getByText("六盘水市", { exact: false }).first()).toBeVisible({ timeout: 10_000 });
    // The other charts are still the server's drawings: nothing was fetched for them.
    await expect(page.locator('[data-chart-stage="static"]').first()).toBeAttached();

    await figure.getByText("数据表", { exact: true }).click();
    await expect(figure.getByRole("table").locator("tbody tr")).toHaveCount(9);
  });

  test("a click on the server-drawn map, before ECharts has arrived, still opens the region", async ({ page }) => {
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const chart = page.locator("figure", { has: page.locator("h3#map-title") }).locator('[data-chart="echarts"]');
    await expect(chart).toHaveAttribute("data-chart-stage", "static");
    await chart.locator("svg text", { hasText: "六盘水" }).click({ force: true });
    await expect(page).toHaveURL(/\/regions\/520200/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1, name: "六盘水市" })).toBeVisible();
  });

  test("every dashboard chart is drawn by the server, and by ECharts once the reader points at it", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/regions/520200");
    const charts = page.locator('figure[data-chart-id] [data-chart="echarts"]');
    await expect(charts.first()).toBeAttached();
    const count = await charts.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) {
      const chart = charts.nth(i);
      await expect(chart.locator("[data-chart-static] svg text").first()).toBeAttached();
      await chart.scrollIntoViewIfNeeded();
      // The middle of the chart (its top edge may be under the sticky header).
      await chart.hover();
      await expect(chart).toHaveAttribute("data-chart-stage", "drawn", { timeout: 30_000 });
      await expect(chart.locator("[data-chart-static]")).toHaveCount(0);
      await expect(chart.locator("svg text").first()).toBeAttached();
    }
  });

  test.describe("signed out", () => {
    test.use({ storageState: SIGNED_OUT });

    test("/api/geo answers 401 without a session", async ({ request }) => {
      const r = await request.get("/api/geo/gongkai-520000-prefecture");
      expect(r.status()).toBe(401);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    });
  });

  test("/api/geo names what to do for an unknown map, in Chinese and English", async ({ request }) => {
    const r = await request.get("/api/geo/gongkai-999999-county");
    expect(r.status()).toBe(404);
    const { error } = (await r.json()) as { error: { code: string; zh: string; en: string } };
    expect(error.code).toBe("unknown_map");
    expect(error.zh).toContain("请从仪表盘页面打开地图");
    expect(error.en).toContain("open the map from a dashboard page");
  });
});

test.describe("report page weight", () => {
  test("a full report's HTML stays under 250 KB, and a cell's pop-up shows the line it was read from", async ({ page }) => {
    await page.goto("/agencies?q=盘州市人民政府");
    await page.getByRole("link", { name: /^盘州市人民政府/ }).first().click();
    await page.getByRole("link", { name: /2024/ }).first().click();
    await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
    const html = await (await page.request.get(page.url())).text();
    // Every cell of 表二–表四 is in the HTML (server-rendered), each figure's data once more in the payload.
    expect((html.match(/data-cell="t[234]\./g) ?? []).length).toBeGreaterThan(150);
    console.log(`report-html-bytes / ${Buffer.byteLength(html)}`);
    expect(Buffer.byteLength(html)).toBeLessThan(250 * 1024);

    const cell = page.locator('td[data-cell="t3.new_received.total"]');
    await cell.getByRole("button").click();
    const popover = page.getByRole("dialog", { name: /本年新收/ });
    await expect(popover).toBeVisible();
    await expect(popover).toContainText("原文");
    const context = popover.getByRole("list", { name: "原文上下文" });
    await expect(context).toBeVisible({ timeout: 30_000 });
    // The figure's line, highlighted, with the lines back to its row label (a table copied cell by cell).
    await expect(context).toContainText("本年新收");
    await expect(context.locator('li[aria-current="true"] mark')).toHaveText(/^\d+$/);
    await page.screenshot({ path: "e2e/artifacts/screens/report-popover-context-zh-1440.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "e2e/artifacts/screens/report-popover-context-zh-390.png" });
  });
});
