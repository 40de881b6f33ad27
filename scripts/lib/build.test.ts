import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkBuild } from "./build";

const BUILT_AT = new Date("2026-01-01T12:00:00Z");
const BEFORE = new Date("2026-01-01T11:00:00Z");
const AFTER = new Date("2026-01-01T13:00:00Z");

let root: string;

function touch(relativePath: string, at: Date): void {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, "x");
  utimesSync(path, at, at);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "gongkai-build-test-"));
  touch("package.json", BEFORE);
  touch("app/page.tsx", BEFORE);
  touch("lib/i18n/index.ts", BEFORE);
  touch("db/client.ts", BEFORE);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("checkBuild", () => {
  it("asks for a build when .next/BUILD_ID is missing", () => {
    expect(checkBuild(root)).toEqual({ fresh: false, reason: "no build yet (.next/BUILD_ID is missing)" });
  });

  it("is fresh when every source is older than the build", () => {
    touch(".next/BUILD_ID", BUILT_AT);
    expect(checkBuild(root)).toEqual({ fresh: true });
  });

  it("names the nested source file that changed after the build", () => {
    touch(".next/BUILD_ID", BUILT_AT);
    touch("lib/i18n/dictionaries/zh.ts", AFTER);
    expect(checkBuild(root)).toEqual({
      fresh: false,
      reason: `${join("lib", "i18n", "dictionaries", "zh.ts")} changed since the last build`,
    });
  });

  it("notices a changed lockfile or Next config at the root", () => {
    touch(".next/BUILD_ID", BUILT_AT);
    touch("package-lock.json", AFTER);
    expect(checkBuild(root)).toMatchObject({ fresh: false, reason: "package-lock.json changed since the last build" });
  });

  it("ignores tests, fixtures, db/test and node_modules", () => {
    touch(".next/BUILD_ID", BUILT_AT);
    touch("lib/i18n/i18n.test.ts", AFTER);
    touch("app/shell.spec.tsx", AFTER);
    touch("lib/ingest/__fixtures__/a/2024/input.txt", AFTER);
    touch("db/test/factories.ts", AFTER);
    touch("lib/node_modules/x/index.js", AFTER);
    touch("e2e/shell.spec.ts", AFTER);
    expect(checkBuild(root)).toEqual({ fresh: true });
  });

  it("does not ignore a route folder that happens to be called test", () => {
    touch(".next/BUILD_ID", BUILT_AT);
    touch("app/test/page.tsx", AFTER);
    expect(checkBuild(root)).toMatchObject({ fresh: false });
  });
});
