import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT, localBin, run } from "./run";

// A build is stale when any source file is newer than .next/BUILD_ID (written last by
// `next build`). Simple mtime comparison: editing a file, pulling, or `npm ci` triggers a
// rebuild; tests and fixtures don't, since they never reach the bundle.
const SOURCE_DIRS = ["app", "lib", "db", "public"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "tsconfig.json",
  "proxy.ts",
  "auth.ts",
  "auth.config.ts",
  "instrumentation.ts",
];
const IGNORED_DIRS = new Set(["node_modules", ".next", "__fixtures__"]);
const IGNORED_SUBTREES = [join("db", "test")];
const IGNORED_FILE = /\.(test|spec)\.tsx?$/;

export type BuildState = { fresh: true } | { fresh: false; reason: string };

/** The first source file newer than `since` (ms), or null. Stops walking at the first hit. */
function findNewerFile(root: string, dir: string, since: number): string | null {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (IGNORED_DIRS.has(entry.name) || IGNORED_SUBTREES.includes(relative(root, path))) continue;
      const hit = findNewerFile(root, path, since);
      if (hit) return hit;
    } else if (entry.isFile() && !IGNORED_FILE.test(entry.name) && statSync(path).mtimeMs > since) {
      return path;
    }
  }
  return null;
}

/** Whether `root`'s .next build is at least as new as every source file. */
export function checkBuild(root: string = ROOT): BuildState {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return { fresh: false, reason: "no build yet (.next/BUILD_ID is missing)" };
  const builtAt = statSync(buildId).mtimeMs;
  for (const file of SOURCE_FILES) {
    const path = join(root, file);
    if (existsSync(path) && statSync(path).mtimeMs > builtAt) {
      return { fresh: false, reason: `${file} changed since the last build` };
    }
  }
  for (const dir of SOURCE_DIRS) {
    const hit = findNewerFile(root, join(root, dir), builtAt);
    if (hit) return { fresh: false, reason: `${relative(root, hit)} changed since the last build` };
  }
  return { fresh: true };
}

/** Runs `next build` when the build is missing or stale; throws with a clear message if it fails. */
export async function ensureBuilt(): Promise<void> {
  const state = checkBuild();
  if (state.fresh) {
    console.log("build: up to date (.next)");
    return;
  }
  console.log(`build: ${state.reason}; running next build (a few minutes on a small machine)…`);
  const started = Date.now();
  // A clone that never built has no Turbopack cache to reuse: writing one would only make this
  // first build slower (next.config.ts).
  const firstBuild = !existsSync(join(ROOT, ".next"));
  const code = await run(localBin("next"), ["build"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(firstBuild ? { GONGKAI_FIRST_BUILD: "1" } : {}) },
  });
  if (code !== 0) {
    throw new Error(`next build failed (exit ${code}). Fix the errors printed above, then run the command again.`);
  }
  console.log(`build: done in ${Math.round((Date.now() - started) / 1000)} s`);
}
