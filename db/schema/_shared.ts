/** Column helpers shared by every table (not a table; not exported from the barrel). */
import { customType, timestamp } from "drizzle-orm/pg-core";

/** `created_at`/`updated_at`, timestamptz, set by the database and on every Drizzle update. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

/** SQL `IN (...)` list for a CHECK constraint over a closed tuple; values are our own literals. */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");
}

/** bytea as Uint8Array. postgres.js returns a Buffer (a Uint8Array subclass) and PGlite a Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
