/**
 * The demo load that runs while `npm start` builds the app (scripts/start.ts), in its own process
 * started at the lowest CPU priority (`nice -n 19`): the build gets the cores whenever it can use
 * them, and the documents are stored with what it leaves idle. On the 2-core machine a load in the
 * same process as `npm start`, at normal priority, took half the CPU and made the first build about
 * three times longer.
 *
 * Usage (internal): node --import tsx --conditions=react-server scripts/lib/demo-load-child.ts full|small
 * SIGTERM or SIGINT stops it between two documents; the progress is in the database (demo_load),
 * so the server resumes where this left off.
 */
import "./load-env";
import { closeDb, getDb } from "../../db/client";
import { demoLoadOptions, loadDemoCorpus } from "./demo-load";

async function main(): Promise<void> {
  const corpus = process.argv[2] === "small" ? "small" : "full";
  const stop = new AbortController();
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop.abort());
  try {
    const outcome = await loadDemoCorpus(getDb(), demoLoadOptions(corpus), { resume: true, track: true, quiet: true, signal: stop.signal });
    console.log(
      outcome.stopped
        ? `demo corpus: ${outcome.done}/${outcome.planned} stored while the app was built; the server stores the rest`
        : `demo corpus: all ${outcome.done} documents stored in ${outcome.seconds.toFixed(0)} s`,
    );
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(`demo corpus: the load during the build stopped: ${error instanceof Error ? error.message : String(error)}; the server goes on with it`);
  process.exit(1);
});
