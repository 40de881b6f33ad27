import Link from "next/link";
import { t, type Lang } from "@/lib/i18n";
import { LanguageSwitch } from "./language-switch";
import { NAV_ITEMS } from "./nav-items";
import { NavLinks } from "./nav-links";
import styles from "./site-header.module.css";
import { UserMenu } from "./user-menu";

export function SiteHeader({ lang }: { lang: Lang }) {
  const links = NAV_ITEMS.map((item) => ({ href: item.href, label: t(lang, item.label) }));
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand} aria-label={`${t(lang, "app.name")} ${t(lang, "app.nameLatin")}`}>
          <span className={styles.brandMark} lang="zh-CN">
            {t(lang, "app.name")}
          </span>
          <span className={styles.brandLatin} lang="en">
            {t(lang, "app.nameLatin")}
          </span>
        </Link>
        <nav className={styles.nav} aria-label={t(lang, "nav.label")}>
          <NavLinks links={links} />
        </nav>
        <LanguageSwitch lang={lang} />
        <UserMenu lang={lang} />
      </div>
    </header>
  );
}
