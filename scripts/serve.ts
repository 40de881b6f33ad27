/**
 * The production HTTP server `npm start` runs: Next's request handler behind a plain node:http
 * server, for one reason. `next start` passes a client-sent X-Forwarded-For straight through (it
 * only fills the header from the socket when the header is absent), so the per-address sign-in
 * limit could be dodged by sending a new made-up address with every attempt. Here the header is
 * replaced, before Next sees it, by the one address lib/http/client-address.ts resolves from the
 * socket's peer and TRUST_PROXY_HOPS.
 *
 * The rendered-page cache (lib/http/page-cache.ts) sits here too, in front of Next: a cached
 * dashboard is answered without rendering, after the same session check the pages make.
 *
 * On PostgreSQL it can run WEB_CONCURRENCY such servers (node:cluster, one port): a Next server
 * renders on one thread, so a second core otherwise idles. Each process keeps its own dashboard
 * cache; the database's generation counter keeps all of them current (db/queries/dashboard/_cache.ts).
 */
import "./lib/load-env";
import cluster from "node:cluster";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import next from "next";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { resolveClientAddress } from "@/lib/http/client-address";
import { PageCache } from "@/lib/http/page-cache";
import { pageCacheLookup } from "@/lib/http/page-cache-lookup";
import { sessionSecret } from "@/auth.claims";
import { continueDemoLoad } from "./lib/demo-background";
import { ROOT } from "./lib/run";

/** Serves the built app on env.PORT in this process; resolves once it listens. */
export async function serve(): Promise<void> {
  const app = next({ dev: false, dir: ROOT, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Dashboards rendered once per user, language, URL and database state (lib/http/page-cache.ts).
  // The secret as Next's Auth.js reads it: process.env now (npm start sets AUTH_SECRET there after
  // lib/env was parsed, and the Next bundle parses its own copy later).
  const pages = env.PAGE_CACHE === "on" ? new PageCache({ lookup: pageCacheLookup(getDb, process.env.AUTH_SECRET || sessionSecret()) }) : null;
  // Requests being answered: the background demo load waits for them between documents.
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    res.once("close", () => inFlight--);
    const address = resolveClientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, env.TRUST_PROXY_HOPS);
    // x-real-ip too: nothing of ours reads it, but a client must not be able to plant it either.
    delete req.headers["x-real-ip"];
    if (address) req.headers["x-forwarded-for"] = address;
    else delete req.headers["x-forwarded-for"];
    const answer = pages ? pages.handle(req, res, () => handle(req, res)) : handle(req, res);
    answer.catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const demo = new AbortController();
  const listening = new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  server.listen(env.PORT, () => {
    console.log(`next: serving on port ${env.PORT} (client address: ${env.TRUST_PROXY_HOPS ? `X-Forwarded-For, ${env.TRUST_PROXY_HOPS} trusted hop(s)` : "socket peer; X-Forwarded-For ignored"})`);
    // An unfinished demo load goes on here, in the process that owns the database (PGlite allows
    // one); of several server processes, only the first loads.
    if (!cluster.isWorker || cluster.worker?.id === 1) void continueDemoLoad(getDb(), demo.signal, () => readersFirst(() => inFlight));
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      demo.abort();
      server.close(() => process.exit(0));
      // Open keep-alive connections would hold close() forever.
      server.closeAllConnections();
    });
  }
  await listening;
}

/**
 * Before the background demo load stores its next document: wait while requests are in flight
 * (up to 2 s, so a busy app still sees the demo arrive), then yield once to the event loop.
 */
async function readersFirst(inFlight: () => number): Promise<void> {
  const until = Date.now() + 2000;
  while (inFlight() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setImmediate(resolve));
}

/** The primary of a multi-process server: forks the workers, replaces one that dies, stops them all on a signal. */
function supervise(count: number): void {
  let stopping = false;
  let listening = false;
  for (let i = 0; i < count; i++) cluster.fork();
  console.log(`next: ${count} server processes (WEB_CONCURRENCY)`);
  cluster.on("listening", () => {
    listening = true;
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A process that could not start (port taken, bad settings) would fail again: stop instead.
    if (!listening) process.exit(code || 1);
    console.error(`next: server process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    });
  }
}

/** PGlite: one process only (it owns its folder). */
export function serverProcesses(): number {
  return env.DATABASE_URL ? env.WEB_CONCURRENCY : 1;
}

// Run as a script (npm start spawns it for several processes; cluster workers re-run it).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (serverProcesses() > 1 && cluster.isPrimary) {
    supervise(serverProcesses());
  } else {
    serve().catch((error: unknown) => {
      console.error(`The server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  }
}
