/**
 * `npm start`: build if needed, migrate, load the demo corpus into an empty database, then serve
 * with `next start` on $PORT (default 3000). One command from a fresh clone to a running app.
 */
import "./lib/load-env";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeDb, dbKind, dbLocation, getDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { env } from "@/lib/env";
import { ensureBuilt } from "./lib/build";
import { ROOT, localBin } from "./lib/run";

const LOCAL_SECRET_FILE = join(ROOT, ".data", "auth-secret");
const READY_TIMEOUT_MS = 120_000;

async function migrate(): Promise<void> {
  console.log(`database: ${dbKind() === "pglite" ? "embedded PGlite" : "PostgreSQL"} at ${dbLocation()}`);
  try {
    await migrateDb(getDb());
    console.log("database: migrations applied");
  } finally {
    // PGlite allows one process per folder: release it before the server opens it.
    await closeDb();
  }
}

/** Hook for the demo-corpus issue: ingest the demo reports when the database has none. */
function loadDemoIfEmpty(): Promise<void> {
  console.log("demo corpus: not yet available");
  return Promise.resolve();
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

async function main(): Promise<void> {
  await ensureBuilt();
  await migrate();
  await loadDemoIfEmpty();

  const server = spawn(localBin("next"), ["start", "-p", String(env.PORT)], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, AUTH_SECRET: resolveAuthSecret(), NEXT_TELEMETRY_DISABLED: "1" },
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

main().catch((error: unknown) => {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
