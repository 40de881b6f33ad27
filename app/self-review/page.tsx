import type { Metadata } from "next";
import Link from "next/link";
import { getLang } from "@/app/_i18n/get-lang";
import { FormatsPanel } from "@/app/_components/formats-panel";
import { PageHeader } from "@/app/_components/page-header";
import { sectionMetadata } from "@/app/_components/section-page";
import { dateTime, fill } from "@/app/_lib/form-state";
import { requireCtx } from "@/app/_lib/session";
import { listSelfReviewReports } from "@/db/queries/self-review/list-self-review-reports";
import { t } from "@/lib/i18n";
import { UploadDraftForm } from "./client";
import styles from "./self-review.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata(await getLang(), "selfReview");
}

/**
 * Agency users: upload a draft and see their drafts and submissions. Oversight and admins: the
 * submissions awaiting review in their region. The list query applies the scope either way.
 */
export default async function SelfReviewPage({ searchParams }: { searchParams: Promise<{ deleted?: string | string[] }> }) {
  const ctx = await requireCtx();
  const lang = await getLang();
  const deleted = (await searchParams).deleted;
  const deletedVersion = typeof deleted === "string" && /^\d{1,4}$/.test(deleted) ? Number(deleted) : null;
  const isAgency = ctx.viewer.kind === "user" && ctx.viewer.role === "agency";
  const items = await listSelfReviewReports({ ctx, input: { statuses: isAgency ? ["draft", "submitted"] : ["submitted"] } });

  return (
    <>
      <PageHeader title={t(lang, "page.selfReview.title")} lead={t(lang, "page.selfReview.lead")} />
      {deletedVersion !== null ? (
        <p role="status" className={styles.deleted}>
          {fill(t(lang, "review.delete.done"), { version: deletedVersion })}
        </p>
      ) : null}
      {isAgency ? (
        <section className={styles.section} aria-labelledby="upload-title">
          <h2 id="upload-title" className={styles.sectionTitle}>
            {t(lang, "review.upload.title")}
          </h2>
          <p className={styles.muted}>{t(lang, "review.upload.lead")}</p>
          <UploadDraftForm labels={{ file: t(lang, "review.upload.file"), submit: t(lang, "review.upload.submit"), pending: t(lang, "review.upload.pending") }} />
          <FormatsPanel lang={lang} />
        </section>
      ) : null}
      <section className={styles.section} aria-labelledby="list-title">
        <h2 id="list-title" className={styles.sectionTitle}>
          {t(lang, isAgency ? "review.list.mine" : "review.list.submissions")}
        </h2>
        {items.length === 0 ? (
          <p className={styles.muted}>{t(lang, "review.list.empty")}</p>
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t(lang, "review.list.agency")}</th>
                <th scope="col">{t(lang, "review.list.year")}</th>
                <th scope="col">{t(lang, "review.list.version")}</th>
                <th scope="col">{t(lang, "review.list.status")}</th>
                <th scope="col">{t(lang, "review.list.findings")}</th>
                <th scope="col">{t(lang, "review.list.updated")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t(lang, "review.list.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    {item.agencyName}
                    <br />
                    <small className={styles.rule}>{item.fileName}</small>
                  </td>
                  <td>{item.year}</td>
                  <td className={styles.num}>{item.version}</td>
                  <td>
                    <span className={styles.badge} data-status={item.status}>
                      {t(lang, `review.status.${item.status}`)}
                    </span>
                    {item.returnComment && item.status === "draft" ? (
                      <>
                        <br />
                        <small>
                          {t(lang, "review.detail.returnComment")}：{item.returnComment}
                        </small>
                      </>
                    ) : null}
                  </td>
                  <td>{fill(t(lang, "review.list.counts"), { errors: item.errors, warnings: item.warnings })}</td>
                  <td>{dateTime(item.updatedAt)}</td>
                  <td>
                    <Link href={`/self-review/${item.id}`} aria-label={`${t(lang, "review.list.open")} ${item.agencyName} ${item.year} v${item.version}`}>
                      {t(lang, "review.list.open")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
