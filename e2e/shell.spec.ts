import { expect, test, type Page } from "@playwright/test";
import { NAV_NAME, SCREENSHOT_DIR, SECTIONS } from "./fixtures/shell";

type Lang = "zh" | "en";

async function setLanguageCookie(page: Page, lang: Lang): Promise<void> {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error("playwright.config.ts must set use.baseURL");
  await page.context().addCookies([{ name: "lang", value: lang, url: baseURL }]);
}

function mainNav(page: Page, lang: Lang) {
  return page.getByRole("navigation", { name: NAV_NAME[lang] });
}

test.describe("app shell", () => {
  test("home page is in Simplified Chinese by default", async ({ page }) => {
    await page.goto("/");

    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page).toHaveTitle(/公开 Gongkai/);
    await expect(page.getByRole("link", { name: "公开 Gongkai" })).toBeVisible();

    const nav = mainNav(page, "zh");
    await expect(nav.getByRole("link")).toHaveText(SECTIONS.map((section) => section.zh));
    await expect(nav.getByRole("link", { name: "总览", exact: true })).toHaveAttribute("aria-current", "page");

    await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
    await expect(page.getByRole("button", { name: "中文" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "false");

    await page.screenshot({ path: `${SCREENSHOT_DIR}/home-zh.png`, fullPage: true });
  });

  test("switching to English changes the navigation and sticks across pages", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "English" }).click();

    const nav = mainNav(page, "en");
    await expect(nav.getByRole("link")).toHaveText(SECTIONS.map((section) => section.en));
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
    await expect(mainNav(page, "zh")).toHaveCount(0);

    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === "lang")?.value).toBe("en");

    await page.screenshot({ path: `${SCREENSHOT_DIR}/home-en.png`, fullPage: true });

    // The choice is a cookie, so a full page load elsewhere keeps it.
    await page.goto("/quality");
    await expect(page.getByRole("heading", { level: 1, name: "Quality" })).toBeVisible();

    await page.getByRole("button", { name: "中文" }).click();
    await expect(mainNav(page, "zh").getByRole("link")).toHaveText(SECTIONS.map((section) => section.zh));
    await expect(page.getByRole("heading", { level: 1, name: "质量" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });

  test("clicking through the navigation opens each section", async ({ page }) => {
    await page.goto("/");
    const nav = mainNav(page, "zh");
    for (const section of SECTIONS) {
      await nav.getByRole("link", { name: section.zh, exact: true }).click();
      await expect(page).toHaveURL(section.path);
      await expect(page.getByRole("heading", { level: 1, name: section.h1?.zh ?? section.zh })).toBeVisible();
      await expect(nav.getByRole("link", { name: section.zh, exact: true })).toHaveAttribute("aria-current", "page");
      await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    }
  });

  for (const section of SECTIONS) {
    // The e2e server holds the 六盘水 demo corpus, so sections show data, not their empty states.
    test(`${section.path} renders in both languages`, async ({ page }) => {
      const response = await page.goto(section.path);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: section.h1?.zh ?? section.zh })).toBeVisible();
      await expect(page).toHaveTitle(`${section.zh} · 公开 Gongkai`);

      await setLanguageCookie(page, "en");
      await page.reload();
      await expect(page.getByRole("heading", { level: 1, name: section.h1?.en ?? section.en })).toBeVisible();
      await expect(page).toHaveTitle(`${section.en} · 公开 Gongkai`);
    });
  }

  test("an unknown language cookie falls back to Chinese", async ({ page }) => {
    await page.context().addCookies([{ name: "lang", value: "fr", url: test.info().project.use.baseURL ?? "" }]);
    await page.goto("/regions");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: "贵州省" })).toBeVisible();
    await expect(page).toHaveTitle("地区 · 公开 Gongkai");
  });

  test("an unknown address shows a not-found page inside the shell", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    await expect(mainNav(page, "zh")).toBeVisible();
    await page.getByRole("link", { name: "返回总览" }).click();
    await expect(page).toHaveURL("/");
  });

  test("an unknown agency, report or region answers 404, not a 200 page saying so", async ({ page }) => {
    const none = "00000000-0000-4000-8000-000000000000";
    for (const url of [`/agencies/${none}`, `/reports/${none}`, `/self-review/${none}`, "/regions/529999", "/regions/not-a-code", "/agencies/not-an-id"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
    }
  });

  test("at tablet width every section stays reachable", async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto("/");
    const nav = mainNav(page, "zh");
    for (const section of SECTIONS) {
      await expect(nav.getByRole("link", { name: section.zh, exact: true })).toBeInViewport();
    }
    await expect(page.getByRole("button", { name: "English" })).toBeInViewport();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/home-zh-tablet.png`, fullPage: true });
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  // Page bodies stream in behind loading.tsx, which needs JavaScript to swap in; the header
  // (navigation and language switch) is part of the layout and works as plain HTML.
  test("the language switch still works as a plain form", async ({ page }) => {
    await page.goto("/agencies");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(mainNav(page, "en").getByRole("link")).toHaveText(SECTIONS.map((section) => section.en));
  });
});
