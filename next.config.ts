import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native / WASM packages must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "pg", "@resvg/resvg-js", "postgres", "unpdf", "exceljs", "iconv-lite"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` type-checks everything (scripts included) first; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // /upload sends one report file per server-action call; files are capped at 20 MB (checked
  // again on the server), so 25 MB leaves room for the multipart overhead.
  experimental: { serverActions: { bodySizeLimit: "25mb" } },
};

export default nextConfig;
