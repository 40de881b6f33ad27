/**
 * The government agency of an admin code (520281 → 盘州市人民政府), resolved as the export API's
 * `agency=520281` is: the region's own government ("<region>人民政府", at the region's level) before
 * any other. Agencies are public records for every signed-in user (db/AGENTS.md).
 */
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { agencies, regions } from "../../schema";
import { assertViewer } from "./_sql";

export const findGovernmentByAdminCodeInputSchema = z.object({ code: z.string().regex(/^[0-9]{6}([0-9]{3})?$/) });

export async function findGovernmentByAdminCode({ ctx, input }: { ctx: Ctx; input: z.input<typeof findGovernmentByAdminCodeInputSchema> }): Promise<{ id: string } | null> {
  assertViewer(ctx);
  const parsed = findGovernmentByAdminCodeInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const [row] = await ctx.db
    .select({ id: agencies.id })
    .from(agencies)
    .innerJoin(regions, eq(regions.adminCode, agencies.regionCode))
    .where(and(eq(agencies.kind, "government"), eq(agencies.regionCode, parsed.data.code)))
    .orderBy(
      sql`case when ${agencies.nameNorm} = ${regions.name} || '人民政府' then 0 else 1 end`,
      sql`case when ${agencies.level} = ${regions.level} then 0 else 1 end`,
      asc(agencies.name),
    )
    .limit(1);
  return row ?? null;
}
