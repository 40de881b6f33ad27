/**
 * Oversight accepts a submission (submitted → published): it becomes the current version of its
 * agency and year, superseding the previous published one (report_figures.is_current follows by
 * the foreign key's ON UPDATE CASCADE), and the cross-year checks of its neighbours are re-run.
 */
import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, actorUserId, type Ctx } from "../../context";
import type { Tx } from "../../client";
import { assertReportInScope } from "../../queries/_scope";
import { auditLog, findings, reports } from "../../schema";
import { MutationError } from "../errors";
import { agencyRollupKeys, refreshPeerValues, refreshRollups } from "../dashboard/rollups";
import { refreshCrossYearFindings } from "./cross-year";

export const acceptReportInputSchema = z.object({ reportId: z.uuid() });

export interface AcceptReportOptions {
  ctx: Ctx;
  input: z.input<typeof acceptReportInputSchema>;
}

export async function acceptReport({ ctx, input }: AcceptReportOptions): Promise<{ reportId: string; supersededId: string | null }> {
  const parsed = acceptReportInputSchema.safeParse(input);
  if (!parsed.success) throw new AccessDeniedError("This report does not exist or is not visible to you. 报告不存在或您无权查看。");
  const access = await assertReportInScope(ctx, parsed.data.reportId);
  if (ctx.viewer.kind === "user" && ctx.viewer.role === "agency") {
    throw new AccessDeniedError("Only oversight staff accept submissions. 只有监督人员可以接受报告。");
  }

  return ctx.db.transaction(async (tx) => {
    // The same lock as ingestion: versions of one (agency, year) change one at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${access.agencyId + ":" + String(access.year)}))`);
    const [report] = await tx.select({ status: reports.status }).from(reports).where(eq(reports.id, access.id)).for("update");
    if (report?.status !== "submitted") throw new MutationError("wrong_status", "Only a submitted report can be accepted.");
    const [previous] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.agencyId, access.agencyId), eq(reports.year, access.year), eq(reports.isCurrent, true), ne(reports.id, access.id)));
    // Unset first: at most one current version per (agency, year) (reports_one_current_uq).
    if (previous) await tx.update(reports).set({ isCurrent: false }).where(eq(reports.id, previous.id));
    await tx
      .update(reports)
      .set({ status: "published", isCurrent: true, supersedesId: previous?.id ?? null })
      .where(eq(reports.id, access.id));
    if (previous) await resolveFixedFindings(tx, previous.id, access.id);
    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: "report.accept",
      entity: "report",
      entityId: access.id,
      details: { agencyId: access.agencyId, year: access.year, version: access.version, supersedes: previous?.id ?? null },
    });
    await refreshCrossYearFindings(tx, access.agencyId, access.year);
    await refreshRollups(tx, await agencyRollupKeys(tx, access.agencyId, [access.year]));
    await refreshPeerValues(tx, access.agencyId, [access.year]);
    return { reportId: access.id, supersededId: previous?.id ?? null };
  });
}


/** Open findings of the superseded version that the accepted one no longer raises are resolved by it. */
async function resolveFixedFindings(tx: Tx, previousId: string, newId: string): Promise<void> {
  const key = (f: { rule: string; cells: string[] }) => `${f.rule}|${[...f.cells].sort().join(",")}`;
  const raised = await tx.select({ rule: findings.rule, cells: findings.cells }).from(findings).where(eq(findings.reportId, newId));
  const stillRaised = new Set(raised.map(key));
  const open = await tx
    .select({ id: findings.id, rule: findings.rule, cells: findings.cells })
    .from(findings)
    .where(and(eq(findings.reportId, previousId), eq(findings.status, "open")));
  const fixed = open.filter((f) => !stillRaised.has(key(f))).map((f) => f.id);
  if (fixed.length) {
    await tx.update(findings).set({ status: "resolved", resolvedByReportId: newId }).where(inArray(findings.id, fixed));
  }
}
