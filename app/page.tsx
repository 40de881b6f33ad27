import type { Metadata } from "next";
import { getLang } from "@/app/_i18n/get-lang";
import { SectionPage, sectionMetadata } from "@/app/_components/section-page";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata(await getLang(), "overview");
}

export default async function OverviewPage() {
  return <SectionPage lang={await getLang()} section="overview" />;
}
