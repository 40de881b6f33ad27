import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { findGovernmentByAdminCode } from "@/db/queries/dashboard/find-government-by-admin-code";
import { deptTypeLabel } from "@/lib/agencies/labels";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { PageHeader } from "@/app/_components/page-header";
import { agencyCharts, loadAgencyData } from "@/app/_components/charts/agency-charts";
import { DashboardFigure, DataTable, ViewToolbar } from "@/app/_components/charts/chart-figure";
import { dashboardExportQuery } from "@/app/_components/charts/export-links";
import { IndicatorSelect } from "@/app/_components/charts/filters";
import styles from "@/app/_components/charts/dashboard.module.css";
import type { AgencyProfile } from "@/db/queries/dashboard/get-agency-profile";
import { cm, type ChartMessageKey } from "@/lib/charts";
import { t, type Lang } from "@/lib/i18n";
import { parseAgencyParams, type RawSearchParams } from "../search-params";
import { agencyDisplayName, regionDisplayName } from "@/lib/regions/english";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "page.agencies.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

/** One agency: its trends, outcome and applicant mix, findings, reports by year and position among peers. */
export default async function AgencyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  const [{ id }, ctx, lang, raw] = await Promise.all([params, requireCtx(), getLang(), searchParams]);
  // An admin code (/agencies/520281) names that region's government, as agency=520281 does in the export API.
  if (/^[0-9]{6}([0-9]{3})?$/.test(id)) {
    const gov = await findGovernmentByAdminCode({ ctx, input: { code: id } });
    if (!gov) notFound();
    const qs = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]]))).toString();
    redirect(`/agencies/${gov.id}${qs ? `?${qs}` : ""}`);
  }
  const p = parseAgencyParams(raw);
  const data = await loadAgencyData(ctx, { agencyId: id, indicator: p.indicator, ...(p.year ? { year: p.year } : {}) });
  if (!data) notFound();
  const { profile, peers } = data;
  const { agency } = profile;
  const charts = agencyCharts(data, { lang, indicator: p.indicator });
  const exportQuery = dashboardExportQuery({ view: "agency", agency: agency.id, ...(peers?.year ? { year: peers.year } : {}), indicator: p.indicator, lang });
  const figures = (section: string) => charts.filter((c) => c.section === section).map((c) => <DashboardFigure key={c.id} chart={c} lang={lang} exportQuery={exportQuery} />);
  const label = (k: string) => cm(lang, k as ChartMessageKey);
  const reportHref = (reportId: string) => `/reports/${reportId}`;

  return (
    <>
      <nav aria-label={lang === "zh" ? "层级导航" : "Breadcrumbs"}>
        <ol className={styles.breadcrumbs}>
          <li>
            <Link href="/agencies">{t(lang, "page.agencies.title")}</Link>
          </li>
          {agency.regionCode ? (
            <li>
              <Link href={`/regions/${agency.regionCode}`}>{agency.regionName ? regionDisplayName(lang, agency.regionCode, agency.regionName) : agency.regionCode}</Link>
            </li>
          ) : null}
          <li aria-current="page">{agencyDisplayName(lang, agency.name, agency.regionCode)}</li>
        </ol>
      </nav>
      <PageHeader title={agencyDisplayName(lang, agency.name, agency.regionCode)} lead={t(lang, "page.agencies.lead")} />
      <p className={styles.meta}>
        <span>
          {cm(lang, "dash.kind")}：{label(`kind.${agency.kind}`)}
        </span>
        <span>
          {cm(lang, "dash.level")}：{label(`level.${agency.level}`)}
        </span>
        {agency.deptType ? (
          <span>
            {cm(lang, "dash.deptType")}：{deptTypeLabel(agency.deptType, lang)}
          </span>
        ) : null}
      </p>

      <section className={styles.section} aria-labelledby="reports-title">
        <h2 id="reports-title" className={styles.sectionTitle}>
          {cm(lang, "agency.reports")}
        </h2>
        {profile.reports.length === 0 ? (
          <p className={styles.muted}>{cm(lang, "agency.noReports")}</p>
        ) : (
          <DataTable
            head={[cm(lang, "chart.year"), cm(lang, "agency.version"), cm(lang, "agency.publishedOn"), cm(lang, "agency.format"), cm(lang, "agency.scope"), ""]}
            rows={profile.reports.map((r) => [
              { text: String(r.year), href: reportHref(r.id) },
              { text: `v${r.version}${r.isCurrent ? (lang === "zh" ? "（现行）" : " (current)") : ""}` },
              { text: r.publishedOn ?? "—" },
              { text: r.formatVersion ?? "—" },
              { text: label(`scope.${r.scope}`) },
              { text: cm(lang, "agency.openReport"), href: reportHref(r.id) },
            ])}
          />
        )}
      </section>

      {profile.series.length ? (
        <>
          <section className={styles.section} aria-labelledby="trends-title">
            <h2 id="trends-title" className={styles.sectionTitle}>
              {cm(lang, "agency.trends")}
            </h2>
            <form className={styles.filters} method="get" action={`/agencies/${agency.id}`} aria-label={cm(lang, "dash.filters")}>
              <IndicatorSelect lang={lang} value={p.indicator} />
              <button type="submit" className={styles.apply}>
                {cm(lang, "dash.apply")}
              </button>
            </form>
            <ViewToolbar lang={lang} exportQuery={exportQuery} />
            <div className={styles.grid2} style={{ marginTop: "1rem" }}>
              {figures("trends")}
            </div>
          </section>

          <section className={styles.section} aria-labelledby="mix-title">
            <h2 id="mix-title" className={styles.sectionTitle}>
              {cm(lang, "outcome.title")} · {cm(lang, "applicant.title")}
            </h2>
            <div className={styles.grid2}>{figures("mix")}</div>
          </section>

          <section className={styles.section} aria-labelledby="peers-title">
            <h2 id="peers-title" className={styles.sectionTitle}>
              {cm(lang, "agency.peers")}
            </h2>
            {peers && peers.year !== null ? <div className={styles.grid2}>{figures("peers")}</div> : <p className={styles.muted}>{cm(lang, "chart.noData")}</p>}
          </section>

          <section className={styles.section} aria-labelledby="findings-title">
            <h2 id="findings-title" className={styles.sectionTitle}>
              {cm(lang, "agency.findings")}
            </h2>
            <Findings lang={lang} profile={profile} />
          </section>
        </>
      ) : null}
    </>
  );
}

function Findings({ lang, profile }: { lang: Lang; profile: AgencyProfile }) {
  const years = profile.series.map((s) => s.year);
  const count = (year: number, severity: string) => profile.findings.filter((f) => f.year === year && f.severity === severity).reduce((n, f) => n + f.count, 0);
  return (
    <DataTable
      caption={cm(lang, "agency.findings")}
      head={[cm(lang, "chart.year"), cm(lang, "severity.error"), cm(lang, "severity.warning"), cm(lang, "severity.info"), ""]}
      rows={[...years].reverse().map((y) => {
        const reportId = profile.series.find((s) => s.year === y)!.reportId;
        return [
          { text: String(y), href: `/reports/${reportId}` },
          { text: String(count(y, "error")), numeric: true },
          { text: String(count(y, "warning")), numeric: true },
          { text: String(count(y, "info")), numeric: true },
          { text: cm(lang, "agency.openReport"), href: `/reports/${reportId}` },
        ];
      })}
    />
  );
}
