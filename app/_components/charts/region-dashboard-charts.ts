/**
 * The charts of a region dashboard (overview 贵州省 and /regions/[code]) as descriptors: the page
 * maps over them and /api/export/* renders them, so a download is exactly the chart on screen.
 * Data comes from db/queries/dashboard with the reader's Ctx (the same scope as the page).
 */
import "server-only";
import type { Ctx } from "@/db/context";
import type { RegionSummary } from "@/db/queries/dashboard/get-region";
import { getRegionDashboard, type RegionDashboardData } from "@/db/queries/dashboard/get-region-dashboard";
import { listHandCorrected } from "@/db/queries/dashboard/list-hand-corrected";
import type { IndicatorSumsRow } from "@/db/queries/dashboard/list-indicator-sums";
import {
  APPLICANT_INDICATORS,
  cm,
  colon,
  formatNote,
  OUTCOME_INDICATORS,
  OUTCOME_PARTS,
  resultFromSums,
  TREND_INDICATORS,
  type DashboardValue,
  type OutcomeCategory,
} from "@/lib/charts";
import { dashboardChart, type DashboardChart } from "@/lib/charts/dashboard-export";
import { TOPICS, TOPIC_KEYS } from "@/lib/catalog";
import { destinationShares, destinationText, topDestinations } from "@/lib/charts/destinations";
import { byChildRegion, byYear as inYear, groupHandCorrected, withHandCorrected, type CorrectedReport } from "@/lib/charts/hand-corrected";
import { getIndicator, peerStats } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import { regionDisplayName, regionDisplayShortName } from "@/lib/regions/english";
import { applicantChart } from "./applicant-chart";
import { loadRegionMap, regionMapChart, type RegionMapData } from "./region-map-chart";
import { dashboardQuery, type DashboardParams } from "./search-params";

export interface RegionChartsInput {
  lang: Lang;
  region: RegionSummary;
  year: number;
  params: Pick<DashboardParams, "indicator" | "level" | "deptType" | "map">;
}

const sumsOf = (row: IndicatorSumsRow | undefined, key: string): DashboardValue => resultFromSums(key, row?.sums[key]);

/** A group's value, marked when a corrected report of the group feeds it (`inGroup` picks the group's reports). */
function markedSums(corrected: readonly CorrectedReport[], row: IndicatorSumsRow | undefined, key: string, inGroup: (r: CorrectedReport) => boolean): DashboardValue {
  return withHandCorrected(sumsOf(row, key), groupHandCorrected(corrected, key, inGroup));
}

export const trendChartId = (key: string) => `trend-${key.replace(/\W/g, "-")}`;

export interface RegionDashboardLoaded extends RegionDashboardData {
  /** The map's data; null where the region gets no map (counties, townships). */
  map: RegionMapData | null;
  /** Current reports under the region (same filters) with figures corrected by hand: the ✎ marks. */
  corrected: CorrectedReport[];
  /** The same without the level/department filters (the destinations chart ignores them). */
  correctedUnfiltered: CorrectedReport[];
}

/** Loads the dashboard's data through the scoped queries. */
export async function loadRegionDashboard(ctx: Ctx, { region, year, params }: Omit<RegionChartsInput, "lang">): Promise<RegionDashboardLoaded> {
  const filters = { ...(params.level ? { level: params.level } : {}), ...(params.deptType ? { deptType: params.deptType } : {}) };
  const [data, map, corrected, correctedUnfiltered] = await Promise.all([
    getRegionDashboard({
      ctx,
      input: { regionCode: region.code, year, indicatorKey: params.indicator, ...(params.level ? { level: params.level } : {}), ...(params.deptType ? { deptType: params.deptType } : {}) },
    }),
    loadRegionMap(ctx, { region, year, params }),
    listHandCorrected({ ctx, input: { regionCode: region.code, ...filters } }),
    listHandCorrected({ ctx, input: { regionCode: region.code } }),
  ]);
  return { ...data, map, corrected, correctedUnfiltered };
}

/** The chart descriptors, in page order (sections: trends, mix, map, outcomes). Pure over loaded data. */
export function regionDashboardCharts(data: RegionDashboardLoaded, { lang, region, year, params }: RegionChartsInput): DashboardChart[] {
  const { byYear, byChild, childNames: names, corrected } = data;
  const ofYear = (r: IndicatorSumsRow, key: string) => markedSums(corrected, r, key, inYear(Number(r.key)));
  const ofChild = (r: IndicatorSumsRow, key: string) => markedSums(corrected, r, key, byChildRegion(region.code, r.key, year));
  const yearRow = byYear.find((r) => r.key === String(year));
  const q = dashboardQuery({ year, indicator: params.indicator, level: params.level, deptType: params.deptType });
  const childLabel = (code: string) =>
    code === region.code
      ? `${regionDisplayShortName(lang, region.code, region.shortName) || regionDisplayName(lang, region.code, region.name)}${cm(lang, "chart.ownLevel")}`
      : regionDisplayName(lang, code, names.get(code)?.name ?? code);
  const childHref = (code: string) => (code === region.code ? undefined : `/regions/${code}${q}`);
  const charts: DashboardChart[] = [];

  for (const k of [...new Set<string>([params.indicator, ...TREND_INDICATORS])]) {
    const def = getIndicator(k);
    const points = byYear.map((r) => ({ year: Number(r.key), value: ofYear(r, def.key) }));
    charts.push(
      dashboardChart({
        id: trendChartId(def.key),
        section: "trends",
        title: def.label[lang],
        formula: def.formula[lang],
        spec: { type: "trend", input: { indicatorKey: def.key, lang, series: [{ name: regionDisplayName(lang, region.code, region.name), code: region.code, points }] } },
        empty: points.every((p) => p.value.value === null),
        notes: [formatNote(def, points.map((p) => p.value), lang, points.map((p) => p.year))],
        smallSample: points.some((p) => p.value.smallSample),
      }),
    );
  }

  charts.push(...topicCharts(yearRow, data, lang, year, (key) => (yearRow ? ofYear(yearRow, key) : sumsOf(yearRow, key))));
  charts.push(applicantChart({ lang, title: cm(lang, "applicant.title"), year, values: Object.fromEntries(APPLICANT_INDICATORS.map((k) => [k, yearRow ? ofYear(yearRow, k) : sumsOf(yearRow, k)])) }));

  if (data.map) charts.push(regionMapChart(data.map, { lang, region, year, params }));

  const categories: OutcomeCategory[] = byChild.map((r) => {
    const values = OUTCOME_PARTS.map((p) => [p, ofChild(r, OUTCOME_INDICATORS[p])] as const);
    const parts = Object.fromEntries(values.map(([p, v]) => [p, v.numerator])) as OutcomeCategory["parts"];
    const marked = values.filter(([, v]) => v.handCorrected);
    const h = childHref(r.key);
    return {
      label: childLabel(r.key),
      code: r.key,
      year,
      ...(h ? { href: h } : {}),
      handled: sumsOf(r, OUTCOME_INDICATORS.granted).denominator,
      parts,
      ...(marked.length ? { handCorrected: Object.fromEntries(marked.map(([p]) => [p, true])) } : {}),
    };
  });
  charts.push(
    dashboardChart({
      id: "outcomes",
      section: "outcomes",
      title: cm(lang, "outcome.title"),
      formula: cm(lang, "outcome.formula"),
      empty: categories.every((c) => !c.handled),
      spec: { type: "outcomeMix", input: { lang, categories } },
    }),
  );

  const def = getIndicator(params.indicator);
  const items = byChild.map((r) => {
    const h = childHref(r.key);
    return { label: childLabel(r.key), code: r.key, ...(h ? { href: h } : {}), value: ofChild(r, def.key) };
  });
  charts.push(
    dashboardChart({
      id: "ranking",
      section: "outcomes",
      title: `${cm(lang, "dash.ranking")}${colon(lang)}${def.label[lang]}`,
      formula: def.formula[lang],
      empty: items.every((i) => i.value.value === null),
      notes: [formatNote(def, items.map((i) => i.value), lang)],
      smallSample: items.some((i) => i.value.smallSample),
      spec: { type: "ranking", input: { indicatorKey: def.key, lang, year, items, median: peerStats(items.map((i) => i.value.value)).median } },
    }),
  );
  return charts;
}

const topicName = (key: string, lang: Lang) => TOPICS.find((d) => d.key === key)?.label[lang] ?? key;

/**
 * The application mix as three charts, each titled for what it measures: the share of reports
 * mentioning a topic (not of applications), the counts reports state (summed only where stated,
 * with how many reports stated one), and where new applications go by type of body (表三).
 */
function topicCharts(yearRow: IndicatorSumsRow | undefined, data: RegionDashboardLoaded, lang: Lang, year: number, ofYear: (key: string) => DashboardValue): DashboardChart[] {
  const out: DashboardChart[] = [];
  const mentions = TOPIC_KEYS.map((t) => ({ t, v: ofYear(`topic_mention.${t}`) }))
    .filter((x) => (x.v.numerator ?? 0) > 0)
    .sort((a, b) => (b.v.numerator ?? 0) - (a.v.numerator ?? 0));
  const mentionFormula = cm(lang, "topics.formula");
  out.push(
    dashboardChart({
      id: "topics",
      section: "mix",
      title: cm(lang, "topics.title"),
      formula: mentionFormula,
      empty: mentions.length === 0,
      notes: [mentions.length === 0 ? cm(lang, "topics.none") : null],
      spec: {
        type: "groupedBars",
        input: {
          lang,
          unit: "share",
          horizontal: true,
          year,
          formula: mentionFormula,
          categories: mentions.map((x) => topicName(x.t, lang)),
          keys: mentions.map((x) => `topic_mention.${x.t}`),
          series: [
            {
              name: cm(lang, "topics.agencyShare"),
              values: mentions.map((x) => x.v.value),
              numerators: mentions.map((x) => x.v.numerator),
              denominators: mentions.map((x) => x.v.denominator),
              handCorrected: mentions.map((x) => x.v.handCorrected === true),
            },
          ],
        },
      },
    }),
  );

  const counts = TOPIC_KEYS.map((t) => ({ t, v: ofYear(`topic_count.${t}`), share: ofYear(`topic_count_share.${t}`) }))
    .filter((x) => x.v.reports > 0)
    .sort((a, b) => (b.v.numerator ?? 0) - (a.v.numerator ?? 0));
  const statedShare = sumsOf(yearRow, "topic_counts_stated");
  const stated = statedShare.numerator ?? 0;
  const total = statedShare.denominator ?? 0;
  const countFormula = cm(lang, "topicCounts.formula");
  out.push(
    dashboardChart({
      id: "topic-counts",
      section: "mix",
      title: cm(lang, "topicCounts.title"),
      formula: countFormula,
      empty: counts.length === 0,
      notes: [counts.length === 0 ? cm(lang, "topicCounts.none") : cm(lang, "topicCounts.stated", { n: stated, total })],
      spec: {
        type: "groupedBars",
        input: {
          lang,
          unit: "count",
          horizontal: true,
          year,
          formula: countFormula,
          categories: counts.map((x) => `${topicName(x.t, lang)}（${cm(lang, "topicCounts.reports", { n: x.v.reports })}）`),
          keys: counts.map((x) => `topic_count.${x.t}`),
          series: [
            {
              name: cm(lang, "topicCounts.series"),
              values: counts.map((x) => x.v.value),
              numerators: counts.map((x) => x.share.numerator),
              denominators: counts.map((x) => x.share.denominator),
              reports: counts.map((x) => x.v.reports),
              handCorrected: counts.map((x) => x.v.handCorrected === true || x.share.handCorrected === true),
            },
          ],
        },
      },
    }),
  );

  const years = destinationShares(data.destinations).slice(-4);
  const keys = topDestinations(years, 7);
  const destFormula = cm(lang, "destinations.formula");
  const rest = (y: (typeof years)[number]) => y.items.filter((i) => !keys.includes(i.key));
  const hasRest = years.some((y) => rest(y).length > 0);
  // Every share of a year is over the year's total: one corrected 本年新收 changes them all.
  const yearCorrected = (y: number) => groupHandCorrected(data.correctedUnfiltered, "new_received", inYear(y));
  out.push(
    dashboardChart({
      id: "destinations",
      section: "mix",
      title: cm(lang, "destinations.title"),
      formula: destFormula,
      empty: years.length === 0,
      notes: [years.length === 0 ? cm(lang, "destinations.none") : null],
      spec: {
        type: "groupedBars",
        input: {
          lang,
          unit: "share",
          horizontal: true,
          formula: destFormula,
          categories: [...keys.map((k) => destinationText(k, lang)), ...(hasRest ? [cm(lang, "destinations.others")] : [])],
          keys: [...keys, ...(hasRest ? ["others"] : [])],
          series: years.map((y) => {
            const items = [...keys.map((k) => y.items.find((i) => i.key === k) ?? null)];
            const others = rest(y).reduce((sum, i) => sum + i.applications, 0);
            const reports = rest(y).reduce((sum, i) => sum + i.reports, 0);
            return {
              name: String(y.year),
              year: y.year,
              values: [...items.map((i) => i?.share ?? null), ...(hasRest ? [y.total > 0 ? others / y.total : null] : [])],
              numerators: [...items.map((i) => i?.applications ?? null), ...(hasRest ? [others] : [])],
              denominators: [...items.map(() => y.total), ...(hasRest ? [y.total] : [])],
              reports: [...items.map((i) => i?.reports ?? null), ...(hasRest ? [reports] : [])],
              handCorrected: [...items.map((i) => i !== null && yearCorrected(y.year)), ...(hasRest ? [yearCorrected(y.year)] : [])],
            };
          }),
        },
      },
    }),
  );
  return out;
}
