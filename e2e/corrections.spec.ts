/**
 * Fixing a figure where it was read (issue #14): oversight fills a table row the parser could not
 * read with the keyboard form beside its source, publishes a corrected version, and sees it marked
 * on the report, in the audit log and in the CSV export; the real 淮安 PDF shows its page image
 * with the figure's box; an agency user's correction goes in as a draft.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createAccount, SIGNED_OUT, signInAs, TEST_PASSWORD } from "./fixtures/accounts";
import { SCREENSHOT_DIR } from "./fixtures/shell";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const HUAIAN = readFileSync("lib/ingest/__fixtures__/real/huaian-szf/2024/input.pdf");
const DEMO_PASSWORD = "gongkai-demo";

test.use({ storageState: SIGNED_OUT });

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.goto("/upload");
  await page.getByLabel("选择文件").setInputFiles({ name, mimeType, buffer });
  await page.getByRole("button", { name: "上传并解析" }).click();
  // On a retry the same file is already stored: it is skipped with a link to the same report.
  const done = page.locator('[data-status="created"], [data-status="skipped"]');
  await expect(done).toBeVisible({ timeout: 120_000 });
  if ((await done.getAttribute("data-status")) === "created") await expect(done).toContainText("已创建第 1 版");
  await done.getByRole("link", { name: /打开报告/ }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.locator("[data-correct-link]").first()).toBeVisible();
}

/** Pastes text into an input as a browser does (a paste event with clipboard data). */
async function paste(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus();
  await page.locator(selector).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test.describe("corrections", () => {
  test("oversight fills an unread row with the keyboard beside its source; the corrected version is published and marked everywhere", async ({ page }) => {
    test.setTimeout(240_000);
    // The real sample under an agency of its own, with 上年结转's label unreadable: that row is not read.
    const name = `盘州市更正测试${Math.random().toString(36).slice(2, 8)}局`;
    const text = SAMPLE.replaceAll("盘州市人民政府(市人民政府办公室)", name).replace("上年结转政府信息公开申请数量", "（此行标签无法识别）");
    await signInAs(page, "oversight@demo.local", DEMO_PASSWORD, "/upload");
    await upload(page, "部分读出.txt", "text/plain", Buffer.from(text));
    await expect(page.locator('li[data-coverage="partial"]')).toContainText("168/175");
    const parsedUrl = page.url();
    const agencyHref = await page.locator("header").getByRole("link", { name }).first().getAttribute("href");
    const agencyId = agencyHref!.split("/").pop()!;

    await page.locator('[data-correct-link="t3"]').click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("更正数字");
    const first = 'input[data-cell="t3.carried_over.natural_person"]';
    const total = 'input[data-cell="t3.carried_over.total"]';
    await expect(page.locator(first)).toHaveValue("");
    // An unread cell opens the place where its row should be: the neighbouring lines of the source.
    await page.locator(first).focus();
    const source = page.locator('aside[data-source-for="t3.carried_over.natural_person"]');
    await expect(source).toContainText("此格未读出");
    await expect(source.locator("[data-source-lines]")).toContainText("（此行标签无法识别）");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/correct-unread-zh.png`, fullPage: true });

    // A whole row pasted from the PDF, split on spaces; the total typed wrong first, then fixed.
    await paste(page, first, "4 0 0 0 0 0 5");
    await expect(page.locator(total)).toHaveValue("5");
    await expect(page.locator("section[data-totals]")).toHaveAttribute("data-totals", "bad");
    await expect(page.locator('li[data-total="t3.carried_over.total"]')).toContainText("各项之和为 4");
    await page.locator(total).fill("4.5");
    await expect(page.locator("#err-t3\\.carried_over\\.total")).toHaveText("此处应为整数。");
    await page.locator(total).fill("4");
    await expect(page.locator("section[data-totals]")).toHaveAttribute("data-totals", "ok");
    // Enter moves on to the next cell, Shift+Enter back.
    await page.locator(total).press("Enter");
    await expect(page.locator("input:focus")).toHaveAttribute("data-cell", "t3.granted.natural_person");
    await page.keyboard.press("Shift+Enter");
    await expect(page.locator("input:focus")).toHaveAttribute("data-cell", "t3.carried_over.total");
    await expect(page.locator("[data-changed]")).toHaveAttribute("data-changed", "7");
    await page.getByLabel("更正理由").fill("原件第 4 页“上年结转”一行：4 0 0 0 0 0 4");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/correct-filled-zh.png`, fullPage: true });
    await page.getByRole("button", { name: "保存并发布新版本" }).click();

    // The new version: current, complete, each figure marked, the parsed version still listed.
    await expect(page).not.toHaveURL(/correct/, { timeout: 60_000 });
    expect(page.url()).not.toBe(parsedUrl);
    await expect(page.locator("[data-corrected-count]")).toHaveAttribute("data-corrected-count", "7");
    await expect(page.locator('li[data-coverage="partial"]')).toHaveCount(0);
    const cell = page.locator('td[data-cell="t3.carried_over.total"]');
    await expect(cell).toHaveAttribute("data-corrected", "true");
    await expect(page.locator('[data-version-corrected="true"]')).toHaveCount(1);
    await expect(page.locator('li[data-rule^="H-T3"]')).toHaveCount(0);
    await cell.getByRole("button").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("手工更正");
    await expect(dialog).toContainText("原件第 4 页");
    await expect(dialog).toContainText("未读出");
    await dialog.screenshot({ path: `${SCREENSHOT_DIR}/report-corrected-popover-zh.png` });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-corrected-zh.png`, fullPage: true });

    // The audit log names the figures changed.
    await page.goto("/audit");
    const entry = page.locator("li, tr").filter({ hasText: "手工更正数字（新版本）" }).first();
    await expect(entry).toContainText("t3.carried_over.total —→4");
    // The CSV export marks the figures computed from a corrected cell.
    const res = await page.request.get(`/api/export/data?format=csv&agency=${agencyId}&indicator=workload&year=2024`);
    expect(res.status()).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    const header = lines[0]!.split(",");
    const col = header.indexOf("含手工更正数字");
    expect(col).toBeGreaterThan(0);
    expect(lines[1]!.split(",")[col]).toBe("是");
  });

  test("a real PDF: the page image beside the form; a figure corrected with the keyboard passes validation, changes the agency page and is marked in the CSV and the audit log", async ({ page }) => {
    test.setTimeout(300_000);
    await signInAs(page, "admin@demo.local", DEMO_PASSWORD, "/upload");
    await upload(page, "淮安市人民政府2024年政府信息公开年报.pdf", "application/pdf", HUAIAN);
    // On a retry the upload links the first version: work on the current one.
    const current = page.locator("li").filter({ hasText: "当前版本" }).getByRole("link");
    if (await current.count()) await current.first().click();
    await expect(page.locator("li").filter({ hasText: "当前版本" }).locator("strong[aria-current]")).toHaveCount(1);
    const agencyHref = await page.locator("header").getByRole("link", { name: "淮安市人民政府" }).first().getAttribute("href");
    const agencyId = agencyHref!.split("/").pop()!;

    // The agency page's 行政复议 figure for 2024, before.
    const reviewRow = async () => {
      await page.goto(`/agencies/${agencyId}`);
      const figure = page.locator('figure[data-chart-id="trend-review_per_100"]');
      await figure.getByText("数据表", { exact: true }).click();
      return figure.locator("table tbody tr").filter({ hasText: "2024" });
    };
    const before = await reviewRow();
    // The numerator column: the 行政复议 count itself (the rate per 100 may round to the same text).
    const numeratorOf = async (row: typeof before) => Number((await row.locator("td").nth(2).textContent())!.replaceAll(",", ""));
    const numeratorBefore = await numeratorOf(before);
    await page.goBack();

    await page.locator('[data-correct-link="t3"]').click();
    await page.locator('input[data-cell="t3.granted.natural_person"]').focus();
    const image = page.locator("img[data-page-image]");
    await expect(image).toHaveAttribute("data-page-image", "4");
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 60_000 }).toBeGreaterThan(500);
    const box = page.locator("[data-bbox]");
    await expect(box).toBeVisible({ timeout: 30_000 });
    await expect(page.locator("[data-source-mark]")).toHaveText("1288");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/correct-pdf-zh.png`, fullPage: true });
    // The image is served only to those who may see the report.
    const src = await image.getAttribute("src");
    const anon = await page.context().browser()!.newContext({ storageState: SIGNED_OUT });
    // Signed out: the proxy sends it to /login (the route itself answers 401), never the image.
    const anonRes = await anon.request.get(new URL(src!, page.url()).toString(), { maxRedirects: 0 });
    expect([302, 303, 307, 401]).toContain(anonRes.status());
    expect((await page.request.get(new URL(src!, page.url()).toString())).headers()["content-type"]).toBe("image/png");
    await anon.close();

    // 表四: one more 行政复议 "纠正" than printed, typed with the keyboard — the row total follows, so the totals check passes.
    await page.goto(page.url().replace("table=t3", "table=t4"));
    const corrected = page.locator('input[data-cell="t4.review.corrected"]');
    const total = page.locator('input[data-cell="t4.review.total"]');
    const [c0, t0] = [Number(await corrected.inputValue()), Number(await total.inputValue())];
    await corrected.focus();
    await expect(page.locator("img[data-page-image]")).toBeVisible({ timeout: 60_000 });
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(String(c0 + 1));
    await expect(page.locator("section[data-totals]")).toHaveAttribute("data-totals", "bad");
    await total.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(String(t0 + 1));
    await expect(page.locator("section[data-totals]")).toHaveAttribute("data-totals", "ok");
    await expect(page.locator("[data-changed]")).toHaveAttribute("data-changed", "2");
    await page.getByLabel("更正理由").fill("与原件第 5 页核对：行政复议纠错 1 件漏计");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/correct-pdf-t4-filled-zh.png`, fullPage: true });
    await page.getByRole("button", { name: "保存并发布新版本" }).click();

    // Validation ran again on the new version: no errors (the tables add up); the narrative's 行政复议
    // count now differs from 表四, which the rules notice as a warning. The figure is marked corrected.
    await expect(page).not.toHaveURL(/correct/, { timeout: 60_000 });
    await expect(page.locator('td[data-cell="t4.review.total"]')).toHaveAttribute("data-corrected", "true");
    const checks = page.getByRole("region", { name: "校验发现" });
    await expect(checks).toContainText("0 个错误");
    await expect(checks.locator('li[data-rule="S-N-REV"]')).toContainText(`表四“行政复议”总计为${t0 + 1}`);
    const correctedId = new URL(page.url()).pathname.split("/").pop()!;

    // The agency page: the 2024 figure changed and carries the ✎ mark with its legend.
    const after = await reviewRow();
    const cell = after.locator("td").nth(1);
    await expect(cell).toHaveAttribute("data-hand-corrected", "true");
    await expect(cell.locator("abbr")).toHaveAttribute("title", "含手工更正数字");
    expect(await numeratorOf(after)).toBe(numeratorBefore + 1);
    const figure = page.locator('figure[data-chart-id="trend-review_per_100"]');
    await expect(figure).toContainText("✎ 含手工更正数字：标 ✎ 的数值");
    await figure.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/agency-hand-corrected-zh.png`, fullPage: true });
    await figure.screenshot({ path: `${SCREENSHOT_DIR}/agency-hand-corrected-figure-zh.png` });

    // The chart's CSV: 是 in the 含手工更正数字 column for 2024.
    const res = await page.request.get(`/api/export/data?format=csv&view=agency&agency=${agencyId}&chart=trend-review_per_100`);
    expect(res.status()).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    const header = lines[0]!.split(",");
    const col = header.indexOf("含手工更正数字");
    expect(col).toBe(header.length - 1);
    const y2024 = lines.slice(1).find((l) => l.split(",")[header.indexOf("年度")] === "2024")!;
    expect(y2024.split(",")[col]).toBe("是");

    // The audit log names the figures changed, on the new version.
    await page.goto("/audit");
    const entry = page.locator("li, tr").filter({ hasText: "手工更正数字（新版本）" }).filter({ hasText: `t4.review.total ${t0}→${t0 + 1}` }).first();
    await expect(entry).toBeVisible();
    await expect(entry).toContainText(`t4.review.corrected ${c0}→${c0 + 1}`);
    expect(correctedId).toMatch(/^[0-9a-f-]{36}$/);
    await entry.screenshot({ path: `${SCREENSHOT_DIR}/audit-hand-corrected-zh.png` });
  });

  test("the overview and a region page count what needs a person and link to the queue of their region", async ({ page }) => {
    await signInAs(page, "admin@demo.local", DEMO_PASSWORD, "/");
    const card = page.locator("[data-queue-card]");
    await expect(card).toBeVisible();
    const total = Number(await card.getAttribute("data-total"));
    const parts = await Promise.all(["data-queue-partly", "data-queue-errors", "data-queue-pending"].map(async (a) => Number(await card.locator(`[${a}]`).getAttribute(a))));
    expect(total).toBeGreaterThanOrEqual(Math.max(...parts));
    await card.screenshot({ path: `${SCREENSHOT_DIR}/overview-queue-card-zh.png` });
    await page.locator("section[aria-labelledby='headline-title']").screenshot({ path: `${SCREENSHOT_DIR}/overview-headline-zh.png` });
    const link = card.getByRole("link", { name: /需要人工处理/ });
    expect(await link.getAttribute("href")).toMatch(/^\/quality\?year=\d{4}&region=520000#queue$/);
    await link.click();
    await expect(page).toHaveURL(/\/quality\?year=\d{4}&region=520000#queue$/);
    // The queue says the same numbers.
    await expect(page.locator("[data-queue-counts]")).toContainText(String(parts[0]));

    await page.goto("/regions/520200");
    const regional = page.locator("[data-queue-card]");
    expect(await regional.getByRole("link").getAttribute("href")).toMatch(/^\/quality\?year=\d{4}&region=520200#queue$/);
  });

  test("an agency user's correction is a draft, and a conflict names who saved first and keeps what was typed", async ({ page, browser }) => {
    test.setTimeout(300_000);
    // The real sample (上年结转 总计 reads 0) under an agency of its own, published by oversight.
    const name = `盘州市冲突测试${Math.random().toString(36).slice(2, 8)}局`;
    const other = await browser.newContext({ storageState: SIGNED_OUT });
    const op = await other.newPage();
    await signInAs(op, "oversight@demo.local", DEMO_PASSWORD, "/upload");
    await upload(op, "冲突测试.txt", "text/plain", Buffer.from(SAMPLE.replaceAll("盘州市人民政府(市人民政府办公室)", name)));
    const reportPath = new URL(op.url()).pathname;
    const { email } = await createAccount(browser, { role: "agency", agency: name });

    await signInAs(page, email, TEST_PASSWORD, `${reportPath}/correct?table=t3`);
    const total = 'input[data-cell="t3.carried_over.total"]';
    await expect(page.locator(total)).toHaveValue("0");
    await expect(page.getByText("您的更正将保存为新的草稿版本")).toBeVisible();

    // Oversight corrects the same version first.
    await op.goto(`${reportPath}/correct?table=t3`);
    await op.locator(total).fill("4");
    await op.getByLabel("更正理由").fill("与原件核对");
    await op.getByRole("button", { name: "保存并发布新版本" }).click();
    await expect(op).not.toHaveURL(/correct/, { timeout: 60_000 });
    await other.close();

    await page.locator(total).fill("4");
    await page.getByLabel("更正理由").fill("本机关核对原件");
    await page.getByRole("button", { name: "保存为草稿" }).click();
    const conflict = page.locator("[data-conflict]");
    await expect(conflict).toContainText("先保存了第 2 版");
    await expect(conflict).toContainText("贵州省政务公开办");
    await expect(page.locator(total)).toHaveValue("4");
    await expect(page.getByLabel("更正理由")).toHaveValue("本机关核对原件");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/correct-conflict-zh.png`, fullPage: true });

    // On the latest version the agency's correction goes in as a draft; the published one stays current.
    const latest = await conflict.getByRole("link").getAttribute("href");
    await page.goto(latest!.replace("table=t3", "table=t4"));
    const corrected = page.locator('input[data-cell="t4.review.corrected"]');
    const reviewTotal = page.locator('input[data-cell="t4.review.total"]');
    const [c0, t0] = [Number(await corrected.inputValue()), Number(await reviewTotal.inputValue())];
    await corrected.fill(String(c0 + 1));
    await reviewTotal.fill(String(t0 + 1));
    await page.getByLabel("更正理由").fill("复议纠错 1 件漏填");
    await page.getByRole("button", { name: "保存为草稿" }).click();
    await expect(page).not.toHaveURL(/correct/, { timeout: 60_000 });
    await expect(page.locator("header").last()).toContainText("草稿");
    await expect(page.locator('td[data-cell="t4.review.corrected"]')).toHaveAttribute("data-corrected", "true");
    await expect(page.locator('[data-version-corrected="true"]')).toHaveCount(2);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/correct-agency-draft-zh.png`, fullPage: true });
  });
});
