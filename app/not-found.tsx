import Link from "next/link";
import { getLang } from "@/app/_i18n/get-lang";
import { t } from "@/lib/i18n";
import styles from "./_components/page.module.css";

export default async function NotFound() {
  const lang = await getLang();
  return (
    <section className={styles.empty}>
      <h1 className={styles.emptyTitle}>{t(lang, "notFound.title")}</h1>
      <p className={styles.emptyHint}>{t(lang, "notFound.body")}</p>
      <p>
        <Link href="/">{t(lang, "notFound.home")}</Link>
      </p>
    </section>
  );
}
