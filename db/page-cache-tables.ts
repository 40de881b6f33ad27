/**
 * Which tables change what a rendered page shows. Every table of ours is in exactly one of these
 * lists; db/page-cache-tables.test.ts checks the lists against the database's tables and their
 * triggers, so a new table cannot be forgotten. Migration 0011_page-generation installs, on each
 * watched table, a deferred trigger that bumps dashboard_cache_generation.content_generation once
 * per writing transaction, at its commit (and a TRUNCATE trigger). The server's page cache
 * (lib/http/page-cache.ts) serves a stored page only while that counter is unchanged.
 */
export const PAGE_WATCHED_TABLES = [
  "agencies",
  "dashboard_coverage",
  "dashboard_groups",
  "dashboard_peer_dists",
  "dashboard_peer_groups",
  "dashboard_peer_values",
  "dashboard_rollup_state",
  "dashboard_rollups_dirty",
  "dashboard_topics",
  "findings",
  "regions",
  "report_figures",
  "report_topics",
  "reports",
  "source_documents",
  // Only the columns a page can show (name, email, role, scope, disabled): sign-in attempts and
  // lockouts update the row on every try and must not empty the cache.
  "users",
] as const;

/** Tables no cached page reads, with why. */
export const PAGE_UNWATCHED_TABLES = {
  audit_log: "written by every action and sign-in; read only by /audit, which is never cached",
  dashboard_cache_generation: "the counters themselves",
  demo_load: "the demo banner is checked per request: pages are not cached while it shows",
  ingest_jobs: "read only by the upload pages and their live status API, never cached",
  revoked_sessions: "checked per request with the user row, before any cached page is served",
} as const;
