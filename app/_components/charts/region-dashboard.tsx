/**
 * The dashboard of one region for one year — the overview (贵州省) and every /regions/[code] page:
 * headline cards with YoY change, trends, application mix, outcomes and ranking of the child
 * regions, coverage. Server component: all data comes from db/queries/dashboard; the charts are
 * descriptors from region-dashboard-charts.ts (the same the export endpoints render), drawn by
 * client leaves fed plain specs.
 */
import type { Ctx } from "@/db/context";
import type { Coverage } from "@/db/queries/dashboard/get-coverage";
import type { RegionSummary } from "@/db/queries/dashboard/get-region";
import type { IndicatorSumsRow } from "@/db/queries/dashboard/list-indicator-sums";
import { cm, colon, HEADLINE_INDICATORS, resultFromSums, type ChartMessageKey, type DashboardValue } from "@/lib/charts";
import { formatIndicatorValue, formatInteger, formatPercent, formatYoyChange, getIndicator, yoyChange, type IndicatorDef } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import { agencyDisplayName, regionDisplayName, regionDisplayShortName } from "@/lib/regions/english";
import { DashboardFigure, DataTable, ViewToolbar } from "./chart-figure";
import { dashboardExportQuery } from "./export-links";
import { RegionMap } from "./region-map";
import { loadRegionDashboard, regionDashboardCharts } from "./region-dashboard-charts";
import Link from "next/link";
import { listCoverageGaps, type CoverageGap } from "@/db/queries/dashboard/list-coverage-gaps";
import { listOutliers, type Outlier } from "@/db/queries/dashboard/list-outliers";
import { countReviewQueue, type ReviewQueueCounts } from "@/db/queries/quality/list-review-queue";
import { deptTypeLabel } from "@/lib/agencies/labels";
import { dashboardQuery, type DashboardParams } from "./search-params";
import styles from "./dashboard.module.css";

const HEADLINE = HEADLINE_INDICATORS;

export interface RegionDashboardProps {
  ctx: Ctx;
  lang: Lang;
  region: RegionSummary;
  year: number;
  params: DashboardParams;
}

const sumsOf = (row: IndicatorSumsRow | undefined, key: string): DashboardValue => resultFromSums(key, row?.sums[key]);

export async function RegionDashboard({ ctx, lang, region, year, params }: RegionDashboardProps) {
  const [data, gaps, outliers, queue] = await Promise.all([
    loadRegionDashboard(ctx, { region, year, params }),
    listCoverageGaps({ ctx, input: { year, regionCode: region.code } }),
    listOutliers({ ctx, input: { year, regionCode: region.code, indicatorKey: params.indicator } }),
    // Read per request (it counts submissions in the viewer's scope): never in the shared cache.
    countReviewQueue({ ctx, input: { year, regionCode: region.code } }),
  ]);
  const qualityHref = `/quality?year=${year}&region=${region.code}`;
  const { byYear, coverage, coveragePrev, childNames: names } = data;
  const charts = regionDashboardCharts(data, { lang, region, year, params });
  const exportQuery = dashboardExportQuery({ view: "region", region: region.code, year, indicator: params.indicator, level: params.level, deptType: params.deptType, map: params.map, lang });
  const mapChart = charts.find((c) => c.section === "map");
  const figures = (section: string) => charts.filter((c) => c.section === section).map((c) => <DashboardFigure key={c.id} chart={c} lang={lang} exportQuery={exportQuery} />);

  const yearRow = byYear.find((r) => r.key === String(year));
  const prevRow = byYear.find((r) => r.key === String(year - 1));
  const q = dashboardQuery({ year, indicator: params.indicator, level: params.level, deptType: params.deptType });
  const childLabel = (code: string) =>
    code === region.code
      ? `${regionDisplayShortName(lang, region.code, region.shortName) || regionDisplayName(lang, region.code, region.name)}${cm(lang, "chart.ownLevel")}`
      : regionDisplayName(lang, code, names.get(code)?.name ?? code);
  const childHref = (code: string) => (code === region.code ? undefined : `/regions/${code}${q}`);

  return (
    <>
      <ViewToolbar lang={lang} exportQuery={exportQuery} />
      <section className={styles.section} aria-labelledby="headline-title">
        <h2 id="headline-title" className={styles.sectionTitle}>
          {cm(lang, "dash.headline")} · {year}
        </h2>
        <div className={styles.cards}>
          <CoverageCard lang={lang} cur={coverage} prev={coveragePrev} href="#coverage-gaps" />
          {HEADLINE.map((k) => (
            <IndicatorCard key={k} lang={lang} def={getIndicator(k)} cur={sumsOf(yearRow, k)} prev={prevRow ? sumsOf(prevRow, k) : null} />
          ))}
          <ErrorsCard lang={lang} cur={coverage} prev={coveragePrev} href={qualityHref} />
          <QueueCard lang={lang} counts={queue} href={`${qualityHref}#queue`} />
        </div>
        <p className={styles.muted}>
          {cm(lang, "dash.sumsNote")} {cm(lang, "dash.scopeNote")}
          {yearRow && yearRow.regionAggregate > 0 ? ` ${cm(lang, "coverage.regionAggregate")}${colon(lang)}${yearRow.regionAggregate}` : ""}
        </p>
      </section>

      <section className={styles.section} aria-labelledby="trends-title">
        <h2 id="trends-title" className={styles.sectionTitle}>
          {cm(lang, "dash.trends")}
        </h2>
        <div className={styles.grid2}>{figures("trends")}</div>
      </section>

      <section className={styles.section} aria-labelledby="mix-title">
        <h2 id="mix-title" className={styles.sectionTitle}>
          {cm(lang, "dash.mix")} · {year}
        </h2>
        <div className={styles.grid2}>{figures("mix")}</div>
      </section>

      {mapChart ? <RegionMap lang={lang} region={region} year={year} params={params} chart={mapChart} exportQuery={exportQuery} /> : null}

      <section className={styles.section} aria-labelledby="outcomes-title">
        <h2 id="outcomes-title" className={styles.sectionTitle}>
          {cm(lang, "dash.outcomes")} · {year}
        </h2>
        <div className={styles.grid2}>{figures("outcomes")}</div>
      </section>

      <Outliers lang={lang} def={getIndicator(params.indicator)} outliers={outliers} year={year} />

      <section className={styles.section} aria-labelledby="coverage-title">
        <h2 id="coverage-title" className={styles.sectionTitle}>
          {cm(lang, "dash.coverage")} · {year}
        </h2>
        <CoverageTable lang={lang} coverage={coverage} label={childLabel} href={childHref} />
        <p className={styles.muted}>
          {cm(lang, "coverage.expectedDef")} {cm(lang, "coverage.errorsDef")}
        </p>
        <CoverageGaps lang={lang} gaps={gaps} year={year} />
      </section>
    </>
  );
}

/**
 * A year-on-year change with an arrow. `good` colours it only where the direction has a settled
 * meaning (more reports received, fewer with errors); an indicator's rise is neither good nor bad
 * in itself (more applications, a higher refusal share), so indicator changes stay neutral.
 */
function Delta({ text, sign, good }: { text: string; sign: number; good?: boolean }) {
  const arrow = sign > 0 ? "▲ " : sign < 0 ? "▼ " : "";
  const tone = good === undefined || sign === 0 ? styles.neutral : good ? styles.up : styles.down;
  return (
    <span className={tone}>
      <span aria-hidden="true">{arrow}</span>
      {text}
    </span>
  );
}

function IndicatorCard({ lang, def, cur, prev }: { lang: Lang; def: IndicatorDef; cur: DashboardValue; prev: DashboardValue | null }) {
  const change = yoyChange(cur.value, prev?.value ?? null);
  return (
    <div className={styles.card} title={`${cm(lang, "chart.formula")}${colon(lang)}${def.formula[lang]}`}>
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

function CoverageCard({ lang, cur, prev, href }: { lang: Lang; cur: Coverage; prev: Coverage; href: string }) {
  const dated = cur.onTime + cur.late;
  const change = yoyChange(cur.received, prev.received);
  return (
    <div className={styles.card} title={cm(lang, "coverage.expectedDef")}>
      <Link className={styles.cardLabel} href={href}>
        {cm(lang, "coverage.received")} / {cm(lang, "coverage.expected")} →
      </Link>
      <span className={styles.cardValue}>
        {formatInteger(cur.received, lang)} / {formatInteger(cur.expected, lang)}
      </span>
      {/* The on-time share is of reports with a known date only: say so, and how many have none. */}
      <span className={styles.cardDetail}>
        {cm(lang, "coverage.onTimeOfDated", { n: formatInteger(cur.onTime, lang), d: formatInteger(dated, lang), pct: formatPercent(dated ? cur.onTime / dated : null, lang) })}
      </span>
      <span className={styles.cardDetail}>
        {cm(lang, "coverage.unknownOf", { n: formatInteger(cur.unknownDate, lang), d: formatInteger(cur.received, lang) })}
        {cur.late > 0 || cur.expected > cur.received ? (
          <>
            {" · "}
            <Link href={href}>{cm(lang, "coverage.gapsLink", { n: formatInteger(cur.expected - cur.received + cur.late, lang) })}</Link>
          </>
        ) : null}
      </span>
      <span className={styles.cardDetail}>
        {cm(lang, "card.yoy")} {change.abs === null || prev.received === 0 ? cm(lang, "card.noPrevious") : <Delta text={formatInteger(change.abs, lang, { signed: true })} sign={Math.sign(change.abs)} good={change.abs > 0} />}
      </span>
    </div>
  );
}

function ErrorsCard({ lang, cur, prev, href }: { lang: Lang; cur: Coverage; prev: Coverage; href: string }) {
  const change = yoyChange(cur.withErrors, prev.withErrors);
  return (
    <div className={styles.card} title={cm(lang, "coverage.errorsDef")}>
      <Link className={styles.cardLabel} href={href}>
        {cm(lang, "coverage.withErrors")} →
      </Link>
      <span className={styles.cardValue}>{formatInteger(cur.withErrors, lang)}</span>
      <span className={styles.cardDetail}>
        {formatPercent(cur.received ? cur.withErrors / cur.received : null, lang)} · {formatInteger(cur.withErrors, lang)} / {formatInteger(cur.received, lang)}
      </span>
      {/* Reports whose tables were not all read: their figures are incomplete, not zero. */}
      <span className={styles.cardDetail} title={cm(lang, "coverage.partlyReadDef")} data-partly-read={cur.partlyRead}>
        <Link href={`${href}#queue`}>{cm(lang, "coverage.partlyReadOf", { n: formatInteger(cur.partlyRead, lang), d: formatInteger(cur.received, lang) })}</Link>
      </span>
      <span className={styles.cardDetail}>
        {cm(lang, "card.yoy")} {prev.received === 0 || change.abs === null ? cm(lang, "card.noPrevious") : <Delta text={formatInteger(change.abs, lang, { signed: true })} sign={Math.sign(change.abs)} good={change.abs < 0} />}
      </span>
    </div>
  );
}

/** How many items of /quality's queue need a person here (the queue's own counting and scope). */
function QueueCard({ lang, counts, href }: { lang: Lang; counts: ReviewQueueCounts; href: string }) {
  const n = (v: number) => formatInteger(v, lang);
  return (
    <div className={styles.card} title={cm(lang, "queue.def")} data-queue-card data-total={counts.total}>
      <Link className={styles.cardLabel} href={href}>
        {cm(lang, "queue.title")} →
      </Link>
      <span className={styles.cardValue}>{n(counts.total)}</span>
      <span className={styles.cardDetail} data-queue-partly={counts.partlyRead}>
        {cm(lang, "queue.partly", { n: n(counts.partlyRead) })}
      </span>
      <span className={styles.cardDetail} data-queue-errors={counts.withErrors}>
        {cm(lang, "queue.errors", { n: n(counts.withErrors) })}
      </span>
      <span className={styles.cardDetail} data-queue-pending={counts.pendingReview}>
        {cm(lang, "queue.pending", { n: n(counts.pendingReview) })}
      </span>
    </div>
  );
}

type Labeler = (code: string) => string;
type Hrefer = (code: string) => string | undefined;

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
    cm(lang, "coverage.partlyRead"),
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
    { text: formatInteger(c.partlyRead, lang), numeric: true },
  ];
  const rows = [...coverage.byChild.map((c) => row(label(c.code), href(c.code), c)), row(lang === "zh" ? "合计" : "Total", undefined, coverage)];
  return <DataTable head={head} rows={rows} caption={cm(lang, "dash.coverage")} />;
}

/** The agencies behind the coverage card: expected but not received, and received late. */
function CoverageGaps({ lang, gaps, year }: { lang: Lang; gaps: CoverageGap[]; year: number }) {
  const missing = gaps.filter((g) => g.gap === "missing");
  const late = gaps.filter((g) => g.gap === "late");
  return (
    <details id="coverage-gaps" className={styles.more} open={gaps.length > 0 && gaps.length <= 12}>
      <summary>{cm(lang, "coverage.gapsTitle", { missing: missing.length, late: late.length, year })}</summary>
      {gaps.length === 0 ? (
        <p className={styles.muted}>{cm(lang, "coverage.gapsNone")}</p>
      ) : (
        <DataTable
          head={[cm(lang, "chart.agency"), cm(lang, "agency.code"), cm(lang, "coverage.gapKind"), cm(lang, "coverage.publishedOn"), cm(lang, "coverage.deadline")]}
          rows={gaps.map((g) => [
            { text: agencyDisplayName(lang, g.name, g.regionCode), href: g.reportId ? `/reports/${g.reportId}` : `/agencies/${g.agencyId}` },
            { text: g.regionCode ?? "", numeric: true },
            { text: cm(lang, g.gap === "missing" ? "coverage.gapMissing" : "coverage.gapLate") },
            { text: g.publishedOn ?? "—" },
            { text: g.deadline },
          ])}
        />
      )}
    </details>
  );
}

/** The agencies furthest from their peer group's median for the selected indicator, each linking to its report. */
function Outliers({ lang, def, outliers, year }: { lang: Lang; def: IndicatorDef; outliers: Outlier[]; year: number }) {
  const v = (value: number) => formatIndicatorValue(def, { value, smallSample: false }, lang);
  const kindLabel = (o: Outlier) => (o.kind === "department" && o.deptType ? `${cm(lang, `level.${o.level}` as ChartMessageKey)} · ${deptTypeLabel(o.deptType, lang)}` : `${cm(lang, `level.${o.level}` as ChartMessageKey)} · ${cm(lang, `kind.${o.kind}` as ChartMessageKey)}`);
  return (
    <section className={styles.section} aria-labelledby="outliers-title" data-outliers>
      <h2 id="outliers-title" className={styles.sectionTitle}>
        {cm(lang, "outliers.title", { indicator: def.label[lang] })} · {year}
      </h2>
      {outliers.length === 0 ? (
        <p className={styles.muted}>{cm(lang, "outliers.none")}</p>
      ) : (
        <DataTable
          caption={cm(lang, "outliers.title", { indicator: def.label[lang] })}
          head={[cm(lang, "chart.agency"), cm(lang, "outliers.group"), cm(lang, "outliers.value"), cm(lang, "outliers.median"), cm(lang, "outliers.distance"), cm(lang, "outliers.flags")]}
          rows={outliers.map((o) => [
            { text: agencyDisplayName(lang, o.name, o.regionCode), href: `/reports/${o.reportId}` },
            { text: `${kindLabel(o)}（${o.groupSize}）` },
            { text: `${v(o.value)}${o.denominator !== null ? `（${formatInteger(o.numerator, lang)} / ${formatInteger(o.denominator, lang)}）` : ""}`, numeric: true },
            { text: `${v(o.median)}（${v(o.p25)}–${v(o.p75)}）`, numeric: true },
            { text: o.iqrDistance === null ? cm(lang, "outliers.iqrZero") : `${o.iqrDistance > 0 ? "+" : ""}${o.iqrDistance.toFixed(1)}`, numeric: true },
            { text: [o.reportErrors ? `⚠ ${cm(lang, "outliers.reportErrors")}` : "", o.impossible ? cm(lang, "outliers.impossible") : ""].filter(Boolean).join("；") },
          ])}
        />
      )}
      <p className={styles.muted}>{cm(lang, "outliers.note")}</p>
    </section>
  );
}
