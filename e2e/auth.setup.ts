import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, signInAs } from "./fixtures/accounts";
import { SCREENSHOT_DIR } from "./fixtures/shell";

interface DemoLoad {
  state: "loading" | "done" | "none";
  planned?: number;
  loaded?: number;
}

// The demo admin exists because `npm start` seeds the demo accounts on the fresh e2e database
// before it serves; the demo corpus itself loads behind the serving app (issue #17).
setup("sign in as the demo administrator while the demo loads, then wait for all of it", async ({ page, request }) => {
  setup.setTimeout(15 * 60_000);
  const first = (await (await request.get("/api/demo-load")).json()) as DemoLoad;
  expect(first.state, "npm start records the demo load on the fresh e2e database").not.toBe("none");
  await signInAs(page, "admin@demo.local", "gongkai-demo");
  await page.context().storageState({ path: ADMIN_STATE });
  if (first.state === "loading") {
    // The app is usable while it loads: signed in, on the dashboard, with the progress in a banner.
    const banner = page.locator("[data-demo-load]");
    await page.goto("/");
    const now = (await (await request.get("/api/demo-load")).json()) as DemoLoad;
    if (now.state === "loading") {
      await expect(banner).toContainText("演示数据正在后台载入");
      await expect(banner).toContainText(`/ ${now.planned} 份年报`);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/demo-loading-zh.png` });
      // It follows the load by itself, and says when the last document is in.
      await expect(banner).toHaveAttribute("data-demo-load", "done", { timeout: 14 * 60_000 });
      await expect(banner).toContainText(`演示数据已全部载入：${now.planned} 份年报`);
    }
  }
  // Every spec after this one reads the whole small demo.
  await expect
    .poll(async () => ((await (await request.get("/api/demo-load")).json()) as DemoLoad).state, { timeout: 14 * 60_000, intervals: [2000] })
    .toBe("done");
});
