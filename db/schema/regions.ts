import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestamps, sqlList } from "./_shared";
import { REGION_LEVELS } from "./regions.constants";

/**
 * Administrative divisions. `admin_code` is the NBS code in 6 digits for province, prefecture
 * and county (520000, 520200, 520281) and 9 digits for townships (520281001); see
 * lib/regions/levels.ts. Seeded with 贵州 by a migration; `scripts/import-regions.ts` adds the rest.
 */
export const regions = pgTable(
  "regions",
  {
    adminCode: text("admin_code").primaryKey(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    level: text("level", { enum: REGION_LEVELS }).notNull(),
    parentCode: text("parent_code"),
    aliases: text("aliases").array().notNull().default(sql`'{}'::text[]`),
    sortOrder: integer("sort_order").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    foreignKey({ name: "regions_parent_fk", columns: [t.parentCode], foreignColumns: [t.adminCode] }).onDelete("restrict"),
    index("regions_parent_idx").on(t.parentCode, t.sortOrder),
    index("regions_level_idx").on(t.level),
    check("regions_admin_code_ck", sql`${t.adminCode} ~ '^[0-9]{6}([0-9]{3})?$'`),
    check("regions_level_ck", sql.raw(`"level" IN (${sqlList(REGION_LEVELS)})`)),
    check("regions_parent_ck", sql`(${t.level} = 'province') = (${t.parentCode} IS NULL)`),
  ],
);

export type Region = typeof regions.$inferSelect;
export type NewRegion = typeof regions.$inferInsert;
