import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps, sqlList } from "./_shared";
import { agencies } from "./agencies";
import { regions } from "./regions";
import { USER_ROLES } from "./users.constants";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Never select this outside the sign-in check. */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    agencyId: uuid("agency_id"),
    regionCode: text("region_code"),
    disabled: boolean("disabled").notNull().default(false),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /**
     * Sessions issued before this instant are void: set when the password is changed or reset, so
     * every other signed-in browser is signed out on its next request.
     */
    sessionsValidAfter: timestamp("sessions_valid_after", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    foreignKey({ name: "users_agency_fk", columns: [t.agencyId], foreignColumns: [agencies.id] }).onDelete("restrict"),
    foreignKey({ name: "users_region_fk", columns: [t.regionCode], foreignColumns: [regions.adminCode] }).onDelete("restrict"),
    uniqueIndex("users_email_uq").on(sql`lower(${t.email})`),
    index("users_agency_idx").on(t.agencyId),
    check("users_role_ck", sql.raw(`"role" IN (${sqlList(USER_ROLES)})`)),
    // Scope checks rely on these: an agency user without an agency, or an oversight user without
    // a region, would otherwise fall through to "no filter".
    check("users_agency_scope_ck", sql`${t.role} <> 'agency' OR ${t.agencyId} IS NOT NULL`),
    check("users_oversight_scope_ck", sql`${t.role} <> 'oversight' OR ${t.regionCode} IS NOT NULL`),
    check("users_failed_logins_ck", sql`${t.failedLogins} >= 0`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
