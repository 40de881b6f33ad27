/**
 * Account administration (issue #18 point 8): a locked account looks locked and is unlocked, the
 * last sign-in is shown, accounts are searched, role and agency are changed with a searchable
 * agency picker. Screenshots at 1440 px and 390 px, zh and en.
 */
import { expect, test, type Page } from "@playwright/test";
import { createAccount, SIGNED_OUT, signInAs, TEST_PASSWORD } from "./fixtures/accounts";
import { SCREENSHOT_DIR } from "./fixtures/shell";

function row(page: Page, email: string) {
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: email, exact: true }) });
}

test("an admin sees a locked account, unlocks it, finds accounts and moves one to another agency", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { email } = await createAccount(browser, { role: "agency", agency: "盘州市人民政府" });

  await test.step("five wrong passwords lock the account", async () => {
    const context = await browser.newContext({ storageState: SIGNED_OUT });
    const other = await context.newPage();
    for (let i = 0; i < 5; i++) {
      await other.goto("/login");
      await other.getByLabel("邮箱").fill(email);
      await other.getByLabel("密码").fill("wrong-password-x");
      await other.getByRole("button", { name: "登录", exact: true }).click();
      await expect(other.getByRole("alert")).toBeVisible();
    }
    await context.close();
  });

  await test.step("search finds it; it looks locked, never signed in, with an unlock button", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/admin/users");
    await page.getByRole("searchbox", { name: "搜索账户" }).fill(email);
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await expect(page).toHaveURL(/\?q=/);
    await expect(page.getByRole("main").getByText("共 1 个账户")).toBeVisible();
    const r = row(page, email);
    await expect(r).toHaveAttribute("data-locked", "true");
    await expect(r.getByTestId("locked")).toHaveText("已锁定");
    await expect(r).toContainText(/锁定至 \d\d:\d\d/);
    await expect(r).toContainText("从未登录");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-locked-zh-1440.png`, fullPage: true });
    await r.getByRole("button", { name: "解除锁定" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已解除锁定" })).toBeVisible();
    await expect(row(page, email)).not.toHaveAttribute("data-locked", "true");
  });

  await test.step("the owner signs in at once, and the admin sees when", async () => {
    const context = await browser.newContext({ storageState: SIGNED_OUT });
    await signInAs(await context.newPage(), email, TEST_PASSWORD);
    await context.close();
    await page.reload();
    await expect(row(page, email)).not.toContainText("从未登录");
    await expect(row(page, email)).toContainText(/\d{4}\/\d\d\/\d\d \d\d:\d\d/);
  });

  await test.step("change the account to another agency with the filtered picker", async () => {
    await row(page, email).getByRole("link", { name: `修改角色/所属 ${email}` }).click();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "保存" }) });
    const picker = form.getByLabel("机关", { exact: true });
    await expect(picker).toHaveValue(/[0-9a-f-]{36}/);
    const before = await picker.locator("option").count();
    await form.getByRole("searchbox", { name: "筛选机关" }).fill("水城");
    const after = await picker.locator("option").count();
    expect(after).toBeLessThan(before);
    const names = (await picker.locator("option").allTextContents()).filter((n) => n.includes("水城"));
    expect(names.length).toBeGreaterThan(0);
    await picker.selectOption({ label: names[0]! });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-edit-zh-1440.png`, fullPage: true });
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByRole("status")).toContainText(`已保存：${email}`);
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await expect(row(page, email)).toContainText(names[0]!);
    await page.goto("/audit?action=user.update");
    await expect(page.getByRole("main")).toContainText("修改角色或所属");
  });

  await test.step("the page on a phone, and in English", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/admin/users?q=${encodeURIComponent("demo.local")}`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-users-zh-390.png`, fullPage: true });
    await page.context().addCookies([{ name: "lang", value: "en", url: page.url() }]);
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await expect(page.getByRole("main").getByText("Accounts: 1")).toBeVisible();
    await expect(row(page, email)).toContainText("Active");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-users-en-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await row(page, email).getByRole("link", { name: `Change role or scope ${email}` }).click();
    // The create form below has its own agency filter: look inside the edit form, which opens
    // after the link's navigation (before it, only the create form's filter exists).
    await expect(page).toHaveURL(/edit=/);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Save" }) });
    await expect(form.getByRole("searchbox", { name: "Filter agencies" })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-edit-en-1440.png`, fullPage: true });
    await page.context().clearCookies({ name: "lang" });
  });
});

test.describe("not for other roles", () => {
  test.use({ storageState: SIGNED_OUT });

  test("an oversight user gets a 404 from /admin/users, with or without a search", async ({ page, browser }) => {
    // Creating the account (bcrypt) and signing in take a while on a busy 2-core machine.
    test.setTimeout(120_000);
    const { email } = await createAccount(browser, { role: "oversight", regionCode: "520200" });
    await signInAs(page, email);
    expect((await page.goto("/admin/users?q=demo"))?.status()).toBe(404);
  });
});
