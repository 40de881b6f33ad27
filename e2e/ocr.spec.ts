/**
 * Scans and old Word files through the upload page: the page says which formats are on; a .doc
 * is converted and stored as the original .doc; a 200 dpi scan is recognised, its figures carry
 * their OCR confidence, and unsure ones are tagged and listed. Files are made at test time from
 * the sample (lib/ingest/ocr/testing/fixtures.ts). Needs Tesseract and LibreOffice on the server
 * (CI installs them); without them the tests are skipped with the reason.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { renderReport, type ReportModel } from "../lib/render";
import { convertDocx, sampleReportModel, scanPdf } from "../lib/ingest/ocr/testing/fixtures";
import { probeTools } from "../lib/system/tools";
import { SIGNED_OUT, signInAs } from "./fixtures/accounts";
import { SCREENSHOT_DIR } from "./fixtures/shell";

const status = probeTools();
test.use({ storageState: SIGNED_OUT });

/** The sample under an agency of its own (title and preamble), so it never versions 盘州's report. */
function renamed(name: string): ReportModel {
  return { ...sampleReportModel(), agencyName: name, printedName: name, title: undefined };
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel("选择文件").setInputFiles({ name, mimeType, buffer });
  await page.getByRole("button", { name: "上传并解析" }).click();
}

test.describe("scans and old Word files", () => {
  test("the upload page lists the formats it reads, with the optional ones on", async ({ page }) => {
    await signInAs(page, "oversight@demo.local", "gongkai-demo", "/upload");
    const panel = page.getByRole("region", { name: "可读取的格式" });
    await expect(panel).toContainText("带文字层的 PDF");
    await expect(panel.locator('li[data-format="ocr"]')).toHaveAttribute("data-enabled", String(status.ocr.available));
    await expect(panel.locator('li[data-format="office"]')).toHaveAttribute("data-enabled", String(status.office.available));
    if (!status.ocr.available) await expect(panel).toContainText("apt-get install -y tesseract-ocr");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/upload-formats-zh.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/upload-formats-zh-phone.png`, fullPage: true });
    await page.context().addCookies([{ name: "lang", value: "en", url: test.info().project.use.baseURL ?? "" }]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await expect(page.getByRole("region", { name: "Formats read here" })).toContainText("Scanned PDFs and images");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/upload-formats-en.png`, fullPage: true });
  });

  test("a .doc is converted, read and stored as the original .doc", async ({ page }) => {
    test.skip(!status.office.available, "LibreOffice is not installed (apt-get install -y libreoffice-writer-nogui)");
    test.setTimeout(240_000);
    const name = `盘州市旧格式测试${Math.random().toString(36).slice(2, 8)}局`;
    const doc = Buffer.from(await convertDocx(renderReport(renamed(name), "docx"), "doc"));
    await signInAs(page, "oversight@demo.local", "gongkai-demo", "/upload");
    await upload(page, "2024年报.doc", "application/msword", doc);
    const created = page.locator('[data-status="created"]');
    await expect(created).toContainText(name, { timeout: 120_000 });
    await created.getByRole("link", { name: /打开报告/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name, { timeout: 60_000 });
    await expect(page.locator('td[data-cell="t3.carried_over.total"]')).toHaveAttribute("data-mark", "blame");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载原文件" }).click()]);
    expect(download.suggestedFilename()).toBe("2024年报.doc");
    expect(readFileSync(await download.path()).equals(doc)).toBe(true);
  });

  test("a 200 dpi scan is recognised: every figure has its confidence, unsure ones are tagged and listed", async ({ page }) => {
    test.skip(!status.ocr.available, "Tesseract is not installed (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim poppler-utils)");
    test.setTimeout(420_000);
    const { pdf } = await scanPdf(renderReport(renamed("盘州市扫描件测试局"), "pdf"), 200, [1, 2, 3], 7);
    await signInAs(page, "oversight@demo.local", "gongkai-demo", "/upload");
    await upload(page, "扫描件.pdf", "application/pdf", Buffer.from(pdf));
    const created = page.locator('[data-status="created"]');
    await expect(created).toContainText("已创建第 1 版", { timeout: 300_000 });
    await created.getByRole("link", { name: /打开报告/ }).click();
    await expect(page.locator("p[data-ocr]")).toContainText("由 OCR 识别", { timeout: 60_000 });
    // Every read figure says how sure OCR was.
    await expect(page.locator("td[data-ocr-confidence]").first()).toBeVisible();
    expect(await page.locator("td[data-ocr-confidence]").count()).toBeGreaterThan(150);
    const cell = page.locator('td[data-cell="t3.new_received.total"]');
    await cell.getByRole("button").click();
    await expect(page.getByRole("dialog", { name: /本年新收/ })).toContainText("OCR 识别置信度");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-scan-popover-zh.png` });
    await page.keyboard.press("Escape");
    // Low-confidence figures: tagged on the table and listed by one finding.
    const unsure = page.locator("td[data-ocr-confidence]").filter({ hasText: "待核" });
    const finding = page.locator('li[data-rule="S-OCR-LOW"]');
    if ((await unsure.count()) > 0) await expect(finding).toContainText("置信度低于 80%");
    else await expect(finding).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-scan-zh.png`, fullPage: true });
    await page.context().addCookies([{ name: "lang", value: "en", url: test.info().project.use.baseURL ?? "" }]);
    await page.reload();
    await expect(page.locator("p[data-ocr]")).toContainText("recognised by OCR");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-scan-en.png`, fullPage: true });
  });
});
