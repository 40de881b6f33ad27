/**
 * Stores one analysed document in one transaction: source bytes, agency (found or created),
 * report version, figures, findings, topics, audit entry; then re-runs the cross-year checks
 * of its neighbouring years. A failure rolls everything back; the same bytes again are skipped.
 */
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { topicFigureValues } from "../../../lib/catalog/figures";
import type { AnalyzedDocument } from "../../../lib/ingest/analyze";
import { AccessDeniedError, actorUserId, canActForAgency, type Ctx } from "../../context";
import type { Tx } from "../../client";
import { agencies, auditLog, findings, reportFigures, reports, reportTopics, sourceDocuments } from "../../schema";
import { figureColumnValues } from "../../schema/report-figures";
import { markRollupsDirty, refreshPeerValues, refreshRollups } from "../dashboard/rollups";
import { refreshCrossYearFindings } from "./cross-year";

export const MEDIA_TYPES: Record<string, string> = {
  text: "text/plain",
  html: "text/html",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  markdown: "text/markdown",
  doc: "application/msword",
  wps: "application/wps-office.wps",
  rtf: "application/rtf",
  odt: "application/vnd.oasis.opendocument.text",
  image: "image/png",
};

export const ingestReportInputSchema = z.object({
  bytes: z.instanceof(Uint8Array),
  fileName: z.string().min(1).max(500),
  /** published for files from the web; draft for an agency's self-review upload. */
  status: z.enum(["draft", "submitted", "published"]).default("published"),
  /**
   * Bulk loads skip the per-report cross-year refresh and call refreshCrossYear once per agency
   * at the end: same findings, a fraction of the work.
   */
  deferCrossYear: z.boolean().default(false),
});

export interface IngestReportOptions {
  ctx: Ctx;
  input: z.input<typeof ingestReportInputSchema> & { analyzed: AnalyzedDocument };
}

export type IngestReportResult =
  | { status: "created"; reportId: string; agencyId: string; agencyCreated: boolean; version: number; supersededId: string | null }
  | { status: "skipped"; reportId: string; version: number; reason: string }
  | { status: "failed"; code: string; message: string };

export class IngestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

export async function ingestReport({ ctx, input }: IngestReportOptions): Promise<IngestReportResult> {
  const parsedInput = ingestReportInputSchema.safeParse(input);
  if (!parsedInput.success) return { status: "failed", code: "invalid_input", message: parsedInput.error.message };
  const { bytes, fileName, status, deferCrossYear } = parsedInput.data;
  const { analyzed } = input;
  if (analyzed.error) return { status: "failed", code: analyzed.error.code, message: analyzed.error.message };
  const { parsed } = analyzed;
  const agencyInfo = analyzed.agency;
  const year = parsed.year;
  if (!agencyInfo || year === null) return { status: "failed", code: "agency_missing", message: "未能读出机关名称或报告年度。 No agency name or report year." };
  // Agency users may only upload drafts of their own agency; the scope check below enforces the agency.
  if (ctx.viewer.kind === "user" && ctx.viewer.role === "agency" && status === "published") {
    throw new AccessDeniedError("Agency users upload drafts for self-review; publication is decided by oversight staff.");
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  return ctx.db.transaction(async (tx) => {
    // Bulk loads don't wait for each commit to reach disk: a crash can lose the last few
    // documents (never half of one), which the operator re-runs; the same bytes are then skipped.
    if (deferCrossYear) await tx.execute(sql`set local synchronous_commit = off`);
    const agency = await findOrCreateAgency(tx, ctx, agencyInfo);
    if (!canActForAgency(ctx.viewer, agency)) throw new AccessDeniedError(`You may not upload reports for ${agency.name}.`);

    const [existingDoc] = await tx.select({ id: sourceDocuments.id }).from(sourceDocuments).where(eq(sourceDocuments.sha256, sha256));
    if (existingDoc) {
      const [same] = await tx
        .select({ id: reports.id, version: reports.version })
        .from(reports)
        .where(and(eq(reports.documentId, existingDoc.id), eq(reports.agencyId, agency.id), eq(reports.year, year)));
      if (same) return { status: "skipped", reportId: same.id, version: same.version, reason: "This exact file was already imported for this agency and year." };
    }
    const documentId =
      existingDoc?.id ??
      (await tx
        .insert(sourceDocuments)
        .values({
          sha256,
          bytes: Buffer.from(bytes),
          mediaType: analyzed.mediaType ?? MEDIA_TYPES[analyzed.surfaceFormat ?? "text"] ?? "application/octet-stream",
          fileName,
          sizeBytes: bytes.byteLength,
          surfaceFormat: analyzed.surfaceFormat ?? "text",
          uploadedBy: actorUserId(ctx),
        })
        .returning({ id: sourceDocuments.id }))[0]!.id;

    // Serialise versions of one (agency, year): concurrent imports of the same report queue here.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${agency.id + ":" + String(year)}))`);
    const versions = await tx
      .select({ id: reports.id, version: reports.version, isCurrent: reports.isCurrent, status: reports.status })
      .from(reports)
      .where(and(eq(reports.agencyId, agency.id), eq(reports.year, year)));
    const version = versions.reduce((m, v) => Math.max(m, v.version), 0) + 1;
    const previous = versions.find((v) => v.isCurrent) ?? null;
    // Only published versions count on dashboards, so only they become current.
    const becomesCurrent = status === "published";
    if (becomesCurrent && previous) {
      await tx.update(reports).set({ isCurrent: false, updatedAt: new Date() }).where(eq(reports.id, previous.id));
    }
    const [report] = await tx
      .insert(reports)
      .values({
        agencyId: agency.id,
        year,
        formatVersion: parsed.formatVersion,
        scope: parsed.scope,
        status: status,
        version,
        documentId,
        supersedesId: becomesCurrent ? (previous?.id ?? null) : (versions.at(-1)?.id ?? null),
        isCurrent: becomesCurrent,
        publishedOn: parsed.publishedOn,
        complete: parsed.complete,
        coverage: parsed.coverage,
        parseIssues: parsed.issues,
        narrative: parsed.narrative,
        sections: parsed.sections,
        createdBy: actorUserId(ctx),
      })
      .returning({ id: reports.id });
    const reportId = report!.id;

    await tx.insert(reportFigures).values({
      reportId,
      agencyId: agency.id,
      year,
      scope: parsed.scope,
      formatVersion: parsed.formatVersion,
      regionCode: agency.regionCode,
      isCurrent: becomesCurrent,
      ...figureValues(analyzed),
      nullReasons: nullReasons(analyzed),
      provenance: provenance(analyzed),
    });

    if (analyzed.findings.length) {
      await tx.insert(findings).values(
        analyzed.findings.map((f) => ({
          reportId,
          rule: f.rule,
          severity: f.severity,
          cells: f.cells,
          blame: f.blame,
          suggested: f.suggested,
          messageZh: f.message.zh,
          messageEn: f.message.en,
        })),
      );
    }
    const topics = new Map(parsed.topics.map((t) => [t.key, t]));
    const counts = new Map(parsed.topicCounts.map((c) => [c.key, c]));
    if (topics.size) {
      await tx.insert(reportTopics).values(
        [...topics.values()].map((t) => {
          const c = counts.get(t.key);
          return { reportId, topic: t.key, keyword: t.keyword, sentence: t.sentence, count: c?.count ?? null, countPhrase: c?.phrase ?? null, countSentence: c?.sentence ?? null, countLocation: c?.loc ?? null };
        }),
      );
    }
    if (previous && becomesCurrent) await resolveSupersededFindings(tx, previous.id, reportId, analyzed);

    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: "report.ingest",
      entity: "report",
      entityId: reportId,
      details: {
        fileName,
        sha256,
        agencyId: agency.id,
        agencyName: agency.name,
        year,
        version,
        status,
        supersedes: previous?.id ?? null,
        actor: ctx.viewer.kind === "system" ? ctx.viewer.name : undefined,
        findings: analyzed.findings.length,
      },
    });

    if (!deferCrossYear) await refreshCrossYearFindings(tx, agency.id, year);
    // Dashboards read pre-computed sums: rebuild this report's (year, region) now, or once at the
    // end of a bulk load (refreshCrossYear), like the cross-year findings.
    const touched = [{ year, regionCode: agency.regionCode }];
    if (deferCrossYear) await markRollupsDirty(tx, touched);
    else await refreshRollups(tx, touched);
    await refreshPeerValues(tx, agency.id, [year]);
    return {
      status: "created",
      reportId,
      agencyId: agency.id,
      agencyCreated: agency.created,
      version,
      supersededId: becomesCurrent ? (previous?.id ?? null) : null,
    };
  });
}

interface AgencyRow {
  id: string;
  name: string;
  regionCode: string | null;
  created: boolean;
}

/**
 * The registry match is by region and normalised name (old names and long forms normalise to
 * today's). A name we can place (known region, known kind) is created active; one we cannot is
 * created pending review with the name as written.
 */
async function findOrCreateAgency(tx: Tx, ctx: Ctx, a: NonNullable<AnalyzedDocument["agency"]>): Promise<AgencyRow> {
  const regionCode = a.region?.adminCode ?? null;
  const match = await tx
    .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode })
    .from(agencies)
    .where(
      and(
        regionCode === null ? sql`${agencies.regionCode} is null` : eq(agencies.regionCode, regionCode),
        sql`(${agencies.nameNorm} = ${a.nameNorm} or ${a.nameNorm} = any(${agencies.aliases}) or ${a.name} = any(${agencies.aliases}))`,
      ),
    )
    .limit(1);
  if (match[0]) return { ...match[0], created: false };
  if (!canActForAgency(ctx.viewer, { id: null, regionCode }) && !(ctx.viewer.kind === "user" && ctx.viewer.role === "oversight" && regionCode === null)) {
    throw new AccessDeniedError(`${a.name} is outside your region; ask an administrator to import it.`);
  }
  const placed = a.region !== null && a.kind !== "other" && a.level !== null;
  const inserted = await tx
    .insert(agencies)
    .values({
      name: placed ? a.nameNorm : a.name,
      nameNorm: a.nameNorm,
      aliases: a.name !== a.nameNorm ? [a.name] : [],
      kind: a.kind,
      level: a.level ?? "county",
      regionCode,
      deptType: a.deptType,
      reviewStatus: placed ? "active" : "pending_review",
    })
    .onConflictDoNothing({ target: [agencies.regionCode, agencies.nameNorm] })
    .returning({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode });
  if (inserted[0]) {
    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: placed ? "agency.create" : "agency.create_pending",
      entity: "agency",
      entityId: inserted[0].id,
      details: { name: a.name, regionCode, kind: a.kind },
    });
    return { ...inserted[0], created: true };
  }
  // Another transaction created it between our select and insert.
  const [again] = await tx
    .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode })
    .from(agencies)
    .where(and(regionCode === null ? sql`${agencies.regionCode} is null` : eq(agencies.regionCode, regionCode), eq(agencies.nameNorm, a.nameNorm)));
  if (!again) throw new IngestError("agency_conflict", `Could not create or find agency ${a.name}.`);
  return { ...again, created: false };
}

function figureValues(a: AnalyzedDocument): Record<string, number | string | null> {
  const values: Record<string, number | null> = {};
  for (const [key, c] of Object.entries(a.parsed.cells)) values[key] = c.value;
  for (const [key, v] of Object.entries(a.derived)) values[key] = v;
  Object.assign(values, topicFigureValues(a.parsed.topics.map((t) => t.key), a.parsed.topicCounts));
  return figureColumnValues(values);
}

function nullReasons(a: AnalyzedDocument): Record<string, NonNullable<AnalyzedDocument["parsed"]["cells"][string]["nullReason"]>> {
  const out: Record<string, NonNullable<AnalyzedDocument["parsed"]["cells"][string]["nullReason"]>> = {};
  for (const [key, c] of Object.entries(a.parsed.cells)) if (c.value === null) out[key] = c.nullReason ?? "absent";
  return out;
}

function provenance(a: AnalyzedDocument) {
  const out: Record<string, NonNullable<AnalyzedDocument["parsed"]["cells"][string]["source"]>> = {};
  for (const [key, c] of Object.entries(a.parsed.cells)) if (c.source) out[key] = c.source;
  return out;
}

/** Open findings of the superseded version that the new version no longer raises are resolved by it. */
async function resolveSupersededFindings(tx: Tx, previousId: string, newId: string, a: AnalyzedDocument): Promise<void> {
  const stillRaised = new Set(a.findings.map((f) => `${f.rule}|${[...f.cells].sort().join(",")}`));
  const open = await tx
    .select({ id: findings.id, rule: findings.rule, cells: findings.cells })
    .from(findings)
    .where(and(eq(findings.reportId, previousId), eq(findings.status, "open")));
  const resolved = open.filter((f) => !stillRaised.has(`${f.rule}|${[...f.cells].sort().join(",")}`)).map((f) => f.id);
  if (resolved.length) {
    await tx
      .update(findings)
      .set({ status: "resolved", resolvedByReportId: newId, updatedAt: new Date() })
      .where(inArray(findings.id, resolved));
  }
}
