/**
 * A draft's key indicators against its peers' published values for the same year, for the
 * self-review page. Drafts are never current, so the dashboard queries do not see them: the
 * draft's own indicators are computed here from its report_figures row (lib/indicators), and the
 * peers come from getPeerComparison (current, self-scope reports of the same level and kind or
 * department type, the agency's own published report left out). In scope only.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { computeIndicator, getIndicator, indicatorCells, positionRank, toIndicatorCells, type IndicatorResult, type PeerPosition } from "../../../lib/indicators";
import type { Ctx } from "../../context";
import { reportFigures, reports } from "../../schema";
import { figureCells } from "../../schema/report-figures";
import { findVisibleReport } from "../_scope";
import { getPeerComparison, type PeerGroup } from "../dashboard/get-peer-comparison";

/** What an agency and its oversight look at first (REPORT-FORMAT.md §4). */
export const SELF_REVIEW_INDICATORS = [
  "substantive_disclosure_rate",
  "refusal_rate",
  "review_per_100",
  "litigation_per_100",
  "combined_correction_rate",
  "clearance_rate",
] as const;

export const getSelfReviewPeersInputSchema = z.object({ reportId: z.string() });

export interface SelfReviewPeerRow {
  indicatorKey: string;
  /** The draft's own value with its numerator and denominator (value null: "—", with a reason). */
  own: IndicatorResult;
  /** Peers' published values of the report's year. */
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
  min: number | null;
  max: number | null;
  /** Where the draft's value falls among the peers (what describePosition says). */
  position: PeerPosition | null;
  /** Share of peers below the draft's value (ties count half), null without peers or value. */
  rank: number | null;
}

export interface SelfReviewPeers {
  reportId: string;
  agencyId: string;
  year: number;
  group: PeerGroup | null;
  rows: SelfReviewPeerRow[];
}

export async function getSelfReviewPeers({ ctx, input }: { ctx: Ctx; input: z.input<typeof getSelfReviewPeersInputSchema> }): Promise<SelfReviewPeers | null> {
  const { reportId } = getSelfReviewPeersInputSchema.parse(input);
  const access = await findVisibleReport(ctx, reportId);
  if (!access?.inScope) return null;

  const [row] = await ctx.db
    .select({ figures: reportFigures, formatVersion: reports.formatVersion, scope: reports.scope })
    .from(reports)
    .leftJoin(reportFigures, eq(reportFigures.reportId, reports.id))
    .where(eq(reports.id, access.id));
  if (!row) return null;

  const defs = SELF_REVIEW_INDICATORS.map((k) => getIndicator(k));
  const keys = [...new Set(defs.flatMap((d) => indicatorCells(d)))];
  const cells = toIndicatorCells(row.figures ? figureCells(row.figures, keys) : {});
  const { formatVersion, scope } = row;

  const owns = defs.map((def) => computeIndicator(def, { formatVersion, scope, year: access.year, cells }));
  // The draft's own value placed among the peers (not the agency's published report's).
  const peers = await Promise.all(
    defs.map((def, i) => getPeerComparison({ ctx, input: { agencyId: access.agencyId, indicatorKey: def.key, year: access.year, listUpTo: 0, value: owns[i]!.value } })),
  );
  const rows = defs.map((def, i): SelfReviewPeerRow => {
    const own = owns[i]!;
    const position = peers[i]?.position ?? null;
    return {
      indicatorKey: def.key,
      own,
      n: position?.n ?? 0,
      p25: position?.p25 ?? null,
      median: position?.median ?? null,
      p75: position?.p75 ?? null,
      min: position?.min ?? null,
      max: position?.max ?? null,
      position,
      rank: own.value === null || !position ? null : positionRank(position),
    };
  });
  return { reportId: access.id, agencyId: access.agencyId, year: access.year, group: peers.find((p) => p)?.group ?? null, rows };
}
