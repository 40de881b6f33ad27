import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { PageHeader } from "@/app/_components/page-header";
import { ApplicantFigure } from "@/app/_components/charts/applicant-figure";
import { ChartFigure, DataTable } from "@/app/_components/charts/chart-figure";
import { IndicatorSelect } from "@/app/_components/charts/filters";
import styles from "@/app/_components/charts/dashboard.module.css";
import { getAgencyProfile, type AgencyProfile } from "@/db/queries/dashboard/get-agency-profile";
import { getPeerComparison, type PeerComparison } from "@/db/queries/dashboard/get-peer-comparison";
import { APPLICANT_INDICATORS, cm, formatNote, OUTCOME_INDICATORS, OUTCOME_PARTS, type ChartMessageKey, type OutcomeCategory } from "@/lib/charts";
import type { Label } from "@/lib/catalog";
import { describePosition, getIndicator, type IndicatorDef } from "@/lib/indicators";
import { t, type Lang } from "@/lib/i18n";
import { parseAgencyParams, type RawSearchParams } from "../search-params";

const TRENDS = ["new_received", "substantive_disclosure_rate", "refusal_rate", "review_per_100"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "page.agencies.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

/** One agency: its trends, outcome and applicant mix, findings, reports by year and position among peers. */
export default async function AgencyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  const [{ id }, ctx, lang, raw] = await Promise.all([params, requireCtx(), getLang(), searchParams]);
  const p = parseAgencyParams(raw);
  const def = getIndicator(p.indicator);
  const keys = [...new Set<string>([p.indicator, ...TRENDS, ...Object.values(OUTCOME_INDICATORS), ...APPLICANT_INDICATORS])];
  const [profile, peers] = await Promise.all([
    getAgencyProfile({ ctx, input: { agencyId: id, indicatorKeys: keys } }),
    getPeerComparison({ ctx, input: { agencyId: id, indicatorKey: p.indicator, ...(p.year ? { year: p.year } : {}) } }),
  ]);
  if (!profile) notFound();
  const { agency } = profile;
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
              <Link href={`/regions/${agency.regionCode}`}>{agency.regionName ?? agency.regionCode}</Link>
            </li>
          ) : null}
          <li aria-current="page">{agency.name}</li>
        </ol>
      </nav>
      <PageHeader title={agency.name} lead={t(lang, "page.agencies.lead")} />
      <p className={styles.meta}>
        <span>
          {cm(lang, "dash.kind")}：{label(`kind.${agency.kind}`)}
        </span>
        <span>
          {cm(lang, "dash.level")}：{label(`level.${agency.level}`)}
        </span>
        {agency.deptType ? (
          <span>
            {cm(lang, "dash.deptType")}：{agency.deptType}
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
            <div className={styles.grid2} style={{ marginTop: "1rem" }}>
              {[...new Set<string>([p.indicator, ...TRENDS])].map((k) => (
                <AgencyTrend key={k} lang={lang} def={getIndicator(k)} profile={profile} />
              ))}
            </div>
          </section>

          <section className={styles.section} aria-labelledby="mix-title">
            <h2 id="mix-title" className={styles.sectionTitle}>
              {cm(lang, "outcome.title")} · {cm(lang, "applicant.title")}
            </h2>
            <div className={styles.grid2}>
              <AgencyOutcomes lang={lang} profile={profile} />
              <AgencyApplicants lang={lang} profile={profile} />
            </div>
          </section>

          <section className={styles.section} aria-labelledby="peers-title">
            <h2 id="peers-title" className={styles.sectionTitle}>
              {cm(lang, "agency.peers")}
            </h2>
            <Peers lang={lang} def={def} profile={profile} peers={peers} />
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

function AgencyTrend({ lang, def, profile }: { lang: Lang; def: IndicatorDef; profile: AgencyProfile }) {
  const points = profile.series.map((s) => ({ year: s.year, value: s.values[def.key]!, href: `/reports/${s.reportId}` }));
  return (
    <ChartFigure
      id={`trend-${def.key.replace(/\W/g, "-")}`}
      lang={lang}
      title={def.label[lang]}
      formula={def.formula[lang]}
      empty={points.every((pt) => pt.value.value === null)}
      notes={[formatNote(def, points.map((pt) => pt.value), lang, points.map((pt) => pt.year))]}
      smallSample={points.some((pt) => pt.value.smallSample)}
      spec={{ type: "trend", input: { indicatorKey: def.key, lang, series: [{ name: profile.agency.name, points }] } }}
    />
  );
}

function AgencyOutcomes({ lang, profile }: { lang: Lang; profile: AgencyProfile }) {
  const categories: OutcomeCategory[] = profile.series.map((s) => ({
    label: String(s.year),
    href: `/reports/${s.reportId}`,
    handled: s.values[OUTCOME_INDICATORS.granted]?.denominator ?? null,
    parts: Object.fromEntries(OUTCOME_PARTS.map((part) => [part, s.values[OUTCOME_INDICATORS[part]]?.numerator ?? null])) as OutcomeCategory["parts"],
  }));
  return (
    <ChartFigure
      id="outcomes"
      lang={lang}
      title={cm(lang, "outcome.title")}
      formula={cm(lang, "outcome.formula")}
      empty={categories.every((c) => !c.handled)}
      spec={{ type: "outcomeMix", input: { lang, categories } }}
    />
  );
}

function AgencyApplicants({ lang, profile }: { lang: Lang; profile: AgencyProfile }) {
  const latest = profile.series[profile.series.length - 1];
  return <ApplicantFigure lang={lang} title={`${cm(lang, "applicant.title")} · ${latest?.year ?? ""}`} values={latest?.values ?? {}} />;
}

function peerLabel(lang: Lang, peers: PeerComparison): Label {
  const { group } = peers;
  const level = { zh: cm("zh", `level.${group.level}` as ChartMessageKey), en: cm("en", `level.${group.level}` as ChartMessageKey) };
  if (group.basis === "deptType" && group.deptType) return { zh: `${level.zh}${group.deptType}部门`, en: `${level.en.toLowerCase()} ${group.deptType} departments` };
  const kind = { zh: cm("zh", `kind.${group.kind}` as ChartMessageKey), en: cm("en", `kind.${group.kind}` as ChartMessageKey) };
  return { zh: `${level.zh}${kind.zh}`, en: `${level.en.toLowerCase()} ${kind.en.toLowerCase()}s` };
}

function Peers({ lang, def, profile, peers }: { lang: Lang; def: IndicatorDef; profile: AgencyProfile; peers: PeerComparison | null }) {
  if (!peers || peers.year === null) return <p className={styles.muted}>{cm(lang, "chart.noData")}</p>;
  const own = new Map(profile.series.map((s) => [s.year, s.values[def.key]]));
  const subject = own.get(peers.year) ?? null;
  const group = peerLabel(lang, peers);
  const sentence = subject ? describePosition(def, subject, peers.values, group, lang) : cm(lang, "chart.noData");
  const years = peers.stats.map((s) => {
    const v = own.get(s.year);
    return { ...s, value: v?.value ?? null, smallSample: v?.smallSample ?? false };
  });
  const members = peers.members;
  return (
    <div className={styles.grid2}>
      <ChartFigure
        id="peer-band"
        lang={lang}
        title={`${def.label[lang]}：${cm(lang, "agency.peerGroup")}（${group[lang]}）`}
        formula={def.formula[lang]}
        empty={years.every((y) => y.median === null && y.value === null)}
        notes={[formatNote(def, [], lang, years.map((y) => y.year)), cm(lang, "agency.peerNote")]}
        smallSample={years.some((y) => y.smallSample)}
        spec={{ type: "peerBand", input: { indicatorKey: def.key, lang, agencyName: profile.agency.name, years } }}
      >
        <p className={styles.position}>
          {peers.year}：{sentence}
        </p>
      </ChartFigure>
      {members && subject ? (
        <ChartFigure
          id="peer-ranking"
          lang={lang}
          title={`${def.label[lang]} · ${peers.year}`}
          formula={def.formula[lang]}
          smallSample={members.some((m) => m.denominator !== null && def.minDenominator !== null && m.denominator < def.minDenominator) || subject.smallSample}
          spec={{
            type: "ranking",
            input: {
              indicatorKey: def.key,
              lang,
              median: years.find((y) => y.year === peers.year)?.median ?? null,
              items: [
                { label: profile.agency.name, href: `/agencies/${profile.agency.id}`, value: subject, highlight: true },
                ...members.map((m) => ({
                  label: m.name,
                  href: `/agencies/${m.agencyId}`,
                  value: {
                    key: def.key,
                    value: m.value,
                    numerator: m.numerator,
                    denominator: m.denominator,
                    reports: 1,
                    smallSample: m.denominator !== null && def.minDenominator !== null && m.denominator < def.minDenominator,
                    formatsMixed: false,
                    formats: [],
                  },
                })),
              ],
            },
          }}
        />
      ) : null}
    </div>
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
