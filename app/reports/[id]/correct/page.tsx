import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { getReportById } from "@/db/queries/report/get-report-by-id";
import { getReportSource } from "@/db/queries/report/get-report-source";
import { TABLE_IDS, type TableId } from "@/lib/catalog";
import { t, type MessageKey } from "@/lib/i18n";
import { extractDocument } from "@/lib/ingest/extract";
import { systemTools } from "@/lib/system";
import { reportTableLayouts } from "@/lib/report-tables/layout";
import { tf } from "../../_lib/text";
import { CorrectionForm, type CorrectionCell, type CorrectionMessages } from "./correction-form";
import styles from "./correct.module.css";

interface CorrectPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ table?: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: t(lang, "correct.title") };
}

const MESSAGE_KEYS = [
  "correct.intro",
  "correct.reason",
  "correct.reasonHint",
  "correct.save.publish",
  "correct.save.draft",
  "correct.draftNote",
  "correct.publishNote",
  "correct.changed",
  "correct.totals.ok",
  "correct.totals.pending",
  "correct.totals.bad",
  "correct.totals.title",
  "correct.conflict",
  "correct.conflict.open",
  "correct.fieldErrors",
  "correct.source",
  "correct.source.pick",
  "correct.source.unread",
  "correct.source.noSource",
  "correct.source.page",
  "correct.parsed",
  "correct.saving",
  "report.corrected.badge",
] as const satisfies readonly MessageKey[];

/** The document's text as the extractor saw it (cells' offsets point into it); none for scans. */
async function sourceText(id: string, ctx: Awaited<ReturnType<typeof requireCtx>>): Promise<string | null> {
  const source = await getReportSource({ ctx, input: { id } });
  if (!source) return null;
  try {
    // The same PDF reader as ingestion (MuPDF when installed), so the cells' offsets point into the
    // same text; never OCR or LibreOffice here (seconds to minutes per view): scans show pages only.
    const pdf = systemTools().pdf;
    const extracted = await extractDocument(source.bytes, source.fileName, { tools: pdf ? { pdf } : {} });
    if (extracted.meta.ocr || !extracted.text) return null;
    return extracted.text.slice(0, 400_000);
  } catch {
    return null;
  }
}

export default async function CorrectPage({ params, searchParams }: CorrectPageProps) {
  const [{ id }, { table }, lang] = await Promise.all([params, searchParams, getLang()]);
  const ctx = await requireCtx();
  const report = await getReportById({ ctx, input: { id } });
  // Only users in the report's scope may correct it: others get the same 404 as a made-up id.
  if (!report || !report.canSeeExplanations) notFound();
  const tableId: TableId = (TABLE_IDS as readonly string[]).includes(table ?? "") ? (table as TableId) : "t3";
  const layouts = report.formatVersion ? reportTableLayouts(report.formatVersion) : [];
  const layout = layouts.find((l) => l.id === tableId);
  const isPdf = report.document.mediaType === "application/pdf";
  const text = layout ? await sourceText(report.id, ctx) : null;
  const publishes = ctx.viewer.kind === "system" || ctx.viewer.role !== "agency";
  const cells: Record<string, CorrectionCell> = {};
  for (const [key, c] of Object.entries(report.cells)) {
    cells[key] = { value: c.value === null ? null : String(c.value), nullReason: c.nullReason, loc: c.source?.loc ?? null, raw: c.source?.raw ?? null, corrected: key in report.corrections };
  }
  const messages = Object.fromEntries(MESSAGE_KEYS.map((k) => [k, t(lang, k)])) as CorrectionMessages;

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>
          <Link href={`/reports/${report.id}`}>
            ← {t(lang, "correct.back")}：{report.agency.name} {tf(lang, "report.titleSuffix", { year: report.year })}
          </Link>
        </p>
        <h1 className={styles.title}>
          {t(lang, "correct.title")} <span className={styles.muted}>{tf(lang, "correct.version", { n: report.version })}</span>
        </h1>
        <nav aria-label={t(lang, "correct.tables")} className={styles.tabs}>
          {layouts.map((l) => (
            <Link key={l.id} href={`/reports/${report.id}/correct?table=${l.id}`} aria-current={l.id === tableId ? "page" : undefined} className={l.id === tableId ? styles.tabOn : styles.tab}>
              {tf(lang, "report.tableHeading", { numeral: l.numeral, n: l.id.slice(1), title: l.title[lang] })}
              {report.coverage && report.coverage[l.id].status !== "complete" ? ` · ${report.coverage[l.id].read}/${report.coverage[l.id].of}` : ""}
            </Link>
          ))}
        </nav>
      </header>
      {layout ? (
        <CorrectionForm
          key={`${report.id}-${tableId}`}
          reportId={report.id}
          version={report.version}
          layout={layout}
          cells={cells}
          lang={lang}
          publishes={publishes}
          pdf={isPdf}
          sourceText={text}
          messages={messages}
        />
      ) : (
        <p className={styles.notice}>{t(lang, "correct.noFormat")}</p>
      )}
    </div>
  );
}
