/**
 * Lighter dashboard pages: a map's shapes come from /api/geo (cached by the browser), not inside
 * the page; a chart's figures reach the browser once, and its data table is still in the HTML for
 * readers without JavaScript. Sizes are reported, not asserted (they depend on the corpus).
 */
import { expect, test } from "@playwright/test";
import { SIGNED_OUT } from "./fixtures/accounts";

test.describe("page weight", () => {
  test("the overview fetches its map's shapes apart and still draws the map and its table", async ({ page }) => {
    const html = await (await page.request.get("/")).text();
    // The page carries the map's figures but none of its coordinates.
    expect(html).toContain("gongkai-520000-prefecture");
    expect(html).not.toContain('"coordinates"');
    // The chart tables are server-rendered: the 市州 rows are in the HTML before any script runs.
    expect(html).toContain("<table");
    expect(html).toMatch(/<td[^>]*>520200<\/td>/);
    console.log(`html-bytes / ${Buffer.byteLength(html)}`);

    const shapes = page.waitForResponse((r) => r.url().endsWith("/api/geo/gongkai-520000-prefecture"));
    await page.goto("/");
    const response = await shapes;
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("max-age=");
    const body = (await response.json()) as { geo: { features: { properties: { code: string } }[] } };
    expect(body.geo.features).toHaveLength(9);

    const figure = page.locator("figure", { has: page.locator("h3#map-title") });
    await expect(figure.locator('[data-chart="echarts"] svg path').nth(8)).toBeAttached({ timeout: 30_000 });
    await figure.getByText("数据表", { exact: true }).click();
    await expect(figure.getByRole("table").locator("tbody tr")).toHaveCount(9);
  });

  test("every dashboard chart still draws once the chart library arrives", async ({ page }) => {
    await page.goto("/regions/520200");
    const charts = page.locator('figure[data-chart-id] [data-chart="echarts"]');
    await expect(charts.first()).toBeAttached();
    const count = await charts.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) await expect(charts.nth(i).locator("svg")).toBeAttached({ timeout: 30_000 });
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
