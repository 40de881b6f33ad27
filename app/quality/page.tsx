import type { Metadata } from "next";
import Link from "next/link";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { sectionMetadata } from "@/app/_components/section-page";
import { formatFigure, tf } from "@/app/reports/_lib/text";
import { getQualityOverview } from "@/db/queries/quality/get-quality-overview";
import { listQualityFilters, type QualityRegionOption } from "@/db/queries/quality/list-quality-filters";
import { listReportsWithErrors } from "@/db/queries/quality/list-reports-with-errors";
import { listReviewQueue, type ReviewQueueResult } from "@/db/queries/quality/list-review-queue";
import { t, type Lang } from "@/lib/i18n";
import { SMALL_SAMPLE_MIN } from "@/lib/indicators/definitions";
import { NULL_DISPLAY, SMALL_SAMPLE_MARK, formatPercent } from "@/lib/indicators/format";
import { RULE_META } from "@/lib/validate/meta";
import type { RuleId } from "@/lib/validate/types";
import { QUALITY_PAGE_SIZE, parseQualitySearchParams, qualityHref } from "./search-params";
import styles from "./quality.module.css";
import { agencyDisplayName, regionDisplayName } from "@/lib/regions/english";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata(await getLang(), "quality");
}

interface QualityPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

function ruleTitle(rule: string, lang: Lang): string {
  return rule in RULE_META ? RULE_META[rule as RuleId].title[lang] : rule;
}

const LEVEL_INDENT: Record<QualityRegionOption["level"], string> = { province: "", prefecture: "　", county: "　　", township: "　　　" };

function Filters({ lang, years, regions, year, region }: { lang: Lang; years: number[]; regions: QualityRegionOption[]; year: number; region: string }) {
  // Regions in tree order: each one followed by its children.
  const byParent = new Map<string | null, QualityRegionOption[]>();
  for (const r of regions) byParent.set(r.parentCode, [...(byParent.get(r.parentCode) ?? []), r]);
  const codes = new Set(regions.map((r) => r.code));
  const ordered: QualityRegionOption[] = [];
  const walk = (parent: string | null) => {
    for (const r of byParent.get(parent) ?? []) {
      ordered.push(r);
      walk(r.code);
    }
  };
  walk(null);
  for (const r of regions) if (r.parentCode !== null && !codes.has(r.parentCode) && !ordered.includes(r)) ordered.push(r);
  return (
    <form method="get" action="/quality" className={styles.filters} aria-label={t(lang, "quality.filters")}>
      <label>
        <span>{t(lang, "quality.year")}</span>
        <select name="year" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t(lang, "quality.region")}</span>
        <select name="region" defaultValue={region}>
          {ordered.map((r) => (
            <option key={r.code} value={r.code}>
              {LEVEL_INDENT[r.level]}
              {regionDisplayName(lang, r.code, r.name)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={styles.apply}>
        {t(lang, "quality.apply")}
      </button>
    </form>
  );
}

export default async function QualityPage({ searchParams }: QualityPageProps) {
  const [ctx, lang, raw] = await Promise.all([requireCtx(), getLang(), searchParams]);
  const params = parseQualitySearchParams(raw);
  const filters = await listQualityFilters({ ctx, input: { regionCode: params.region } });
  const year = params.year ?? filters.years[0] ?? null;
  const header = <PageHeader title={t(lang, "page.quality.title")} lead={t(lang, "page.quality.lead")} />;
  if (year === null) {
    return (
      <>
        {header}
        <EmptyState lang={lang} />
      </>
    );
  }

  const years = filters.years.includes(year) ? filters.years : [year, ...filters.years].sort((a, b) => b - a);
  const offset = (params.page - 1) * QUALITY_PAGE_SIZE;
  const [overview, list, queue] = await Promise.all([
    getQualityOverview({ ctx, input: { year, regionCode: params.region } }),
    listReportsWithErrors({ ctx, input: { year, regionCode: params.region, limit: QUALITY_PAGE_SIZE, offset } }),
    listReviewQueue({ ctx, input: { year, regionCode: params.region, limit: QUEUE_SHOWN } }),
  ]);
  const regionName = overview.region ? regionDisplayName(lang, overview.region.code, overview.region.name) : params.region;
  const failing = overview.reports - overview.passing;
  const failedRules = overview.rules.map((r) => r.rule);
  const maxRule = Math.max(1, ...overview.rules.map((r) => r.reports));

  return (
    <>
      {header}
      <Filters lang={lang} years={years} regions={filters.regions} year={year} region={params.region} />
      {overview.reports === 0 ? (
        <p className={styles.empty}>{tf(lang, "quality.noReports", { region: regionName, year })}</p>
      ) : (
        <>
          <p className={styles.scope}>{tf(lang, "quality.scopeNote", { region: regionName, year })}</p>
          <div className={styles.stats}>
            <div className={styles.stat}>
              <span className={styles.statLabel}>{t(lang, "quality.passing")}</span>
              <span className={styles.statValue} data-testid="quality-passing-share">
                {formatPercent(overview.passing / overview.reports, lang)}
              </span>
              <span className={styles.statNote}>{tf(lang, "quality.passingOf", { passing: formatFigure(overview.passing), total: formatFigure(overview.reports) })}</span>
            </div>
            <div className={styles.stat}>
              <span className={styles.statLabel}>{t(lang, "quality.withErrors")}</span>
              <span className={`${styles.statValue} ${failing ? styles.bad : ""}`}>{formatFigure(failing)}</span>
              <span className={styles.statNote}>{tf(lang, "quality.passingOf", { passing: formatFigure(failing), total: formatFigure(overview.reports) })}</span>
            </div>
          </div>

          <ReviewQueue lang={lang} queue={queue} />

          <section className={styles.card} aria-labelledby="by-rule">
            <h2 id="by-rule" className={styles.cardTitle}>
              {t(lang, "quality.byRule")}
            </h2>
            {overview.rules.length === 0 ? (
              <p className={styles.good}>{t(lang, "quality.byRule.none")}</p>
            ) : (
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, "quality.rule")}</th>
                    <th scope="col" className={styles.num}>
                      {t(lang, "quality.reports")}
                    </th>
                    <th scope="col" className={styles.barCol} aria-hidden="true" />
                  </tr>
                </thead>
                <tbody>
                  {overview.rules.map((r) => (
                    <tr key={r.rule}>
                      <th scope="row">
                        <code className={styles.ruleId}>{r.rule}</code> {ruleTitle(r.rule, lang)}
                      </th>
                      <td className={styles.num}>{formatFigure(r.reports)}</td>
                      <td aria-hidden="true">
                        <span className={styles.bar} style={{ width: `${(100 * r.reports) / maxRule}%` }} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {overview.byRegion.length > 0 ? (
            <section className={styles.card} aria-labelledby="by-region">
              <h2 id="by-region" className={styles.cardTitle}>
                {t(lang, "quality.byRegion")}
              </h2>
              <div className={styles.scroll}>
                <table className={`${styles.table} ${styles.matrix}`}>
                  <thead>
                    <tr>
                      <th scope="col">{t(lang, "quality.byRegion.region")}</th>
                      <th scope="col" className={styles.num}>
                        {t(lang, "quality.byRegion.total")}
                      </th>
                      <th scope="col" className={styles.num}>
                        {t(lang, "quality.byRegion.passing")}
                      </th>
                      <th scope="col" className={styles.num}>
                        {t(lang, "quality.byRegion.share")}
                      </th>
                      {failedRules.map((rule) => (
                        <th key={rule} scope="col" className={styles.num} title={ruleTitle(rule, lang)}>
                          <code>{rule}</code>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {overview.byRegion.map((row) => (
                      <tr key={row.code ?? "self"} className={row.reports === 0 ? styles.dim : undefined}>
                        <th scope="row">
                          {row.code ? (
                            <Link href={qualityHref({ year, region: row.code })}>{regionDisplayName(lang, row.code, row.name ?? row.code)}</Link>
                          ) : (
                            tf(lang, "quality.byRegion.self", { region: regionName })
                          )}
                        </th>
                        <td className={styles.num}>{formatFigure(row.reports)}</td>
                        <td className={styles.num}>{row.reports ? formatFigure(row.passing) : ""}</td>
                        <td className={styles.num}>
                          {row.reports ? formatPercent(row.passing / row.reports, lang) : NULL_DISPLAY}
                          {row.reports > 0 && row.reports < SMALL_SAMPLE_MIN ? SMALL_SAMPLE_MARK : ""}
                        </td>
                        {failedRules.map((rule) => {
                          const n = row.byRule[rule] ?? 0;
                          return (
                            <td key={rule} className={`${styles.num} ${n ? styles.hit : ""}`}>
                              {n ? formatFigure(n) : ""}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {overview.byRegion.some((r) => r.reports > 0 && r.reports < SMALL_SAMPLE_MIN) ? (
                <p className={styles.note}>{tf(lang, "quality.smallSample", { n: SMALL_SAMPLE_MIN })}</p>
              ) : null}
            </section>
          ) : null}

          <section className={styles.card} aria-labelledby="error-list">
            <h2 id="error-list" className={styles.cardTitle}>
              {t(lang, "quality.list")}
            </h2>
            {list.total === 0 ? (
              <p className={styles.good}>{t(lang, "quality.byRule.none")}</p>
            ) : (
              <>
                <div className={styles.scroll}>
                  <table className={styles.table}>
                    <thead>
                      <tr>
                        <th scope="col">{t(lang, "quality.list.agency")}</th>
                        <th scope="col">{t(lang, "quality.list.region")}</th>
                        <th scope="col" className={styles.num}>
                          {t(lang, "quality.list.year")}
                        </th>
                        <th scope="col" className={styles.num}>
                          {t(lang, "quality.list.errors")}
                        </th>
                        <th scope="col">{t(lang, "quality.list.first")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.rows.map((r) => (
                        <tr key={r.reportId}>
                          <th scope="row">
                            <Link href={`/reports/${r.reportId}`}>{agencyDisplayName(lang, r.agencyName, r.regionCode)}</Link>
                          </th>
                          <td>{r.regionName ? regionDisplayName(lang, r.regionCode, r.regionName) : "—"}</td>
                          <td className={styles.num}>{r.year}</td>
                          <td className={`${styles.num} ${styles.bad}`}>{formatFigure(r.errorCount)}</td>
                          <td className={styles.message}>
                            <code className={styles.ruleId}>{r.firstRule}</code> {lang === "zh" ? r.firstMessageZh : r.firstMessageEn}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <nav className={styles.pager} aria-label={t(lang, "quality.list")}>
                  <span>{tf(lang, "quality.list.range", { from: offset + 1, to: offset + list.rows.length, total: formatFigure(list.total) })}</span>
                  {params.page > 1 ? <Link href={qualityHref({ year, region: params.region, page: params.page - 1 })}>{t(lang, "quality.list.prev")}</Link> : null}
                  {offset + list.rows.length < list.total ? (
                    <Link href={qualityHref({ year, region: params.region, page: params.page + 1 })}>{t(lang, "quality.list.more")}</Link>
                  ) : null}
                </nav>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

const QUEUE_SHOWN = 20;
const TABLE_NAMES: Record<string, Record<Lang, string>> = {
  t2: { zh: "表二", en: "Table 2" },
  t3: { zh: "表三", en: "Table 3" },
  t4: { zh: "表四", en: "Table 4" },
};

/** What needs a person (issue #14): partly read or erroneous published reports, and submissions awaiting review. */
function ReviewQueue({ lang, queue }: { lang: Lang; queue: ReviewQueueResult }) {
  const { counts } = queue;
  return (
    <section className={styles.card} aria-labelledby="review-queue" id="queue">
      <h2 id="review-queue" className={styles.cardTitle}>
        {t(lang, "quality.queue")}
      </h2>
      <p className={styles.note}>{t(lang, "quality.queue.lead")}</p>
      <p data-queue-counts>
        {tf(lang, "quality.queue.counts", { partly: formatFigure(counts.partlyRead), errors: formatFigure(counts.withErrors), pending: formatFigure(counts.pendingReview) })}
      </p>
      {queue.total === 0 ? (
        <p className={styles.good}>{t(lang, "quality.queue.none")}</p>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t(lang, "quality.queue.report")}</th>
                <th scope="col">{t(lang, "quality.list.region")}</th>
                <th scope="col">{t(lang, "quality.queue.status")}</th>
                <th scope="col" className={styles.num}>
                  {t(lang, "quality.queue.applications")}
                </th>
                <th scope="col">{t(lang, "quality.queue.why")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((r) => (
                <tr key={r.reportId} data-queue-row={r.reportId}>
                  <th scope="row">
                    <Link href={r.pendingReview ? `/self-review/${r.reportId}` : `/reports/${r.reportId}`}>
                      {agencyDisplayName(lang, r.agencyName, r.regionCode)} · v{r.version}
                    </Link>
                  </th>
                  <td>{r.regionName ? regionDisplayName(lang, r.regionCode, r.regionName) : "—"}</td>
                  <td>{t(lang, `review.status.${r.status}`)}</td>
                  <td className={styles.num}>{r.applications === null ? NULL_DISPLAY : formatFigure(r.applications)}</td>
                  <td>
                    {[
                      r.unreadCells > 0 ? tf(lang, "quality.queue.unread", { n: formatFigure(r.unreadCells), tables: r.partTables.map((id) => TABLE_NAMES[id]?.[lang] ?? id).join(lang === "zh" ? "、" : ", ") }) : null,
                      r.errorCount > 0 ? tf(lang, "quality.queue.errors", { n: formatFigure(r.errorCount) }) : null,
                      r.pendingReview ? t(lang, "quality.queue.pending") : null,
                    ]
                      .filter(Boolean)
                      .join(lang === "zh" ? "；" : "; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue.total > queue.rows.length ? <p className={styles.note}>{tf(lang, "quality.queue.shown", { total: formatFigure(queue.total), n: queue.rows.length })}</p> : null}
    </section>
  );
}
