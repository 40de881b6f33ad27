"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getLang } from "@/app/_i18n/get-lang";
import { MAX_UPLOAD_BYTES, tooLargeMessageIn } from "@/lib/http/upload-limit";
import { fill, type FormState } from "@/app/_lib/form-state";
import { requireCtx } from "@/app/_lib/session";
import { AccessDeniedError } from "@/db/context";
import { MutationError } from "@/db/mutations/errors";
import { explainFinding } from "@/db/mutations/finding/explain-finding";
import { acceptReport } from "@/db/mutations/report/accept-report";
import { deleteDraft } from "@/db/mutations/report/delete-draft";
import { ingestReport } from "@/db/mutations/report/ingest-report";
import { returnReport } from "@/db/mutations/report/return-report";
import { submitReport } from "@/db/mutations/report/submit-report";
import { getSelfReviewReportById } from "@/db/queries/self-review/get-self-review-report";
import { analyzeDocument } from "@/lib/ingest/analyze";
import { systemTools } from "@/lib/system";
import { t, type Lang } from "@/lib/i18n";

// Server actions are public endpoints (STYLE rule 4): each one re-authenticates with requireCtx,
// and the mutation re-checks scope, so a direct POST with another agency's ids is refused there.


function refused(lang: Lang, error: unknown): FormState {
  if (error instanceof AccessDeniedError) return { message: t(lang, "auth.error.denied") };
  if (error instanceof MutationError) {
    switch (error.code) {
      case "open_errors":
        return { message: fill(t(lang, "review.submit.openErrors"), { count: Number(error.details.count ?? 0) }) };
      case "not_latest":
        return { message: t(lang, "review.submit.notLatest") };
      case "wrong_status":
        return { message: t(lang, "review.submit.wrongStatus") };
      case "invalid_input":
        return { fieldErrors: { explanation: t(lang, "auth.error.required"), comment: t(lang, "auth.error.required") } };
      default:
        return { message: t(lang, "auth.error.unexpected") };
    }
  }
  throw error;
}

const uploadSchema = z.object({ file: z.instanceof(File) });

/** Uploads a draft (or a corrected version: just another draft of the same agency and year). */
export async function uploadDraftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = uploadSchema.safeParse({ file: formData.get("file") });
  if (!parsed.success || parsed.data.file.size === 0) return { fieldErrors: { file: t(lang, "review.upload.noFile") } };
  const { file } = parsed.data;
  if (file.size > MAX_UPLOAD_BYTES) return { fieldErrors: { file: tooLargeMessageIn(lang, file.size) } };
  const fileName = file.name || "draft";
  let reportId: string;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const analyzed = await analyzeDocument(bytes, fileName, { tools: systemTools() });
    const result = await ingestReport({ ctx, input: { bytes, fileName, analyzed, status: "draft" } });
    if (result.status === "failed") return { message: fill(t(lang, "review.upload.failed"), { message: result.message }) };
    if (result.status === "skipped") {
      // The same bytes again: say which version they already are, and link it.
      const existing = await getSelfReviewReportById({ ctx, input: { reportId: result.reportId } });
      const status = existing ? t(lang, `review.status.${existing.status}`) : "";
      return {
        message: fill(t(lang, "review.upload.duplicate"), { version: result.version, status }),
        link: { href: `/self-review/${result.reportId}`, label: fill(t(lang, "review.upload.openExisting"), { version: result.version }) },
      };
    }
    reportId = result.reportId;
  } catch (error) {
    return refused(lang, error);
  }
  revalidatePath("/self-review");
  redirect(`/self-review/${reportId}`);
}

const explainSchema = z.object({ findingId: z.uuid(), explanation: z.string().trim().min(1).max(4000) });

export async function explainFindingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = explainSchema.safeParse({ findingId: formData.get("findingId"), explanation: formData.get("explanation") });
  if (!parsed.success) return { fieldErrors: { explanation: t(lang, "auth.error.required") } };
  try {
    const { reportId } = await explainFinding({ ctx, input: parsed.data });
    revalidatePath(`/self-review/${reportId}`);
    revalidatePath(`/reports/${reportId}`);
  } catch (error) {
    return refused(lang, error);
  }
  return { ok: true };
}

const reportIdSchema = z.object({ reportId: z.uuid() });

export async function submitReportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = reportIdSchema.safeParse({ reportId: formData.get("reportId") });
  if (!parsed.success) return { message: t(lang, "auth.error.denied") };
  try {
    await submitReport({ ctx, input: parsed.data });
  } catch (error) {
    return refused(lang, error);
  }
  revalidatePath("/self-review", "layout");
  return { ok: true, message: t(lang, "review.submit.done") };
}

const returnSchema = z.object({ reportId: z.uuid(), comment: z.string().trim().min(1).max(4000) });

export async function returnReportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = returnSchema.safeParse({ reportId: formData.get("reportId"), comment: formData.get("comment") });
  if (!parsed.success) return { fieldErrors: { comment: t(lang, "auth.error.required") } };
  try {
    await returnReport({ ctx, input: parsed.data });
  } catch (error) {
    return refused(lang, error);
  }
  revalidatePath("/self-review", "layout");
  return { ok: true, message: t(lang, "review.return.done") };
}

export async function acceptReportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = reportIdSchema.safeParse({ reportId: formData.get("reportId") });
  if (!parsed.success) return { message: t(lang, "auth.error.denied") };
  try {
    await acceptReport({ ctx, input: parsed.data });
  } catch (error) {
    return refused(lang, error);
  }
  // Published figures feed every dashboard.
  revalidatePath("/", "layout");
  return { ok: true, message: t(lang, "review.accept.done") };
}

/** Deletes one of the agency's own drafts (deleteDraft checks scope and status), then back to the list. */
export async function deleteDraftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = reportIdSchema.safeParse({ reportId: formData.get("reportId") });
  if (!parsed.success) return { message: t(lang, "auth.error.denied") };
  if (formData.get("confirm") !== "yes") return { fieldErrors: { confirm: t(lang, "auth.error.required") } };
  let deleted: { version: number };
  try {
    deleted = await deleteDraft({ ctx, input: parsed.data });
  } catch (error) {
    return refused(lang, error);
  }
  revalidatePath("/self-review", "layout");
  redirect(`/self-review?deleted=${deleted.version}`);
}
