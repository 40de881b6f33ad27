/**
 * The agency user's own flow (issue #18 point 7): a way to upload from /upload, a duplicate file
 * named as the version it already is, a draft deleted, a confirmation after 提交审核, and uploads
 * labelled as drafts in the history. Screenshots at 1440 px and 390 px, zh and en.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, SIGNED_OUT, signInAs } from "./fixtures/accounts";
import { SCREENSHOT_DIR } from "./fixtures/shell";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const CARRIED_WRONG = "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |";
const CARRIED_FIXED = "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n4 |";

/** Unique bytes per call (trailing blank lines), so each upload is a new version. */
function draftFile(text: string, name: string) {
  const pad = "\n".repeat(1 + Math.floor(Math.random() * 5000));
  return { name, mimeType: "text/plain", buffer: Buffer.from(text + pad) };
}

async function agencyPage(browser: Browser, email: string, lang: "zh" | "en", width: number): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, email, undefined, "/self-review");
  if (lang === "en") await context.addCookies([{ name: "lang", value: "en", url: page.url() }]);
  return page;
}

test.use({ storageState: SIGNED_OUT });

test("an agency user finds the upload, is told a file is already v1, deletes a draft and sees the submission confirmed", async ({ browser }) => {
  test.setTimeout(300_000);
  expect(SAMPLE).toContain(CARRIED_WRONG);
  const { email } = await createAccount(browser, { role: "agency", agency: "盘州市人民政府" });
  const page = await agencyPage(browser, email, "zh", 1440);

  await test.step("/upload points agency users to their draft upload, and so does the account menu", async () => {
    await page.goto("/upload");
    await expect(page.getByRole("heading", { level: 1, name: "上传年报" })).toBeVisible();
    await expect(page.getByText("机关用户在“自查”页面上传本机关的年报草稿")).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/agency-upload-pointer-zh-1440.png` });
    await page.getByRole("link", { name: "上传草稿 →" }).click();
    await expect(page).toHaveURL(/\/self-review#upload-title$/);
    await expect(page.getByRole("heading", { name: "上传草稿" })).toBeVisible();
  });

  const file = draftFile(SAMPLE, "盘州市2024年报草稿.txt");
  let draftUrl = "";
  let version = "";
  await test.step("upload a draft; the history says it came in as a draft", async () => {
    await page.getByLabel("草稿文件").setInputFiles(file);
    await page.getByRole("button", { name: "上传并检查" }).click();
    await expect(page).toHaveURL(/\/self-review\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    draftUrl = page.url();
    version = /第 (\d+) 版/.exec((await page.locator("main p").first().textContent()) ?? "")?.[1] ?? "";
    expect(version).toMatch(/^\d+$/);
    await expect(page.getByRole("region", { name: "处理记录" })).toContainText(`上传草稿（第 ${version} 版）`);
  });

  await test.step("the same file again says which version it already is, and links it", async () => {
    await page.goto("/self-review");
    await page.getByLabel("草稿文件").setInputFiles(file);
    await page.getByRole("button", { name: "上传并检查" }).click();
    const notice = page.getByRole("status").filter({ hasText: "这个文件已上传过" });
    await expect(notice).toContainText(`即第 ${version} 版（草稿），未重复导入`, { timeout: 60_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/agency-duplicate-zh-1440.png`, fullPage: true });
    await notice.getByRole("link", { name: `打开第 ${version} 版 →` }).click();
    await expect(page).toHaveURL(draftUrl);
  });

  await test.step("delete the draft: it leaves the list and the audit log records it", async () => {
    const section = page.locator("section", { has: page.locator("#delete-title") });
    await expect(section).toContainText("删除后此草稿及其检查结果不再保留");
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/agency-delete-zh-1440.png`, fullPage: true });
    await section.getByLabel(`确认删除第 ${version} 版草稿`).check();
    await section.getByRole("button", { name: "删除草稿" }).click();
    await expect(page).toHaveURL(new RegExp(`/self-review\\?deleted=${version}$`));
    await expect(page.getByRole("status").filter({ hasText: `已删除第 ${version} 版草稿。` })).toBeVisible();
    await expect(page.locator(`a[href="${new URL(draftUrl).pathname}"]`)).toHaveCount(0);
    expect((await page.goto(draftUrl))?.status()).toBe(404);
    await page.goto("/audit?action=report.delete_draft");
    await expect(page.getByRole("main")).toContainText("删除草稿");
  });

  await test.step("a corrected draft is submitted and the page confirms it, with what happens next", async () => {
    await page.goto("/self-review");
    await page.getByLabel("草稿文件").setInputFiles(draftFile(SAMPLE.replace(CARRIED_WRONG, CARRIED_FIXED), "盘州市2024年报.txt"));
    await page.getByRole("button", { name: "上传并检查" }).click();
    await expect(page).toHaveURL(/\/self-review\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await page.getByRole("button", { name: "提交审核" }).click();
    const confirmation = page.getByTestId("submitted-confirmation");
    await expect(confirmation).toContainText("✓ 已提交审核");
    await expect(confirmation).toContainText("提交给监督人员审核");
    await expect(page.locator("#delete-title")).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/agency-submitted-zh-1440.png`, fullPage: true });
  });

  await page.context().close();

  await test.step("the same pages in English on a phone", async () => {
    const phone = await agencyPage(browser, email, "en", 390);
    await phone.goto("/upload");
    await expect(phone.getByText("Agency users upload their draft report on the Self-review page")).toBeVisible();
    await phone.screenshot({ path: `${SCREENSHOT_DIR}/agency-upload-pointer-en-390.png`, fullPage: true });
    await phone.goto("/self-review");
    const upload = draftFile(SAMPLE, "draft.txt");
    await phone.getByLabel("Draft file").setInputFiles(upload);
    await phone.getByRole("button", { name: "Upload and check" }).click();
    await expect(phone).toHaveURL(/\/self-review\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await expect(phone.locator("main")).toContainText("Uploaded as a draft (v");
    await phone.goto("/self-review");
    await phone.getByLabel("Draft file").setInputFiles(upload);
    await phone.getByRole("button", { name: "Upload and check" }).click();
    await expect(phone.getByRole("status").filter({ hasText: "This file was already uploaded as v" })).toContainText("(Draft)", { timeout: 60_000 });
    await phone.screenshot({ path: `${SCREENSHOT_DIR}/agency-duplicate-en-390.png`, fullPage: true });
    await phone.context().close();
  });

  await test.step("the phone in Chinese: the submitted confirmation fits", async () => {
    const phone = await agencyPage(browser, email, "zh", 390);
    await phone.goto("/self-review");
    await phone.getByRole("link", { name: /^查看 盘州市人民政府 2024 v\d+$/ }).first().click();
    await phone.screenshot({ path: `${SCREENSHOT_DIR}/agency-draft-zh-390.png`, fullPage: true });
    await phone.context().close();
  });
});
