"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import styles from "./demo-banner.module.css";

/** The part of GET /api/demo-load the banner shows. */
export interface DemoBannerStatus {
  state: "loading" | "done";
  planned: number;
  loaded: number;
  failed: number;
}

export interface DemoBannerMessages {
  loading: string;
  done: string;
  failed: string;
}

const POLL_MS = 3000;
/** The dashboards redraw with what is stored by then at most this often while the demo loads. */
const REFRESH_MS = 30_000;

function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * While `npm start` loads the demo corpus behind a serving app: how far it is, on every page.
 * Polls the counts; the page's own data is refreshed now and then, and once more at the end.
 */
export function DemoBanner({ initial, messages, locale }: { initial: DemoBannerStatus; messages: DemoBannerMessages; locale: string }) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  useEffect(() => {
    if (status.state === "done") return;
    let stopped = false;
    let lastRefresh = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch("/api/demo-load", { cache: "no-store" });
        if (response.ok) {
          const body = (await response.json()) as Partial<DemoBannerStatus> & { state: string };
          if (stopped) return;
          if (body.state === "loading" || body.state === "done") {
            setStatus({ state: body.state, planned: body.planned ?? 0, loaded: body.loaded ?? 0, failed: body.failed ?? 0 });
            if (body.state === "done" || Date.now() - lastRefresh > REFRESH_MS) {
              lastRefresh = Date.now();
              router.refresh();
            }
            if (body.state === "done") return;
          }
        }
      } catch {
        // The server is busy: try again on the next tick.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [status.state, router]);

  const number = new Intl.NumberFormat(locale);
  const percent = status.planned ? Math.min(100, Math.floor((status.loaded / status.planned) * 100)) : 100;
  const values = { loaded: number.format(status.loaded), planned: number.format(status.planned), percent, failed: number.format(status.failed) };
  return (
    <div className={styles.banner} role="status" data-demo-load={status.state} data-loaded={status.loaded} data-planned={status.planned}>
      <div className={styles.inner}>
        <span className={styles.text}>{fill(status.state === "done" ? messages.done : messages.loading, values)}</span>
        {status.state === "loading" ? <progress className={styles.bar} max={status.planned || 1} value={status.loaded} aria-label={fill(messages.loading, values)} /> : null}
        {status.failed ? <span className={styles.failed}>{fill(messages.failed, values)}</span> : null}
      </div>
    </div>
  );
}
