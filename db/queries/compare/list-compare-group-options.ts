/** Choices for the comparison page's peer-group form: regions down to the prefecture level, and the department types in use. */
import "server-only";
import { cachedDashboardRead } from "../dashboard/_cache";
import { and, asc, inArray, isNotNull, ne } from "drizzle-orm";
import type { Ctx } from "../../context";
import { agencies, regions } from "../../schema";
import { assertSignedIn } from "./get-comparison";

export interface CompareGroupOptions {
  regions: { code: string; name: string; level: string }[];
  deptTypes: string[];
}

async function listCompareGroupOptionsUncached({ ctx }: { ctx: Ctx; input?: Record<string, never> }): Promise<CompareGroupOptions> {
  assertSignedIn(ctx);
  const [regionRows, deptRows] = await Promise.all([
    ctx.db
      .select({ code: regions.adminCode, name: regions.name, level: regions.level })
      .from(regions)
      .where(inArray(regions.level, ["province", "prefecture"]))
      .orderBy(asc(regions.adminCode)),
    ctx.db
      .selectDistinct({ deptType: agencies.deptType })
      .from(agencies)
      .where(and(isNotNull(agencies.deptType), ne(agencies.deptType, "")))
      .orderBy(asc(agencies.deptType)),
  ]);
  return { regions: regionRows, deptTypes: deptRows.flatMap((r) => (r.deptType ? [r.deptType] : [])) };
}

/** listCompareGroupOptions through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function listCompareGroupOptions(options: { ctx: Ctx; input?: Record<string, never> }): Promise<CompareGroupOptions> {
  return cachedDashboardRead(options.ctx, { name: "listCompareGroupOptions", scope: "published", input: options.input ?? null }, () => listCompareGroupOptionsUncached(options));
}
