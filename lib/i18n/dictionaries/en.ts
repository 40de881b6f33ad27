import type { MessageKey } from "./zh";

// Typed against the zh keys: a missing or extra key is a compile error.
export const en: Record<MessageKey, string> = {
  "app.name": "公开",
  "app.nameLatin": "Gongkai",
  "app.tagline": "Analytics for government information disclosure annual reports",
  "app.description":
    "Collect, check and compare every agency's annual report on government information disclosure.",

  "nav.label": "Main navigation",
  "nav.overview": "Overview",
  "nav.regions": "Regions",
  "nav.agencies": "Agencies",
  "nav.compare": "Compare",
  "nav.quality": "Quality",
  "nav.selfReview": "Self-review",

  "lang.label": "Language",
  "lang.switchTo": "Switch language",
  "lang.zh": "中文",
  "lang.en": "English",

  "empty.noReports": "No annual reports have been imported yet.",
  "empty.howToLoad": "Import report files with {command}, or wait for the demo data to load.",

  "page.overview.title": "Overview",
  "page.overview.lead":
    "Applications received, outcomes, reconsiderations, litigation and corrections across the province at a glance.",
  "page.regions.title": "Regions",
  "page.regions.lead":
    "Drill down from the province to prefectures and counties, and on to a single agency's report.",
  "page.agencies.title": "Agencies",
  "page.agencies.lead":
    "Browse each agency's reports by year, with the source file and the origin of every number.",
  "page.compare.title": "Compare",
  "page.compare.lead":
    "Pick agencies, years and indicators to build comparison charts and tables ready for a briefing.",
  "page.quality.title": "Quality",
  "page.quality.lead":
    "Every problem the checks found, table by table, naming the cell that needs a correction.",
  "page.selfReview.title": "Self-review",
  "page.selfReview.lead":
    "Agency staff check their own report before and after publishing, and see how it compares with peers.",

  "notFound.title": "Page not found",
  "notFound.body": "We couldn't find the page you were looking for.",
  "notFound.home": "Back to the overview",

  "loading.label": "Loading…",

  "footer.note": "公开 Gongkai · open-source analytics for government information disclosure reports",
};
