import { splitOnPlaceholder, t, type Lang } from "@/lib/i18n";
import styles from "./page.module.css";

const INGEST_COMMAND = "npm run ingest";

/** Shown wherever a page has no imported report to draw on yet. */
export function EmptyState({ lang }: { lang: Lang }) {
  const hint = t(lang, "empty.howToLoad");
  const parts = splitOnPlaceholder(hint, "command");
  return (
    <section className={styles.empty} aria-labelledby="empty-state-title">
      <svg className={styles.emptyIcon} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <path d="M12 4h17l9 9v31H12z" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
        <path d="M29 4v9h9M18 24h14M18 31h14M18 38h8" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <h2 id="empty-state-title" className={styles.emptyTitle}>
        {t(lang, "empty.noReports")}
      </h2>
      <p className={styles.emptyHint}>
        {parts ? (
          <>
            {parts.before}
            <code className={styles.command}>{INGEST_COMMAND}</code>
            {parts.after}
          </>
        ) : (
          hint
        )}
      </p>
    </section>
  );
}
