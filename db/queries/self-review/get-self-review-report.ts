/**
 * One report as its agency and oversight review it: a summary of the parsed tables, every
 * finding with its explanation and suggested fix, and the workflow history (uploads, submissions,
 * returns with their comments, acceptance). In scope only: the public report page is elsewhere.
 */
import "server-only";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { readCells, TABLE_IDS, type TableId } from "../../../lib/catalog";
import type { Ctx } from "../../context";
import { auditLog, findings, reportFigures, reports, sourceDocuments, users } from "../../schema";
import type { FindingSeverity, FindingStatus } from "../../schema/findings.constants";
import { figureCells, type FigureValue } from "../../schema/report-figures";
import type { ReportStatus } from "../../schema/reports.constants";
import { findVisibleReport } from "../_scope";

export const getSelfReviewReportInputSchema = z.object({ reportId: z.string() });

export interface GetSelfReviewReportOptions {
  ctx: Ctx;
  input: z.input<typeof getSelfReviewReportInputSchema>;
}

export const HEADLINE_CELLS = [
  "t3.new_received.total",
  "t3.carried_over.total",
  "t3.handled_total.total",
  "t3.carried_forward.total",
  "t4.lit_total.total",
] as const;

export interface SelfReviewFinding {
  id: string;
  rule: string;
  severity: FindingSeverity;
  status: FindingStatus;
  cells: string[];
  blame: string[];
  suggested: Record<string, number> | null;
  messageZh: string;
  messageEn: string;
  explanation: string | null;
}

export interface SelfReviewHistoryEntry {
  at: Date;
  action: string;
  actorName: string | null;
  comment: string | null;
  /** Uploads: the status the version was stored with ("draft" or "published") and its number. */
  uploadedAs: string | null;
  version: number | null;
}

export interface SelfReviewReport {
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  version: number;
  status: ReportStatus;
  isCurrent: boolean;
  formatVersion: string | null;
  complete: boolean;
  fileName: string;
  createdAt: Date;
  /** Is this the newest version of its agency and year? Only that one can be submitted. */
  isLatest: boolean;
  tables: { table: TableId; filled: number; total: number }[];
  headline: Record<(typeof HEADLINE_CELLS)[number], FigureValue>;
  findings: SelfReviewFinding[];
  history: SelfReviewHistoryEntry[];
  /** Other versions of the same agency and year, newest first. */
  versions: { id: string; version: number; status: ReportStatus }[];
}

/** The report in the viewer's scope, or null (not found, or not theirs: the caller shows 404). */
export async function getSelfReviewReportById({ ctx, input }: GetSelfReviewReportOptions): Promise<SelfReviewReport | null> {
  const { reportId } = getSelfReviewReportInputSchema.parse(input);
  const access = await findVisibleReport(ctx, reportId);
  if (!access?.inScope) return null;

  const [head] = await ctx.db
    .select({
      formatVersion: reports.formatVersion,
      complete: reports.complete,
      createdAt: reports.createdAt,
      fileName: sourceDocuments.fileName,
    })
    .from(reports)
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
    .where(eq(reports.id, access.id));
  if (!head) return null;

  const [figures] = await ctx.db.select().from(reportFigures).where(eq(reportFigures.reportId, access.id));
  const format = head.formatVersion;
  const tables = TABLE_IDS.map((table) => {
    const keys = format ? readCells(format).filter((c) => c.table === table).map((c) => c.key) : [];
    const values = figures ? figureCells(figures, keys) : {};
    return { table, filled: Object.values(values).filter((v) => v !== null).length, total: keys.length };
  });
  const headline = (figures ? figureCells(figures, [...HEADLINE_CELLS]) : Object.fromEntries(HEADLINE_CELLS.map((k) => [k, null]))) as SelfReviewReport["headline"];

  const found = await ctx.db
    .select({
      id: findings.id,
      rule: findings.rule,
      severity: findings.severity,
      status: findings.status,
      cells: findings.cells,
      blame: findings.blame,
      suggested: findings.suggested,
      messageZh: findings.messageZh,
      messageEn: findings.messageEn,
      explanation: findings.explanation,
    })
    .from(findings)
    .where(eq(findings.reportId, access.id))
    .orderBy(sql`case ${findings.severity} when 'error' then 0 when 'warning' then 1 else 2 end`, asc(findings.rule));

  const findingIds = found.map((f) => f.id);
  const history = await ctx.db
    .select({ at: auditLog.at, action: auditLog.action, actorName: users.name, comment: sql<string | null>`${auditLog.details}->>'comment'`,
      uploadedAs: sql<string | null>`case when ${auditLog.action} = 'report.ingest' then ${auditLog.details}->>'status' end`,
      version: sql<number | null>`case when ${auditLog.action} = 'report.ingest' then (${auditLog.details}->>'version')::int end`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      or(
        and(eq(auditLog.entity, "report"), eq(auditLog.entityId, access.id)),
        findingIds.length ? and(eq(auditLog.entity, "finding"), inArray(auditLog.entityId, findingIds)) : sql`false`,
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id));

  const versions = await ctx.db
    .select({ id: reports.id, version: reports.version, status: reports.status })
    .from(reports)
    .where(and(eq(reports.agencyId, access.agencyId), eq(reports.year, access.year)))
    .orderBy(sql`${reports.version} desc`);

  return {
    id: access.id,
    agencyId: access.agencyId,
    agencyName: access.agencyName,
    year: access.year,
    version: access.version,
    status: access.status,
    isCurrent: access.isCurrent,
    formatVersion: head.formatVersion,
    complete: head.complete,
    fileName: head.fileName,
    createdAt: head.createdAt,
    isLatest: versions[0]?.id === access.id,
    tables,
    headline,
    findings: found,
    history,
    versions: versions.filter((v) => v.id !== access.id),
  };
}
