/**
 * Recomputes cross-year findings for whole agencies, one transaction each: the end of a bulk
 * load that ingested with `deferCrossYear`; then rebuilds the dashboard rollups the load left dirty.
 */
import "server-only";
import { z } from "zod";
import { AccessDeniedError, isPrivileged, type Ctx } from "../../context";
import { agencyRollupKeys, markRollupsDirty, refreshDirtyRollupsInTx } from "../dashboard/rollups";
import { refreshAllCrossYearFindings } from "./cross-year";

export const refreshCrossYearInputSchema = z.object({ agencyIds: z.array(z.uuid()) });

export interface RefreshCrossYearOptions {
  ctx: Ctx;
  input: z.input<typeof refreshCrossYearInputSchema>;
  /** Awaited before each agency's transaction (a serving app lets its requests go first). */
  pace?: () => Promise<void>;
}

export async function refreshCrossYear({ ctx, input, pace }: RefreshCrossYearOptions): Promise<{ agencies: number }> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators and operator scripts recompute findings in bulk.");
  const { agencyIds } = refreshCrossYearInputSchema.parse(input);
  for (const agencyId of new Set(agencyIds)) {
    await pace?.();
    await ctx.db.transaction(async (tx) => {
      await refreshAllCrossYearFindings(tx, agencyId);
      await markRollupsDirty(tx, await agencyRollupKeys(tx, agencyId));
    });
  }
  // The dashboards' rollups of every pair the load (or these findings) touched, rebuilt once.
  await ctx.db.transaction((tx) => refreshDirtyRollupsInTx(tx));
  return { agencies: new Set(agencyIds).size };
}

/**
 * Rebuilds the dashboards' rollups a bulk load has left dirty so far (it defers them per
 * document): the background demo load calls this now and then, so the dashboards fill in as it
 * goes rather than all at its end. Returns how many (year, region) pairs were rebuilt.
 */
export async function refreshDirtyRollups({ ctx }: { ctx: Ctx }): Promise<number> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators and operator scripts rebuild the dashboards' rollups.");
  return ctx.db.transaction((tx) => refreshDirtyRollupsInTx(tx));
}
