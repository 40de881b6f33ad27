/**
 * An agency sends its latest draft to oversight (draft → submitted). Every open error must be
 * fixed (a corrected version) or explained first, so reviewers never meet an unanswered error.
 */
import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, actorUserId, type Ctx } from "../../context";
import { assertReportInScope } from "../../queries/_scope";
import { auditLog, findings, reports } from "../../schema";
import { MutationError } from "../errors";

export const submitReportInputSchema = z.object({ reportId: z.uuid() });

export interface SubmitReportOptions {
  ctx: Ctx;
  input: z.input<typeof submitReportInputSchema>;
}

export async function submitReport({ ctx, input }: SubmitReportOptions): Promise<{ reportId: string }> {
  const parsed = submitReportInputSchema.safeParse(input);
  if (!parsed.success) throw new AccessDeniedError("This report does not exist or is not visible to you. 报告不存在或您无权查看。");
  const { reportId } = parsed.data;
  const access = await assertReportInScope(ctx, reportId);
  // Submitting is the agency's own act; oversight accepts or returns instead.
  if (ctx.viewer.kind === "user" && ctx.viewer.role === "oversight") {
    throw new AccessDeniedError("Oversight staff review submissions; the agency submits its own draft. 报告须由本机关提交。");
  }

  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${access.agencyId + ":" + String(access.year)}))`);
    const [report] = await tx
      .select({ status: reports.status, version: reports.version })
      .from(reports)
      .where(eq(reports.id, reportId))
      .for("update");
    if (report?.status !== "draft") throw new MutationError("wrong_status", "Only a draft can be submitted.", { status: report?.status });
    const [latest] = await tx
      .select({ version: sql<number>`max(${reports.version})::int` })
      .from(reports)
      .where(and(eq(reports.agencyId, access.agencyId), eq(reports.year, access.year)));
    if (latest && latest.version !== report.version) {
      throw new MutationError("not_latest", "A newer version of this report exists: submit that one.", { latest: latest.version });
    }
    const [open] = await tx
      .select({ n: count() })
      .from(findings)
      .where(and(eq(findings.reportId, reportId), eq(findings.status, "open"), eq(findings.severity, "error")));
    if (open && open.n > 0) {
      throw new MutationError("open_errors", `${open.n} error(s) are neither fixed nor explained.`, { count: open.n });
    }
    await tx.update(reports).set({ status: "submitted" }).where(eq(reports.id, reportId));
    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: "report.submit",
      entity: "report",
      entityId: reportId,
      details: { agencyId: access.agencyId, year: access.year, version: report.version },
    });
    return { reportId };
  });
}
