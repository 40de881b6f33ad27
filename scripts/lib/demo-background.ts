/**
 * The demo corpus, loaded while the app already serves. `npm start` migrates, seeds the demo
 * accounts and records a demo load (db/schema/demo-load.ts); the server process then stores the
 * corpus document by document (one transaction each) while it answers requests, and every page
 * shows a banner with the progress until the last document and the cross-year checks are in. An
 * unfinished load — the server stopped, the machine restarted — resumes on the next start,
 * skipping the documents already stored.
 */
import type { Db } from "../../db/client";
import { systemCtx } from "../../db/context";
import { beginDemoLoad } from "../../db/mutations/demo/demo-load";
import { countReports } from "../../db/queries/report/count-reports";
import { getDemoLoad } from "../../db/queries/demo/get-demo-load";
import { demoLoadOptions, loadDemoCorpus, plannedDemoFiles, type DemoLoadOutcome } from "./demo-load";

export type DemoPlan = { action: "none"; reason: string } | { action: "load"; corpus: "full" | "small"; resume: boolean; planned: number; loaded: number };

/**
 * What start-up does about the demo: nothing (off, done, or a database of the user's own), start
 * a load (an empty database), or resume one. Records a new load so the server continues it.
 */
export async function planDemoLoad(db: Db, demo: "on" | "small" | "off"): Promise<DemoPlan> {
  if (demo === "off") return { action: "none", reason: "off (GONGKAI_DEMO=off)" };
  const setting = demo === "small" ? "small" : "full";
  const status = await getDemoLoad({ db });
  if (status?.state === "done") return { action: "none", reason: `loaded (${status.loaded} documents, ${status.finishedAt?.slice(0, 10)})` };
  if (status) return { action: "load", corpus: status.corpus, resume: true, planned: status.planned, loaded: status.loaded };
  const reports = await countReports({ ctx: systemCtx("npm start", db) });
  if (reports > 0) return { action: "none", reason: `not loaded, the database already holds ${reports} reports` };
  const planned = plannedDemoFiles(demoLoadOptions(setting));
  await beginDemoLoad({ ctx: systemCtx("npm start", db), input: { planned, corpus: setting } });
  return { action: "load", corpus: setting, resume: false, planned, loaded: 0 };
}

/**
 * Continues an unfinished demo load, if the database has one: the server calls this once it
 * listens. Resolves when the load ends (or the signal stops it); never throws — a failed load is
 * logged and resumes on the next start.
 */
export async function continueDemoLoad(db: Db, signal?: AbortSignal, pace?: () => Promise<void>): Promise<DemoLoadOutcome | null> {
  try {
    const status = await getDemoLoad({ db });
    if (!status || status.state === "done") return null;
    console.log(`demo corpus: loading in the background while the app serves (${status.loaded}/${status.planned} stored so far)`);
    const outcome = await loadDemoCorpus(db, demoLoadOptions(status.corpus), { resume: true, track: true, quiet: true, signal, pace });
    if (!outcome.stopped) {
      console.log(`demo corpus: all ${outcome.done} documents stored${outcome.failed ? ` (${outcome.failed} failed)` : ""}; this run took ${outcome.seconds.toFixed(0)} s`);
    }
    return outcome;
  } catch (error) {
    console.error(`demo corpus: the background load stopped: ${error instanceof Error ? error.message : String(error)}. It resumes at the next npm start.`);
    return null;
  }
}
