import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { timestamps } from "./_shared";

/**
 * One row while, and after, `npm start` loads the demo corpus into an empty database. The app
 * serves as soon as it is built and migrated; the demo goes on loading in the server process, and
 * this row is its progress: the banner on every page reads it, `/api/demo-load` answers it, and a
 * restart finds an unfinished load here and resumes it (documents already stored are skipped by
 * their sha256). No row: the database was never given the demo (or it predates this table).
 */
export const demoLoad = pgTable(
  "demo_load",
  {
    id: integer("id").primaryKey().default(sql`1`),
    /** Documents the corpus holds (known before any is generated). */
    planned: integer("planned").notNull(),
    /** Documents stored so far (including ones a resumed load found already stored). */
    loaded: integer("loaded").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** "full" or "small" (GONGKAI_DEMO): a resumed load must produce the same corpus. */
    corpus: text("corpus", { enum: ["full", "small"] }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check("demo_load_one_row", sql`${t.id} = 1`),
    check("demo_load_corpus_ck", sql`${t.corpus} in ('full', 'small')`),
    check("demo_load_counts_ck", sql`${t.planned} >= 0 and ${t.loaded} >= 0 and ${t.failed} >= 0`),
  ],
);

export type DemoLoad = typeof demoLoad.$inferSelect;
