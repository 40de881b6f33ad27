import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingSkeleton } from "@/app/_components/loading-skeleton";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { sectionMetadata } from "@/app/_components/section-page";
import { Filters } from "@/app/_components/charts/filters";
import { RegionDashboard } from "@/app/_components/charts/region-dashboard";
import { parseDashboardParams, type RawSearchParams } from "@/app/_components/charts/search-params";
import { getRegion } from "@/db/queries/dashboard/get-region";
import { listDashboardYears } from "@/db/queries/dashboard/list-dashboard-years";
import { t } from "@/lib/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata(await getLang(), "overview");
}

const PROVINCE = "520000";

/** 总览: the province's dashboard for one year (filters in the URL). */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [ctx, lang, raw] = await Promise.all([requireCtx(), getLang(), searchParams]);
  const params = parseDashboardParams(raw);
  const [years, region] = await Promise.all([listDashboardYears({ ctx }), getRegion({ ctx, input: { code: PROVINCE } })]);
  const header = <PageHeader title={t(lang, "page.overview.title")} lead={t(lang, "page.overview.lead")} />;
  if (!years.length || !region) {
    return (
      <>
        {header}
        <EmptyState lang={lang} />
      </>
    );
  }
  const year = params.year && years.includes(params.year) ? params.year : years[0]!;
  return (
    <>
      {header}
      <Filters lang={lang} action="/" params={params} years={years} year={year} />
      <Suspense key={JSON.stringify(params)} fallback={<LoadingSkeleton />}>
        <RegionDashboard ctx={ctx} lang={lang} region={region} year={year} params={params} />
      </Suspense>
    </>
  );
}
