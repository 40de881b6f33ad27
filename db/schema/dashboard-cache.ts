import { bigint, check, integer, pgTable } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { timestamps } from "./_shared";

/**
 * One row: a counter every write that changes what the dashboards show bumps in its own
 * transaction (db/mutations/dashboard/rollups.ts bumpDashboardGeneration). The server's dashboard
 * cache (db/queries/dashboard/_cache.ts) stamps each entry with the counter it read before loading
 * and serves an entry only while the counter is unchanged, so a write from any process — the
 * `npm run ingest` CLI beside a running server, a second server — invalidates every server's cache.
 */
export const dashboardCacheGeneration = pgTable(
  "dashboard_cache_generation",
  {
    id: integer("id").primaryKey().default(sql`1`),
    generation: bigint("generation", { mode: "number" }).notNull().default(0),
    /**
     * Bumped at commit by every transaction that writes a table any page shows (triggers in
     * migration 0011_page-generation; db/page-cache-tables.ts lists the tables left out). The
     * server's page cache (lib/http/page-cache.ts) serves a rendered page only while it is
     * unchanged: drafts, submissions and findings change pages without touching the rollups.
     */
    contentGeneration: bigint("content_generation", { mode: "number" }).notNull().default(0),
    ...timestamps,
  },
  (t) => [check("dashboard_cache_generation_one_row", sql`${t.id} = 1`)],
);

export type DashboardCacheGeneration = typeof dashboardCacheGeneration.$inferSelect;
export type NewDashboardCacheGeneration = typeof dashboardCacheGeneration.$inferInsert;
