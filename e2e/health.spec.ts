import { expect, test } from "@playwright/test";
import { EXPECTED_DB } from "./fixtures/shell";

test("GET /api/health reports a live database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toEqual({ ok: true, db: EXPECTED_DB });
});
