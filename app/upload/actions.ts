"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getOptionalCtx } from "@/app/_lib/session";
import { AccessDeniedError, type Ctx } from "@/db/context";
import { ingestReport } from "@/db/mutations/report/ingest-report";
import { getReportById } from "@/db/queries/report/get-report-by-id";
import { analyzeDocument } from "@/lib/ingest/analyze";
import { systemTools } from "@/lib/system";
import { getLang } from "@/app/_i18n/get-lang";
import { tooLargeMessageIn } from "@/lib/http/upload-limit";
import { knownUploadCode, MAX_UPLOAD_BYTES, type UploadResult, type UploadState } from "./upload-state";

const uploadFormSchema = z.object({
  batch: z.string().max(100).nullable(),
  files: z.array(z.instanceof(File)).max(100),
});

function failed(fileName: string, code: string, detail: string | null): UploadResult {
  return { fileName, status: "failed", code: knownUploadCode(code), detail };
}

/** One file: analyse, store as published (ingestReport checks the uploader's scope), summarise. */
async function uploadOne(ctx: Ctx, file: File): Promise<UploadResult> {
  const fileName = file.name || "report";
  if (file.size > MAX_UPLOAD_BYTES) return failed(fileName, "too_large", tooLargeMessageIn(await getLang(), file.size));
  if (file.size === 0) return failed(fileName, "empty_document", null);
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const analyzed = await analyzeDocument(bytes, fileName, { tools: systemTools() });
    const result = await ingestReport({ ctx, input: { bytes, fileName, analyzed, status: "published" } });
    if (result.status === "failed") return failed(fileName, result.code, result.message);
    if (result.status === "skipped") return { fileName, status: "skipped", reportId: result.reportId, version: result.version };
    const report = await getReportById({ ctx, input: { id: result.reportId } });
    return {
      fileName,
      status: "created",
      reportId: result.reportId,
      version: result.version,
      agencyName: report?.agency.name ?? analyzed.agency?.name ?? "",
      year: report?.year ?? analyzed.parsed.year ?? 0,
      pendingAgency: report?.agency.reviewStatus === "pending_review",
      errors: analyzed.findings.filter((f) => f.severity === "error").length,
      warnings: analyzed.findings.filter((f) => f.severity === "warning").length,
    };
  } catch (error) {
    if (error instanceof AccessDeniedError) return failed(fileName, "denied", null);
    console.error(`upload: ${fileName} failed`, error);
    return failed(fileName, "unexpected", null);
  }
}

/**
 * Uploads report files for oversight staff and admins. The form sends one file per call so each
 * request stays under the body limit and the page can show progress; without JavaScript it sends
 * them all at once. Results of the same batch accumulate in the returned state.
 */
export async function uploadReports(prev: UploadState, formData: FormData): Promise<UploadState> {
  const ctx = await getOptionalCtx();
  if (!ctx || ctx.viewer.kind !== "user" || (ctx.viewer.role !== "admin" && ctx.viewer.role !== "oversight")) {
    return { batch: null, results: [], formError: "denied" };
  }
  const parsed = uploadFormSchema.safeParse({
    batch: formData.get("batch"),
    files: formData.getAll("files").filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== "")),
  });
  if (!parsed.success || parsed.data.files.length === 0) return { batch: null, results: [], formError: "noFiles" };
  const { batch, files } = parsed.data;
  const results = batch !== null && prev.batch === batch ? [...prev.results] : [];
  // One at a time: each ingest is a transaction and PGlite serialises them anyway.
  for (const file of files) results.push(await uploadOne(ctx, file));
  if (results.some((r) => r.status === "created")) revalidatePath("/", "layout");
  return { batch, results, formError: null };
}
