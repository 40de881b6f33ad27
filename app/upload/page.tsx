import type { Metadata } from "next";
import { getLang } from "@/app/_i18n/get-lang";
import Link from "next/link";
import formStyles from "@/app/_components/forms.module.css";
import { requireCtx } from "@/app/_lib/session";
import { FormatsPanel } from "@/app/_components/formats-panel";
import { PageHeader } from "@/app/_components/page-header";
import { t, type Lang } from "@/lib/i18n";
import { UploadForm, type UploadMessages } from "./client";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "upload.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

function messages(lang: Lang): UploadMessages {
  return {
    lang,
    files: t(lang, "upload.files"),
    picker: { pick: t(lang, "upload.pick"), none: t(lang, "upload.noneChosen") },
    hint: t(lang, "upload.hint"),
    submit: t(lang, "upload.submit"),
    pending: t(lang, "upload.pending"),
    results: t(lang, "upload.results"),
    created: t(lang, "upload.created"),
    skipped: t(lang, "upload.skipped"),
    failed: t(lang, "upload.failed"),
    open: t(lang, "upload.open"),
    pendingAgency: t(lang, "upload.pendingAgency"),
    findings: t(lang, "upload.findings"),
    detail: t(lang, "upload.detail"),
    noFiles: t(lang, "upload.error.noFiles"),
    denied: t(lang, "upload.error.denied"),
    tooLarge: t(lang, "upload.error.tooLarge"),
    queued: t(lang, "upload.state.queued"),
    parsing: t(lang, "upload.state.parsing"),
    live: t(lang, "upload.live"),
    codes: {
      value_out_of_range: t(lang, "upload.code.value_out_of_range"),
      not_a_report: t(lang, "upload.code.not_a_report"),
      unsupported_format: t(lang, "upload.code.unsupported_format"),
      binary_content: t(lang, "upload.code.binary_content"),
      empty_document: t(lang, "upload.code.empty_document"),
      extract_failed: t(lang, "upload.code.extract_failed"),
      too_large: t(lang, "upload.code.too_large"),
      archive_bomb: t(lang, "upload.code.archive_bomb"),
      agency_missing: t(lang, "upload.code.agency_missing"),
      year_missing: t(lang, "upload.code.year_missing"),
      tool_unavailable: t(lang, "upload.code.tool_unavailable"),
      conversion_failed: t(lang, "upload.code.conversion_failed"),
      denied: t(lang, "upload.error.denied"),
      unexpected: t(lang, "upload.error.unexpected"),
    },
  };
}

/** Oversight staff and admins publish report files here; agency users are sent to their drafts. */
export default async function UploadPage() {
  const [ctx, lang] = await Promise.all([requireCtx(), getLang()]);
  if (ctx.viewer.kind === "user" && ctx.viewer.role === "agency") {
    return (
      <>
        <PageHeader title={t(lang, "upload.title")} lead={t(lang, "upload.agencyPointer")} />
        <p>
          <Link href="/self-review#upload-title" className={formStyles.primary} style={{ display: "inline-block", textDecoration: "none" }}>
            {t(lang, "review.upload.title")} →
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t(lang, "upload.title")} lead={t(lang, "upload.lead")} />
      <UploadForm messages={messages(lang)} />
      <FormatsPanel lang={lang} />
    </>
  );
}
