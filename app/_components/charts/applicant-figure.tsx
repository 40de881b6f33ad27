import { APPLICANT_INDICATORS, cm, type DashboardValue } from "@/lib/charts";
import { getIndicator } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import { ChartFigure } from "./chart-figure";

type Share = Pick<DashboardValue, "value" | "numerator" | "denominator">;
const MISSING: Share = { value: null, numerator: null, denominator: null };

/**
 * Who applies: the share of new applications from each applicant type, for a region (summed)
 * or one agency. `values` is looked up by indicator key, so a missing one stays in its place.
 */
export function ApplicantFigure({ lang, title, values }: { lang: Lang; title: string; values: Readonly<Record<string, Share | undefined>> }) {
  const shares = APPLICANT_INDICATORS.map((k) => values[k] ?? MISSING);
  const categories = APPLICANT_INDICATORS.map((k) => getIndicator(k).label[lang].replace(/申请占比$/, "").replace(/^Share from /, ""));
  return (
    <ChartFigure
      id="applicants"
      lang={lang}
      title={title}
      formula={cm(lang, "applicant.formula")}
      empty={shares.every((v) => v.value === null)}
      spec={{
        type: "groupedBars",
        input: {
          lang,
          unit: "share",
          horizontal: true,
          formula: cm(lang, "applicant.formula"),
          categories,
          series: [{ name: cm(lang, "chart.share"), values: shares.map((v) => v.value), numerators: shares.map((v) => v.numerator), denominators: shares.map((v) => v.denominator) }],
        },
      }}
    />
  );
}
