import type { Metadata } from "next";
import { t, type Lang } from "@/lib/i18n";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

export type Section = "overview" | "regions" | "agencies" | "compare" | "quality" | "selfReview";

/** The frame every top-level section shares until its own issue gives it data. */
export function SectionPage({ lang, section }: { lang: Lang; section: Section }) {
  return (
    <>
      <PageHeader title={t(lang, `page.${section}.title`)} lead={t(lang, `page.${section}.lead`)} />
      <EmptyState lang={lang} />
    </>
  );
}

/** "<section> · 公开 Gongkai". Absolute, because a title template skips the root segment's own page. */
export function sectionMetadata(lang: Lang, section: Section): Metadata {
  return { title: { absolute: `${t(lang, `page.${section}.title`)} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}
