/**
 * The dashboard of one region for one year — the overview (贵州省) and every /regions/[code] page:
 * headline cards with YoY change, trends, application mix, outcomes and ranking of the child
 * regions, coverage. Server component: all data comes from db/queries/dashboard; charts are
 * client leaves fed plain specs.
 */
import type { Ctx } from "@/db/context";
import type { Coverage } from "@/db/queries/dashboard/get-coverage";
import type { RegionSummary } from "@/db/queries/dashboard/get-region";
import { getRegionDashboard } from "@/db/queries/dashboard/get-region-dashboard";
import type { IndicatorSumsRow } from "@/db/queries/dashboard/list-indicator-sums";
import {
  APPLICANT_INDICATORS,
  cm,
  formatNote,
  HEADLINE_INDICATORS,
  TREND_INDICATORS,
  OUTCOME_INDICATORS,
  OUTCOME_PARTS,
  resultFromSums,
  type ChartSpec,
  type DashboardValue,
  type OutcomeCategory,
} from "@/lib/charts";
import { TOPICS } from "@/lib/catalog";
import {
  formatIndicatorValue,
  formatInteger,
  formatPercent,
  formatYoyChange,
  getIndicator,
  peerStats,
  yoyChange,
  type IndicatorDef,
} from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import { ApplicantFigure } from "./applicant-figure";
import { ChartFigure, DataTable } from "./chart-figure";
import { RegionMap } from "./region-map";
import { dashboardQuery, type DashboardParams } from "./search-params";
import styles from "./dashboard.module.css";

const HEADLINE = HEADLINE_INDICATORS;
const TRENDS = TREND_INDICATORS;

export interface RegionDashboardProps {
  ctx: Ctx;
  lang: Lang;
  region: RegionSummary;
  year: number;
  params: DashboardParams;
}

const sumsOf = (row: IndicatorSumsRow | undefined, key: string): DashboardValue => resultFromSums(key, row?.sums[key]);

export async function RegionDashboard({ ctx, lang, region, year, params }: RegionDashboardProps) {
  const indicator = getIndicator(params.indicator);
  const { byYear, byChild, coverage, coveragePrev, topics, childNames: names } = await getRegionDashboard({
    ctx,
    input: { regionCode: region.code, year, indicatorKey: params.indicator, ...(params.level ? { level: params.level } : {}), ...(params.deptType ? { deptType: params.deptType } : {}) },
  });

  const yearRow = byYear.find((r) => r.key === String(year));
  const prevRow = byYear.find((r) => r.key === String(year - 1));
  const q = dashboardQuery({ year, indicator: params.indicator, level: params.level, deptType: params.deptType });
  const childLabel = (code: string) => (code === region.code ? `${region.shortName || region.name}${cm(lang, "chart.ownLevel")}` : (names.get(code)?.name ?? code));
  const childHref = (code: string) => (code === region.code ? undefined : `/regions/${code}${q}`);

  return (
    <>
      <section className={styles.section} aria-labelledby="headline-title">
        <h2 id="headline-title" className={styles.sectionTitle}>
          {cm(lang, "dash.headline")} · {year}
        </h2>
        <div className={styles.cards}>
          <CoverageCard lang={lang} cur={coverage} prev={coveragePrev} />
          {HEADLINE.map((k) => (
            <IndicatorCard key={k} lang={lang} def={getIndicator(k)} cur={sumsOf(yearRow, k)} prev={prevRow ? sumsOf(prevRow, k) : null} />
          ))}
          <ErrorsCard lang={lang} cur={coverage} prev={coveragePrev} />
        </div>
        <p className={styles.muted}>
          {cm(lang, "dash.sumsNote")} {cm(lang, "dash.scopeNote")}
          {yearRow && yearRow.regionAggregate > 0 ? ` ${cm(lang, "coverage.regionAggregate")}：${yearRow.regionAggregate}` : ""}
        </p>
      </section>

      <section className={styles.section} aria-labelledby="trends-title">
        <h2 id="trends-title" className={styles.sectionTitle}>
          {cm(lang, "dash.trends")}
        </h2>
        <div className={styles.grid2}>
          {[...new Set<string>([params.indicator, ...TRENDS])].map((k) => (
            <TrendFigure key={k} lang={lang} def={getIndicator(k)} rows={byYear} seriesName={region.name} />
          ))}
        </div>
      </section>

      <section className={styles.section} aria-labelledby="mix-title">
        <h2 id="mix-title" className={styles.sectionTitle}>
          {cm(lang, "dash.mix")} · {year}
        </h2>
        <div className={styles.grid2}>
          <ChartFigure
            id="topics"
            lang={lang}
            title={cm(lang, "topics.title")}
            formula={cm(lang, "topics.formula")}
            empty={topics.topics.length === 0}
            notes={[topics.topics.length === 0 ? cm(lang, "topics.none") : null]}
            spec={{
              type: "groupedBars",
              input: {
                lang,
                unit: "share",
                horizontal: true,
                formula: cm(lang, "topics.formula"),
                categories: topics.topics.map((t) => TOPICS.find((d) => d.key === t.topic)?.label[lang] ?? t.topic),
                series: [
                  {
                    name: cm(lang, "topics.agencyShare"),
                    values: topics.topics.map((t) => (topics.reports ? t.reports / topics.reports : null)),
                    numerators: topics.topics.map((t) => t.reports),
                    denominators: topics.topics.map(() => topics.reports),
                  },
                  {
                    name: cm(lang, "topics.applicationShare"),
                    values: topics.topics.map((t) => (topics.applications ? (t.applications ?? 0) / topics.applications : null)),
                    numerators: topics.topics.map((t) => t.applications),
                    denominators: topics.topics.map(() => topics.applications),
                  },
                ],
              },
            }}
          />
          <RegionApplicants lang={lang} row={yearRow} />
        </div>
      </section>

      <RegionMap ctx={ctx} lang={lang} region={region} year={year} params={params} />

      <section className={styles.section} aria-labelledby="outcomes-title">
        <h2 id="outcomes-title" className={styles.sectionTitle}>
          {cm(lang, "dash.outcomes")} · {year}
        </h2>
        <div className={styles.grid2}>
          <OutcomeFigure lang={lang} rows={byChild} label={childLabel} href={childHref} />
          <RankingFigure lang={lang} def={indicator} rows={byChild} label={childLabel} href={childHref} />
        </div>
      </section>

      <section className={styles.section} aria-labelledby="coverage-title">
        <h2 id="coverage-title" className={styles.sectionTitle}>
          {cm(lang, "dash.coverage")} · {year}
        </h2>
        <CoverageTable lang={lang} coverage={coverage} label={childLabel} href={childHref} />
        <p className={styles.muted}>
          {cm(lang, "coverage.expectedDef")} {cm(lang, "coverage.errorsDef")}
        </p>
      </section>
    </>
  );
}

function Delta({ text, sign }: { text: string; sign: number }) {
  return <span className={sign > 0 ? styles.up : sign < 0 ? styles.down : undefined}>{text}</span>;
}

function IndicatorCard({ lang, def, cur, prev }: { lang: Lang; def: IndicatorDef; cur: DashboardValue; prev: DashboardValue | null }) {
  const change = yoyChange(cur.value, prev?.value ?? null);
  return (
    <div className={styles.card} title={`${cm(lang, "chart.formula")}：${def.formula[lang]}`}>
      <span className={styles.cardLabel}>{def.label[lang]}</span>
      <span className={styles.cardValue}>{formatIndicatorValue(def, cur, lang, { withUnit: def.kind === "amount" || def.kind === "ratio" })}</span>
      {cur.denominator !== null ? (
        <span className={styles.cardDetail}>
          {formatInteger(cur.numerator, lang)} / {formatInteger(cur.denominator, lang)}
        </span>
      ) : (
        <span className={styles.cardDetail}>
          {cm(lang, "chart.reports")} {formatInteger(cur.reports, lang)}
        </span>
      )}
      <span className={styles.cardDetail}>
        {cm(lang, "card.yoy")} {change.abs === null ? cm(lang, "card.noPrevious") : <Delta text={formatYoyChange(def, change, lang)} sign={Math.sign(change.abs)} />}
      </span>
    </div>
  );
}

function CoverageCard({ lang, cur, prev }: { lang: Lang; cur: Coverage; prev: Coverage }) {
  const dated = cur.onTime + cur.late;
  const change = yoyChange(cur.received, prev.received);
  return (
    <div className={styles.card} title={cm(lang, "coverage.expectedDef")}>
      <span className={styles.cardLabel}>
        {cm(lang, "coverage.received")} / {cm(lang, "coverage.expected")}
      </span>
      <span className={styles.cardValue}>
        {formatInteger(cur.received, lang)} / {formatInteger(cur.expected, lang)}
      </span>
      <span className={styles.cardDetail}>
        {cm(lang, "coverage.onTime")} {formatInteger(cur.onTime, lang)}（{formatPercent(dated ? cur.onTime / dated : null, lang)}）· {cm(lang, "coverage.unknownDate")}{" "}
        {formatInteger(cur.unknownDate, lang)}
      </span>
      <span className={styles.cardDetail}>
        {cm(lang, "card.yoy")} {change.abs === null || prev.received === 0 ? cm(lang, "card.noPrevious") : <Delta text={formatInteger(change.abs, lang, { signed: true })} sign={Math.sign(change.abs)} />}
      </span>
    </div>
  );
}

function ErrorsCard({ lang, cur, prev }: { lang: Lang; cur: Coverage; prev: Coverage }) {
  const change = yoyChange(cur.withErrors, prev.withErrors);
  return (
    <div className={styles.card} title={cm(lang, "coverage.errorsDef")}>
      <span className={styles.cardLabel}>{cm(lang, "coverage.withErrors")}</span>
      <span className={styles.cardValue}>{formatInteger(cur.withErrors, lang)}</span>
      <span className={styles.cardDetail}>
        {formatPercent(cur.received ? cur.withErrors / cur.received : null, lang)} · {formatInteger(cur.withErrors, lang)} / {formatInteger(cur.received, lang)}
      </span>
      <span className={styles.cardDetail}>
        {cm(lang, "card.yoy")} {prev.received === 0 || change.abs === null ? cm(lang, "card.noPrevious") : <Delta text={formatInteger(change.abs, lang, { signed: true })} sign={-Math.sign(change.abs)} />}
      </span>
    </div>
  );
}

function TrendFigure({ lang, def, rows, seriesName }: { lang: Lang; def: IndicatorDef; rows: IndicatorSumsRow[]; seriesName: string }) {
  const points = rows.map((r) => ({ year: Number(r.key), value: sumsOf(r, def.key) }));
  const spec: ChartSpec = { type: "trend", input: { indicatorKey: def.key, lang, series: [{ name: seriesName, points }] } };
  return (
    <ChartFigure
      id={`trend-${def.key.replace(/\W/g, "-")}`}
      lang={lang}
      title={def.label[lang]}
      formula={def.formula[lang]}
      spec={spec}
      empty={points.every((p) => p.value.value === null)}
      notes={[formatNote(def, points.map((p) => p.value), lang, points.map((p) => p.year))]}
      smallSample={points.some((p) => p.value.smallSample)}
    />
  );
}

function RegionApplicants({ lang, row }: { lang: Lang; row: IndicatorSumsRow | undefined }) {
  return <ApplicantFigure lang={lang} title={cm(lang, "applicant.title")} values={Object.fromEntries(APPLICANT_INDICATORS.map((k) => [k, sumsOf(row, k)]))} />;
}

type Labeler = (code: string) => string;
type Hrefer = (code: string) => string | undefined;

function OutcomeFigure({ lang, rows, label, href }: { lang: Lang; rows: IndicatorSumsRow[]; label: Labeler; href: Hrefer }) {
  const categories: OutcomeCategory[] = rows.map((r) => {
    const parts = Object.fromEntries(OUTCOME_PARTS.map((p) => [p, sumsOf(r, OUTCOME_INDICATORS[p]).numerator])) as OutcomeCategory["parts"];
    const h = href(r.key);
    return { label: label(r.key), ...(h ? { href: h } : {}), handled: sumsOf(r, OUTCOME_INDICATORS.granted).denominator, parts };
  });
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

function RankingFigure({ lang, def, rows, label, href }: { lang: Lang; def: IndicatorDef; rows: IndicatorSumsRow[]; label: Labeler; href: Hrefer }) {
  const items = rows.map((r) => {
    const h = href(r.key);
    return { label: label(r.key), ...(h ? { href: h } : {}), value: sumsOf(r, def.key) };
  });
  const median = peerStats(items.map((i) => i.value.value)).median;
  return (
    <ChartFigure
      id="ranking"
      lang={lang}
      title={`${cm(lang, "dash.ranking")}：${def.label[lang]}`}
      formula={def.formula[lang]}
      empty={items.every((i) => i.value.value === null)}
      notes={[formatNote(def, items.map((i) => i.value), lang)]}
      smallSample={items.some((i) => i.value.smallSample)}
      spec={{ type: "ranking", input: { indicatorKey: def.key, lang, items, median } }}
    />
  );
}

function CoverageTable({ lang, coverage, label, href }: { lang: Lang; coverage: Coverage; label: Labeler; href: Hrefer }) {
  const pct = (n: number, d: number) => formatPercent(d ? n / d : null, lang);
  const head = [
    cm(lang, "chart.region"),
    cm(lang, "coverage.expected"),
    cm(lang, "coverage.received"),
    cm(lang, "coverage.receivedRate"),
    cm(lang, "coverage.onTime"),
    cm(lang, "coverage.late"),
    cm(lang, "coverage.unknownDate"),
    cm(lang, "coverage.onTimeRate"),
    cm(lang, "coverage.withErrors"),
  ];
  const row = (l: string, h: string | undefined, c: Omit<Coverage, "year" | "byChild">) => [
    { text: l, ...(h ? { href: h } : {}) },
    { text: formatInteger(c.expected, lang), numeric: true },
    { text: formatInteger(c.received, lang), numeric: true },
    { text: pct(c.received, c.expected), numeric: true },
    { text: formatInteger(c.onTime, lang), numeric: true },
    { text: formatInteger(c.late, lang), numeric: true },
    { text: formatInteger(c.unknownDate, lang), numeric: true },
    { text: pct(c.onTime, c.onTime + c.late), numeric: true },
    { text: formatInteger(c.withErrors, lang), numeric: true },
  ];
  const rows = [...coverage.byChild.map((c) => row(label(c.code), href(c.code), c)), row(lang === "zh" ? "合计" : "Total", undefined, coverage)];
  return <DataTable head={head} rows={rows} caption={cm(lang, "dash.coverage")} />;
}
