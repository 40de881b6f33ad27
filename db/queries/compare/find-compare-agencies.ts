/**
 * The comparison page's agency search: by name (any part) or by admin code (a region's code or
 * its prefix: 520281 finds 盘州市人民政府 and the agencies placed in 盘州市). The agency registry
 * is public to signed-in users, like published figures.
 */
import "server-only";
import { and, asc, eq, gte, ilike, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { agencies, regions } from "../../schema";
import { assertSignedIn } from "./get-comparison";

export const findCompareAgenciesInputSchema = z.object({
  q: z.string().trim().min(1).max(60),
  limit: z.number().int().min(1).max(100).default(30),
});

export interface FindCompareAgenciesOptions {
  ctx: Ctx;
  input: z.input<typeof findCompareAgenciesInputSchema>;
}

export interface CompareAgencyHit {
  id: string;
  name: string;
  adminCode: string | null;
  regionName: string | null;
  kind: string;
  level: string;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findCompareAgencies({ ctx, input }: FindCompareAgenciesOptions): Promise<CompareAgencyHit[]> {
  assertSignedIn(ctx);
  const { q, limit } = findCompareAgenciesInputSchema.parse(input);
  let codeWhere;
  if (/^[0-9]{2,9}$/.test(q)) {
    // 520200 (a prefecture) means its subtree; a county code itself plus its townships.
    const prefix = q.length === 6 && q.endsWith("0000") ? q.slice(0, 2) : q.length === 6 && q.endsWith("00") ? q.slice(0, 4) : q;
    const upper = String(Number(prefix) + 1).padStart(prefix.length, "0");
    codeWhere = and(gte(agencies.regionCode, prefix), lt(agencies.regionCode, upper));
  }
  return ctx.db
    .select({ id: agencies.id, name: agencies.name, adminCode: agencies.regionCode, regionName: regions.name, kind: agencies.kind, level: agencies.level })
    .from(agencies)
    .leftJoin(regions, eq(regions.adminCode, agencies.regionCode))
    .where(and(eq(agencies.reviewStatus, "active"), codeWhere ?? or(ilike(agencies.name, `%${likeEscape(q)}%`), sql`${q} = any(${agencies.aliases})`)))
    // Governments first, then by region and name: "盘州" lists 盘州市人民政府 before its bureaus.
    .orderBy(sql`case ${agencies.kind} when 'government' then 0 else 1 end`, asc(agencies.regionCode), asc(agencies.name))
    .limit(limit);
}
