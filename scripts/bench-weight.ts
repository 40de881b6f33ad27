/**
 * npm run bench:weight [-- --demo on --path / --screenshot DIR --database-url URL --chunks]
 *
 * What the overview weighs in a browser (issue #17: all its JavaScript ≤ 300 kB gzipped, HTML ≤
 * 120 kB): builds the app if needed, starts it on a throwaway database with the demo corpus (as
 * bench:load does), signs in as the demo oversight user, loads each page in Chromium until the
 * network is idle and prints the HTML's size and the gzipped size of every script it loaded —
 * those named by the HTML ("page scripts", without the `noModule` polyfills modern browsers skip)
 * and those fetched afterwards (chunks loaded by a script). Then it hovers the first chart and
 * prints what that interaction fetched on top. Figures are printed, never asserted.
 *
 * `--chunks` lists every script with its size and what it carries (known libraries found by
 * their marker strings). `--screenshot DIR` saves a full-page screenshot of each page (after the
 * network is idle, before any interaction). `--database-url URL` reuses a database that already
 * holds the demo (it is neither emptied nor dropped).
 */
import "./lib/load-env";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { z } from "zod";
import { env } from "../lib/env";
import { ensureBuilt } from "./lib/build";
import { signIn, startServer, stopServer, throwawayDatabase, waitForDemo, waitForHealth } from "./lib/bench-server";

const argsSchema = z.object({
  demo: z.enum(["on", "small"]).default("on"),
  port: z.coerce.number().int().min(1).max(65_535).default(3310),
  path: z
    .string()
    .default("/,/?map=county")
    .transform((s) => s.split(",").map((p) => p.trim()))
    .pipe(z.array(z.string().startsWith("/")).min(1)),
  screenshot: z.string().optional(),
  chunks: z.enum(["", "true"]).optional(),
  "database-url": z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  user: z.string().default("oversight@demo.local"),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const [k, inline] = a.slice(2).split("=", 2);
    // A flag without a value (--chunks) is followed by another flag or nothing.
    raw[k!] = inline ?? (argv[i + 1] && !argv[i + 1]!.startsWith("--") ? argv[++i]! : "");
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`bench:weight: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
    process.exit(2);
  }
  return parsed.data;
}

/** Marker strings of what a chunk may carry; a rough label, not a bundle analysis. */
const MARKERS: [string, RegExp][] = [
  ["echarts core", /echarts|zrender/i],
  ["echarts map", /geoJSON|registerMap/],
  ["react-dom", /react-dom|__reactFiber|Minified React error/],
  ["next router", /__next_f|next-router|NEXT_REDIRECT/],
  ["zod", /ZodError|_zod/],
  ["next-auth", /next-auth|authjs|csrfToken/],
  ["opencc", /opencc|OpenCC/],
  ["zh dictionary", /数据表/],
  ["en dictionary", /Data table/],
];

interface Script {
  url: string;
  bytes: number;
  gzip: number;
  /** Named by the page's HTML (a <script src>), not fetched later by a script. */
  inHtml: boolean;
  noModule: boolean;
  carries: string[];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const gz = (s: Buffer) => gzipSync(s).length;

async function scriptsOf(page: Page, run: () => Promise<void>): Promise<{ url: string; body: Buffer }[]> {
  const seen: Promise<{ url: string; body: Buffer } | null>[] = [];
  const onResponse = (r: import("playwright-core").Response) => {
    if (r.request().resourceType() !== "script") return;
    seen.push(r.body().then((body) => ({ url: r.url(), body }), () => null));
  };
  page.on("response", onResponse);
  try {
    await run();
  } finally {
    page.off("response", onResponse);
  }
  return (await Promise.all(seen)).filter((s): s is { url: string; body: Buffer } => s !== null);
}

async function measure(page: Page, base: string, path: string, args: z.infer<typeof argsSchema>): Promise<void> {
  let html = "";
  const loaded = await scriptsOf(page, async () => {
    const response = await page.goto(`${base}${path}`, { waitUntil: "networkidle", timeout: 120_000 });
    if (!response || response.status() !== 200) throw new Error(`GET ${path} answered ${response?.status()}`);
    html = await response.text();
  });
  const srcs = new Map<string, boolean>();
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1];
    if (src) srcs.set(new URL(src.replaceAll("&amp;", "&"), base).pathname, /\bnoModule\b/i.test(m[1]!));
  }
  const scripts: Script[] = loaded.map(({ url, body }) => {
    const pathname = new URL(url).pathname;
    const text = body.toString("utf8");
    return {
      url: pathname,
      bytes: body.length,
      gzip: gz(body),
      inHtml: srcs.has(pathname),
      noModule: srcs.get(pathname) === true,
      carries: MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name),
    };
  });
  const modern = scripts.filter((s) => !s.noModule);
  const pageScripts = modern.filter((s) => s.inHtml);
  const later = modern.filter((s) => !s.inHtml);
  const sum = (list: Script[]) => list.reduce((n, s) => n + s.gzip, 0);
  const htmlBytes = Buffer.byteLength(html);
  console.log(`\n${path}`);
  console.log(`  HTML                               ${kb(htmlBytes)} (${kb(gz(Buffer.from(html)))} gzipped)`);
  console.log(`  inline SVG in the HTML             ${kb((html.match(/<svg[\s\S]*?<\/svg>/g) ?? []).reduce((n, s) => n + Buffer.byteLength(s), 0))}`);
  console.log(`  page scripts, gzipped              ${kb(sum(pageScripts))} (${pageScripts.length} files)`);
  console.log(`  scripts fetched after, gzipped     ${kb(sum(later))} (${later.length} files)`);
  console.log(`  all JavaScript on load, gzipped    ${kb(sum(modern))}`);
  if (args.chunks !== undefined) {
    for (const s of [...modern].sort((a, b) => b.gzip - a.gzip)) {
      console.log(`    ${kb(s.gzip).padStart(9)} gz ${kb(s.bytes).padStart(9)}  ${s.inHtml ? "html " : "later"}  ${s.url}  ${s.carries.join(", ")}`);
    }
  }
  if (args.screenshot) {
    mkdirSync(args.screenshot, { recursive: true });
    const file = join(args.screenshot, `overview${path === "/" ? "" : path.replace(/[^a-z0-9]+/gi, "-")}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`  screenshot: ${file}`);
  }
  // The first interaction with a chart: what it fetches on top of the page's load.
  const chart = page.locator('[data-chart="echarts"]').first();
  if ((await chart.count()) > 0) {
    const onHover = await scriptsOf(page, async () => {
      await chart.scrollIntoViewIfNeeded();
      await chart.hover();
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
    });
    console.log(`  on hovering the first chart, gz    ${kb(onHover.reduce((n, s) => n + gz(s.body), 0))} (${onHover.length} files)`);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const base = `http://127.0.0.1:${args.port}`;
  await ensureBuilt();
  const db = await throwawayDatabase(args["database-url"]);
  console.log(`bench:weight — database: ${db.label}, demo ${args.demo}`);
  const server = startServer(args.port, db, args.demo, 1, "on");
  const stop = () => stopServer(server, db);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(130));
    });
  }
  try {
    await waitForHealth(base, server, 60 * 60_000);
    await waitForDemo(base, server, 60 * 60_000);
    const cookie = await signIn(base, args.user, "gongkai-demo");
    const browser = await chromium.launch({
      executablePath: env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const cookies = cookie.split("; ").map((pair) => {
        const eq = pair.indexOf("=");
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: base };
      });
      for (const path of args.path) {
        // A fresh context per page: an empty cache, as a first visit.
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
        await context.addCookies(cookies);
        await measure(await context.newPage(), base, path, args);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:weight failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
