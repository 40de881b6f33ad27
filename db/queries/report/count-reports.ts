import "server-only";
import { count } from "drizzle-orm";
import { isPrivileged, AccessDeniedError, type Ctx } from "../../context";
import { reports } from "../../schema";

/** How many report versions the database holds, any status (start-up decides whether to load the demo). */
export async function countReports({ ctx }: { ctx: Ctx }): Promise<number> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators and operator scripts count all reports.");
  const [row] = await ctx.db.select({ n: count() }).from(reports);
  return row?.n ?? 0;
}
