/**
 * What the benches that measure the running app share (bench:load, bench:weight): a throwaway
 * database, the built app started on it with the demo corpus, waiting until the demo is stored,
 * signing in as a demo user, and the dashboard pages' URLs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { z } from "zod";
import { env } from "../../lib/env";
import { localBin, ROOT } from "./run";

export const BENCH_PAGES = ["overview", "region", "agency", "compare"] as const;
export type BenchPage = (typeof BENCH_PAGES)[number];

export interface Database {
  env: Record<string, string>;
  label: string;
  drop: () => Promise<void>;
}

/** A throwaway database: a new PostgreSQL database beside TEST_DATABASE_URL's, else a temp PGlite folder. */
export async function throwawayDatabase(reuse: string | undefined): Promise<Database> {
  if (reuse) return { env: { DATABASE_URL: reuse, PGLITE_DIR: "" }, label: "PostgreSQL (given, kept)", drop: async () => {} };
  if (env.TEST_DATABASE_URL) {
    const name = `gongkai_bench_${randomBytes(5).toString("hex")}`;
    const admin = postgres(env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString(), PGLITE_DIR: "" },
      label: `PostgreSQL (throwaway ${name})`,
      drop: async () => {
        try {
          await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await admin.end({ timeout: 5 });
        }
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "gongkai-bench-"));
  return { env: { DATABASE_URL: "", PGLITE_DIR: dir }, label: "PGlite (throwaway)", drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
}

export function startServer(port: number, db: Database, demo: string, processes: number, pageCache: string): ChildProcess {
  const child = spawn(localBin("tsx"), ["--conditions=react-server", join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    // Its own process group, so the whole tree (start → serve → workers) stops together.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...db.env,
      PORT: String(port),
      GONGKAI_DEMO: demo,
      WEB_CONCURRENCY: String(processes),
      PAGE_CACHE: pageCache,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((l) => l.trim() && !/^demo corpus: \d+\/\d+$/.test(l.trim()))
      .map((l) => `  [server] ${l}`)
      .join("\n");
  child.stdout?.on("data", (c: Buffer) => {
    const text = prefix(c);
    if (text) console.log(text);
  });
  child.stderr?.on("data", (c: Buffer) => {
    const text = prefix(c);
    if (text) console.error(text);
  });
  return child;
}

export async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}) before it answered`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`the server did not answer ${base}/api/health within ${timeoutMs / 1000} s`);
}

/** The server serves while the demo loads behind it: measure only once all of it is stored. */
export async function waitForDemo(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}) while the demo loaded`);
    const r = await fetch(`${base}/api/demo-load`).catch(() => null);
    const body = r?.ok ? ((await r.json()) as { state: string }) : null;
    if (body && body.state !== "loading") return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`the demo corpus was not loaded within ${timeoutMs / 1000} s`);
}

/** Cookie header value from a response's Set-Cookie headers, merged into `jar`. */
export function keepCookies(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";", 1);
    const eq = pair!.indexOf("=");
    if (eq > 0) jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
}
export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through Auth.js's credentials endpoint, as a browser's form would; returns the Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keepCookies(csrf, jar);
  const { csrfToken } = z.object({ csrfToken: z.string() }).parse(await csrf.json());
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  keepCookies(r, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`signing in as ${email} failed (HTTP ${r.status}); is the demo corpus loaded?`);
  return cookieHeader(jar);
}

export async function getPage(base: string, path: string, cookie: string): Promise<string> {
  return (await getPageWithCache(base, path, cookie)).html;
}

/** The page and what the page cache did for it (header x-gongkai-page-cache; "none" without one). */
export async function getPageWithCache(base: string, path: string, cookie: string): Promise<{ html: string; cache: string }> {
  const r = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}${r.headers.get("location") ? ` → ${r.headers.get("location")}` : ""}`);
  return { html: await r.text(), cache: r.headers.get("x-gongkai-page-cache") ?? "none" };
}

/** The pages' URLs; the agency page is 盘州市人民政府's, found through its county's page. */
export async function pageUrls(base: string, cookie: string): Promise<Record<BenchPage, string>> {
  const county = await getPage(base, "/regions/520281", cookie);
  const m = /href="(\/agencies\/[0-9a-f-]{36})"[^>]*>盘州市人民政府</.exec(county);
  if (!m) throw new Error("盘州市人民政府 not found on /regions/520281: the demo corpus is not loaded");
  return {
    overview: "/",
    region: "/regions/520200",
    agency: m[1]!,
    compare: "/compare?group=government:county:5202&year=2021-2024&indicator=refusal_rate",
  };
}

/** Stops the server's whole process group (SIGTERM, then SIGKILL after 15 s) and drops the database. */
export async function stopServer(server: ChildProcess, db: Database): Promise<void> {
  if (server.exitCode === null && server.pid) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (server.exitCode === null) process.kill(-server.pid, "SIGKILL");
  }
  await db.drop();
}
