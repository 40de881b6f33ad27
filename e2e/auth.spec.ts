import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, createAccount, SIGNED_OUT, signInAs, TEST_PASSWORD } from "./fixtures/accounts";

test.use({ storageState: SIGNED_OUT });

/** Form messages; Next's route announcer is another role=alert, outside <main>. */
const alert = (page: Page) => page.getByRole("main").getByRole("alert");
const status = (page: Page) => page.getByRole("main").getByRole("status");

/** Clicks a form's submit button and waits for its server action's answer (bcrypt is slow on a busy machine). */
async function submitAction(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && Boolean(r.request().headers()["next-action"]), { timeout: 60_000 }),
    page.getByRole("button", { name: button }).click(),
  ]);
}

/** React resets a form after its action: wait for that before typing again, or the reset wipes it. */
async function afterReset(page: Page, label: string): Promise<void> {
  await expect(page.getByLabel(label, { exact: true })).toHaveValue("");
}

test.describe("sign-in", () => {
  test("a signed-out visitor is sent to the login page and back after signing in", async ({ page, browser }) => {
    const { email } = await createAccount(browser, { role: "oversight", regionCode: "520000" });
    await page.goto("/self-review");
    await expect(page).toHaveURL(/\/login\?next=%2Fself-review/);
    await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();

    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(/\/self-review$/);
    const account = page.getByRole("group", { name: "账户" });
    await expect(account).toContainText("测试 oversight");
    await expect(account).toContainText("监督人员");

    // The account links sit in a dropdown under the user's name.
    await account.locator("summary").click();
    await expect(account.getByRole("link", { name: "修改密码" })).toBeVisible();
    await account.getByRole("button", { name: "退出" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(status(page)).toHaveText("您已退出登录。");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a wrong password says so without telling which part was wrong", async ({ page, browser }) => {
    const { email } = await createAccount(browser, { role: "admin" });
    await page.goto("/login");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(alert(page)).toHaveText("邮箱或密码不正确");
    await afterReset(page, "密码");
    // The email is kept for the next try; the password is not.
    await expect(page.getByLabel("邮箱")).toHaveValue(email);

    await page.getByLabel("邮箱").fill("nobody-here@e2e.local");
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(alert(page)).toHaveText("邮箱或密码不正确");
  });

  test("five wrong passwords lock the account for 15 minutes, with the time to retry", async ({ page, browser }) => {
    const { email } = await createAccount(browser, { role: "admin" });
    await page.goto("/login");
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("邮箱").fill(email);
      await page.getByLabel("密码").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "登录", exact: true }).click();
      await expect(alert(page)).toHaveText(i < 5 ? "邮箱或密码不正确" : /^账户已临时锁定，请于 \d{2}:\d{2} 后重试$/);
      await afterReset(page, "密码");
    }
    // Even the right password is refused while locked.
    await page.getByLabel("密码").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(alert(page)).toHaveText(/账户已临时锁定/);
  });

  test("an expired or forged session cookie leads to the login page with a notice", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "authjs.session-token", value: "expired.or.forged", url: baseURL! }]);
    await page.goto("/regions");
    await expect(page).toHaveURL(/\/login\?next=%2Fregions&expired=1/);
    await expect(status(page)).toHaveText("登录已过期，请重新登录");
  });

  test("changes the password: this browser stays signed in, another browser is signed out with a clear message", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const { email } = await createAccount(browser, { role: "admin" });
    await signInAs(page, email, TEST_PASSWORD, "/account/password");
    // A second browser, signed in before the change.
    const otherContext = await browser.newContext({ storageState: SIGNED_OUT });
    const other = await otherContext.newPage();
    await signInAs(other, email, TEST_PASSWORD, "/regions");

    await page.getByLabel("当前密码").fill(TEST_PASSWORD);
    await page.getByLabel("新密码", { exact: true }).fill("short");
    await page.getByLabel("再次输入新密码").fill("short");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.getByText("至少 10 个字符", { exact: true })).toBeVisible();
    await afterReset(page, "当前密码");

    await page.getByLabel("当前密码").fill(TEST_PASSWORD);
    await page.getByLabel("新密码", { exact: true }).fill("brand-new-password-1");
    await page.getByLabel("再次输入新密码").fill("brand-new-password-2");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.getByText("两次输入的新密码不一致")).toBeVisible();
    await afterReset(page, "当前密码");

    await page.getByLabel("当前密码").fill(TEST_PASSWORD);
    await page.getByLabel("新密码", { exact: true }).fill("brand-new-password-1");
    await page.getByLabel("再次输入新密码").fill("brand-new-password-1");
    await submitAction(page, "修改密码");
    await expect(page).toHaveURL(/\/account\/password\?changed=1$/);
    await expect(status(page)).toHaveText(/^密码已修改。此浏览器保持登录/);
    // This browser keeps working (its session was re-issued at the change)…
    await page.goto("/regions");
    await expect(page).toHaveURL(/\/regions$/);
    await expect(page.getByRole("group", { name: "账户" })).toBeVisible();

    // …the other one is signed out on its next request, and told why.
    await other.goto("/agencies");
    await expect(other).toHaveURL(/\/login\?next=%2Fagencies&expired=password/);
    await expect(status(other)).toHaveText("会话已失效：密码已修改，请用新密码重新登录。");
    await signInAs(other, email, "brand-new-password-1");
    await otherContext.close();
  });

  test("wrong current passwords on the change-password page count toward the lockout, and say when it locks", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const { email } = await createAccount(browser, { role: "oversight", regionCode: "520000" });
    await signInAs(page, email, TEST_PASSWORD, "/account/password");
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("当前密码").fill(`wrong-current-${i}`);
      await page.getByLabel("新密码", { exact: true }).fill("brand-new-password-1");
      await page.getByLabel("再次输入新密码").fill("brand-new-password-1");
      await submitAction(page, "修改密码");
      if (i < 5) await expect(page.getByText("当前密码不正确")).toBeVisible();
      else await expect(alert(page)).toHaveText(/^当前密码连续输错次数过多，账户已锁定，请于 \d{2}:\d{2} 后再试/);
      await afterReset(page, "当前密码");
    }
    // The same lock as five failed sign-ins: signing in is refused too.
    const context = await browser.newContext({ storageState: SIGNED_OUT });
    const fresh = await context.newPage();
    await fresh.goto("/login");
    await fresh.getByLabel("邮箱").fill(email);
    await fresh.getByLabel("密码").fill(TEST_PASSWORD);
    await fresh.getByRole("button", { name: "登录", exact: true }).click();
    await expect(alert(fresh)).toHaveText(/账户已临时锁定/);
    await context.close();
  });

  test("a forged X-Forwarded-For does not change the address a failed sign-in is counted against", async ({ browser }) => {
    // Three contexts and three bcrypt checks: more than the default 30 s on a loaded 2-core machine.
    test.slow();
    const { email } = await createAccount(browser, { role: "agency", agency: "other" });
    for (const forged of ["203.0.113.77", "198.51.100.1, 203.0.113.78"]) {
      const context = await browser.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "X-Forwarded-For": forged } });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("邮箱").fill(email);
      await page.getByLabel("密码").fill("not-the-password");
      await page.getByRole("button", { name: "登录", exact: true }).click();
      await expect(alert(page)).toHaveText("邮箱或密码不正确");
      await context.close();
    }
    // The audit log (what the per-address limit counts) has the socket's address both times.
    const admin = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await admin.newPage();
    await page.goto(`/audit?action=user.sign_in_failed&actor=${encodeURIComponent(email)}`);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("地址：127.0.0.1");
    await expect(rows.nth(1)).toContainText("地址：127.0.0.1");
    await expect(page.getByRole("main")).not.toContainText("203.0.113");
    await page.goto("/audit");
    await page.screenshot({ path: "e2e/artifacts/audit-admin-1280.png" });
    await admin.close();
  });

  test("only administrators reach /admin/users", async ({ page, browser }) => {
    const { email } = await createAccount(browser, { role: "oversight", regionCode: "520000" });
    await signInAs(page, email);
    // The page is not there for them: 404, the same as an unknown address.
    expect((await page.goto("/admin/users"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "用户管理" })).toHaveCount(0);
  });
});
