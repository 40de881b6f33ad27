/**
 * The rest of `npm start` (scripts/start.ts), once the build is under way: migrate, then serve
 * with Next's production server (scripts/serve.ts) on $PORT (default 3000) while the demo corpus
 * loads into an empty database in the background.
 */
import "./load-env";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeDb, dbKind, dbLocation, getDb } from "@/db/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from "@/db/mutations/user/seed-demo-accounts";
import { migrateDb } from "@/db/migrate";
import { env } from "@/lib/env";
import { describeToolStatus } from "@/lib/system";
import { planDemoLoad } from "./demo-background";
import { ensureReportCoverage } from "./coverage";
import { ensureDashboardRollups } from "./rollups";
import { ROOT, localBin } from "./run";

const LOCAL_SECRET_FILE = join(ROOT, ".data", "auth-secret");
const READY_TIMEOUT_MS = 120_000;

/**
 * Migrates, seeds the demo accounts, and plans the demo load (db/schema/demo-load.ts). While
 * `next build` runs, the demo corpus loads too, at the lowest CPU priority (the cores would
 * otherwise wait in the build's single-threaded phases), and stops when the build is done: the
 * server then serves at once and stores the rest in the background, with a banner on every page
 * (scripts/lib/demo-background.ts).
 */
async function prepareDatabase(build: Promise<unknown> | null, release: boolean): Promise<void> {
  for (const line of describeToolStatus()) console.log(`formats: ${line}`);
  console.log(`database: ${dbKind() === "pglite" ? "embedded PGlite" : "PostgreSQL"} at ${dbLocation()}`);
  try {
    const db = getDb();
    await migrateDb(db);
    console.log("database: migrations applied");
    await ensureDashboardRollups(db);
    await ensureReportCoverage(db);
    if (env.GONGKAI_DEMO !== "off") {
      await seedDemoAccounts(db);
      console.log(`demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => `${a.email} (${a.role})`).join(", ")}`);
    }
    const plan = await planDemoLoad(db, env.GONGKAI_DEMO);
    if (plan.action === "none") {
      console.log(`demo corpus: ${plan.reason}`);
    } else {
      const what = plan.corpus === "small" ? "the small 贵州 demo (六盘水市, and every county government's 2023–2024 reports)" : "the 贵州 demo";
      console.log(`demo corpus: ${plan.resume ? `resuming ${what} at ${plan.loaded}/${plan.planned}` : `loading ${what}, ${plan.planned} documents, through the ingest pipeline`}; the app serves as soon as it is built and loads the rest in the background`);
      if (build) await loadWhileBuilding(plan.corpus, build);
    }
  } finally {
    // Another process serves: release the database first (PGlite allows one process per folder).
    if (release) await closeDb();
  }
}

/**
 * Loads the demo until the build is done, in a child process at the lowest CPU priority
 * (scripts/lib/demo-load-child.ts): the build comes first, the load takes what it leaves idle.
 * This process releases the database for it (PGlite: one process per folder) and opens it again
 * once the child has stopped between two documents.
 */
async function loadWhileBuilding(corpus: "full" | "small", build: Promise<unknown>): Promise<void> {
  await closeDb();
  const args = ["--import", "tsx", "--conditions=react-server", join(ROOT, "scripts", "lib", "demo-load-child.ts"), corpus];
  // `nice` execs the command, so the signal below reaches the loader itself.
  const niced = process.platform !== "win32" && existsSync("/usr/bin/nice");
  const child = niced
    ? spawn("/usr/bin/nice", ["-n", "19", process.execPath, ...args], { cwd: ROOT, stdio: "inherit" })
    : spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      console.error(`demo corpus: could not start the load during the build (${error.message}); the server loads it`);
      resolve(null);
    });
  });
  // Settled either way: a failed build also stops the load (main reports the failure).
  const stop = () => child.kill("SIGTERM");
  build.then(stop, stop);
  await exited;
}

/**
 * next-auth needs AUTH_SECRET in production. When it is unset, keep a random one in
 * .data/auth-secret (mode 600) so a local install works and sessions survive restarts;
 * a shared deployment sets its own.
 */
function resolveAuthSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (existsSync(LOCAL_SECRET_FILE)) {
    const stored = readFileSync(LOCAL_SECRET_FILE, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(join(ROOT, ".data"), { recursive: true });
  writeFileSync(LOCAL_SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  console.log("auth: AUTH_SECRET is not set; generated a local one in .data/auth-secret");
  return secret;
}

/** Polls the health endpoint until the server answers, then prints where to open it. */
async function announceWhenReady(port: number, isRunning: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (isRunning() && Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      const body = (await response.json()) as { ok?: boolean; db?: string; error?: string };
      if (response.ok) {
        console.log(`\n  公开 Gongkai is running: http://localhost:${port}  (database: ${body.db ?? "?"})\n`);
      } else {
        console.error(`\n  公开 Gongkai started at http://localhost:${port}, but its database check failed: ${body.error ?? response.status}\n`);
      }
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** `build`: the running `next build`, or null when the build is up to date. */
export async function startApp(build: Promise<void> | null): Promise<void> {
  // Both must succeed; allSettled so a failed build still lets the database work finish cleanly.
  // PGlite and WEB_CONCURRENCY=1: serve from this process (the same rule as scripts/serve.ts).
  const processes = env.DATABASE_URL ? env.WEB_CONCURRENCY : 1;
  const [built, prepared] = await Promise.allSettled([build ?? Promise.resolve(), prepareDatabase(build, processes > 1)]);
  for (const r of [built, prepared]) if (r.status === "rejected") throw r.reason;

  const serverEnv = { AUTH_SECRET: resolveAuthSecret(), NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };
  if (processes === 1) {
    // One server process: this one. The database stays open from the preparation above (PGlite
    // opens its folder in seconds, and only one process may), and no second runtime starts.
    Object.assign(process.env, serverEnv);
    const { serve } = await import("../serve");
    await serve();
    await announceWhenReady(env.PORT, () => true);
    return;
  }
  // Several processes (PostgreSQL, WEB_CONCURRENCY): scripts/serve.ts forks them.
  // scripts/serve.ts rather than `next start`: it decides the client address (X-Forwarded-For).
  // react-server: the server process also stores the rest of the demo through db/ (server-only modules).
  const server = spawn(localBin("tsx"), ["--conditions=react-server", join(ROOT, "scripts", "serve.ts")], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...serverEnv },
  });
  let running = true;
  let stopRequested = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopRequested = true;
      server.kill(signal);
    });
  }
  server.once("error", (error) => {
    console.error(`Could not start next: ${error.message}`);
    process.exit(1);
  });
  server.once("exit", (code, signal) => {
    running = false;
    // A stop we forwarded is a clean exit; any other signal (OOM killer, crash) is a failure.
    process.exit(code ?? (signal && stopRequested ? 0 : 1));
  });
  await announceWhenReady(env.PORT, () => running);
}

