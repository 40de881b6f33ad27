/**
 * Reports stored before coverage was measured (migration 0004) get it from their stored figures:
 * the same pure computation the parser runs, over the values and null reasons it kept. A table
 * with nothing read counts as `unread` when the parse recorded it as located, else `absent`.
 * System only (npm start, npm run ingest); batches of 500, each in its own transaction.
 */
import "server-only";
import { eq, inArray, isNull } from "drizzle-orm";
import { TABLE_IDS, type TableId } from "../../../lib/catalog";
import { computeCoverage } from "../../../lib/ingest/coverage";
import type { CellValue } from "../../../lib/records/parsed-report";
import { AccessDeniedError, type Ctx } from "../../context";
import { reportFigures, reports } from "../../schema";
import { figureCells } from "../../schema/report-figures";
import { refreshRollups } from "../dashboard/rollups";

const BATCH = 500;

export interface BackfillCoverageOptions {
  ctx: Ctx;
}

export async function backfillCoverage({ ctx }: BackfillCoverageOptions): Promise<{ updated: number }> {
  if (ctx.viewer.kind !== "system") throw new AccessDeniedError("Coverage backfill is a maintenance job.");
  let updated = 0;
  for (;;) {
    const rows = await ctx.db
      .select({ id: reports.id, formatVersion: reports.formatVersion, parseIssues: reports.parseIssues, figures: reportFigures, isCurrent: reports.isCurrent })
      .from(reports)
      .innerJoin(reportFigures, eq(reportFigures.reportId, reports.id))
      .where(isNull(reports.coverage))
      .limit(BATCH);
    if (rows.length === 0) break;
    await ctx.db.transaction(async (tx) => {
      for (const row of rows) {
        const values = figureCells(row.figures);
        const reasons = row.figures.nullReasons;
        const cells: Record<string, CellValue> = {};
        for (const [key, v] of Object.entries(values)) {
          cells[key] = v === null ? { value: null, nullReason: reasons[key] ?? "absent", source: null } : { value: Number(v), nullReason: null, source: null };
        }
        const locatedButUnread = new Set(
          row.parseIssues.filter((i) => i.code === "table_missing" && i.message.includes("located")).map((i) => tableOfMessage(i.message)),
        );
        const located = Object.fromEntries(TABLE_IDS.map((id) => [id, locatedButUnread.has(id)])) as Record<TableId, boolean>;
        await tx.update(reports).set({ coverage: computeCoverage(row.formatVersion, cells, located) }).where(eq(reports.id, row.id));
      }
      // Coverage rollups count partly read reports (dashboard_coverage.partly_read).
      await refreshRollups(tx, rows.filter((r) => r.isCurrent).map((r) => ({ year: r.figures.year, regionCode: r.figures.regionCode })));
    });
    updated += rows.length;
    if (rows.length < BATCH) break;
  }
  // Reports without a figures row (none are written that way, but be total) count as unread.
  const orphans = await ctx.db.select({ id: reports.id, formatVersion: reports.formatVersion }).from(reports).where(isNull(reports.coverage));
  if (orphans.length) {
    const none = { t2: false, t3: false, t4: false };
    for (const o of orphans) {
      await ctx.db.update(reports).set({ coverage: computeCoverage(o.formatVersion, {}, none) }).where(inArray(reports.id, [o.id]));
    }
    updated += orphans.length;
  }
  return { updated };
}

function tableOfMessage(message: string): TableId | null {
  if (message.startsWith("表二")) return "t2";
  if (message.startsWith("表三")) return "t3";
  if (message.startsWith("表四")) return "t4";
  return null;
}
