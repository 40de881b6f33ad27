/**
 * An agency deletes one of its own drafts (never a submitted or published version: those belong
 * to the record). The draft's figures, findings and topics go with it (foreign keys cascade); its
 * file goes too unless another report was read from the same bytes, so uploading it again later
 * starts afresh instead of pointing at a deleted version. A later version that named the draft as
 * its predecessor now names the draft's own predecessor. The audit log keeps the deletion.
 */
import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, actorUserId, type Ctx } from "../../context";
import { assertReportInScope } from "../../queries/_scope";
import { auditLog, reports, sourceDocuments } from "../../schema";
import { MutationError } from "../errors";

export const deleteDraftInputSchema = z.object({ reportId: z.uuid() });

export interface DeleteDraftOptions {
  ctx: Ctx;
  input: z.input<typeof deleteDraftInputSchema>;
}

export interface DeleteDraftResult {
  reportId: string;
  agencyId: string;
  year: number;
  version: number;
}

export async function deleteDraft({ ctx, input }: DeleteDraftOptions): Promise<DeleteDraftResult> {
  const parsed = deleteDraftInputSchema.safeParse(input);
  if (!parsed.success) throw new AccessDeniedError("This report does not exist or is not visible to you. 报告不存在或您无权查看。");
  const { reportId } = parsed.data;
  // Out of scope and nonexistent alike: AccessDeniedError (the agency's own drafts, or an admin).
  const access = await assertReportInScope(ctx, reportId);
  if (ctx.viewer.kind === "user" && ctx.viewer.role === "oversight") {
    throw new AccessDeniedError("Only the agency deletes its own drafts. 草稿只能由本机关删除。");
  }

  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${access.agencyId + ":" + String(access.year)}))`);
    const [report] = await tx
      .select({
        status: reports.status,
        version: reports.version,
        documentId: reports.documentId,
        supersedesId: reports.supersedesId,
        correctionOf: reports.correctionOf,
        fileName: sourceDocuments.fileName,
      })
      .from(reports)
      .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
      .where(eq(reports.id, reportId))
      .for("update", { of: reports });
    if (!report) throw new AccessDeniedError("This report does not exist or is not visible to you. 报告不存在或您无权查看。");
    if (report.status !== "draft") {
      throw new MutationError("wrong_status", "Only a draft can be deleted; submitted and published versions stay on record.", { status: report.status });
    }
    await tx.update(reports).set({ supersedesId: report.supersedesId }).where(eq(reports.supersedesId, reportId));
    // A version corrected by hand from this draft will stem from what the draft itself stemmed
    // from (its own hand-corrected cells keep who, when, why and the parsed value). It shares the
    // draft's file, and only one uncorrected report may hold a file: point it at itself while the
    // draft goes, then at the draft's own origin.
    const corrected = await tx.update(reports).set({ correctionOf: sql`${reports.id}` }).where(eq(reports.correctionOf, reportId)).returning({ id: reports.id });
    await tx.delete(reports).where(and(eq(reports.id, reportId), eq(reports.status, "draft")));
    if (corrected.length) await tx.update(reports).set({ correctionOf: report.correctionOf }).where(inArray(reports.id, corrected.map((c) => c.id)));
    const [other] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.documentId, report.documentId), ne(reports.id, reportId))).limit(1);
    if (!other) await tx.delete(sourceDocuments).where(eq(sourceDocuments.id, report.documentId));
    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: "report.delete_draft",
      entity: "report",
      entityId: reportId,
      details: { agencyId: access.agencyId, year: access.year, version: report.version, fileName: report.fileName },
    });
    return { reportId, agencyId: access.agencyId, year: access.year, version: report.version };
  });
}
