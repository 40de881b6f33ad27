/**
 * Who may see what, as SQL conditions and assertions every query and mutation reuses (see
 * db/AGENTS.md). Published reports and their figures are public records for every signed-in
 * user; drafts, submissions, finding explanations and the audit log follow the viewer's scope:
 * admin and system everything, oversight its region subtree, agency users their own agency.
 */
import "server-only";
import { and, eq, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { regionPrefix } from "../../lib/regions/scope";
import { AccessDeniedError, canActForAgency, isPrivileged, type Ctx, type Viewer } from "../context";
import { agencies, reports } from "../schema";
import type { ReportStatus } from "../schema/reports.constants";

/**
 * True where `agencyIdColumn` names an agency the viewer acts for (its private data: drafts,
 * explanations, audit entries). Admin/system: always; oversight: agencies placed in its region
 * subtree; agency users: their own agency.
 */
export function agencyInScopeWhere(viewer: Viewer, agencyIdColumn: AnyColumn | SQL): SQL {
  if (isPrivileged(viewer)) return sql`true`;
  if (viewer.kind !== "user") return sql`false`;
  if (viewer.role === "oversight") {
    if (!viewer.regionCode) return sql`false`;
    const prefix = `${regionPrefix(viewer.regionCode)}%`;
    return sql`${agencyIdColumn} in (select ${agencies.id} from ${agencies} where ${agencies.regionCode} like ${prefix})`;
  }
  if (viewer.role === "agency" && viewer.agencyId) return sql`${agencyIdColumn} = ${viewer.agencyId}`;
  return sql`false`;
}

/** Reports (the `reports` table) the viewer may read: every published one, plus drafts and submissions in scope. */
export function visibleReportsWhere(viewer: Viewer): SQL {
  if (isPrivileged(viewer)) return sql`true`;
  return or(eq(reports.status, "published"), agencyInScopeWhere(viewer, reports.agencyId))!;
}

/** Reports in the viewer's scope whatever their status: the rows it may change or whose private parts it may read. */
export function reportsInScopeWhere(viewer: Viewer): SQL {
  return agencyInScopeWhere(viewer, reports.agencyId);
}

export interface ReportAccess {
  id: string;
  agencyId: string;
  agencyName: string;
  regionCode: string | null;
  year: number;
  version: number;
  status: ReportStatus;
  isCurrent: boolean;
  /** The viewer acts for this report's agency: it may see drafts, explanations and history. */
  inScope: boolean;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The report's access facts if the viewer may see it, else null. Existence is not revealed:
 * another agency's draft and a made-up id both give null (a page shows 404 for either).
 */
export async function findVisibleReport(ctx: Ctx, reportId: string): Promise<ReportAccess | null> {
  if (!UUID_RE.test(reportId)) return null;
  const [row] = await ctx.db
    .select({
      id: reports.id,
      agencyId: reports.agencyId,
      agencyName: agencies.name,
      regionCode: agencies.regionCode,
      year: reports.year,
      version: reports.version,
      status: reports.status,
      isCurrent: reports.isCurrent,
    })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .where(and(eq(reports.id, reportId), visibleReportsWhere(ctx.viewer)));
  if (!row) return null;
  return { ...row, inScope: canActForAgency(ctx.viewer, { id: row.agencyId, regionCode: row.regionCode }) };
}

/** findVisibleReport that throws AccessDeniedError instead of returning null. */
export async function assertCanSeeReport(ctx: Ctx, reportId: string): Promise<ReportAccess> {
  const access = await findVisibleReport(ctx, reportId);
  if (!access) throw new AccessDeniedError("This report does not exist or is not visible to you. 报告不存在或您无权查看。");
  return access;
}

/** For writes and private reads: the viewer must act for the report's agency. */
export async function assertReportInScope(ctx: Ctx, reportId: string): Promise<ReportAccess> {
  const access = await findVisibleReport(ctx, reportId);
  if (!access?.inScope) throw new AccessDeniedError("You may not act on this report. 您无权处理此报告。");
  return access;
}
