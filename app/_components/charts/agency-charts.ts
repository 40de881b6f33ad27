/**
 * The charts of an agency page (/agencies/[id]) as descriptors: trends, outcome and applicant
 * mix, position among peers. The page maps over them and /api/export/* renders them, so a
 * download is exactly the chart on screen. Data comes through the scoped dashboard queries.
 */
import "server-only";
import type { Ctx } from "@/db/context";
import { getAgencyProfile, type AgencyProfile } from "@/db/queries/dashboard/get-agency-profile";
import { getPeerComparison, type PeerComparison } from "@/db/queries/dashboard/get-peer-comparison";
import { listHandCorrected } from "@/db/queries/dashboard/list-hand-corrected";
import { readsCorrectedCell, withHandCorrected, type CorrectedReport } from "@/lib/charts/hand-corrected";
import { agencyIndicatorKeys, cm, colon, paren, formatNote, OUTCOME_INDICATORS, OUTCOME_PARTS, TREND_INDICATORS, type ChartMessageKey, type OutcomeCategory } from "@/lib/charts";
import { dashboardChart, type DashboardChart } from "@/lib/charts/dashboard-export";
import type { Label } from "@/lib/catalog";
import { describePosition, getIndicator } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import { applicantChart } from "./applicant-chart";
import { trendChartId } from "./region-dashboard-charts";

export interface AgencyData {
  profile: AgencyProfile;
  peers: PeerComparison | null;
  /** Current reports (province-wide: the peers are listed too) with figures corrected by hand. */
  corrected: CorrectedReport[];
}

/** Loads the agency's profile and its peers; null when there is no such agency. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export async function loadAgencyData(ctx: Ctx, { agencyId, indicator, year }: { agencyId: string; indicator: string; year?: number }): Promise<AgencyData | null> {
  // Not an agency id at all (/agencies/not-an-id): no such agency, a 404, before any query.
  if (!UUID.test(agencyId)) return null;
  const [profile, peers, own, province] = await Promise.all([
    getAgencyProfile({ ctx, input: { agencyId, indicatorKeys: agencyIndicatorKeys(indicator) } }),
    getPeerComparison({ ctx, input: { agencyId, indicatorKey: indicator, ...(year ? { year } : {}) } }),
    // The agency's own (whatever its region, placed or not) and the province's, for its listed peers.
    listHandCorrected({ ctx, input: { agencyId } }),
    listHandCorrected({ ctx, input: {} }),
  ]);
  const corrected = [...own, ...province.filter((r) => r.agencyId !== agencyId)];
  return profile ? { profile, peers, corrected } : null;
}

export function peerLabel(peers: PeerComparison): Label {
  const { group } = peers;
  const level = { zh: cm("zh", `level.${group.level}` as ChartMessageKey), en: cm("en", `level.${group.level}` as ChartMessageKey) };
  if (group.basis === "deptType" && group.deptType) return { zh: `${level.zh}${group.deptType}部门`, en: `${level.en.toLowerCase()} ${group.deptType} departments` };
  const kind = { zh: cm("zh", `kind.${group.kind}` as ChartMessageKey), en: cm("en", `kind.${group.kind}` as ChartMessageKey) };
  return { zh: `${level.zh}${kind.zh}`, en: `${level.en.toLowerCase()} ${kind.en.toLowerCase()}s` };
}

/** The chart descriptors in page order (sections: trends, mix, peers). Empty when the agency has no report. */
export function agencyCharts({ profile, peers, corrected }: AgencyData, { lang, indicator }: { lang: Lang; indicator: string }): DashboardChart[] {
  if (profile.series.length === 0) return [];
  const { agency } = profile;
  const code = agency.regionCode ?? "";
  const charts: DashboardChart[] = [];
  const fixedById = new Map(corrected.filter((r) => r.scope === "self").map((r) => [r.reportId, r]));
  /** The report's own value, marked when the indicator reads one of its hand-corrected cells. */
  const reads = (reportId: string, key: string) => {
    const r = fixedById.get(reportId);
    return r !== undefined && readsCorrectedCell(key, r);
  };
  const series = profile.series.map((s) => ({
    ...s,
    values: Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, v ? withHandCorrected(v, reads(s.reportId, k)) : v])),
  }));

  for (const k of [...new Set<string>([indicator, ...TREND_INDICATORS])]) {
    const def = getIndicator(k);
    const points = series.map((s) => ({ year: s.year, value: s.values[def.key]!, href: `/reports/${s.reportId}` }));
    charts.push(
      dashboardChart({
        id: trendChartId(def.key),
        section: "trends",
        title: def.label[lang],
        formula: def.formula[lang],
        empty: points.every((pt) => pt.value.value === null),
        notes: [formatNote(def, points.map((pt) => pt.value), lang, points.map((pt) => pt.year))],
        smallSample: points.some((pt) => pt.value.smallSample),
        spec: { type: "trend", input: { indicatorKey: def.key, lang, series: [{ name: agency.name, code, points }] } },
      }),
    );
  }

  const categories: OutcomeCategory[] = series.map((s) => {
    const marked = OUTCOME_PARTS.filter((part) => s.values[OUTCOME_INDICATORS[part]]?.handCorrected);
    return {
      label: String(s.year),
      code,
      year: s.year,
      href: `/reports/${s.reportId}`,
      handled: s.values[OUTCOME_INDICATORS.granted]?.denominator ?? null,
      parts: Object.fromEntries(OUTCOME_PARTS.map((part) => [part, s.values[OUTCOME_INDICATORS[part]]?.numerator ?? null])) as OutcomeCategory["parts"],
      ...(marked.length ? { handCorrected: Object.fromEntries(marked.map((part) => [part, true])) } : {}),
    };
  });
  charts.push(
    dashboardChart({
      id: "outcomes",
      section: "mix",
      title: cm(lang, "outcome.title"),
      formula: cm(lang, "outcome.formula"),
      empty: categories.every((c) => !c.handled),
      spec: { type: "outcomeMix", input: { lang, categories } },
    }),
  );
  const latest = series[series.length - 1];
  charts.push(applicantChart({ lang, title: `${cm(lang, "applicant.title")} · ${latest?.year ?? ""}`, ...(latest ? { year: latest.year } : {}), values: latest?.values ?? {} }));

  if (!peers || peers.year === null) return charts;
  const def = getIndicator(indicator);
  const own = new Map(series.map((s) => [s.year, s.values[def.key]]));
  const subject = own.get(peers.year) ?? null;
  const group = peerLabel(peers);
  const sentence = subject ? describePosition(def, subject, peers.position ?? [], group, lang) : cm(lang, "chart.noData");
  const years = peers.stats.map((s) => {
    const v = own.get(s.year);
    return { ...s, value: v?.value ?? null, smallSample: v?.smallSample ?? false, ...(v?.handCorrected ? { handCorrected: true } : {}) };
  });
  charts.push(
    dashboardChart({
      id: "peer-band",
      section: "peers",
      title: `${def.label[lang]}${colon(lang)}${cm(lang, "agency.peerGroup")}${paren(lang, group[lang])}`,
      formula: def.formula[lang],
      empty: years.every((y) => y.median === null && y.value === null),
      notes: [formatNote(def, [], lang, years.map((y) => y.year)), cm(lang, "agency.peerNote")],
      smallSample: years.some((y) => y.smallSample),
      caption: `${peers.year}${colon(lang)}${sentence}`,
      spec: { type: "peerBand", input: { indicatorKey: def.key, lang, agencyName: agency.name, years } },
    }),
  );
  const members = peers.members;
  if (members && subject) {
    charts.push(
      dashboardChart({
        id: "peer-ranking",
        section: "peers",
        title: `${def.label[lang]} · ${peers.year}`,
        formula: def.formula[lang],
        smallSample: members.some((m) => m.denominator !== null && def.minDenominator !== null && m.denominator < def.minDenominator) || subject.smallSample,
        spec: {
          type: "ranking",
          input: {
            indicatorKey: def.key,
            lang,
            year: peers.year,
            median: years.find((y) => y.year === peers.year)?.median ?? null,
            items: [
              { label: agency.name, code, href: `/agencies/${agency.id}`, value: subject, highlight: true },
              ...members.map((m) => ({
                label: m.name,
                ...(m.code ? { code: m.code } : {}),
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
                  ...(reads(m.reportId, def.key) ? { handCorrected: true } : {}),
                },
              })),
            ],
          },
        },
      }),
    );
  }
  return charts;
}
