import { bigint, foreignKey, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Sessions ended by signing out, by (user, issuedAtMs): the JWT's own issue instant names one
 * sign-in, and every copy of its cookie. checkViewer refuses them, so a copied cookie stops
 * working at sign-out instead of when the 8-hour token expires. Rows are kept: a refused copy
 * may still be re-issued by Auth.js with a later expiry, so a revocation must not lapse (one
 * small row per sign-out).
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    userId: uuid("user_id").notNull(),
    issuedAtMs: bigint("issued_at_ms", { mode: "number" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "revoked_sessions_pk", columns: [t.userId, t.issuedAtMs] }),
    foreignKey({ name: "revoked_sessions_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
  ],
);
