import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { t } from "@/lib/i18n";
import { RegionPage } from "../region-page";
import { parseDashboardParams, type RawSearchParams } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "page.regions.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

/** A 市州, county or township node: /regions/520200, /regions/520281, /regions/520281001. */
export default async function RegionCodePage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<RawSearchParams> }) {
  const [{ code }, ctx, lang, raw] = await Promise.all([params, requireCtx(), getLang(), searchParams]);
  if (!/^[0-9]{6}([0-9]{3})?$/.test(code)) notFound();
  return <RegionPage ctx={ctx} lang={lang} code={code} params={parseDashboardParams(raw)} />;
}
