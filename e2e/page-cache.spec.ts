/**
 * The rendered-page cache in front of Next (lib/http/page-cache.ts), as a browser meets it: a
 * dashboard loaded again is served from the cache with a fresh CSP nonce its scripts run under,
 * and a write elsewhere — an agency uploading a draft — is on the page at the next load.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page, type Response } from "@playwright/test";
import { createAccount, SIGNED_OUT, signInAs } from "./fixtures/accounts";

// The 盘州 sample as a 2022 report, a year no other spec uploads.
const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8").replaceAll("2024", "2022");

const cacheOf = (r: Response | null) => r?.headers()["x-gongkai-page-cache"];

function noncesOf(html: string): Set<string> {
  return new Set([...html.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]!));
}

/** Loads `path` until the page cache answers it (the first load of a page renders it). */
async function loadCached(page: Page, path: string): Promise<Response> {
  await page.goto(path);
  const again = await page.goto(path);
  expect(again?.status()).toBe(200);
  expect(cacheOf(again)).toBe("hit");
  return again!;
}

test("a dashboard loaded again comes from the page cache, with a fresh nonce its scripts run under", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const first = await page.goto("/regions/520200");
  const hit = await loadCached(page, "/regions/520200");
  const nonce = /'nonce-([^']+)'/.exec(hit.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(nonce).not.toBe(/'nonce-([^']+)'/.exec(first?.headers()["content-security-policy"] ?? "")?.[1]);
  expect(noncesOf(await hit.text())).toEqual(new Set([nonce]));
  // The scripts ran: the charts are drawn in the browser, and the filters' client code works.
  await expect(page.locator("main svg").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("六盘水市");
  expect(violations).toEqual([]);
  // A client-side navigation is Next's own (never a cached page): it still lands.
  await page.getByRole("link", { name: "总览" }).first().click();
  await expect(page).toHaveURL(/\/$/);
});

test("an agency's new draft is on its page at the next load, not a stored copy", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // The agency's page, as the admin sees it (drafts included), served from the cache.
  await page.goto("/regions/520281");
  const href = await page.locator('a[href^="/agencies/"]', { hasText: /^盘州市人民政府$/ }).first().getAttribute("href");
  expect(href).toMatch(/^\/agencies\/[0-9a-f-]{36}$/);
  await loadCached(page, href!);

  const { email } = await createAccount(browser, { role: "agency", agency: "盘州市人民政府" });
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const agency = await context.newPage();
  await signInAs(agency, email, undefined, "/self-review");
  await agency.getByLabel("草稿文件").setInputFiles({ name: "盘州市2022年报.txt", mimeType: "text/plain", buffer: Buffer.from(`${SAMPLE}\n${"\n".repeat(Math.floor(Math.random() * 4000))}`) });
  await agency.getByRole("button", { name: "上传并检查" }).click();
  await expect(agency).toHaveURL(/\/self-review\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const draftId = /\/self-review\/([0-9a-f-]{36})$/.exec(agency.url())![1]!;
  await context.close();

  const after = await page.goto(href!);
  expect(cacheOf(after)).toBe("miss");
  await expect(page.locator(`a[href="/reports/${draftId}"]`).first()).toBeVisible();
});
