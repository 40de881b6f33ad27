/** A region of the drill-down (贵州省 → 市州 → 县 → 乡镇): its name, its ancestors and its children. */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { adminCodeLevel, type RegionLevel } from "../../../lib/regions/levels";
import type { Ctx } from "../../context";
import { regions } from "../../schema";
import { adminCodeSchemaPattern, assertViewer } from "./_sql";

export const getRegionInputSchema = z.object({ code: z.string().regex(adminCodeSchemaPattern) });

export interface RegionSummary {
  code: string;
  name: string;
  shortName: string;
  level: RegionLevel;
}

export interface RegionDetail extends RegionSummary {
  parentCode: string | null;
  /** Province first, parent last. */
  ancestors: RegionSummary[];
  children: RegionSummary[];
}

function ancestorCodes(code: string): string[] {
  const level = adminCodeLevel(code);
  const out: string[] = [];
  if (level !== "province") out.push(`${code.slice(0, 2)}0000`);
  if (level === "county" || level === "township") out.push(`${code.slice(0, 4)}00`);
  if (level === "township") out.push(code.slice(0, 6));
  return out;
}

const cols = { code: regions.adminCode, name: regions.name, shortName: regions.shortName, level: regions.level, parentCode: regions.parentCode };

/** Null when the code is not a known region. */
async function getRegionUncached({ ctx, input }: { ctx: Ctx; input: z.input<typeof getRegionInputSchema> }): Promise<RegionDetail | null> {
  assertViewer(ctx);
  const parsed = getRegionInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const { code } = parsed.data;
  const [self] = await ctx.db.select(cols).from(regions).where(eq(regions.adminCode, code));
  if (!self) return null;
  const up = ancestorCodes(code);
  const [ancestors, children] = await Promise.all([
    up.length ? ctx.db.select(cols).from(regions).where(inArray(regions.adminCode, up)) : Promise.resolve([]),
    ctx.db.select(cols).from(regions).where(eq(regions.parentCode, code)).orderBy(asc(regions.sortOrder), asc(regions.adminCode)),
  ]);
  const strip = ({ parentCode: _p, ...r }: typeof self) => r;
  return {
    ...strip(self),
    parentCode: self.parentCode,
    ancestors: up.flatMap((c) => ancestors.filter((a) => a.code === c).map(strip)),
    children: children.map(strip),
  };
}

/** Names of the given region codes (for labelling grouped rows). */
async function listRegionNamesUncached({ ctx, input }: { ctx: Ctx; input: { codes: string[] } }): Promise<Map<string, RegionSummary>> {
  assertViewer(ctx);
  const codes = [...new Set(input.codes)].filter((c) => adminCodeSchemaPattern.test(c));
  if (!codes.length) return new Map();
  const rows = await ctx.db.select(cols).from(regions).where(inArray(regions.adminCode, codes));
  return new Map(rows.map(({ parentCode: _p, ...r }) => [r.code, r]));
}

/** getRegion through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function getRegion(options: { ctx: Ctx; input: z.input<typeof getRegionInputSchema> }): Promise<RegionDetail | null> {
  return cachedDashboardRead(options.ctx, { name: "getRegion", scope: "published", input: options.input }, () => getRegionUncached(options));
}

/** listRegionNames through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function listRegionNames(options: { ctx: Ctx; input: { codes: string[] } }): Promise<Map<string, RegionSummary>> {
  return cachedDashboardRead(options.ctx, { name: "listRegionNames", scope: "published", input: options.input }, () => listRegionNamesUncached(options));
}
