/**
 * Next's start-up hook: the server runs ingest jobs itself (uploads queue them). On PGlite it is
 * the only process that can; on PostgreSQL `npm run worker` processes share the same queue.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startIngestRunners } = await import("./db/jobs/server");
  startIngestRunners().catch((error: unknown) => console.error(`ingest jobs: the runners did not start: ${error instanceof Error ? error.message : String(error)}`));
}
