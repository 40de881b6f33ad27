/** The years that have current reports (any region), newest first: the year selector's options. */
import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Ctx } from "../../context";
import { reportFigures as rf } from "../../schema";
import { assertViewer } from "./_sql";

export async function listDashboardYears({ ctx }: { ctx: Ctx; input?: Record<string, never> }): Promise<number[]> {
  assertViewer(ctx);
  const rows = await ctx.db.selectDistinct({ year: rf.year }).from(rf).where(eq(rf.isCurrent, true)).orderBy(desc(rf.year));
  return rows.map((r) => r.year);
}
