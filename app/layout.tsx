import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getLang } from "@/app/_i18n/get-lang";
import { getDemoLoad } from "@/db/queries/demo/get-demo-load";
import { localeOf, t, type Lang } from "@/lib/i18n";
import { DemoBanner } from "./_components/demo-banner";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return {
    title: `${t(lang, "app.name")} ${t(lang, "app.nameLatin")}`,
    description: t(lang, "app.description"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = await getLang();
  return (
    <html lang={localeOf(lang)}>
      <body>
        <SiteHeader lang={lang} />
        <DemoLoadBanner lang={lang} />
        <main className="app-main">{children}</main>
        <footer className="app-footer">
          <div className="app-footer-inner">{t(lang, "footer.note")}</div>
        </footer>
      </body>
    </html>
  );
}

/** While the demo corpus loads behind the running app: its progress, on every page. */
async function DemoLoadBanner({ lang }: { lang: Lang }) {
  // A database that cannot be read shows no banner: the page itself says what is wrong.
  const status = await getDemoLoad().catch(() => null);
  if (!status) return null;
  // Loading: the progress. Just finished: say so (the banner that followed the load refreshes the
  // page at its end, and must not vanish before it is read); later, nothing.
  if (status.state !== "loading" && !status.justFinished) return null;
  return (
    <DemoBanner
      initial={{ state: status.state, planned: status.planned, loaded: status.loaded, failed: status.failed }}
      messages={{ loading: t(lang, "demo.loading"), done: t(lang, "demo.done"), failed: t(lang, "demo.failed") }}
      locale={localeOf(lang)}
    />
  );
}
