import type { NextConfig } from "next";
import { MAX_REQUEST_BODY_BYTES } from "./lib/http/upload-limit";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Native / WASM packages must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@resvg/resvg-js", "postgres", "unpdf", "exceljs", "iconv-lite"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` type-checks everything (scripts included) first; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // One limit (lib/http/upload-limit.ts): /upload sends one report file per server-action call.
  // proxy.ts refuses a bigger request from its Content-Length before the body is read; these two
  // keep Next's own caps (1 MB for actions, 10 MB once a proxy runs) from cutting it earlier.
  experimental: { serverActions: { bodySizeLimit: MAX_REQUEST_BODY_BYTES }, proxyClientMaxBodySize: MAX_REQUEST_BODY_BYTES },
  // Framing, referrer and sniffing protection on every response, static files included; the
  // Content-Security-Policy (with a per-request nonce) is set by proxy.ts.
  headers: () => Promise.resolve([{ source: "/:path*", headers: STATIC_SECURITY_HEADERS.map(([key, value]) => ({ key, value })) }]),
};

export default nextConfig;
