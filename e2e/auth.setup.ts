import { test as setup } from "@playwright/test";
import { ADMIN_STATE, signInAs } from "./fixtures/accounts";

// The demo admin exists because `npm start` seeds the demo accounts on the fresh e2e database.
setup("sign in as the demo administrator", async ({ page }) => {
  await signInAs(page, "admin@demo.local", "gongkai-demo");
  await page.context().storageState({ path: ADMIN_STATE });
});
