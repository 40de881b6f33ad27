import { sql } from "drizzle-orm";
import { index, integer, numeric, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { TOPIC_KEYS } from "../../lib/catalog/topics";
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

/** Current reports per group, any scope and format (the counts beside the sums). */
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
    ...timestamps,
  },
  (t) => [
    unique("dashboard_groups_key_uq").on(t.year, t.regionCode, t.formatVersion, t.scope, t.level, t.kind, t.deptType).nullsNotDistinct(),
    index("dashboard_groups_region_year_idx").on(t.regionCode, t.year),
  ],
);

/**
 * Per group and summable indicator, over self-scope reports of one format: the numerator,
 * denominator and report count exactly as _sql.ts sumFields computes them (a report with any
 * needed cell null is in none of the three). Only groups where the count is above 0.
 */
export const dashboardIndicatorSums = pgTable(
  "dashboard_indicator_sums",
  {
    indicator: text("indicator").notNull(),
    year: integer("year").notNull(),
    regionCode: text("region_code").notNull(),
    formatVersion: text("format_version", { enum: FORMAT_VERSIONS }).notNull(),
    level: text("level", { enum: AGENCY_LEVELS }).notNull(),
    kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
    deptType: text("dept_type"),
    numerator: numeric("numerator"),
    denominator: numeric("denominator"),
    reports: integer("reports").notNull(),
    ...timestamps,
  },
  (t) => [
    unique("dashboard_indicator_sums_key_uq")
      .on(t.indicator, t.year, t.regionCode, t.formatVersion, t.level, t.kind, t.deptType)
      .nullsNotDistinct(),
    index("dashboard_indicator_sums_region_year_idx").on(t.regionCode, t.year),
  ],
);

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

export type DashboardGroup = typeof dashboardGroups.$inferSelect;
export type NewDashboardGroup = typeof dashboardGroups.$inferInsert;
export type DashboardIndicatorSum = typeof dashboardIndicatorSums.$inferSelect;
export type NewDashboardIndicatorSum = typeof dashboardIndicatorSums.$inferInsert;
export type DashboardCoverage = typeof dashboardCoverage.$inferSelect;
export type NewDashboardCoverage = typeof dashboardCoverage.$inferInsert;
export type DashboardTopic = typeof dashboardTopics.$inferSelect;
export type NewDashboardTopic = typeof dashboardTopics.$inferInsert;
