import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "../../client";
import { demoLoad } from "../../schema";

/** What the banner and `/api/demo-load` show: counts only, no report data. */
export interface DemoLoadStatus {
  state: "loading" | "done";
  corpus: "full" | "small";
  planned: number;
  loaded: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  /** Finished within the last two minutes: the banner still says so. */
  justFinished: boolean;
}

export const JUST_FINISHED_MS = 120_000;

/**
 * The demo corpus's loading progress, or null when the database never had the demo loaded by
 * `npm start`. Public on purpose, like the health probe: it says how many demo documents are
 * stored so far and nothing else, and the sign-in page shows it too.
 */
export async function getDemoLoad({ db = getDb() }: { db?: Db } = {}): Promise<DemoLoadStatus | null> {
  const [row] = await db.select().from(demoLoad).where(eq(demoLoad.id, 1)).limit(1);
  if (!row) return null;
  return {
    state: row.finishedAt ? "done" : "loading",
    corpus: row.corpus,
    planned: row.planned,
    loaded: row.loaded,
    failed: row.failed,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    justFinished: row.finishedAt !== null && Date.now() - row.finishedAt.getTime() <= JUST_FINISHED_MS,
  };
}
