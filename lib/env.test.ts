import { afterEach, describe, expect, it, vi } from "vitest";

// lib/env validates once, on import: each case sets the variables, then imports a fresh copy.
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const name of ["DATABASE_URL", "PGLITE_DIR", "AUTH_SECRET", "PORT", "NEXT_PHASE", "TEST_DATABASE_URL", "CI"]) {
    vi.stubEnv(name, undefined);
  }
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  const { env } = await import("./env");
  return env;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("env", () => {
  it("runs on PGlite defaults with nothing set", async () => {
    const env = await loadEnv({ NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.CI).toBe(false);
  });

  it("treats empty strings as unset", async () => {
    const env = await loadEnv({ NODE_ENV: "development", DATABASE_URL: "", PGLITE_DIR: "", PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it("accepts postgres:// and postgresql:// URLs and coerces PORT", async () => {
    const env = await loadEnv({
      NODE_ENV: "development",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/gongkai",
      TEST_DATABASE_URL: "postgresql://u:p@db.internal/gongkai_test",
      PORT: "3100",
      CI: "true",
    });
    expect(env.DATABASE_URL).toBe("postgres://postgres@127.0.0.1:5432/gongkai");
    expect(env.TEST_DATABASE_URL).toBe("postgresql://u:p@db.internal/gongkai_test");
    expect(env.PORT).toBe(3100);
    expect(env.CI).toBe(true);
  });

  it("rejects a DATABASE_URL that is not PostgreSQL", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(loadEnv({ NODE_ENV: "development", DATABASE_URL: "mysql://root@localhost/db" })).rejects.toThrow(
      /Invalid environment variables/,
    );
  });

  it("rejects a port out of range", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(loadEnv({ NODE_ENV: "development", PORT: "70000" })).rejects.toThrow(/Invalid environment variables/);
  });

  it("requires a long AUTH_SECRET for a production server", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(loadEnv({ NODE_ENV: "production" })).rejects.toThrow(/Invalid environment variables/);
    expect(JSON.stringify(errors.mock.calls)).toContain("AUTH_SECRET is required in production");
    await expect(loadEnv({ NODE_ENV: "production", AUTH_SECRET: "too-short" })).rejects.toThrow();

    const env = await loadEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) });
    expect(env.AUTH_SECRET).toHaveLength(32);
  });

  it("does not require AUTH_SECRET while next build runs", async () => {
    const env = await loadEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" });
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it("flags CI only for truthy values", async () => {
    for (const [value, expected] of [["1", true], ["yes", true], ["0", false], ["false", false], ["FALSE", false]] as const) {
      const env = await loadEnv({ NODE_ENV: "development", CI: value });
      expect(env.CI, `CI=${value}`).toBe(expected);
    }
  });
});
