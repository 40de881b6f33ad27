/**
 * Uploads as jobs: the page answers at once, then shows each file's state live — queued,
 * parsing, stored (with a link), failed with the reason — while the server keeps answering.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { makeInflatingPdf } from "../lib/system/isolate/pdf-bomb";
import { SIGNED_OUT, signInAs } from "./fixtures/accounts";
import { SCREENSHOT_DIR } from "./fixtures/shell";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");

/** The sample under a fresh agency name, so every run stores a new report. */
function uniqueSample(): { name: string; buffer: Buffer } {
  const name = `盘州市任务测试${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}局`;
  return { name, buffer: Buffer.from(SAMPLE.replaceAll("盘州市人民政府", name)) };
}

test.use({ storageState: SIGNED_OUT });

test("files upload as jobs and their states update live; a hostile PDF fails alone and the server keeps answering", async ({ page, request }) => {
  test.setTimeout(180_000);
  const good = uniqueSample();
  // Inflates to 256 MB of drawing operators: MuPDF's trace hits its output cap, or the parse process its memory cap.
  const bomb = Buffer.from(await makeInflatingPdf(256));
  await signInAs(page, "oversight@demo.local", "gongkai-demo", "/upload");
  await page.getByLabel("选择文件").setInputFiles([
    { name: "炸弹.pdf", mimeType: "application/pdf", buffer: bomb },
    { name: "年报.txt", mimeType: "text/plain", buffer: good.buffer },
    { name: "noise.bin", mimeType: "application/octet-stream", buffer: readFileSync("lib/ingest/__fixtures__/adversarial/noise.bin") },
  ]);
  await page.getByRole("button", { name: "上传并解析" }).click();

  const bombRow = page.locator("li", { hasText: "炸弹.pdf" });
  // Accepted at once: the hostile file is queued or parsing while the page is already usable.
  await expect(bombRow).toHaveAttribute("data-status", /queued|parsing/, { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "实时显示进度" })).toBeVisible();
  const health = await request.get("/api/health");
  expect(health.ok()).toBe(true);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/jobs-live-zh.png`, fullPage: true });

  const stored = page.locator('li[data-status="created"]', { hasText: "年报.txt" });
  await expect(stored).toContainText(good.name, { timeout: 60_000 });
  await expect(stored).toContainText("已创建第 1 版");
  await expect(page.locator('li[data-status="failed"]', { hasText: "noise.bin" })).toBeVisible({ timeout: 60_000 });

  await expect(bombRow).toHaveAttribute("data-status", "failed", { timeout: 120_000 });
  await expect(bombRow).toContainText("文件过大");
  await expect(bombRow).toContainText(/文件过大|too large|内存/);
  await expect(page.getByRole("status").filter({ hasText: "实时显示进度" })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/jobs-done-zh.png`, fullPage: true });

  await stored.getByRole("link", { name: /打开报告/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(good.name);
});

test("the live states in English", async ({ page }) => {
  test.setTimeout(90_000);
  const good = uniqueSample();
  await signInAs(page, "oversight@demo.local", "gongkai-demo", "/upload");
  await page.context().addCookies([{ name: "lang", value: "en", url: test.info().project.use.baseURL ?? "" }]);
  await page.goto("/upload");
  await page.getByLabel("Choose files").setInputFiles([{ name: "report.txt", mimeType: "text/plain", buffer: good.buffer }]);
  await page.getByRole("button", { name: "Upload and check" }).click();
  const row = page.locator('li[data-status="created"]', { hasText: "report.txt" });
  await expect(row).toContainText("Created version 1", { timeout: 60_000 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/jobs-done-en.png`, fullPage: true });
});
