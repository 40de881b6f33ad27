/**
 * One report version as the report page shows it: header, every read cell of its format with
 * its null reason and provenance, findings, narrative, topics and the other versions of the same
 * agency and year. Scope is in the WHERE (db/queries/_scope.ts): a report the viewer may not see
 * is indistinguishable from one that does not exist, and explanations need the agency's scope.
 */
import "server-only";
import type { Coverage } from "../../../lib/ingest/coverage";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { readCells, type FormatVersion, type NullReason, type ReportScope } from "../../../lib/catalog";
import type { ParsedReport, Provenance } from "../../../lib/records/parsed-report";
import { canActForAgency, type Ctx } from "../../context";
import { agencies, findings, regions, reportFigures, reports, reportTopics, sourceDocuments } from "../../schema";
import type { AgencyReviewStatus } from "../../schema/agencies.constants";
import type { FindingSeverity, FindingStatus } from "../../schema/findings.constants";
import { figureCells, type FigureValue } from "../../schema/report-figures";
import type { ReportStatus } from "../../schema/reports.constants";
import type { CellCorrection } from "../../schema/reports";
import type { TopicKey } from "../../schema/report-topics.constants";
import { visibleReportsWhere } from "../_scope";

export const getReportByIdInputSchema = z.object({ id: z.uuid() });

export interface GetReportByIdOptions {
  ctx: Ctx;
  input: z.input<typeof getReportByIdInputSchema>;
}

export interface ReportCellDto {
  /** Counts as numbers; money (万元, 元) as exact decimal strings. */
  value: FigureValue;
  /** Why the cell is null; null when it holds a number. */
  nullReason: NullReason | null;
  source: Provenance | null;
}

export interface ReportFindingDto {
  id: string;
  rule: string;
  severity: FindingSeverity;
  cells: string[];
  blame: string[];
  suggested: Record<string, number> | null;
  messageZh: string;
  messageEn: string;
  status: FindingStatus;
  /** Null when there is none or the viewer may not see it. */
  explanation: string | null;
  resolvedByReportId: string | null;
}

export interface ReportVersionDto {
  id: string;
  version: number;
  status: ReportStatus;
  isCurrent: boolean;
  publishedOn: string | null;
  createdAt: string;
  fileName: string;
  /** Made by correcting figures by hand (of the version with this id). */
  correctionOf: string | null;
}

export interface ReportDetailDto {
  id: string;
  agency: { id: string; name: string; reviewStatus: AgencyReviewStatus };
  region: { code: string; name: string } | null;
  year: number;
  formatVersion: FormatVersion | null;
  scope: ReportScope;
  status: ReportStatus;
  version: number;
  isCurrent: boolean;
  publishedOn: string | null;
  complete: boolean;
  /** Per table, cells read of the cells the format has; null until backfilled for old reports. */
  coverage: Coverage | null;
  createdAt: string;
  document: { fileName: string; mediaType: string; sizeBytes: number; surfaceFormat: string };
  /** Every read cell of the report's format, by catalog key (empty when the format is unknown). */
  cells: Record<string, ReportCellDto>;
  /** Figures entered by hand in this version or the ones it was corrected from, by cell key. */
  corrections: Record<string, CellCorrection>;
  /** The version this one corrected by hand; null for a parsed version. */
  correctionOf: string | null;
  findings: ReportFindingDto[];
  sections: ParsedReport["sections"];
  narrative: ParsedReport["narrative"];
  parseIssues: ParsedReport["issues"];
  topics: { topic: TopicKey; keyword: string; sentence: string }[];
  /** All versions of this agency and year the viewer may see, newest first (this one included). */
  versions: ReportVersionDto[];
  canSeeExplanations: boolean;
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** The report, or null when there is no such report or the viewer may not see it. */
export async function getReportById({ ctx, input }: GetReportByIdOptions): Promise<ReportDetailDto | null> {
  const parsed = getReportByIdInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const { id } = parsed.data;
  const { db } = ctx;

  const [row] = await db
    .select({
      id: reports.id,
      agencyId: reports.agencyId,
      agencyName: agencies.name,
      agencyReviewStatus: agencies.reviewStatus,
      regionCode: agencies.regionCode,
      regionName: regions.name,
      year: reports.year,
      formatVersion: reports.formatVersion,
      scope: reports.scope,
      status: reports.status,
      version: reports.version,
      isCurrent: reports.isCurrent,
      publishedOn: reports.publishedOn,
      complete: reports.complete,
      coverage: reports.coverage,
      createdAt: reports.createdAt,
      sections: reports.sections,
      narrative: reports.narrative,
      parseIssues: reports.parseIssues,
      corrections: reports.corrections,
      correctionOf: reports.correctionOf,
      fileName: sourceDocuments.fileName,
      mediaType: sourceDocuments.mediaType,
      sizeBytes: sourceDocuments.sizeBytes,
      surfaceFormat: sourceDocuments.surfaceFormat,
    })
    .from(reports)
    .innerJoin(agencies, eq(agencies.id, reports.agencyId))
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
    .leftJoin(regions, eq(regions.adminCode, agencies.regionCode))
    .where(and(eq(reports.id, id), visibleReportsWhere(ctx.viewer)));
  if (!row) return null;
  const explanations = canActForAgency(ctx.viewer, { id: row.agencyId, regionCode: row.regionCode });

  const [figureRows, findingRows, topicRows, versionRows] = await Promise.all([
    db.select().from(reportFigures).where(eq(reportFigures.reportId, id)),
    db
      .select({
        id: findings.id,
        rule: findings.rule,
        severity: findings.severity,
        cells: findings.cells,
        blame: findings.blame,
        suggested: findings.suggested,
        messageZh: findings.messageZh,
        messageEn: findings.messageEn,
        status: findings.status,
        // Private to the agency's scope: not even selected otherwise.
        explanation: explanations ? findings.explanation : sql<string | null>`null`,
        resolvedByReportId: findings.resolvedByReportId,
      })
      .from(findings)
      .where(eq(findings.reportId, id))
      .orderBy(asc(findings.rule), asc(findings.id)),
    db
      .select({ topic: reportTopics.topic, keyword: reportTopics.keyword, sentence: reportTopics.sentence })
      .from(reportTopics)
      .where(eq(reportTopics.reportId, id))
      .orderBy(asc(reportTopics.topic)),
    db
      .select({
        id: reports.id,
        version: reports.version,
        status: reports.status,
        isCurrent: reports.isCurrent,
        publishedOn: reports.publishedOn,
        createdAt: reports.createdAt,
        fileName: sourceDocuments.fileName,
        correctionOf: reports.correctionOf,
      })
      .from(reports)
      .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
      .where(and(eq(reports.agencyId, row.agencyId), eq(reports.year, row.year), visibleReportsWhere(ctx.viewer)))
      .orderBy(desc(reports.version)),
  ]);

  const cells: Record<string, ReportCellDto> = {};
  const figures = figureRows[0];
  if (row.formatVersion) {
    const keys = readCells(row.formatVersion).map((c) => c.key);
    const values = figures ? figureCells(figures, keys) : {};
    for (const key of keys) {
      const value = values[key] ?? null;
      cells[key] = {
        value,
        nullReason: value === null ? (figures?.nullReasons[key] ?? "absent") : null,
        source: figures?.provenance[key] ?? null,
      };
    }
  }

  return {
    id: row.id,
    agency: { id: row.agencyId, name: row.agencyName, reviewStatus: row.agencyReviewStatus },
    region: row.regionCode && row.regionName ? { code: row.regionCode, name: row.regionName } : null,
    year: row.year,
    formatVersion: row.formatVersion,
    scope: row.scope,
    status: row.status,
    version: row.version,
    isCurrent: row.isCurrent,
    publishedOn: row.publishedOn,
    complete: row.complete,
    coverage: row.coverage,
    createdAt: row.createdAt.toISOString(),
    document: { fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, surfaceFormat: row.surfaceFormat },
    cells,
    corrections: row.corrections,
    correctionOf: row.correctionOf,
    findings: findingRows
      .slice()
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
    sections: row.sections,
    narrative: row.narrative,
    parseIssues: row.parseIssues,
    topics: topicRows,
    versions: versionRows.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    canSeeExplanations: explanations,
  };
}
