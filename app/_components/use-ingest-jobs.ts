"use client";

import { useEffect, useState } from "react";

/** One job as GET /api/ingest-jobs returns it (db/queries/jobs/list-ingest-jobs.ts). */
export interface IngestJobStatus {
  id: string;
  fileName: string;
  state: "queued" | "parsing" | "stored" | "skipped" | "failed";
  code: string | null;
  message: string | null;
  reportId: string | null;
  summary: { agencyName: string; year: number; version: number; pendingAgency: boolean; errors: number; warnings: number; existingStatus?: string } | null;
}

const FINAL = new Set(["stored", "skipped", "failed"]);
const POLL_MS = 500;

/** Polls the state of these jobs twice a second until every one is stored, skipped or failed. */
export function useIngestJobs(ids: readonly string[]): Map<string, IngestJobStatus> {
  const [jobs, setJobs] = useState<Map<string, IngestJobStatus>>(() => new Map());
  const key = ids.join(",");
  useEffect(() => {
    if (!key) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      let open = true;
      try {
        const response = await fetch(`/api/ingest-jobs?ids=${encodeURIComponent(key)}`, { cache: "no-store" });
        if (response.ok) {
          const body = (await response.json()) as { jobs: IngestJobStatus[] };
          if (stopped) return;
          setJobs(new Map(body.jobs.map((j) => [j.id, j])));
          open = body.jobs.length < key.split(",").length || body.jobs.some((j) => !FINAL.has(j.state));
        }
      } catch {
        // The server is busy or restarting: try again on the next tick.
      }
      if (!stopped && open) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key]);
  return jobs;
}
