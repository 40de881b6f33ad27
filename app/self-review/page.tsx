import type { Metadata } from "next";
import { getLang } from "@/app/_i18n/get-lang";
import { SectionPage, sectionMetadata } from "@/app/_components/section-page";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata(await getLang(), "selfReview");
}

export default async function SelfReviewPage() {
  return <SectionPage lang={await getLang()} section="selfReview" />;
}
