import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, numeric, pgTable, primaryKey, text, unique, uuid, type PgColumn } from "drizzle-orm/pg-core";
import { TOPIC_KEYS } from "../../lib/catalog/topics";
import { isGroupSummable } from "../../lib/charts/sums";
import { INDICATORS, type IndicatorDef } from "../../lib/indicators";
import { timestamps } from "./_shared";
import { AGENCY_KINDS, AGENCY_LEVELS } from "./agencies.constants";
import { FORMAT_VERSIONS, REPORT_SCOPES } from "./reports.constants";

/*
 * Pre-computed dashboard aggregates over current reports, keyed by (year, region_code) — the
 * report's leaf region, as in report_figures — and the agency attributes the dashboards filter on.
 * Derived data only: db/mutations/dashboard/refresh-rollups.ts rebuilds the rows of the touched
 * (year, region_code) pairs in the same transaction as every change to what they summarise, so a
 * dashboard reads a few thousand group rows instead of 100,000 reports and is never stale.
 * Numerators and denominators are exact numeric sums; readers cast to float8 after summing, as
 * the direct queries did.
 */

/** The indicators the rollups sum: every one computable from one report at a time. */
export const ROLLUP_INDICATORS: readonly IndicatorDef[] = INDICATORS.filter(isGroupSummable);

export type RollupPart = "n" | "d" | "c" | "v";

/** The rollup column of an indicator's numerator, denominator or report count ("s_refusal_rate_n"). */
export function rollupColumnName(key: string, part: RollupPart): string {
  const name = `s_${key.replace(/[^A-Za-z0-9]+/g, "_")}_${part}`;
  if (name.length > 63) throw new Error(`Rollup column ${name} is longer than PostgreSQL's 63 characters; shorten indicator key ${key}.`);
  return name;
}

function sumColumns() {
  const out: Record<string, ReturnType<typeof numeric> | ReturnType<typeof integer>> = {};
  for (const d of ROLLUP_INDICATORS) {
    out[rollupColumnName(d.key, "n")] = numeric(rollupColumnName(d.key, "n"));
    out[rollupColumnName(d.key, "d")] = numeric(rollupColumnName(d.key, "d"));
    out[rollupColumnName(d.key, "c")] = integer(rollupColumnName(d.key, "c")).notNull().default(0);
  }
  return out;
}

/**
 * Current reports per group (any scope and format), and per summable indicator the numerator,
 * denominator and report count over the group's reports exactly as _sql.ts sumFields computes
 * them for the group's one format (a report with any needed cell null is in none of the three).
 * Readers use the sums of scope "self" rows only, as the direct query does. One wide row per
 * group, like report_figures: a dashboard sums a few columns of a few thousand rows.
 */
export const dashboardGroups = pgTable(
  "dashboard_groups",
  {
    year: integer("year").notNull(),
    regionCode: text("region_code").notNull(),
    formatVersion: text("format_version", { enum: FORMAT_VERSIONS }),
    scope: text("scope", { enum: REPORT_SCOPES }).notNull(),
    level: text("level", { enum: AGENCY_LEVELS }).notNull(),
    kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
    deptType: text("dept_type"),
    reports: integer("reports").notNull(),
    ...sumColumns(),
    ...timestamps,
  },
  (t) => [
    unique("dashboard_groups_key_uq").on(t.year, t.regionCode, t.formatVersion, t.scope, t.level, t.kind, t.deptType).nullsNotDistinct(),
    index("dashboard_groups_region_year_idx").on(t.regionCode, t.year),
  ],
);

function valueColumns() {
  return Object.fromEntries(ROLLUP_INDICATORS.map((d) => [rollupColumnName(d.key, "v"), doublePrecision(rollupColumnName(d.key, "v"))]));
}

/**
 * Each current self-scope report's value of every summable indicator (_sql.ts valueExpr), with
 * the agency attributes peers are grouped by: the agency page's peer statistics read ~1/9 of
 * these narrow rows through an index instead of every wide report_figures row. Rebuilt for an
 * agency and year by the write paths (db/mutations/dashboard/rollups.ts).
 */
export const dashboardPeerValues = pgTable(
  "dashboard_peer_values",
  {
    reportId: uuid("report_id").primaryKey(),
    agencyId: uuid("agency_id").notNull(),
    year: integer("year").notNull(),
    level: text("level", { enum: AGENCY_LEVELS }).notNull(),
    kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
    deptType: text("dept_type"),
    ...valueColumns(),
    ...timestamps,
  },
  (t) => [
    index("dashboard_peer_values_dept_idx").on(t.level, t.deptType, t.year),
    index("dashboard_peer_values_kind_idx").on(t.level, t.kind, t.year),
    index("dashboard_peer_values_agency_idx").on(t.agencyId, t.year),
  ],
);

/** How a peer group is formed (get-peer-comparison.ts): same level and dept_type, or same level and kind. */
export const PEER_BASES = ["deptType", "kind"] as const;
export type PeerBasis = (typeof PEER_BASES)[number];

/**
 * Peer reports per (year, peer group): dashboard_peer_values rows of the group, null values
 * included. A report is in two groups, (level, kind) and, when it has one, (level, dept_type).
 * The agency page reads which years a group has peers in, and whether it is small enough to list
 * its members, from here instead of counting up to ~150,000 rows.
 */
export const dashboardPeerGroups = pgTable(
  "dashboard_peer_groups",
  {
    year: integer("year").notNull(),
    level: text("level", { enum: AGENCY_LEVELS }).notNull(),
    basis: text("basis", { enum: PEER_BASES }).notNull(),
    /** The kind or the dept_type the group shares. */
    peerKey: text("peer_key").notNull(),
    reports: integer("reports").notNull(),
  },
  (t) => [
    primaryKey({ name: "dashboard_peer_groups_pk", columns: [t.level, t.basis, t.peerKey, t.year] }),
    // Groups a write emptied, deleted at its end (rollups.ts): found without a scan.
    index("dashboard_peer_groups_empty_idx").on(t.year).where(sql`${t.reports} = 0`),
  ],
);

/**
 * The distribution of one indicator's values over a peer group's reports of a year (non-null
 * values of dashboard_peer_values): its distinct values ascending and, for each, how many values
 * are at most it. A quantile is two order statistics and a rank two counts, each found by binary
 * search (width_bucket) in one row, also with the agency itself taken out; so the agency page no
 * longer reads every peer's value. Kept by the same statements that change dashboard_peer_values.
 */
export const dashboardPeerDists = pgTable(
  "dashboard_peer_dists",
  {
    year: integer("year").notNull(),
    level: text("level", { enum: AGENCY_LEVELS }).notNull(),
    basis: text("basis", { enum: PEER_BASES }).notNull(),
    peerKey: text("peer_key").notNull(),
    indicator: text("indicator").notNull(),
    /** Values counted: the last element of `atMost`. */
    n: integer("n").notNull(),
    /** Distinct values, ascending. */
    vals: doublePrecision("vals").array().notNull(),
    /** atMost[i]: how many values are ≤ vals[i]. */
    atMost: integer("at_most").array().notNull(),
  },
  (t) => [
    primaryKey({ name: "dashboard_peer_dists_pk", columns: [t.level, t.basis, t.peerKey, t.indicator, t.year] }),
    index("dashboard_peer_dists_empty_idx").on(t.year).where(sql`${t.n} = 0`),
  ],
);

/** The dashboard_groups (n, d, c) or dashboard_peer_values (v) column of an indicator, by key. */
export function rollupColumn(key: string, part: RollupPart): PgColumn {
  const table = part === "v" ? dashboardPeerValues : dashboardGroups;
  const col = (table as unknown as Record<string, PgColumn | undefined>)[rollupColumnName(key, part)];
  if (!col) throw new Error(`The rollups have no ${part} column for indicator ${key}; run \`npm run db:generate\` after changing the indicators.`);
  return col;
}

/**
 * Coverage of year Y per leaf region (get-coverage.ts): `expected` counts agencies with a current
 * report in Y or Y−1 there (summable because an agency's reports all carry its one region code),
 * the rest count current reports of Y; plus the self-scope totals of list-topic-shares.ts.
 */
export const dashboardCoverage = pgTable(
  "dashboard_coverage",
  {
    year: integer("year").notNull(),
    regionCode: text("region_code").notNull(),
    expected: integer("expected").notNull(),
    received: integer("received").notNull(),
    onTime: integer("on_time").notNull(),
    late: integer("late").notNull(),
    unknownDate: integer("unknown_date").notNull(),
    withErrors: integer("with_errors").notNull(),
    regionAggregate: integer("region_aggregate").notNull(),
    /** Current reports of Y with a table not read completely (reports.coverage), any scope. */
    partlyRead: integer("partly_read").notNull().default(0),
    selfReports: integer("self_reports").notNull(),
    /** Sum of t3.new_received.total over the self-scope reports of Y; null when none states it. */
    selfApplications: numeric("self_applications"),
    ...timestamps,
  },
  (t) => [primaryKey({ name: "dashboard_coverage_pk", columns: [t.year, t.regionCode] })],
);

/** Self-scope current reports of a year mentioning each topic, and their new applications. */
export const dashboardTopics = pgTable(
  "dashboard_topics",
  {
    year: integer("year").notNull(),
    regionCode: text("region_code").notNull(),
    topic: text("topic", { enum: TOPIC_KEYS }).notNull(),
    reports: integer("reports").notNull(),
    applications: numeric("applications"),
    ...timestamps,
  },
  (t) => [primaryKey({ name: "dashboard_topics_pk", columns: [t.year, t.regionCode, t.topic] })],
);

/**
 * (year, region_code) pairs whose rollups a bulk load (ingest with deferCrossYear) has not rebuilt
 * yet; refreshCrossYear rebuilds and clears them at the end of the load, start-up after a crash.
 */
export const dashboardRollupsDirty = pgTable(
  "dashboard_rollups_dirty",
  {
    year: integer("year").notNull(),
    regionCode: text("region_code").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ name: "dashboard_rollups_dirty_pk", columns: [t.year, t.regionCode] })],
);

/** One row: a fingerprint of the indicator definitions the sums were built with (rebuilt when it differs). */
export const dashboardRollupState = pgTable("dashboard_rollup_state", {
  id: integer("id").primaryKey().default(sql`1`),
  fingerprint: text("fingerprint").notNull(),
  ...timestamps,
});

export type DashboardPeerDist = typeof dashboardPeerDists.$inferSelect;
export type DashboardGroup = typeof dashboardGroups.$inferSelect;
export type NewDashboardGroup = typeof dashboardGroups.$inferInsert;
export type DashboardCoverage = typeof dashboardCoverage.$inferSelect;
export type NewDashboardCoverage = typeof dashboardCoverage.$inferInsert;
export type DashboardTopic = typeof dashboardTopics.$inferSelect;
export type NewDashboardTopic = typeof dashboardTopics.$inferInsert;
