import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, SIGNED_OUT, signInAs } from "./fixtures/accounts";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
// The sample's 表三 上年结转 row: its 总计 cell says 0 where the columns add up to 4.
const CARRIED_WRONG = "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |";
const CARRIED_FIXED = "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n4 |";

/** Unique bytes per run (trailing blank lines), so a re-run is a new version, not a skipped duplicate. */
function draftFile(text: string, name: string) {
  const pad = "\n".repeat(1 + Math.floor(Math.random() * 5000));
  return { name, mimeType: "text/plain", buffer: Buffer.from(text + pad) };
}

async function userPage(browser: Browser, email: string, next = "/self-review"): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await signInAs(page, email, undefined, next);
  return page;
}

test.use({ storageState: SIGNED_OUT });

test("盘州 uploads a draft, fixes it, submits; oversight returns it; another agency sees and changes nothing", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(240_000);
  expect(SAMPLE).toContain(CARRIED_WRONG);
  const panzhouUser = await createAccount(browser, { role: "agency", agency: "盘州市人民政府" });
  const oversightUser = await createAccount(browser, { role: "oversight", regionCode: "520000" });
  const otherUser = await createAccount(browser, { role: "agency", agency: "other" });

  const panzhou = await userPage(browser, panzhouUser.email);
  let draftUrl = "";
  let explainRequest: { url: string; headers: Record<string, string>; body: Buffer } | null = null;

  await test.step("upload a draft with the 上年结转 总计 error and see the finding with its fix", async () => {
    await expect(panzhou.getByRole("heading", { name: "上传草稿" })).toBeVisible();
    await panzhou.getByLabel("草稿文件").setInputFiles(draftFile(SAMPLE, "盘州市2024年报草稿.txt"));
    await panzhou.getByRole("button", { name: "上传并检查" }).click();
    await expect(panzhou).toHaveURL(/\/self-review\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    draftUrl = panzhou.url();
    await expect(panzhou.getByRole("heading", { level: 1 })).toContainText("盘州市人民政府 2024");
    await expect(panzhou.getByRole("heading", { name: "表格解析情况" })).toBeVisible();
    const finding = panzhou.getByRole("listitem", { name: /^H-T3-BAL/ });
    await expect(finding).toContainText("上年结转");
    await expect(finding).toContainText("建议修改：上年结转政府信息公开申请数量 · 总计 → 4");
    await expect(panzhou.getByRole("link", { name: "查看完整报告" })).toHaveAttribute("href", /\/reports\/[0-9a-f-]{36}$/);
  });

  await test.step("see the draft's key indicators against its peers, with the numbers behind them", async () => {
    const peers = panzhou.getByRole("region", { name: "与同类机关对比" });
    await expect(peers).toContainText("同类：县级人民政府");
    const table = peers.getByRole("table", { name: "本稿主要指标与同类机关对比" });
    await expect(table.getByRole("rowheader", { name: /^不予公开率/ })).toBeVisible();
    await expect(table.locator('tr[data-indicator="refusal_rate"]')).toContainText(/\d+ \/ \d+/);
    await expect(table.locator('tr[data-indicator="refusal_rate"] svg[role="img"]')).toBeVisible();
    await expect(peers.getByRole("link", { name: "在对比页查看该同类组 →" })).toHaveAttribute("href", /\/compare\?group=government%3Acounty/);
    await peers.scrollIntoViewIfNeeded();
    // The sticky site header would cover the top of an element screenshot.
    const unstick = "header { position: static !important; }";
    await peers.screenshot({ path: "e2e/artifacts/self-review-peers-1280.png", style: unstick });
    await panzhou.setViewportSize({ width: 820, height: 1100 });
    await peers.screenshot({ path: "e2e/artifacts/self-review-peers-820.png", style: unstick });
    await panzhou.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step("explain a finding (recording the request for the cross-tenant replay below)", async () => {
    const finding = panzhou.getByRole("listitem", { name: /^H-T3-COL/ });
    await finding.getByText("填写说明").click();
    await finding.getByLabel("说明").fill("盘州说明：总计漏填");
    const [request] = await Promise.all([
      panzhou.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
      finding.getByRole("button", { name: "保存说明" }).click(),
    ]);
    explainRequest = { url: request.url(), headers: request.headers(), body: request.postDataBuffer()! };
    await expect(finding).toContainText("已说明");
    await expect(finding).toContainText("盘州说明：总计漏填");
  });

  await test.step("submitting with an open error is refused with a reason", async () => {
    await panzhou.getByRole("button", { name: "提交审核" }).click();
    await expect(panzhou.getByRole("main").getByRole("alert")).toContainText("个错误未修改也未说明");
  });

  await test.step("upload the corrected version: a new version, the old one kept", async () => {
    await panzhou.getByLabel("草稿文件").setInputFiles(draftFile(SAMPLE.replace(CARRIED_WRONG, CARRIED_FIXED), "盘州市2024年报草稿-修改.txt"));
    await panzhou.getByRole("button", { name: "上传修改后的版本" }).click();
    await expect(panzhou).not.toHaveURL(draftUrl, { timeout: 60_000 });
    await expect(panzhou.getByRole("listitem", { name: /^H-T3-BAL/ })).toHaveCount(0);
    await expect(panzhou.getByText("其他版本")).toBeVisible();
    await panzhou.getByRole("button", { name: "提交审核" }).click();
    // The page re-renders with the new status; the submit form is gone.
    await expect(panzhou.getByText("已提交", { exact: true })).toBeVisible();
    await expect(panzhou.getByRole("button", { name: "提交审核" })).toHaveCount(0);
  });
  const submittedUrl = panzhou.url();

  await test.step("oversight sees the submission and returns it with a comment", async () => {
    const oversight = await userPage(browser, oversightUser.email);
    await expect(oversight.getByRole("heading", { name: "待审核的报告" })).toBeVisible();
    await oversight.goto(submittedUrl);
    await oversight.getByLabel("退回意见").fill("请核对表三后重新提交");
    await oversight.getByRole("button", { name: "退回" }).click();
    await expect(oversight.getByText("退回意见：请核对表三后重新提交")).toBeVisible();
    await expect(oversight.getByText("草稿", { exact: true })).toBeVisible();
    await oversight.context().close();
  });

  await test.step("盘州 sees the comment on its draft", async () => {
    await panzhou.goto("/self-review");
    await expect(panzhou.getByRole("table")).toContainText("请核对表三后重新提交");
  });

  await test.step("every step is in the audit log, for 盘州 and its oversight", async () => {
    await panzhou.goto("/audit?agency=盘州市人民政府");
    const table = panzhou.getByRole("table");
    for (const action of ["上传报告（新版本）", "说明问题", "提交审核", "退回修改"]) {
      await expect(table.getByRole("link", { name: action, exact: true }).first()).toBeVisible();
    }
    await expect(table).toContainText("请核对表三后重新提交");
    await panzhou.screenshot({ path: "e2e/artifacts/audit-agency-1280.png", fullPage: false });
    await panzhou.setViewportSize({ width: 820, height: 1100 });
    await panzhou.screenshot({ path: "e2e/artifacts/audit-agency-820.png", fullPage: false });
    await panzhou.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step("another agency's user sees none of it, by list, URL or direct POST", async () => {
    const other = await userPage(browser, otherUser.email);
    await expect(other.getByRole("table")).toHaveCount(0);
    await expect(other.getByText("盘州市人民政府")).toHaveCount(0);
    // Nor in the audit log.
    await other.goto("/audit?agency=盘州");
    await expect(other.getByRole("main").getByRole("status")).toHaveText("没有符合条件的记录。");
    await other.goto(`/audit?report=${draftUrl.split("/").pop()!}`);
    await expect(other.getByRole("main").getByRole("status")).toHaveText("没有符合条件的记录。");
    // "Not yours" is the same 404 as a made-up id.
    for (const url of [draftUrl, submittedUrl, draftUrl.replace("/self-review/", "/reports/"), submittedUrl.replace("/self-review/", "/reports/")]) {
      expect((await other.goto(url))?.status(), url).toBe(404);
      await expect(other.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
      await expect(other.getByText("盘州说明")).toHaveCount(0);
    }

    // Replay 盘州's explain-finding server action with the other user's session and new text.
    const replay = explainRequest!;
    const forged = Buffer.from(replay.body.toString("utf8").replace("盘州说明：总计漏填", "越权修改"), "utf8");
    const headers = { ...replay.headers };
    delete headers.cookie;
    delete headers["content-length"];
    const response = await other.request.post(replay.url, { headers, data: forged });
    expect(await response.text()).toContain("您无权执行此操作");

    // And signed out: the proxy turns it away before the action runs.
    const anonymous = await playwright.request.newContext({ baseURL });
    const anonymousResponse = await anonymous.post(replay.url, { headers, data: forged, maxRedirects: 0 });
    expect(anonymousResponse.status()).toBe(307);
    await anonymous.dispose();
    await other.context().close();

    await panzhou.goto(draftUrl);
    await expect(panzhou.getByRole("listitem", { name: /^H-T3-COL/ })).toContainText("盘州说明：总计漏填");
    await expect(panzhou.getByText("越权修改")).toHaveCount(0);
  });
  await panzhou.context().close();
});
