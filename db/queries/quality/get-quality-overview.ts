/**
 * Quality of one year's reports in a region subtree, as SQL aggregates (no report is loaded into
 * memory): how many pass every hard rule, which hard rules fail most, and the same per child
 * region. Hard rules are the findings of severity "error" (lib/validate/meta.ts).
 */
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { adminCodeLevel, type RegionLevel } from "../../../lib/regions/levels";
import { regionPrefix } from "../../../lib/regions/scope";
import type { Ctx } from "../../context";
import { agencies, findings, regions, reports } from "../../schema";
import { assertSignedIn, qualityFilterSchema, qualityReportsWhere } from "./quality-scope";

export interface GetQualityOverviewOptions {
  ctx: Ctx;
  input: z.input<typeof qualityFilterSchema>;
}

export interface QualityRuleCount {
  rule: string;
  /** Reports failing the rule at least once. */
  reports: number;
}

export interface QualityRegionRow {
  /** Child region code, or null for agencies placed at the selected region itself (本级). */
  code: string | null;
  name: string | null;
  reports: number;
  passing: number;
  /** Reports failing each rule, by rule id (rules with no failure are absent). */
  byRule: Record<string, number>;
}

export interface QualityOverviewDto {
  year: number;
  region: { code: string; name: string; level: RegionLevel } | null;
  reports: number;
  passing: number;
  rules: QualityRuleCount[];
  byRegion: QualityRegionRow[];
}

const asNumber = (v: unknown): number => Number(v ?? 0);

export async function getQualityOverview({ ctx, input }: GetQualityOverviewOptions): Promise<QualityOverviewDto> {
  assertSignedIn(ctx);
  const filter = qualityFilterSchema.parse(input);
  const { db } = ctx;
  const where = qualityReportsWhere(filter);
  const hasError = sql`exists (select 1 from ${findings} where ${findings.reportId} = ${reports.id} and ${findings.severity} = 'error')`;

  // Child regions are grouped by the code prefix of their level (市州 4 digits, 区县 6, 乡镇 9).
  const level = adminCodeLevel(filter.regionCode);
  const childLen = level === "province" ? 4 : level === "prefecture" ? 6 : 9;
  const childKey = sql<string>`left(${agencies.regionCode}, ${sql.raw(String(childLen))})`;

  const [regionRow, totals, ruleRows, childRegions, childTotals, childRules] = await Promise.all([
    db.select({ code: regions.adminCode, name: regions.name }).from(regions).where(eq(regions.adminCode, filter.regionCode)),
    db
      .select({
        reports: sql<number>`count(*)`.mapWith(asNumber),
        passing: sql<number>`count(*) filter (where not ${hasError})`.mapWith(asNumber),
      })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(where),
    db
      .select({ rule: findings.rule, reports: sql<number>`count(distinct ${findings.reportId})`.mapWith(asNumber) })
      .from(findings)
      .innerJoin(reports, eq(reports.id, findings.reportId))
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(and(where, eq(findings.severity, "error")))
      .groupBy(findings.rule)
      .orderBy(desc(sql`count(distinct ${findings.reportId})`), asc(findings.rule)),
    db
      .select({ code: regions.adminCode, name: regions.name })
      .from(regions)
      .where(eq(regions.parentCode, filter.regionCode))
      .orderBy(asc(regions.sortOrder), asc(regions.adminCode)),
    db
      .select({
        key: childKey,
        reports: sql<number>`count(*)`.mapWith(asNumber),
        passing: sql<number>`count(*) filter (where not ${hasError})`.mapWith(asNumber),
      })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(where)
      .groupBy(childKey),
    db
      .select({ key: childKey, rule: findings.rule, reports: sql<number>`count(distinct ${findings.reportId})`.mapWith(asNumber) })
      .from(findings)
      .innerJoin(reports, eq(reports.id, findings.reportId))
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(and(where, eq(findings.severity, "error")))
      .groupBy(childKey, findings.rule),
  ]);

  // Map the handful of grouped prefixes onto child regions; anything else is 本级.
  const childByPrefix = new Map(childRegions.map((c) => [regionPrefix(c.code).padEnd(childLen, "0").slice(0, childLen), c]));
  const rows = new Map<string | null, QualityRegionRow>();
  for (const c of childRegions) rows.set(c.code, { code: c.code, name: c.name, reports: 0, passing: 0, byRule: {} });
  const rowFor = (key: string): QualityRegionRow => {
    const child = childByPrefix.get(key);
    const code = child?.code ?? null;
    let row = rows.get(code);
    if (!row) {
      row = { code: null, name: null, reports: 0, passing: 0, byRule: {} };
      rows.set(null, row);
    }
    return row;
  };
  for (const t of childTotals) {
    const row = rowFor(t.key);
    row.reports += t.reports;
    row.passing += t.passing;
  }
  for (const r of childRules) {
    const row = rowFor(r.key);
    row.byRule[r.rule] = (row.byRule[r.rule] ?? 0) + r.reports;
  }

  const total = totals[0] ?? { reports: 0, passing: 0 };
  return {
    year: filter.year,
    region: regionRow[0] ? { ...regionRow[0], level } : null,
    reports: total.reports,
    passing: total.passing,
    rules: ruleRows,
    byRegion: [...rows.values()].sort((a, b) => (a.code === null ? -1 : b.code === null ? 1 : 0)),
  };
}
