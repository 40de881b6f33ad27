/**
 * The original file of a report version, for download. Same scope as the report itself: a
 * draft's file is as private as the draft.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../context";
import { reports, sourceDocuments } from "../../schema";
import { findVisibleReport } from "../_scope";

export const getReportSourceInputSchema = z.object({ id: z.uuid() });

export interface GetReportSourceOptions {
  ctx: Ctx;
  input: z.input<typeof getReportSourceInputSchema>;
}

export interface ReportSourceDto {
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
  sha256: string;
}

/** The file, or null when there is no such report or the viewer may not see it (a 404 either way). */
export async function getReportSource({ ctx, input }: GetReportSourceOptions): Promise<ReportSourceDto | null> {
  const parsed = getReportSourceInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const access = await findVisibleReport(ctx, parsed.data.id);
  if (!access) return null;
  // The bytes are read only after the scope check passed.
  const [doc] = await ctx.db
    .select({ bytes: sourceDocuments.bytes, fileName: sourceDocuments.fileName, mediaType: sourceDocuments.mediaType, sha256: sourceDocuments.sha256 })
    .from(reports)
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
    .where(eq(reports.id, access.id));
  return doc ?? null;
}
