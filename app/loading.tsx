import styles from "./loading.module.css";

// Sync on purpose: it is the Suspense fallback while a page's data loads, so it names itself
// in both languages rather than wait on the language cookie.
export default function Loading() {
  return (
    <div className={styles.skeleton} role="status" aria-live="polite">
      <span className="visually-hidden">正在加载… / Loading…</span>
      <div className={`${styles.bar} ${styles.title}`} />
      <div className={`${styles.bar} ${styles.line}`} />
      <div className={styles.block} />
    </div>
  );
}
