import type { Metadata } from "next";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { sectionMetadata } from "@/app/_components/section-page";
import { RegionPage } from "./region-page";
import { parseDashboardParams, type RawSearchParams } from "./search-params";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata(await getLang(), "regions");
}

/** 地区: the province node of the drill-down (贵州省). */
export default async function RegionsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [ctx, lang, raw] = await Promise.all([requireCtx(), getLang(), searchParams]);
  return <RegionPage ctx={ctx} lang={lang} code="520000" params={parseDashboardParams(raw)} />;
}
