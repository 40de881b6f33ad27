/** Waits until jobs are finished (stored, skipped or failed), reporting each change of state. */
import "server-only";
import type { Ctx } from "../context";
import { listIngestJobs, type IngestJobView } from "../queries/jobs/list-ingest-jobs";

export const FINAL_STATES = new Set(["stored", "skipped", "failed"]);

export async function waitForJobs(ctx: Ctx, ids: readonly string[], onFinished?: (job: IngestJobView) => void, pollMs = 250): Promise<IngestJobView[]> {
  const done = new Map<string, IngestJobView>();
  let open = [...ids];
  while (open.length) {
    // Chunks keep the id list of one query small on big CLI runs.
    for (let i = 0; i < open.length; i += 1000) {
      for (const job of await listIngestJobs({ ctx, input: { ids: open.slice(i, i + 1000) } })) {
        if (FINAL_STATES.has(job.state) && !done.has(job.id)) {
          done.set(job.id, job);
          onFinished?.(job);
        }
      }
    }
    open = open.filter((id) => !done.has(id));
    if (open.length) await new Promise((r) => setTimeout(r, pollMs));
  }
  return ids.map((id) => done.get(id)!);
}
