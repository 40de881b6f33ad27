import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLang } from "@/app/_i18n/get-lang";
import { PageHeader } from "@/app/_components/page-header";
import { dateTime, fill } from "@/app/_lib/form-state";
import { requireCtx } from "@/app/_lib/session";
import { getSelfReviewPeers } from "@/db/queries/self-review/get-self-review-peers";
import { getSelfReviewReportById, HEADLINE_CELLS, type SelfReviewHistoryEntry } from "@/db/queries/self-review/get-self-review-report";
import { CELL_BY_KEY, TABLE_TITLES } from "@/lib/catalog";
import { formatNumber, t, type Lang, type MessageKey } from "@/lib/i18n";
import { DeleteDraftForm, ExplainFindingForm, ReportStepForm, ReturnReportForm, UploadDraftForm } from "../client";
import styles from "../self-review.module.css";
import { SelfReviewPeersSection } from "./peers";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "page.selfReview.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

function cellLabel(lang: Lang, key: string): string {
  return CELL_BY_KEY.get(key)?.label[lang] ?? key;
}

function formatFigure(value: number | string | null): string {
  if (value === null) return "—";
  return typeof value === "number" ? formatNumber(value) : value;
}

const HISTORY_LABELS: Record<string, MessageKey> = {
  "report.ingest": "review.action.report.ingest",
  "report.submit": "review.action.report.submit",
  "report.return": "review.action.report.return",
  "report.accept": "review.action.report.accept",
  "finding.explain": "review.action.finding.explain",
};

/** Uploads say whether they came in as a draft (the agency's) or published (oversight's). */
function historyLabel(lang: Lang, entry: SelfReviewHistoryEntry): string {
  if (entry.action === "report.ingest" && entry.version !== null && (entry.uploadedAs === "draft" || entry.uploadedAs === "published")) {
    return fill(t(lang, entry.uploadedAs === "draft" ? "review.action.report.ingestDraft" : "review.action.report.ingestPublished"), { version: entry.version });
  }
  return HISTORY_LABELS[entry.action] ? t(lang, HISTORY_LABELS[entry.action]!) : entry.action;
}

export default async function SelfReviewReportPage({ params }: { params: Params }) {
  const ctx = await requireCtx();
  const [{ id }, lang] = await Promise.all([params, getLang()]);
  // Out of scope and nonexistent look the same: 404.
  const [report, peers] = await Promise.all([getSelfReviewReportById({ ctx, input: { reportId: id } }), getSelfReviewPeers({ ctx, input: { reportId: id } })]);
  if (!report) notFound();

  const role = ctx.viewer.kind === "user" ? ctx.viewer.role : "admin";
  const actsAsAgency = role === "agency" || role === "admin";
  const reviews = role === "oversight" || role === "admin";
  const editable = actsAsAgency && report.status !== "submitted";
  const lastReturn = [...report.history].reverse().find((h) => h.action === "report.return");
  const lastSubmit = [...report.history].reverse().find((h) => h.action === "report.submit");

  return (
    <>
      <PageHeader
        title={`${report.agencyName} ${report.year}`}
        lead={`${fill(t(lang, "review.detail.version"), { version: report.version })} · ${t(lang, `review.status.${report.status}`)} · ${report.fileName}`}
      />
      <p className={styles.meta}>
        <Link href="/self-review">← {t(lang, "review.detail.back")}</Link>
        <Link href={`/reports/${report.id}`}>{t(lang, "review.detail.fullReport")}</Link>
        <span className={styles.badge} data-status={report.status}>
          {t(lang, `review.status.${report.status}`)}
        </span>
      </p>
      {!report.isLatest ? (
        <p role="note" className={styles.comment}>
          {t(lang, "review.detail.notLatest")}
        </p>
      ) : null}
      {report.status === "submitted" && lastSubmit ? (
        <section className={styles.confirm} role="status" aria-labelledby="submitted-title" data-testid="submitted-confirmation">
          <h2 id="submitted-title" className={styles.sectionTitle}>
            ✓ {t(lang, "review.submit.confirmTitle")}
          </h2>
          <p>{fill(t(lang, "review.submit.confirmBody"), { version: report.version, at: dateTime(lastSubmit.at) })}</p>
        </section>
      ) : null}
      {lastReturn?.comment && report.status === "draft" ? (
        <p className={styles.comment}>
          <strong>{t(lang, "review.detail.returnComment")}：</strong>
          {lastReturn.comment}
        </p>
      ) : null}

      <section className={styles.section} aria-labelledby="tables-title">
        <h2 id="tables-title" className={styles.sectionTitle}>
          {t(lang, "review.detail.tables")}
        </h2>
        <div className={styles.actions}>
          <table className={styles.table} style={{ maxWidth: "32rem" }}>
            <thead>
              <tr>
                <th scope="col">{t(lang, "review.detail.table")}</th>
                <th scope="col" className={styles.num}>
                  {t(lang, "review.detail.filled")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.tables.map((table) => (
                <tr key={table.table}>
                  <td>{TABLE_TITLES[table.table][lang]}</td>
                  <td className={styles.num}>
                    {table.filled} / {table.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className={styles.table} style={{ maxWidth: "32rem" }} aria-label={t(lang, "review.detail.headline")}>
            <tbody>
              {HEADLINE_CELLS.map((key) => (
                <tr key={key}>
                  <th scope="row">{cellLabel(lang, key)}</th>
                  <td className={styles.num}>{formatFigure(report.headline[key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="findings-title">
        <h2 id="findings-title" className={styles.sectionTitle}>
          {t(lang, "review.detail.findings")}
        </h2>
        {report.findings.length === 0 ? (
          <p className={styles.muted}>{t(lang, "review.detail.noFindings")}</p>
        ) : (
          <ul className={styles.findings}>
            {report.findings.map((finding) => (
              <li key={finding.id} className={styles.finding} aria-label={`${finding.rule} ${lang === "zh" ? finding.messageZh : finding.messageEn}`}>
                <div className={styles.findingHead}>
                  <span className={styles.badge} data-severity={finding.severity}>
                    {finding.severity}
                  </span>
                  <span className={styles.badge} data-status={finding.status}>
                    {t(lang, `review.detail.${finding.status}`)}
                  </span>
                  <span className={styles.rule}>{finding.rule}</span>
                </div>
                <p style={{ margin: 0 }}>{lang === "zh" ? finding.messageZh : finding.messageEn}</p>
                {finding.suggested && Object.keys(finding.suggested).length ? (
                  <p className={styles.suggestion}>
                    {t(lang, "review.detail.suggested")}：
                    {Object.entries(finding.suggested).map(([key, value]) => (
                      <span key={key}>
                        {cellLabel(lang, key)} → <strong>{formatNumber(value)}</strong>{" "}
                      </span>
                    ))}
                  </p>
                ) : null}
                {finding.explanation ? (
                  <p className={styles.explanation}>
                    {t(lang, "review.detail.explanation")}：{finding.explanation}
                  </p>
                ) : null}
                {editable && finding.status !== "resolved" ? (
                  <details>
                    <summary>{t(lang, "review.detail.explain")}</summary>
                    <ExplainFindingForm
                      findingId={finding.id}
                      current={finding.explanation}
                      labels={{ explanation: t(lang, "review.detail.explanation"), submit: t(lang, "review.detail.explainSubmit") }}
                    />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {peers ? <SelfReviewPeersSection lang={lang} data={peers} agencyId={report.agencyId} /> : null}

      {actsAsAgency && report.isLatest && report.status === "draft" ? (
        <section className={styles.section} aria-labelledby="next-title">
          <h2 id="next-title" className={styles.sectionTitle}>
            {t(lang, "review.submit.button")}
          </h2>
          <p className={styles.muted}>{t(lang, "review.submit.lead")}</p>
          <ReportStepForm reportId={report.id} step="submit" label={t(lang, "review.submit.button")} />
          <h3 className={styles.sectionTitle} style={{ marginTop: "1.25rem" }}>
            {t(lang, "review.upload.corrected")}
          </h3>
          <p className={styles.muted}>{t(lang, "review.upload.correctedLead")}</p>
          <UploadDraftForm labels={{ file: t(lang, "review.upload.file"), submit: t(lang, "review.upload.corrected"), pending: t(lang, "review.upload.pending") }} />
        </section>
      ) : null}

      {actsAsAgency && report.status === "draft" ? (
        <section className={styles.section} aria-labelledby="delete-title">
          <h2 id="delete-title" className={styles.sectionTitle}>
            {t(lang, "review.delete.title")}
          </h2>
          <p className={styles.muted}>{t(lang, "review.delete.lead")}</p>
          <DeleteDraftForm reportId={report.id} labels={{ confirm: fill(t(lang, "review.delete.confirm"), { version: report.version }), submit: t(lang, "review.delete.button") }} />
        </section>
      ) : null}

      {reviews && report.status === "submitted" ? (
        <section className={styles.section} aria-labelledby="review-title">
          <h2 id="review-title" className={styles.sectionTitle}>
            {t(lang, "review.list.submissions")}
          </h2>
          <div className={styles.actions}>
            <ReportStepForm reportId={report.id} step="accept" label={t(lang, "review.accept.button")} />
            <ReturnReportForm reportId={report.id} labels={{ comment: t(lang, "review.return.comment"), submit: t(lang, "review.return.button") }} />
          </div>
        </section>
      ) : null}

      <section className={styles.section} aria-labelledby="history-title">
        <h2 id="history-title" className={styles.sectionTitle}>
          {t(lang, "review.detail.history")}
        </h2>
        <p className={styles.muted}>
          <Link href={`/audit?report=${report.id}`}>{lang === "zh" ? "在操作日志中查看此报告的全部记录 →" : "All audit-log entries for this report →"}</Link>
        </p>
        <ol className={styles.history}>
          {report.history.map((entry, i) => (
            <li key={i}>
              {dateTime(entry.at)} · {historyLabel(lang, entry)}
              {entry.actorName ? ` · ${entry.actorName}` : ""}
              {entry.comment ? `：${entry.comment}` : ""}
            </li>
          ))}
        </ol>
        {report.versions.length ? (
          <p className={styles.muted} style={{ marginTop: "0.75rem" }}>
            {t(lang, "review.detail.otherVersions")}：
            {report.versions.map((v) => (
              <Link key={v.id} href={`/self-review/${v.id}`} style={{ marginRight: "0.75rem" }}>
                {fill(t(lang, "review.detail.version"), { version: v.version })}（{t(lang, `review.status.${v.status}`)}）
              </Link>
            ))}
          </p>
        ) : null}
      </section>
    </>
  );
}
