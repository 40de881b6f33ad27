/**
 * Who applies: the share of new applications from each applicant type, for a region (summed) or
 * one agency, as a chart descriptor. `values` is looked up by indicator key, so a missing one
 * stays in its place.
 */
import { APPLICANT_INDICATORS, cm, type DashboardValue } from "@/lib/charts";
import { dashboardChart, type DashboardChart } from "@/lib/charts/dashboard-export";
import { getIndicator } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";

type Share = Pick<DashboardValue, "value" | "numerator" | "denominator" | "handCorrected">;
const MISSING: Share = { value: null, numerator: null, denominator: null };

export function applicantChart({ lang, title, year, values }: { lang: Lang; title: string; year?: number; values: Readonly<Record<string, Share | undefined>> }): DashboardChart {
  const shares = APPLICANT_INDICATORS.map((k) => values[k] ?? MISSING);
  const categories = APPLICANT_INDICATORS.map((k) => getIndicator(k).label[lang].replace(/申请占比$/, "").replace(/^Share from /, ""));
  const formula = cm(lang, "applicant.formula");
  return dashboardChart({
    id: "applicants",
    section: "mix",
    title,
    formula,
    empty: shares.every((v) => v.value === null),
    spec: {
      type: "groupedBars",
      input: {
        lang,
        unit: "share",
        horizontal: true,
        ...(year !== undefined ? { year } : {}),
        formula,
        categories,
        keys: [...APPLICANT_INDICATORS],
        series: [{ name: cm(lang, "chart.share"), values: shares.map((v) => v.value), numerators: shares.map((v) => v.numerator), denominators: shares.map((v) => v.denominator), handCorrected: shares.map((v) => v.handCorrected === true) }],
      },
    },
  });
}
