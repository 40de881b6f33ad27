/**
 * The self-review worklist: an agency user's drafts and submissions, or the submissions (and,
 * on request, drafts) awaiting an oversight user in its region. Only reports in scope.
 */
import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { agencies, auditLog, findings, reports, sourceDocuments } from "../../schema";
import { REPORT_STATUSES, type ReportStatus } from "../../schema/reports.constants";
import { reportsInScopeWhere } from "../_scope";

export const listSelfReviewReportsInputSchema = z.object({
  statuses: z.array(z.enum(REPORT_STATUSES)).min(1).default(["draft", "submitted"]),
  limit: z.number().int().min(1).max(500).default(200),
});

export interface ListSelfReviewReportsOptions {
  ctx: Ctx;
  input?: z.input<typeof listSelfReviewReportsInputSchema>;
}

export interface SelfReviewListItem {
  id: string;
  agencyId: string;
  agencyName: string;
  regionCode: string | null;
  year: number;
  version: number;
  status: ReportStatus;
  fileName: string;
  createdAt: Date;
  updatedAt: Date;
  errors: number;
  warnings: number;
  /** Open findings of severity error: what blocks submission. */
  openErrors: number;
  /** The comment of the last return, when the report was sent back. */
  returnComment: string | null;
}

export async function listSelfReviewReports({ ctx, input = {} }: ListSelfReviewReportsOptions): Promise<SelfReviewListItem[]> {
  const { statuses, limit } = listSelfReviewReportsInputSchema.parse(input);
  const rows = await ctx.db
    .select({
      id: reports.id,
      agencyId: reports.agencyId,
      agencyName: agencies.name,
      regionCode: agencies.regionCode,
      year: reports.year,
      version: reports.version,
      status: reports.status,
      fileName: sourceDocuments.fileName,
      createdAt: reports.createdAt,
      updatedAt: reports.updatedAt,
      errors: sql<number>`(select count(*)::int from ${findings} where ${findings.reportId} = ${reports.id} and ${findings.severity} = 'error')`,
      warnings: sql<number>`(select count(*)::int from ${findings} where ${findings.reportId} = ${reports.id} and ${findings.severity} = 'warning')`,
      openErrors: sql<number>`(select count(*)::int from ${findings} where ${findings.reportId} = ${reports.id} and ${findings.severity} = 'error' and ${findings.status} = 'open')`,
      returnComment: sql<string | null>`(select ${auditLog.details}->>'comment' from ${auditLog} where ${auditLog.entity} = 'report' and ${auditLog.entityId} = ${reports.id}::text and ${auditLog.action} = 'report.return' order by ${auditLog.at} desc limit 1)`,
    })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
    .where(and(inArray(reports.status, statuses), reportsInScopeWhere(ctx.viewer)))
    .orderBy(desc(reports.updatedAt), desc(reports.version))
    .limit(limit);
  return rows;
}
