/**
 * Issue #16 on the running app: security headers on pages and API responses (with the app's own
 * scripts and ECharts still running under the CSP), sign-out ending the session on the server,
 * and the one upload limit refused before the body is read.
 */
import { writeFileSync } from "node:fs";
import { expect, test, type APIResponse, type Response } from "@playwright/test";
import { createAccount, SIGNED_OUT, signInAs } from "./fixtures/accounts";

function expectSecurityHeaders(r: Response | APIResponse, what: string): void {
  const h = r.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/u);
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/u);
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
}

test.describe("security headers", () => {
  test("every page and API response forbids framing; the dashboard's scripts and charts run under the CSP", async ({ page, request }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load)/iu.test(m.text())) violations.push(m.text());
    });
    const home = await page.goto("/");
    expectSecurityHeaders(home!, "/");
    await expect(page.locator('[data-chart="echarts"] svg').first()).toBeVisible({ timeout: 30_000 });
    // Client navigation works: React hydrated under the nonce.
    await page.getByRole("link", { name: "对比" }).first().click();
    await expect(page).toHaveURL(/\/compare/);
    expect(violations).toEqual([]);

    const health = await request.get("/api/health");
    expectSecurityHeaders(health, "/api/health");
    const anonymous = await request.get("/api/export/data?format=csv", { headers: { cookie: "" } });
    expectSecurityHeaders(anonymous, "401 from the proxy");
    const login = await page.context().request.get("/login");
    expectSecurityHeaders(login, "/login");
  });
});

test.describe("sessions", () => {
  test.use({ storageState: SIGNED_OUT });

  test("signing out ends the session on the server: a copied cookie stops working", async ({ page, browser }) => {
    test.setTimeout(120_000); // two bcrypt sign-ins on a busy machine
    const { email } = await createAccount(browser, { role: "admin" });
    await signInAs(page, email);
    const copy = await browser.newContext({ storageState: await page.context().storageState() });
    const stolen = await copy.newPage();
    await stolen.goto("/audit");
    await expect(stolen).toHaveURL(/\/audit/);

    const account = page.getByRole("group", { name: "账户" });
    await account.locator("summary").click();
    await account.getByRole("button", { name: "退出" }).click();
    await expect(page).toHaveURL(/\/login/);

    await stolen.goto("/audit");
    await expect(stolen).toHaveURL(/\/login/);
    await copy.close();
  });
});

test.describe("the upload limit", () => {
  test("a request over the limit is refused unread, in both languages", async ({ request }) => {
    const response = await request.post("/upload", { data: Buffer.alloc(22 * 1024 * 1024), headers: { "content-type": "application/octet-stream" } });
    expect(response.status()).toBe(413);
    const text = await response.text();
    expect(text).toContain("文件为 22 MB，上限为 20 MB");
    expect(text).toContain("The file is 22 MB; the limit is 20 MB");
  });

  test("the upload page says how big the file is and what the limit is", async ({ page }, info) => {
    test.setTimeout(120_000);
    const big = info.outputPath("big.pdf");
    writeFileSync(big, Buffer.alloc(30 * 1024 * 1024));
    await page.goto("/upload");
    await page.getByLabel("选择文件").setInputFiles(big);
    await page.getByRole("button", { name: "上传并解析" }).click();
    await expect(page.getByText("文件为 30 MB，上限为 20 MB")).toBeVisible();
  });
});
