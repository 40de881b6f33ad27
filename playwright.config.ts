import "./scripts/lib/load-env";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { env } from "./lib/env";

const PORT = env.E2E_PORT;
const BASE_URL = `http://127.0.0.1:${PORT}`;

// The server under test always gets a throwaway database: TEST_DATABASE_URL when set, else a
// PGlite folder (npm test passes a fresh one and deletes it; a bare `playwright test` makes one
// here, and records it in process.env so the worker processes, which reload this file, reuse it).
function e2eDatabaseEnv(): Record<string, string> {
  if (env.TEST_DATABASE_URL) return { DATABASE_URL: env.TEST_DATABASE_URL, PGLITE_DIR: "" };
  const dir = env.E2E_PGLITE_DIR ?? (process.env.E2E_PGLITE_DIR ??= mkdtempSync(join(tmpdir(), "gongkai-e2e-")));
  // "" counts as unset (lib/env's emptyStringAsUndefined), overriding a DATABASE_URL in the shell.
  return { DATABASE_URL: "", PGLITE_DIR: dir };
}

const CHROMIUM = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath: env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // The machine has no outside network: background services would only fail noisily.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/artifacts/test-results",
  fullyParallel: true,
  forbidOnly: env.CI,
  retries: env.CI ? 2 : 0,
  // 2 cores serve next start and the browsers; more workers only queue.
  workers: 2,
  reporter: [["list"], ["html", { outputFolder: "e2e/artifacts/report", open: "never" }]],
  use: {
    baseURL: BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  },
  projects: [
    // Signs in once as the demo admin (seeded by npm start) and saves playwright/.auth/admin.json.
    { name: "setup", testMatch: /.*\.setup\.ts/, use: CHROMIUM },
    {
      name: "chromium",
      dependencies: ["setup"],
      // Specs run signed in as the admin unless they choose otherwise (test.use({ storageState })).
      use: { ...CHROMIUM, storageState: "playwright/.auth/admin.json" },
    },
  ],
  webServer: {
    command: "node_modules/.bin/tsx --conditions=react-server scripts/start.ts",
    url: `${BASE_URL}/api/health`,
    // The 六盘水市 part of the demo corpus (342 reports, the 盘州 sample among them) and the demo accounts.
    env: { ...e2eDatabaseEnv(), PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1", GONGKAI_DEMO: "small" },
    reuseExistingServer: !env.CI,
    // start.ts builds first when .next is stale; npm test builds before this, so it is fast there.
    timeout: 10 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
