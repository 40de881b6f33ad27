/** The years that have current reports (any region), newest first: the year selector's options. */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { sql } from "drizzle-orm";
import type { Ctx } from "../../context";
import { reportFigures as rf } from "../../schema";
import { assertViewer } from "./_sql";

async function listDashboardYearsUncached({ ctx }: { ctx: Ctx; input?: Record<string, never> }): Promise<number[]> {
  assertViewer(ctx);
  // A skip scan of the (year, is_current, scope) index: one probe per year instead of reading
  // every report (SELECT DISTINCT took tens of ms at 100,000 reports).
  const rows: unknown = await ctx.db.execute(sql`
    with recursive y(year) as (
      select max(${rf.year}) from ${rf} where ${rf.isCurrent}
      union all
      select (select max(${rf.year}) from ${rf} where ${rf.isCurrent} and ${rf.year} < y.year) from y where y.year is not null
    )
    select year from y where year is not null`);
  return rowsOf<{ year: number | string }>(rows).map((r) => Number(r.year));
}

/** PGlite returns { rows }, postgres.js an array of rows; both hold plain objects by column name. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/** listDashboardYears through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function listDashboardYears(options: { ctx: Ctx; input?: Record<string, never> }): Promise<number[]> {
  return cachedDashboardRead(options.ctx, { name: "listDashboardYears", scope: "published", input: options.input ?? null }, () => listDashboardYearsUncached(options));
}
