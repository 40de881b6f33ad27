import styles from "./loading-skeleton.module.css";

/**
 * The placeholder while a page's data loads (Suspense fallbacks and loading.tsx). Sync on
 * purpose, so it names itself in both languages rather than wait on the language cookie.
 *
 * There is no app-wide loading.tsx: a loading boundary above a page starts the response before
 * the page runs, so its notFound() could only answer 200. Pages with an id in the address
 * (/agencies/[id], /regions/[code], /reports/[id], /self-review/[id]) decide 404 first, then
 * stream their heavy parts inside <Suspense fallback={<LoadingSkeleton />}>.
 */
export function LoadingSkeleton() {
  return (
    <div className={styles.skeleton} role="status" aria-live="polite">
      <span className="visually-hidden">正在加载… / Loading…</span>
      <div className={`${styles.bar} ${styles.title}`} />
      <div className={`${styles.bar} ${styles.line}`} />
      <div className={styles.block} />
    </div>
  );
}
