/**
 * Rebuilds the dashboard rollups outside the write paths that keep them current:
 * - "all": everything from scratch (the query benchmark, whose synthetic load bypasses ingest);
 * - "stale": at start-up and after `db:migrate` — everything when the rollups were built with other
 *   indicator terms or never built for existing reports (a database from before 0003), else only
 *   the pairs a crashed bulk load left dirty.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, isPrivileged, type Ctx } from "../../context";
import { dashboardRollupState, reportFigures } from "../../schema";
import { refreshAllRollupsInTx, refreshDirtyRollupsInTx, ROLLUP_FINGERPRINT } from "./rollups";

export const refreshDashboardRollupsInputSchema = z.object({ mode: z.enum(["all", "stale"]).default("stale") });

export interface RefreshDashboardRollupsOptions {
  ctx: Ctx;
  input?: z.input<typeof refreshDashboardRollupsInputSchema>;
}

export type RefreshDashboardRollupsResult = { rebuilt: "all" } | { rebuilt: "dirty"; pairs: number };

export async function refreshDashboardRollups({ ctx, input = {} }: RefreshDashboardRollupsOptions): Promise<RefreshDashboardRollupsResult> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators and operator scripts rebuild the dashboard rollups.");
  const { mode } = refreshDashboardRollupsInputSchema.parse(input);
  return ctx.db.transaction(async (tx): Promise<RefreshDashboardRollupsResult> => {
    if (mode === "stale") {
      const [state] = await tx.select({ fingerprint: dashboardRollupState.fingerprint }).from(dashboardRollupState);
      if (state?.fingerprint === ROLLUP_FINGERPRINT) return { rebuilt: "dirty", pairs: await refreshDirtyRollupsInTx(tx) };
      const [any] = await tx.select({ one: sql`1` }).from(reportFigures).limit(1);
      if (!any) {
        // Nothing summarised yet: the write paths build the rollups from here on.
        await tx
          .insert(dashboardRollupState)
          .values({ id: 1, fingerprint: ROLLUP_FINGERPRINT })
          .onConflictDoUpdate({ target: dashboardRollupState.id, set: { fingerprint: ROLLUP_FINGERPRINT, updatedAt: new Date() } });
        return { rebuilt: "dirty", pairs: await refreshDirtyRollupsInTx(tx) };
      }
    }
    await refreshAllRollupsInTx(tx);
    return { rebuilt: "all" };
  });
}
