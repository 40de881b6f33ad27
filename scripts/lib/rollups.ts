/**
 * After migrating (npm start, npm run ingest): rebuilds the dashboard rollups when they are
 * missing for existing reports (a database from before migration 0003), were built with other
 * indicator terms, or a bulk load stopped before rebuilding what it touched. Prints only when it
 * did work. Not in db:migrate, which runs without the react-server condition server-only needs.
 */
import type { Db } from "../../db/client";
import { systemCtx } from "../../db/context";
import { refreshDashboardRollups } from "../../db/mutations/dashboard/refresh-dashboard-rollups";

export async function ensureDashboardRollups(db: Db, log: (line: string) => void = console.log): Promise<void> {
  const t0 = Date.now();
  const result = await refreshDashboardRollups({ ctx: systemCtx("dashboard rollups", db), input: { mode: "stale" } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.rebuilt === "all") log(`dashboard rollups: rebuilt from every current report in ${seconds} s`);
  else if (result.pairs) log(`dashboard rollups: rebuilt ${result.pairs} (year, region) pairs a bulk load left in ${seconds} s`);
}
