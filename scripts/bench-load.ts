/**
 * npm run bench:load [-- --users 20 --duration 20 --demo on --processes 1 --pages overview,region,agency,compare
 *                       --page-cache on|off --gzip on|off]
 *
 * Many readers at once: builds the app if needed, starts it (scripts/start.ts) on a throwaway
 * database — a fresh PostgreSQL database on TEST_DATABASE_URL's server when that is set, else a
 * temporary PGlite folder — with the demo corpus, signs in as the demo oversight user, then drives
 * `--users` concurrent connections (autocannon) at each dashboard page in turn for `--duration`
 * seconds and prints requests/s and p50/p99 latency per page, with the load average around each
 * run. Figures are printed, never asserted. `--database-url URL` reuses a database that already
 * holds the demo (loading the full demo takes minutes); it is neither emptied nor dropped.
 * `--page-cache off` runs the server without its rendered-page cache (lib/http/page-cache.ts), to
 * compare; `--gzip off` stops asking for gzip answers (browsers always ask; the default does too).
 *
 * The load generator runs on the same machine as the server and the database, so on a 2-core
 * machine it takes its share of the CPU: run it when the machine is otherwise quiet (`uptime`).
 * Goals from issue #17: overview ≥ 100 req/s with p99 < 500 ms at 20 users; every page ≥ 50 req/s.
 */
import "./lib/load-env";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { z } from "zod";
import { ensureBuilt } from "./lib/build";
import {
  BENCH_PAGES as PAGES,
  getPage,
  getPageWithCache,
  pageUrls,
  signIn,
  startServer,
  stopServer,
  throwawayDatabase,
  waitForDemo,
  waitForHealth,
  type BenchPage as PageName,
} from "./lib/bench-server";

const argsSchema = z.object({
  users: z.coerce.number().int().min(1).max(500).default(20),
  duration: z.coerce.number().int().min(1).max(600).default(20),
  demo: z.enum(["on", "small"]).default("on"),
  processes: z.coerce.number().int().min(1).max(16).default(1),
  port: z.coerce.number().int().min(1).max(65_535).default(3300),
  pages: z
    .string()
    .default(PAGES.join(","))
    .transform((s) => s.split(",").map((p) => p.trim()))
    .pipe(z.array(z.enum(PAGES)).min(1)),
  "database-url": z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  user: z.string().default("oversight@demo.local"),
  "page-cache": z.enum(["on", "off"]).default("on"),
  gzip: z.enum(["on", "off"]).default("on"),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const [k, inline] = a.slice(2).split("=", 2);
    raw[k!] = inline ?? argv[++i] ?? "";
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`bench:load: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
    process.exit(2);
  }
  return parsed.data;
}

interface PageResult {
  page: PageName;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** Server CPU milliseconds per request (all its processes), or null where /proc is missing. */
  cpuMs: number | null;
  htmlKb: number;
  load: string;
  /** What the page cache did for a request made just before the run: hit, miss, bypass or none. */
  cache: string;
}

function runAutocannon(url: string, cookie: string, users: number, duration: number, gzip: boolean): Promise<autocannon.Result> {
  const headers: Record<string, string> = gzip ? { cookie, "accept-encoding": "gzip" } : { cookie };
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: users, duration, headers }, (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error("autocannon failed", { cause: error })) : resolve(result)));
  });
}

/**
 * CPU seconds used so far by the server's processes (its process group), from /proc: a figure
 * that, unlike req/s, does not depend on what else the machine is doing. Null off Linux.
 */
function serverCpuSeconds(pgid: number): number | null {
  try {
    let ticks = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue; // ended meanwhile
      }
      // Fields after the command name (which may hold spaces): state ppid pgrp … utime(14) stime(15).
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

const fmtLoad = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const base = `http://127.0.0.1:${args.port}`;
  console.log(
    `bench:load — ${args.users} users, ${args.duration} s per page, demo ${args.demo}, ${args.processes} server process(es), page cache ${args["page-cache"]}, gzip ${args.gzip}; load average now ${fmtLoad()}`,
  );
  await ensureBuilt();
  const db = await throwawayDatabase(args["database-url"]);
  console.log(`database: ${db.label}`);
  const server = startServer(args.port, db, args.demo, args.processes, args["page-cache"]);
  const stop = () => stopServer(server, db);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(130));
    });
  }
  try {
    // The full demo loads through the real ingest pipeline: minutes on a small machine.
    await waitForHealth(base, server, 60 * 60_000);
    await waitForDemo(base, server, 60 * 60_000);
    const cookie = await signIn(base, args.user, "gongkai-demo");
    const urls = await pageUrls(base, cookie);
    const results: PageResult[] = [];
    for (const page of args.pages) {
      const path = urls[page];
      // One request first: checks the page answers 200 signed in, and fills the caches a first reader would.
      await getPage(base, path, cookie);
      const { html, cache } = await getPageWithCache(base, path, cookie);
      const before = fmtLoad();
      const cpu0 = serverCpuSeconds(server.pid!);
      const r = await runAutocannon(`${base}${path}`, cookie, args.users, args.duration, args.gzip === "on");
      const cpu1 = serverCpuSeconds(server.pid!);
      const result: PageResult = {
        page,
        path,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        failures: r.non2xx + r.errors + r.timeouts,
        cpuMs: cpu0 !== null && cpu1 !== null && r.requests.total > 0 ? ((cpu1 - cpu0) * 1000) / r.requests.total : null,
        htmlKb: Buffer.byteLength(html) / 1024,
        load: `${before} → ${fmtLoad()}`,
        cache,
      };
      results.push(result);
      console.log(
        `${page.padEnd(9)} ${result.rps.toFixed(1).padStart(7)} req/s  p50 ${String(result.p50).padStart(5)} ms  p99 ${String(result.p99).padStart(5)} ms  ` +
          `server CPU ${result.cpuMs === null ? "n/a" : `${result.cpuMs.toFixed(1)} ms`}/request  ` +
          `(${result.requests} requests, ${result.failures} failed, HTML ${result.htmlKb.toFixed(0)} kB, page cache ${result.cache}; load ${result.load})  ${path}`,
      );
    }
    const bad = results.filter((r) => r.failures > 0);
    if (bad.length) console.error(`\nnon-2xx answers or errors on: ${bad.map((r) => r.page).join(", ")} — the figures above count them as requests.`);
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:load failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
