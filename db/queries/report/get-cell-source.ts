/**
 * One cell's provenance and its report's original file, for the source pop-up's surrounding
 * text. Same scope as the report itself (findVisibleReport): a draft's text is as private as
 * the draft, and "not yours" looks like "does not exist".
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Provenance } from "../../../lib/records/parsed-report";
import type { Ctx } from "../../context";
import { reportFigures, reports, sourceDocuments } from "../../schema";
import { findVisibleReport } from "../_scope";

export const getCellSourceInputSchema = z.object({ id: z.uuid(), cell: z.string().regex(/^t[234]\.[a-z0-9_]+\.[a-z0-9_]+$/) });

export interface GetCellSourceOptions {
  ctx: Ctx;
  input: z.input<typeof getCellSourceInputSchema>;
}

export interface CellSourceDto {
  provenance: Provenance | null;
  bytes: Uint8Array;
  fileName: string;
  sha256: string;
  /** Read by OCR: the text would have to be recognised again, so the pop-up does without. */
  ocr: boolean;
}

/** Null when there is no such report or the viewer may not see it, or the key is malformed. */
export async function getCellSource({ ctx, input }: GetCellSourceOptions): Promise<CellSourceDto | null> {
  const parsed = getCellSourceInputSchema.safeParse(input);
  if (!parsed.success) return null;
  const access = await findVisibleReport(ctx, parsed.data.id);
  if (!access) return null;
  const [row] = await ctx.db
    .select({
      provenance: reportFigures.provenance,
      bytes: sourceDocuments.bytes,
      fileName: sourceDocuments.fileName,
      sha256: sourceDocuments.sha256,
      parseIssues: reports.parseIssues,
    })
    .from(reports)
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
    .leftJoin(reportFigures, eq(reportFigures.reportId, reports.id))
    .where(eq(reports.id, access.id));
  if (!row) return null;
  return {
    provenance: row.provenance?.[parsed.data.cell] ?? null,
    bytes: row.bytes,
    fileName: row.fileName,
    sha256: row.sha256,
    ocr: row.parseIssues.some((i) => i.code === "ocr_text"),
  };
}
