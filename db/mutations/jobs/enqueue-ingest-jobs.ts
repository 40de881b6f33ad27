/**
 * Records files to ingest as jobs (state `queued`), in one transaction, and returns their ids for
 * the queue. Who may: the operator's scripts and admins (published or draft), oversight staff
 * (published), agency users (drafts of their own agency — the agency itself is checked when the
 * job stores the report, by ingestReport under the uploader's scope).
 */
import "server-only";
import { z } from "zod";
import { AccessDeniedError, actorUserId, type Ctx } from "../../context";
import { ingestJobs, INGEST_JOB_SOURCES } from "../../schema";

export const MAX_JOB_FILE_BYTES = 20 * 1024 * 1024;

const inputSchema = z.object({
  files: z
    .array(z.object({ fileName: z.string().min(1).max(500), bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_JOB_FILE_BYTES) }))
    .min(1)
    .max(10_000),
  reportStatus: z.enum(["draft", "published"]),
  source: z.enum(INGEST_JOB_SOURCES),
  batch: z.string().max(100).nullable().default(null),
  agencyName: z.string().min(2).max(200).nullable().default(null),
  year: z.number().int().min(2000).max(2100).nullable().default(null),
  deferCrossYear: z.boolean().default(false),
});

export interface EnqueueIngestJobsOptions {
  ctx: Ctx;
  input: z.input<typeof inputSchema>;
}

export async function enqueueIngestJobs({ ctx, input }: EnqueueIngestJobsOptions): Promise<{ ids: string[] }> {
  const { viewer } = ctx;
  const parsed = inputSchema.safeParse(input);
  if (viewer.kind === "user") {
    const mayPublish = viewer.role === "admin" || viewer.role === "oversight";
    const wants = parsed.success ? parsed.data.reportStatus : input.reportStatus;
    if (wants === "published" ? !mayPublish : viewer.role !== "agency" && viewer.role !== "admin") {
      throw new AccessDeniedError();
    }
  }
  if (!parsed.success) throw new z.ZodError(parsed.error.issues);
  const { files, reportStatus, source, batch, agencyName, year, deferCrossYear } = parsed.data;
  const createdBy = actorUserId(ctx);
  const rows = await ctx.db.transaction((tx) =>
    tx
      .insert(ingestJobs)
      .values(
        files.map((f) => ({
          fileName: f.fileName,
          bytes: Buffer.from(f.bytes),
          sizeBytes: f.bytes.byteLength,
          reportStatus,
          source,
          batch,
          agencyName,
          year,
          deferCrossYear,
          createdBy,
        })),
      )
      .returning({ id: ingestJobs.id }),
  );
  return { ids: rows.map((r) => r.id) };
}
