/**
 * Removes every report, its figures, findings, topics, source documents and ingest jobs, and the agencies
 * ingestion created, in one transaction: `npm run demo:reset` before it reloads the corpus.
 * Regions, users and the audit log stay (the reset itself is audited).
 */
import "server-only";
import { sql } from "drizzle-orm";
import { AccessDeniedError, actorUserId, isPrivileged, type Ctx } from "../../context";
import { auditLog } from "../../schema";
import { bumpDashboardGeneration } from "../dashboard/rollups";

export async function clearReports({ ctx }: { ctx: Ctx }): Promise<void> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators and operator scripts may clear all reports.");
  await ctx.db.transaction(async (tx) => {
    // Users keep their accounts; agency users lose the agency link only if their agency goes.
    await tx.execute(sql`update users set agency_id = null where role <> 'agency'`);
    await tx.execute(sql`truncate ingest_jobs, report_topics, findings, report_figures, reports, source_documents, dashboard_groups, dashboard_coverage, dashboard_topics, dashboard_rollups_dirty, dashboard_peer_values, dashboard_peer_groups, dashboard_peer_dists`);
    await tx.execute(sql`delete from agencies where id not in (select agency_id from users where agency_id is not null)`);
    await bumpDashboardGeneration(tx);
    await tx.insert(auditLog).values({ actorUserId: actorUserId(ctx), action: "report.clear_all", entity: "report", entityId: null, details: {} });
  });
}
