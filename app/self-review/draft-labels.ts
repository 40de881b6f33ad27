import { t, type Lang } from "@/lib/i18n";

/** The strings of the draft upload form and its live job line. */
export function draftLabels(lang: Lang, submit: "review.upload.submit" | "review.upload.corrected") {
  return {
    file: t(lang, "review.upload.file"),
    picker: { pick: t(lang, "upload.pick"), none: t(lang, "upload.noneChosen") },
    submit: t(lang, submit),
    pending: t(lang, "review.upload.pending"),
    queued: t(lang, "review.upload.queued"),
    states: { queued: t(lang, "upload.state.queued"), parsing: t(lang, "upload.state.parsing") },
    open: t(lang, "review.upload.open"),
    failed: t(lang, "review.upload.failed"),
    skipped: t(lang, "review.upload.skipped"),
    duplicate: t(lang, "review.upload.duplicate"),
    openExisting: t(lang, "review.upload.openExisting"),
    statuses: { draft: t(lang, "review.status.draft"), submitted: t(lang, "review.status.submitted"), published: t(lang, "review.status.published") } as Record<string, string>,
  };
}
