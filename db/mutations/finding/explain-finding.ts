/**
 * The agency says why a flagged figure is right (or what it will do): the finding becomes
 * "explained" and the explanation is visible to the agency and its oversight, not the public.
 */
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, actorUserId, type Ctx } from "../../context";
import { assertReportInScope } from "../../queries/_scope";
import { auditLog, findings } from "../../schema";
import { MutationError } from "../errors";

export const explainFindingInputSchema = z.object({
  findingId: z.uuid(),
  explanation: z.string().trim().min(1).max(4000),
});

export interface ExplainFindingOptions {
  ctx: Ctx;
  input: z.input<typeof explainFindingInputSchema>;
}

const NOT_VISIBLE = "This finding does not exist or is not visible to you. 问题不存在或您无权查看。";

export async function explainFinding({ ctx, input }: ExplainFindingOptions): Promise<{ findingId: string; reportId: string }> {
  const findingId = z.uuid().safeParse(input.findingId);
  if (!findingId.success) throw new AccessDeniedError(NOT_VISIBLE);
  const [finding] = await ctx.db.select({ reportId: findings.reportId }).from(findings).where(eq(findings.id, findingId.data));
  if (!finding) throw new AccessDeniedError(NOT_VISIBLE);
  const access = await assertReportInScope(ctx, finding.reportId).catch(() => {
    throw new AccessDeniedError(NOT_VISIBLE);
  });
  // The explanation is the agency's answer; oversight comments through return-report.
  if (ctx.viewer.kind === "user" && ctx.viewer.role === "oversight") {
    throw new AccessDeniedError("Only the agency explains its findings. 问题说明须由本机关填写。");
  }
  const parsed = explainFindingInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", "An explanation is required (at most 4000 characters).");

  return ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(findings)
      .set({ status: "explained", explanation: parsed.data.explanation, explainedBy: actorUserId(ctx) })
      .where(and(eq(findings.id, findingId.data), ne(findings.status, "resolved")))
      .returning({ id: findings.id });
    if (!updated.length) throw new MutationError("wrong_status", "A resolved finding needs no explanation.");
    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: "finding.explain",
      entity: "finding",
      entityId: findingId.data,
      details: { reportId: access.id, agencyId: access.agencyId, explanation: parsed.data.explanation },
    });
    return { findingId: findingId.data, reportId: access.id };
  });
}
