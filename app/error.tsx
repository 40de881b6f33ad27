"use client";

import { useEffect } from "react";
import styles from "./_components/page.module.css";

// Error boundaries are client components without access to the language cookie, so the
// message is given in both languages. Server errors arrive with only a digest in production.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <section className={styles.empty} role="alert">
      <h1 className={styles.emptyTitle}>出错了 · Something went wrong</h1>
      <p className={styles.emptyHint}>
        页面加载失败，请重试。若问题持续存在，请联系管理员。
        <br />
        The page failed to load. Please try again; if it keeps failing, contact your administrator.
      </p>
      {digest ? <p className={styles.emptyHint}>ID: {digest}</p> : null}
      <button type="button" className={styles.button} onClick={() => retry()}>
        重试 · Retry
      </button>
    </section>
  );
}
