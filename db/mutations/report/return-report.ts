/** Oversight sends a submission back to the agency with a comment (submitted → draft). */
import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, actorUserId, type Ctx } from "../../context";
import { assertReportInScope } from "../../queries/_scope";
import { auditLog, reports } from "../../schema";
import { MutationError } from "../errors";

export const returnReportInputSchema = z.object({
  reportId: z.uuid(),
  comment: z.string().trim().min(1).max(4000),
});

export interface ReturnReportOptions {
  ctx: Ctx;
  input: z.input<typeof returnReportInputSchema>;
}

export async function returnReport({ ctx, input }: ReturnReportOptions): Promise<{ reportId: string }> {
  const reportId = z.uuid().safeParse(input.reportId);
  if (!reportId.success) throw new AccessDeniedError("This report does not exist or is not visible to you. 报告不存在或您无权查看。");
  const access = await assertReportInScope(ctx, reportId.data);
  if (ctx.viewer.kind === "user" && ctx.viewer.role === "agency") {
    throw new AccessDeniedError("Only oversight staff return submissions. 只有监督人员可以退回报告。");
  }
  const parsed = returnReportInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", "A comment is required.");

  return ctx.db.transaction(async (tx) => {
    // The status condition sits in the update itself, so a concurrent accept cannot be undone.
    const updated = await tx
      .update(reports)
      .set({ status: "draft" })
      .where(and(eq(reports.id, access.id), eq(reports.status, "submitted")))
      .returning({ id: reports.id });
    if (!updated.length) throw new MutationError("wrong_status", "Only a submitted report can be returned.");
    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: "report.return",
      entity: "report",
      entityId: access.id,
      details: { agencyId: access.agencyId, year: access.year, version: access.version, comment: parsed.data.comment },
    });
    return { reportId: access.id };
  });
}
