/**
 * After migrating (npm start, npm run ingest): reports stored before coverage was measured get it
 * from their stored figures. Prints only when it did work.
 */
import type { Db } from "../../db/client";
import { systemCtx } from "../../db/context";
import { backfillCoverage } from "../../db/mutations/report/backfill-coverage";

export async function ensureReportCoverage(db: Db, log: (line: string) => void = console.log): Promise<void> {
  const t0 = Date.now();
  const { updated } = await backfillCoverage({ ctx: systemCtx("coverage backfill", db) });
  if (updated) log(`coverage: measured ${updated} reports stored before it was recorded, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
