/**
 * Outliers for one indicator and year: the agencies under a region whose value lies furthest from
 * their peer group's median, in interquartile ranges ((value − median) ÷ (P75 − P25)). Peer groups
 * as on the agency page: same level and department type for departments, same level and kind for
 * the rest, across every region. Self-scope current reports only; small samples (denominator under
 * the indicator's threshold) are left out of groups and candidates, since a 1-of-1 share says
 * little. Published figures and findings are public to signed-in users (db/AGENTS.md).
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { isImpossibleValue } from "../../../lib/export/comparison";
import { getIndicator, INDICATOR_BY_KEY, peerStats } from "../../../lib/indicators";
import { isGroupSummable } from "../../../lib/charts/sums";
import { regionPrefix } from "../../../lib/regions/scope";
import type { Ctx } from "../../context";
import { agencies, findings, reportFigures as rf } from "../../schema";
import type { AgencyKind, AgencyLevel } from "../../schema/agencies.constants";
import { adminCodeSchemaPattern, assertViewer, denominatorOnly, numeratorOnly, valueExpr } from "./_sql";

export const listOutliersInputSchema = z.object({
  regionCode: z.string().regex(adminCodeSchemaPattern).default("520000"),
  year: z.number().int().min(2000).max(2100),
  indicatorKey: z.string().refine((k) => INDICATOR_BY_KEY.has(k) && isGroupSummable(INDICATOR_BY_KEY.get(k)!), { message: "unknown or non-summable indicator" }),
  limit: z.number().int().min(1).max(50).default(10),
  /** Groups smaller than this have no meaningful median. */
  minGroup: z.number().int().min(3).max(100).default(8),
});

export interface Outlier {
  agencyId: string;
  name: string;
  regionCode: string | null;
  reportId: string;
  level: AgencyLevel;
  kind: AgencyKind;
  deptType: string | null;
  value: number;
  numerator: number | null;
  denominator: number | null;
  median: number;
  p25: number;
  p75: number;
  groupSize: number;
  /** (value − median) ÷ IQR; null when the IQR is 0 (then ordered by the plain distance). */
  iqrDistance: number | null;
  reportErrors: boolean;
  impossible: boolean;
}

export async function listOutliers({ ctx, input }: { ctx: Ctx; input: z.input<typeof listOutliersInputSchema> }): Promise<Outlier[]> {
  assertViewer(ctx);
  const p = listOutliersInputSchema.parse(input);
  const def = getIndicator(p.indicatorKey);
  const rows = await ctx.db
    .select({
      agencyId: rf.agencyId,
      reportId: rf.reportId,
      regionCode: rf.regionCode,
      name: agencies.name,
      level: agencies.level,
      kind: agencies.kind,
      deptType: agencies.deptType,
      value: valueExpr(def),
      numerator: numeratorOnly(def),
      denominator: denominatorOnly(def),
      reportErrors: sql<boolean>`exists (select 1 from ${findings} where ${findings.reportId} = ${rf.reportId} and ${findings.severity} = 'error')`,
    })
    .from(rf)
    .innerJoin(agencies, eq(agencies.id, rf.agencyId))
    .where(and(eq(rf.isCurrent, true), eq(rf.year, p.year), eq(rf.scope, "self")));
  const usable = rows.filter(
    (r): r is typeof r & { value: number } =>
      r.value !== null && Number.isFinite(r.value) && !(def.minDenominator !== null && r.denominator !== null && r.denominator < def.minDenominator),
  );
  const groupOf = (r: { level: string; kind: string; deptType: string | null }) => (r.kind === "department" && r.deptType ? `${r.level}|dept|${r.deptType}` : `${r.level}|${r.kind}`);
  const groups = new Map<string, number[]>();
  for (const r of usable) if (!isImpossibleValue(def, r.value)) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r.value]);
  const stats = new Map([...groups.entries()].map(([k, v]) => [k, peerStats(v)]));
  const prefix = regionPrefix(p.regionCode);
  const out: Outlier[] = [];
  for (const r of usable) {
    if (!r.regionCode?.startsWith(prefix)) continue;
    const s = stats.get(groupOf(r));
    if (!s || s.n < p.minGroup || s.median === null || s.p25 === null || s.p75 === null) continue;
    const iqr = s.p75 - s.p25;
    const impossible = isImpossibleValue(def, r.value);
    out.push({
      agencyId: r.agencyId,
      name: r.name,
      regionCode: r.regionCode,
      reportId: r.reportId,
      level: r.level,
      kind: r.kind,
      deptType: r.deptType,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      median: s.median,
      p25: s.p25,
      p75: s.p75,
      groupSize: s.n,
      iqrDistance: iqr > 0 ? (r.value - s.median) / iqr : null,
      reportErrors: Boolean(r.reportErrors),
      impossible,
    });
  }
  const score = (o: Outlier) => (o.iqrDistance !== null ? Math.abs(o.iqrDistance) : o.value === o.median ? 0 : Number.POSITIVE_INFINITY);
  return out
    .filter((o) => o.value !== o.median)
    .sort((a, b) => score(b) - score(a) || Math.abs(b.value - b.median) - Math.abs(a.value - a.median) || a.name.localeCompare(b.name))
    .slice(0, p.limit);
}
