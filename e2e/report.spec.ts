import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { SIGNED_OUT, signInAs } from "./fixtures/accounts";
import { SCREENSHOT_DIR } from "./fixtures/shell";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const FILE_NAME = "盘州市2024年政府信息公开年报.txt";

const DEMO_PASSWORD = "gongkai-demo";
const DEMO = { admin: "admin@demo.local", oversight: "oversight@demo.local", agency: "panzhou@demo.local" } as const;

/** The demo accounts (seeded by npm start with the demo corpus), signed in through the login form. */
async function signIn(page: Page, role: keyof typeof DEMO, next = "/"): Promise<void> {
  await signInAs(page, DEMO[role], DEMO_PASSWORD, next);
}

/** The sample under an agency of its own, so this test never becomes a version of anyone else's report. */
function uniqueSample(): { name: string; text: string } {
  const name = `盘州市端到端测试${Math.random().toString(36).slice(2, 8)}局`;
  return { name, text: SAMPLE.replaceAll("盘州市人民政府(市人民政府办公室)", name) };
}

// Each test signs in as the role it needs.
test.use({ storageState: SIGNED_OUT });

test.describe("report page", () => {
  test("an uploaded report shows its failing cell, the finding and its suggestion, and downloads its source", async ({ page }) => {
    test.setTimeout(120_000);
    const { name, text } = uniqueSample();
    await signIn(page, "oversight", "/upload");
    await expect(page.getByRole("heading", { level: 1, name: "上传年报" })).toBeVisible();

    await page.getByLabel("选择文件").setInputFiles({ name: FILE_NAME, mimeType: "text/plain", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "上传并解析" }).click();
    // The file is parsed as a job: the line turns from 排队中/解析中 to created when it is stored.
    const created = page.locator('[data-status="created"]');
    await expect(created).toContainText("已创建第 1 版", { timeout: 90_000 });
    await expect(created).toContainText(name);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/upload-zh.png`, fullPage: true });

    await created.getByRole("link", { name: /打开报告/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByRole("region", { name: "三、收到和处理政府信息公开申请情况" })).toBeVisible();

    // 上年结转 总计 is the blamed cell, shown with the value that would make the table add up.
    const cell = page.locator('td[data-cell="t3.carried_over.total"]');
    await expect(cell).toHaveAttribute("data-mark", "blame");
    await expect(cell).toContainText("建议 4");
    await expect(page.locator('td[data-cell="t3.carried_over.natural_person"]')).toHaveAttribute("data-mark", "involved");

    const finding = page.locator('li[data-rule="H-T3-COL"]');
    await expect(finding).toContainText("表三各行：各申请人类型之和＝总计");
    await expect(finding).toContainText("建议值 4");
    await finding.getByRole("link", { name: /定位到单元格/ }).click();
    await expect(page).toHaveURL(/#cell-t3\.carried_over\.total$/);
    await expect(cell).toBeInViewport();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-zh.png`, fullPage: true });

    // Every cell opens its provenance: raw text and line.
    await cell.getByRole("button").click();
    const popover = page.getByRole("dialog", { name: /上年结转/ });
    await expect(popover).toBeVisible();
    await expect(popover).toContainText("原文");
    await expect(popover).toContainText(/第 \d+ 行/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-popover-zh.png` });
    await popover.getByRole("button", { name: "关闭" }).click();
    await expect(popover).toBeHidden();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载原文件" }).click()]);
    expect(download.suggestedFilename()).toBe(FILE_NAME);
    expect(readFileSync(await download.path(), "utf8")).toBe(text);

    await page.setViewportSize({ width: 820, height: 1100 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-zh-tablet.png`, fullPage: true });

    await page.context().addCookies([{ name: "lang", value: "en", url: test.info().project.use.baseURL ?? "" }]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await expect(page.locator('li[data-rule="H-T3-COL"]')).toContainText("Table 3 applicant columns add up to Total");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-en.png`, fullPage: true });
  });

  test("the same file again is skipped, a bad file fails with a clear message", async ({ page }) => {
    test.setTimeout(90_000);
    const { text } = uniqueSample();
    await signIn(page, "admin", "/upload");
    const files = [
      { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from(text) },
      { name: "noise.bin", mimeType: "application/octet-stream", buffer: readFileSync("lib/ingest/__fixtures__/adversarial/noise.bin") },
    ];
    await page.getByLabel("选择文件").setInputFiles(files);
    await page.getByRole("button", { name: "上传并解析" }).click();
    await expect(page.locator('[data-status="created"]')).toHaveCount(1, { timeout: 90_000 });
    await expect(page.locator('[data-status="failed"]')).toContainText("noise.bin", { timeout: 90_000 });

    await page.getByLabel("选择文件").setInputFiles([files[0]!]);
    await page.getByRole("button", { name: "上传并解析" }).click();
    await expect(page.locator('[data-status="skipped"]')).toContainText("已上传过：同一文件即第 1 版", { timeout: 90_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/upload-results-zh.png`, fullPage: true });
  });

  test("an unknown report and its source are 404s; agency users are sent from /upload to their draft upload", async ({ page, playwright }) => {
    await signIn(page, "agency");
    const missing = "00000000-0000-4000-8000-000000000000";
    // The root loading boundary streams the shell first, so a page's notFound() shows the
    // not-found page under a 200; the route handler's status is exact.
    await page.goto(`/reports/${missing}`);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    expect((await page.request.get(`/reports/${missing}/source`)).status()).toBe(404);
    // Agency users are pointed to their draft upload instead of the publishing form.
    await page.goto("/upload");
    await expect(page.getByRole("link", { name: "上传草稿 →" })).toHaveAttribute("href", "/self-review#upload-title");
    await expect(page.getByLabel("选择文件")).toHaveCount(0);
    // Signed out: no file (the proxy sends pages to /login; the route itself answers 401).
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: SIGNED_OUT });
    const res = await anonymous.get(`/reports/${missing}/source`, { maxRedirects: 0 });
    expect([302, 303, 307, 401]).toContain(res.status());
    expect(res.headers()["content-disposition"]).toBeUndefined();
    await anonymous.dispose();
  });
});

test.describe("quality page", () => {
  test("shows pass rates, failing rules and the reports with errors, each one click from its report", async ({ page }) => {
    test.setTimeout(120_000);
    const { name, text } = uniqueSample();
    await signIn(page, "oversight", "/upload");
    await page.getByLabel("选择文件").setInputFiles({ name: FILE_NAME, mimeType: "text/plain", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "上传并解析" }).click();
    await expect(page.locator('[data-status="created"]')).toBeVisible({ timeout: 90_000 });

    await page.goto("/quality");
    await expect(page.getByRole("heading", { level: 1, name: "质量" })).toBeVisible();
    await expect(page.getByText("通过全部硬性规则")).toBeVisible();
    await expect(page.getByRole("heading", { name: "未通过的规则（按报告数）" })).toBeVisible();
    await expect(page.getByRole("row", { name: /H-T3-COL/ }).first()).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/quality-zh.png`, fullPage: true });

    // Down to 盘州市 through the filters, then one click to the report.
    await page.getByRole("combobox", { name: "年度" }).selectOption("2024");
    await page.getByRole("combobox", { name: "地区" }).selectOption("520200");
    await page.getByRole("button", { name: "查看" }).click();
    await expect(page).toHaveURL(/region=520200/);
    await page.getByRole("link", { name: "盘州市", exact: true }).click();
    await expect(page).toHaveURL(/region=520281/);
    // The queue of what needs a person lists it too (an error finding), with what needs doing.
    const queue = page.locator("section#queue");
    await expect(queue.getByRole("heading", { name: "待人工处理" })).toBeVisible();
    await expect(queue.locator("[data-queue-counts]")).toContainText(/存在错误 [1-9]\d* 份/);
    const queued = queue.getByRole("row", { name: new RegExp(name) });
    await expect(queued).toContainText(/\d+ 个错误/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/quality-queue-zh.png`, fullPage: true });
    await page.getByRole("table").last().getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
    await expect(page.locator('td[data-cell="t3.carried_over.total"]')).toHaveAttribute("data-mark", "blame");
  });
});
