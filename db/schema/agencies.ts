import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { timestamps, sqlList } from "./_shared";
import { AGENCY_KINDS, AGENCY_LEVELS, AGENCY_REVIEW_STATUSES } from "./agencies.constants";
import { regions } from "./regions";

/** Publishers of reports: governments, departments, development zones, townships. */
export const agencies = pgTable(
  "agencies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The name after ingest's normalisation; the matching key within a region. */
    nameNorm: text("name_norm").notNull(),
    aliases: text("aliases").array().notNull().default(sql`'{}'::text[]`),
    kind: text("kind", { enum: AGENCY_KINDS }).notNull(),
    level: text("level", { enum: AGENCY_LEVELS }).notNull(),
    /** Null only for agencies not yet placed (review_status pending_review). */
    regionCode: text("region_code"),
    parentAgencyId: uuid("parent_agency_id"),
    deptType: text("dept_type"),
    reviewStatus: text("review_status", { enum: AGENCY_REVIEW_STATUSES }).notNull().default("active"),
    ...timestamps,
  },
  (t) => [
    foreignKey({ name: "agencies_region_fk", columns: [t.regionCode], foreignColumns: [regions.adminCode] }).onDelete("restrict"),
    foreignKey({ name: "agencies_parent_fk", columns: [t.parentAgencyId], foreignColumns: [t.id] }).onDelete("set null"),
    // NULLS NOT DISTINCT: two unplaced agencies with the same name are still one agency.
    unique("agencies_region_name_uq").on(t.regionCode, t.nameNorm).nullsNotDistinct(),
    index("agencies_parent_idx").on(t.parentAgencyId),
    index("agencies_kind_level_idx").on(t.kind, t.level),
    check("agencies_kind_ck", sql.raw(`"kind" IN (${sqlList(AGENCY_KINDS)})`)),
    check("agencies_level_ck", sql.raw(`"level" IN (${sqlList(AGENCY_LEVELS)})`)),
    check("agencies_review_status_ck", sql.raw(`"review_status" IN (${sqlList(AGENCY_REVIEW_STATUSES)})`)),
    check("agencies_placed_ck", sql`${t.regionCode} IS NOT NULL OR ${t.reviewStatus} = 'pending_review'`),
  ],
);

export type Agency = typeof agencies.$inferSelect;
export type NewAgency = typeof agencies.$inferInsert;
