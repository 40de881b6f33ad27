/**
 * `npm test`: every check, in order, stopping at the first failure.
 *   typecheck → lint → unit (vitest on in-memory PGlite) → unit-postgres (db/ and scripts/
 *   tests again, when TEST_DATABASE_URL is set) → e2e (Playwright against `next start` on a
 *   throwaway database: a fresh PGlite folder, or TEST_DATABASE_URL when set).
 * `npm test -- --skip=typecheck,lint,unit` skips named steps (CI's second, Postgres pass).
 */
import "./lib/load-env";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { env } from "@/lib/env";
import { ensureBuilt } from "./lib/build";
import { localBin, run } from "./lib/run";

type StepName = "typecheck" | "lint" | "unit" | "unit-postgres" | "e2e";
type Step = { name: StepName; title: string; run: () => Promise<number> };
type Outcome = { name: StepName; status: "passed" | "failed" | "skipped"; seconds: number; note?: string };

const STEP_NAMES: readonly StepName[] = ["typecheck", "lint", "unit", "unit-postgres", "e2e"];

/** Env for test processes: never the developer's own database. An undefined value unsets a key. */
function testEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  delete result.DATABASE_URL;
  delete result.PGLITE_DIR;
  for (const [key, value] of Object.entries(result)) if (value === undefined) delete result[key];
  return result;
}

function chromiumPath(): string {
  const path = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found${env.CHROMIUM_PATH ? ` at CHROMIUM_PATH=${path}` : ""}. Install it: sudo apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

async function runE2e(): Promise<number> {
  const chromium = chromiumPath();
  await ensureBuilt();
  // A fresh PGlite folder per run; playwright.config.ts uses TEST_DATABASE_URL instead when set.
  const pgliteDir = mkdtempSync(join(tmpdir(), "gongkai-e2e-"));
  try {
    return await run(localBin("playwright"), ["test"], {
      env: testEnv({ E2E_PGLITE_DIR: pgliteDir, CHROMIUM_PATH: chromium }),
    });
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

const STEPS: readonly Step[] = [
  { name: "typecheck", title: "tsc --noEmit", run: () => run(localBin("tsc"), ["--noEmit"]) },
  { name: "lint", title: "eslint", run: () => run(localBin("eslint"), ["--max-warnings", "0", "."]) },
  {
    name: "unit",
    title: "vitest (PGlite)",
    run: () => run(localBin("vitest"), ["run"], { env: testEnv({ TEST_DATABASE_URL: undefined }) }),
  },
  {
    name: "unit-postgres",
    title: "vitest db/ scripts/ (TEST_DATABASE_URL)",
    // lib/ is pure and already ran; only the tests that touch a database run again on Postgres.
    run: () =>
      run(localBin("vitest"), ["run", "db/", "scripts/", "--passWithNoTests"], {
        env: testEnv({ TEST_DATABASE_URL: env.TEST_DATABASE_URL, TEST_DB_KINDS: "postgres" }),
      }),
  },
  { name: "e2e", title: `playwright (${env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, run: runE2e },
];

function parseSkips(argv: readonly string[]): Set<StepName> {
  const skips = new Set<StepName>();
  for (const arg of argv) {
    const match = /^--skip=(.*)$/.exec(arg);
    if (!match) throw new Error(`Unknown argument ${arg}. Usage: npm test [-- --skip=${STEP_NAMES.join(",")}]`);
    for (const name of (match[1] ?? "").split(",").filter(Boolean)) {
      const step = STEP_NAMES.find((candidate) => candidate === name);
      if (!step) throw new Error(`Unknown step "${name}" in --skip; steps are ${STEP_NAMES.join(", ")}.`);
      skips.add(step);
    }
  }
  return skips;
}

function printSummary(outcomes: readonly Outcome[]): void {
  console.log("\n── npm test summary ──");
  for (const outcome of outcomes) {
    const mark = outcome.status === "passed" ? "✓" : outcome.status === "failed" ? "✗" : "-";
    const time = outcome.status === "skipped" ? "" : ` (${outcome.seconds} s)`;
    console.log(`${mark} ${outcome.name.padEnd(14)} ${outcome.status}${time}${outcome.note ? `: ${outcome.note}` : ""}`);
  }
}

async function main(): Promise<number> {
  const skips = parseSkips(process.argv.slice(2));
  const outcomes: Outcome[] = [];
  for (const step of STEPS) {
    if (skips.has(step.name)) {
      outcomes.push({ name: step.name, status: "skipped", seconds: 0, note: "--skip" });
      continue;
    }
    if (step.name === "unit-postgres" && !env.TEST_DATABASE_URL) {
      outcomes.push({ name: step.name, status: "skipped", seconds: 0, note: "TEST_DATABASE_URL is not set" });
      continue;
    }
    console.log(`\n▶ ${step.name}: ${step.title}`);
    const started = Date.now();
    let code: number;
    let note: string | undefined;
    try {
      code = await step.run();
    } catch (error) {
      code = 1;
      note = error instanceof Error ? error.message : String(error);
      console.error(`\n${note}`);
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    if (code !== 0) {
      outcomes.push({ name: step.name, status: "failed", seconds, note: note ?? `exit code ${code}` });
      printSummary(outcomes);
      console.log(`\nnpm test: FAILED at ${step.name}; later steps did not run.`);
      return code;
    }
    outcomes.push({ name: step.name, status: "passed", seconds });
  }
  printSummary(outcomes);
  console.log("\nnpm test: all steps passed.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm test: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
