/** Agencies whose name, normalised name or alias is exactly `name`: for placing a new account. Admin only. */
import "server-only";
import { asc, eq, or, sql } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, isPrivileged, type Ctx } from "../../context";
import { agencies } from "../../schema";

export const findAgenciesByNameInputSchema = z.object({ name: z.string().trim().min(1).max(200) });

export interface FindAgenciesByNameOptions {
  ctx: Ctx;
  input: z.input<typeof findAgenciesByNameInputSchema>;
}

export async function findAgenciesByName({ ctx, input }: FindAgenciesByNameOptions): Promise<{ id: string; name: string; regionCode: string | null }[]> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators look up agencies for accounts.");
  const { name } = findAgenciesByNameInputSchema.parse(input);
  return ctx.db
    .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode })
    .from(agencies)
    .where(or(eq(agencies.name, name), eq(agencies.nameNorm, name), sql`${name} = any(${agencies.aliases})`))
    .orderBy(asc(agencies.regionCode));
}
