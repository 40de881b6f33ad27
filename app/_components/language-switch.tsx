import { setLanguage } from "@/app/_i18n/actions";
import { LANGS, t, type Lang } from "@/lib/i18n";
import styles from "./site-header.module.css";

/**
 * A plain form posting to a server action: works without JavaScript, and each language is
 * always labelled in its own script so a reader who cannot read the current one finds theirs.
 */
export function LanguageSwitch({ lang }: { lang: Lang }) {
  return (
    <form action={setLanguage} className={styles.langSwitch} aria-label={t(lang, "lang.switchTo")}>
      {LANGS.map((option) => {
        const current = option === lang;
        return (
          <button
            key={option}
            type="submit"
            name="lang"
            value={option}
            lang={option === "zh" ? "zh-CN" : "en"}
            className={current ? `${styles.langButton} ${styles.langButtonCurrent}` : styles.langButton}
            aria-pressed={current}
          >
            {t(option, option === "zh" ? "lang.zh" : "lang.en")}
          </button>
        );
      })}
    </form>
  );
}
