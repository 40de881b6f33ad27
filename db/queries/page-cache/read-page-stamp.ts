/**
 * The database state a cached page is rendered from (lib/http/page-cache.ts): the dashboard and
 * page counters, bumped at commit by every write a page can show (migration 0011,
 * db/page-cache-tables.ts). Null while the demo corpus loads: every page then shows a banner whose
 * progress changes without a write to a watched table, so nothing is cached. For two minutes
 * after the load, pages say it is done; the stamp says so too, and changes when that ends.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../client";
import { dashboardCacheGeneration, demoLoad } from "../../schema";
import { JUST_FINISHED_MS } from "../demo/get-demo-load";

export async function readPageStamp(db: Db): Promise<string | null> {
  const [[counters], [demo]] = await Promise.all([
    db.select({ dashboard: dashboardCacheGeneration.generation, content: dashboardCacheGeneration.contentGeneration }).from(dashboardCacheGeneration).limit(1),
    db.select({ finishedAt: demoLoad.finishedAt }).from(demoLoad).where(eq(demoLoad.id, 1)).limit(1),
  ]);
  if (demo && demo.finishedAt === null) return null;
  const banner = demo?.finishedAt && Date.now() - demo.finishedAt.getTime() <= JUST_FINISHED_MS ? ":demo-done" : "";
  return `${counters?.dashboard ?? 0}:${counters?.content ?? 0}${banner}`;
}
