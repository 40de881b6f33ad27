/**
 * A region node of the drill-down: breadcrumbs, the region's dashboard (key figures first), then
 * its sub-regions, its government's reports, and its departments and townships folded.
 */
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LoadingSkeleton } from "@/app/_components/loading-skeleton";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { Filters } from "@/app/_components/charts/filters";
import { RegionDashboard } from "@/app/_components/charts/region-dashboard";
import styles from "@/app/_components/charts/dashboard.module.css";
import type { Ctx } from "@/db/context";
import { getRegion } from "@/db/queries/dashboard/get-region";
import { listDashboardYears } from "@/db/queries/dashboard/list-dashboard-years";
import { listRegionAgencies, type RegionAgency } from "@/db/queries/dashboard/list-region-agencies";
import { cm, type ChartMessageKey } from "@/lib/charts";
import type { Lang } from "@/lib/i18n";
import { dashboardQuery, type DashboardParams } from "./search-params";
import { deptTypeLabel } from "@/lib/agencies/labels";
import { agencyDisplayName, regionDisplayName } from "@/lib/regions/english";

export async function RegionPage({ ctx, lang, code, params }: { ctx: Ctx; lang: Lang; code: string; params: DashboardParams }) {
  const [region, years, agencyList] = await Promise.all([
    getRegion({ ctx, input: { code } }),
    listDashboardYears({ ctx }),
    listRegionAgencies({ ctx, input: { regionCode: code } }),
  ]);
  if (!region) notFound();
  const year = params.year && years.includes(params.year) ? params.year : years[0];
  const q = dashboardQuery({ year, indicator: params.indicator, level: params.level, deptType: params.deptType });
  const governments = agencyList.filter((a) => a.kind === "government" && a.regionCode === code);
  const departments = agencyList.filter((a) => a.kind !== "government" && a.kind !== "township" && a.regionCode === code);
  const townships = agencyList.filter((a) => a.kind === "township" || (a.regionCode !== code && a.kind === "government"));

  return (
    <>
      <nav aria-label={lang === "zh" ? "层级导航" : "Breadcrumbs"}>
        <ol className={styles.breadcrumbs}>
          {region.ancestors.map((a) => (
            <li key={a.code}>
              <Link href={`/regions/${a.code}${q}`}>{regionDisplayName(lang, a.code, a.name)}</Link>
            </li>
          ))}
          <li aria-current="page">{regionDisplayName(lang, region.code, region.name)}</li>
        </ol>
      </nav>
      <PageHeader title={regionDisplayName(lang, region.code, region.name)} lead={cm(lang, `dash.region.${region.level}` as ChartMessageKey)} />
      {year === undefined ? (
        <div className={styles.section}>
          <EmptyState lang={lang} />
        </div>
      ) : (
        <>
          <div className={styles.section}>
            <Filters lang={lang} action={`/regions/${code}`} params={params} years={years} year={year} />
          </div>
          <Suspense key={JSON.stringify(params)} fallback={<LoadingSkeleton />}>
            <RegionDashboard ctx={ctx} lang={lang} region={region} year={year} params={params} />
          </Suspense>
        </>
      )}
      {region.children.length ? (
        <section className={styles.section} aria-labelledby="children-title">
          <h2 id="children-title" className={styles.sectionTitle}>
            {cm(lang, "dash.children")}
          </h2>
          <ul className={styles.list}>
            {region.children.map((c) => (
              <li key={c.code}>
                <Link href={`/regions/${c.code}${q}`}>{regionDisplayName(lang, c.code, c.name)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <AgencySection id="gov" lang={lang} title={cm(lang, "dash.governmentReports")} agencies={governments} showReports />
      <AgencySection id="dept" lang={lang} title={cm(lang, "dash.departments")} agencies={departments} folded />
      {townships.length ? <AgencySection id="twp" lang={lang} title={cm(lang, "dash.townships")} agencies={townships} folded /> : null}
    </>
  );
}

function AgencySection({ id, lang, title, agencies, showReports, folded }: { id: string; lang: Lang; title: string; agencies: RegionAgency[]; showReports?: boolean; folded?: boolean }) {
  // Long lists (departments, 27 townships) fold below the figures: the page opens with data.
  if (folded && agencies.length > 0) {
    return (
      <section className={styles.section} aria-labelledby={`${id}-title`}>
        <details className={styles.more}>
          <summary>
            <h2 id={`${id}-title`} className={styles.sectionTitleInline}>
              {title}（{agencies.length}）
            </h2>
          </summary>
          <ul className={styles.list}>
            {agencies.map((a) => (
              <AgencyItem key={a.id} lang={lang} a={a} showReports={showReports} />
            ))}
          </ul>
        </details>
      </section>
    );
  }
  return (
    <section className={styles.section} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.sectionTitle}>
        {title}
      </h2>
      {agencies.length === 0 ? (
        <p className={styles.muted}>{cm(lang, "dash.noAgencies")}</p>
      ) : (
        <AgencyList lang={lang} agencies={agencies} showReports={showReports} />
      )}
    </section>
  );
}

/** Long lists (盘州's 27 townships) show the first few and fold the rest into a native disclosure. */
const LIST_FOLD_AFTER = 12;

function AgencyList({ lang, agencies, showReports }: { lang: Lang; agencies: RegionAgency[]; showReports?: boolean }) {
  const shown = agencies.length > LIST_FOLD_AFTER + 3 ? agencies.slice(0, LIST_FOLD_AFTER) : agencies;
  const rest = agencies.slice(shown.length);
  const items = (list: RegionAgency[]) => list.map((a) => <AgencyItem key={a.id} lang={lang} a={a} showReports={showReports} />);
  return (
    <>
      <ul className={styles.list}>{items(shown)}</ul>
      {rest.length ? (
        <details className={styles.more}>
          <summary>{lang === "zh" ? `展开其余 ${rest.length} 个（共 ${agencies.length} 个）` : `Show the other ${rest.length} (${agencies.length} in all)`}</summary>
          <ul className={styles.list}>{items(rest)}</ul>
        </details>
      ) : null}
    </>
  );
}

function AgencyItem({ lang, a, showReports }: { lang: Lang; a: RegionAgency; showReports?: boolean }) {
  return (
    <li>
      <Link href={`/agencies/${a.id}`}>{agencyDisplayName(lang, a.name, a.regionCode)}</Link>
      {a.deptType ? <span className={styles.tag}>{deptTypeLabel(a.deptType, lang)}</span> : null}
      {showReports ? (
        <div className={styles.cardDetail}>
          {a.reports.map((r, i) => (
            <span key={r.reportId}>
              {i > 0 ? " · " : ""}
              <Link href={`/reports/${r.reportId}`} aria-label={`${agencyDisplayName(lang, a.name, a.regionCode)} ${r.year}`}>
                {r.year}
              </Link>
              {r.scope === "region_aggregate" ? `（${cm(lang, "scope.region_aggregate")}）` : ""}
            </span>
          ))}
        </div>
      ) : a.reports[0] ? (
        <span className={styles.tag}>
          <Link href={`/reports/${a.reports[0].reportId}`} aria-label={`${agencyDisplayName(lang, a.name, a.regionCode)} ${a.reports[0].year}`}>
            {a.reports[0].year}
          </Link>
        </span>
      ) : null}
    </li>
  );
}
