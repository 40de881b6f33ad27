import type { DashboardValue } from "@/lib/charts";
import type { Lang } from "@/lib/i18n";
import { applicantChart } from "./applicant-chart";
import { DashboardFigure } from "./chart-figure";

type Share = Pick<DashboardValue, "value" | "numerator" | "denominator">;

/** Who applies (applicant-chart.ts) as a figure; `exportQuery` adds the chart's export menu. */
export function ApplicantFigure({ lang, title, year, values, exportQuery }: { lang: Lang; title: string; year?: number; values: Readonly<Record<string, Share | undefined>>; exportQuery?: string }) {
  return <DashboardFigure chart={applicantChart({ lang, title, ...(year !== undefined ? { year } : {}), values })} lang={lang} {...(exportQuery ? { exportQuery } : {})} />;
}
