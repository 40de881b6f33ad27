/**
 * One agency's page: who it is, its reports by year (every visible version), indicator values of
 * its current reports by year (computed per report by lib/indicators, each traceable to its
 * report id), and its findings by year and severity.
 */
import "server-only";
import { cachedDashboardRead } from "./_cache";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DashboardValue } from "../../../lib/charts/sums";
import type { FormatVersion } from "../../../lib/catalog";
import { computeIndicator, getIndicator, indicatorCells, INDICATOR_BY_KEY, toIndicatorCells, type IndicatorReport } from "../../../lib/indicators";
import type { Ctx } from "../../context";
import { agencies, figureColumn, findings, regions, reportFigures as rf, reports } from "../../schema";
import type { AgencyKind, AgencyLevel } from "../../schema/agencies.constants";
import type { FindingSeverity } from "../../schema/findings.constants";
import type { ReportScope, ReportStatus } from "../../schema/reports.constants";
import { visibleReportsWhere } from "../_scope";
import { assertViewer, dynamicRow } from "./_sql";

const figureValue = (v: unknown): number | string | null => (typeof v === "number" || typeof v === "string" ? v : null);

export const getAgencyProfileInputSchema = z.object({
  agencyId: z.uuid(),
  indicatorKeys: z
    .array(z.string())
    .max(40)
    .refine((keys) => keys.every((k) => INDICATOR_BY_KEY.has(k)), { message: "unknown indicator" }),
});
export type GetAgencyProfileInput = z.input<typeof getAgencyProfileInputSchema>;

export interface AgencyReportRow {
  id: string;
  year: number;
  version: number;
  status: ReportStatus;
  isCurrent: boolean;
  publishedOn: string | null;
  formatVersion: FormatVersion | null;
  scope: ReportScope;
}

export interface AgencyYearValues {
  year: number;
  reportId: string;
  formatVersion: FormatVersion | null;
  scope: ReportScope;
  values: Record<string, DashboardValue>;
}

export interface AgencyProfile {
  agency: {
    id: string;
    name: string;
    kind: AgencyKind;
    level: AgencyLevel;
    deptType: string | null;
    regionCode: string | null;
    regionName: string | null;
  };
  reports: AgencyReportRow[];
  /** Current reports only, ascending years. */
  series: AgencyYearValues[];
  findings: { year: number; reportId: string; severity: FindingSeverity; count: number }[];
}

/**
 * The agency's versions list depends on the viewer (drafts and submissions of its own agency or
 * region), so it is read per request; the rest is published data, shared through the cache.
 */
export async function getAgencyProfile({ ctx, input }: { ctx: Ctx; input: GetAgencyProfileInput }): Promise<AgencyProfile | null> {
  assertViewer(ctx);
  const parsed = getAgencyProfileInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const { agencyId } = parsed.data;
  const [published, reportRows] = await Promise.all([
    cachedDashboardRead(ctx, { name: "getAgencyProfile", scope: "published", input: parsed.data }, () => loadPublishedProfile(ctx, parsed.data)),
    ctx.db
      .select({
        id: reports.id,
        year: reports.year,
        version: reports.version,
        status: reports.status,
        isCurrent: reports.isCurrent,
        publishedOn: reports.publishedOn,
        formatVersion: reports.formatVersion,
        scope: reports.scope,
      })
      .from(reports)
      .where(and(eq(reports.agencyId, agencyId), visibleReportsWhere(ctx.viewer)))
      .orderBy(desc(reports.year), desc(reports.version)),
  ]);
  return published ? { ...published, reports: reportRows } : null;
}

/** Who the agency is, its current reports' indicator values and finding counts: the same for every viewer. */
async function loadPublishedProfile(ctx: Ctx, { agencyId, indicatorKeys }: z.output<typeof getAgencyProfileInputSchema>): Promise<Omit<AgencyProfile, "reports"> | null> {
  const defs = indicatorKeys.map((k) => getIndicator(k));
  const cellKeys = [...new Set(defs.flatMap((d) => indicatorCells(d)))];
  const cellFields = Object.fromEntries(cellKeys.map((k, i) => [`c${i}`, figureColumn(k)]));

  // The agency, its figures and findings in one parallel round trip (an unknown id finds none).
  const [[agency], figureRows, findingRows] = await Promise.all([
    ctx.db
      .select({
        id: agencies.id,
        name: agencies.name,
        kind: agencies.kind,
        level: agencies.level,
        deptType: agencies.deptType,
        regionCode: agencies.regionCode,
        regionName: regions.name,
      })
      .from(agencies)
      .leftJoin(regions, eq(regions.adminCode, agencies.regionCode))
      .where(eq(agencies.id, agencyId)),
    ctx.db
      .select({ reportId: rf.reportId, year: rf.year, formatVersion: rf.formatVersion, scope: rf.scope, ...cellFields })
      .from(rf)
      .where(and(eq(rf.agencyId, agencyId), eq(rf.isCurrent, true)))
      .orderBy(asc(rf.year)),
    ctx.db
      .select({ year: reports.year, reportId: reports.id, severity: findings.severity, count: sql`count(*)::int`.mapWith(Number) })
      .from(findings)
      .innerJoin(reports, eq(reports.id, findings.reportId))
      .where(and(eq(reports.agencyId, agencyId), eq(reports.isCurrent, true)))
      .groupBy(reports.year, reports.id, findings.severity)
      .orderBy(asc(reports.year)),
  ]);

  if (!agency) return null;

  const asReport = (row: (typeof figureRows)[number]): IndicatorReport => {
    const raw = dynamicRow(row);
    return {
      id: row.reportId,
      formatVersion: row.formatVersion,
      scope: row.scope,
      year: row.year,
      cells: toIndicatorCells(Object.fromEntries(cellKeys.map((k, i) => [k, figureValue(raw[`c${i}`])]))),
    };
  };
  const byYear = new Map(figureRows.map((r) => [r.year, asReport(r)]));
  const series = figureRows.map((row) => {
    const report = { ...byYear.get(row.year)!, previous: byYear.get(row.year - 1) ?? null };
    const values = Object.fromEntries(
      defs.map((d) => {
        const r = computeIndicator(d, report);
        const v: DashboardValue = {
          key: d.key,
          value: r.value,
          numerator: r.numerator,
          denominator: r.denominator,
          reports: r.value === null && r.reason !== "zero_denominator" ? 0 : 1,
          smallSample: r.smallSample,
          formatsMixed: false,
          formats: row.formatVersion ? [row.formatVersion] : [],
          ...(r.reason ? { reason: r.reason } : {}),
        };
        return [d.key, v];
      }),
    );
    return { year: row.year, reportId: row.reportId, formatVersion: row.formatVersion, scope: row.scope, values };
  });
  return { agency, series, findings: findingRows };
}
