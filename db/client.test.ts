import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactUrl } from "./client";
import { findTestPostgres } from "./test/postgres";
import { runTs } from "./test/spawn";

const PRINT_DB_KIND = "db/test/fixtures/print-db-kind.ts";

// The env is read once per process (lib/env), so each setting gets a fresh child process.
describe("getDb / dbKind follow DATABASE_URL", () => {
  let root: string;
  let postgresUrl: string | null;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "gongkai-client-"));
    postgresUrl = await findTestPostgres();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // An empty DATABASE_URL (as in a copied .env.example) counts as unset.
  it("uses embedded PGlite in PGLITE_DIR when DATABASE_URL is unset or empty", async () => {
    const dir = path.join(root, "data", "pglite");
    const result = await runTs(PRINT_DB_KIND, [], { DATABASE_URL: "", PGLITE_DIR: dir });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ kindBeforeOpen: "pglite", kind: "pglite", location: dir });
  });

  it("uses PostgreSQL through postgres.js when DATABASE_URL is set", async (ctx) => {
    if (!postgresUrl) ctx.skip();
    const result = await runTs(PRINT_DB_KIND, [], { DATABASE_URL: postgresUrl ?? "", PGLITE_DIR: undefined });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ kindBeforeOpen: "postgres", kind: "postgres" });
  });

  it("rejects a DATABASE_URL that is not a postgres URL, naming the variable", async () => {
    const result = await runTs(PRINT_DB_KIND, [], { DATABASE_URL: "mysql://localhost/x" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("DATABASE_URL");
  });
});

describe("redactUrl", () => {
  it("hides the password and keeps the rest", () => {
    expect(redactUrl("postgres://app:s3cret@db.example:5432/gongkai")).toBe("postgres://app:***@db.example:5432/gongkai");
    expect(redactUrl("postgres://postgres@127.0.0.1:5432/postgres")).toBe("postgres://postgres@127.0.0.1:5432/postgres");
  });
});
