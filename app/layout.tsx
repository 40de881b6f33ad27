import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getLang } from "@/app/_i18n/get-lang";
import { localeOf, t } from "@/lib/i18n";
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
        <main className="app-main">{children}</main>
        <footer className="app-footer">
          <div className="app-footer-inner">{t(lang, "footer.note")}</div>
        </footer>
      </body>
    </html>
  );
}
