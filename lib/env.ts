import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

// The one place that reads process.env (STYLE rule 10). Validated on import, so a bad value
// stops the app, a script or a test run at start-up with a message naming the variable.

const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: "must be a postgres:// or postgresql:// URL, e.g. postgres://postgres@127.0.0.1:5432/gongkai",
});

const nodeEnv = z.enum(["development", "test", "production"]).default("development");

// `next build` runs with NODE_ENV=production but never signs a session, so the secret is
// only demanded of a running production server, not of the build.
const isProductionRuntime =
  process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build";

const authSecret = isProductionRuntime
  ? z
      .string({
        error:
          "AUTH_SECRET is required in production: set it to a random string of 32+ characters (openssl rand -base64 33). npm start creates one in .data/auth-secret when it is unset.",
      })
      .min(32, "AUTH_SECRET must be at least 32 characters long")
  : z.string().min(1).optional();

// "1", "true", "yes" are on; unset, "", "0", "false", "no" are off.
const flag = z
  .string()
  .optional()
  .transform((value) => value !== undefined && !["0", "false", "no"].includes(value.toLowerCase()));

export const env = createEnv({
  server: {
    /** postgres:// URL; unset means embedded PGlite. */
    DATABASE_URL: postgresUrl.optional(),
    /** Folder of the embedded PGlite database when DATABASE_URL is unset (default .data/pglite). */
    PGLITE_DIR: z.string().min(1).optional(),
    /** Signs session cookies (next-auth). Optional in development, required in production. */
    AUTH_SECRET: authSecret,
    /** Demo corpus on an empty database at start: on (贵州, ~3,500 reports), small (六盘水市 only), off. */
    GONGKAI_DEMO: z.enum(["on", "small", "off"]).default("on"),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    /**
     * Reverse proxies in front of `npm start` whose X-Forwarded-For entry to believe (default 0:
     * the client is the socket's peer and the header is ignored; 1 behind one nginx, …).
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /**
     * Server processes `npm start` runs on PostgreSQL (default 1; the machine's core count is the
     * useful most). Embedded PGlite always runs one: only one process may open its folder.
     */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /**
     * The rendered-page cache of `npm start` (lib/http/page-cache.ts): on (default) or off, to
     * compare with and without it (`npm run bench:load -- --page-cache off`).
     */
    PAGE_CACHE: z.enum(["on", "off"]).default("on"),
    /**
     * Each parse of a file runs in its own child process (lib/system/isolate): killed past this
     * resident memory (MB, default 1024) and reported as too_large…
     */
    PARSE_MEMORY_MB: z.coerce.number().int().min(64).max(65_536).default(1024),
    /** …or past this time (seconds, default 180; scans are OCR'd page by page) as extract_failed. */
    PARSE_TIME_LIMIT_S: z.coerce.number().int().min(1).max(3600).default(180),
    /** Parse processes per server or `npm run worker` (default 1: the web server keeps a core). */
    PARSE_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    NODE_ENV: nodeEnv,
    /** Tooling: a throwaway Postgres database for `npm test` (db tests and e2e). */
    TEST_DATABASE_URL: postgresUrl.optional(),
    /** Tooling: "postgres" makes db tests skip PGlite (npm test's Postgres pass, where PGlite already ran). */
    TEST_DB_KINDS: z.enum(["all", "postgres"]).default("all"),
    /** Tooling: the PGlite folder e2e's server uses; npm test makes a fresh temp dir per run. */
    E2E_PGLITE_DIR: z.string().min(1).optional(),
    /** Tooling: the port of e2e's server (default 3100); lets two e2e runs share a machine. */
    E2E_PORT: z.coerce.number().int().min(1).max(65_535).default(3100),
    /** Tooling: the Chromium binary for Playwright and image exports (default /usr/bin/chromium). */
    CHROMIUM_PATH: z.string().min(1).optional(),
    /** Tooling: set by CI systems; makes Playwright strict (forbidOnly, retries, no server reuse). */
    CI: flag,
  },
  client: {},
  // No client variables: every value above is read from process.env on the server only.
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
});
