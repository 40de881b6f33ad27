/**
 * npm run demo:reset — clears every report from the configured database and loads the demo
 * corpus again through the ingest pipeline. Refuses on PostgreSQL unless --yes is given.
 */
import "./lib/load-env";
import { closeDb, dbKind, dbLocation, getDb } from "../db/client";
import { systemCtx } from "../db/context";
import { migrateDb } from "../db/migrate";
import { restartDemoLoad } from "../db/mutations/demo/demo-load";
import { clearReports } from "../db/mutations/report/clear-reports";
import { seedDemoAccounts } from "../db/mutations/user/seed-demo-accounts";
import { demoLoadOptions, loadDemoCorpus, plannedDemoFiles } from "./lib/demo-load";

async function main(): Promise<number> {
  if (dbKind() === "postgres" && !process.argv.includes("--yes")) {
    console.error(`demo:reset would delete every report in ${dbLocation()}. Run it again with --yes to confirm.`);
    return 2;
  }
  const db = getDb();
  await migrateDb(db);
  const ctx = systemCtx("npm run demo:reset", db);
  await clearReports({ ctx });
  console.log(`demo:reset: cleared the reports in ${dbLocation()}`);
  const corpus = process.argv.includes("--small") ? "small" : "full";
  const options = demoLoadOptions(corpus);
  await seedDemoAccounts(db);
  // Tracked like npm start's load: a running server's banner shows it, and a stop resumes at the next start.
  await restartDemoLoad({ ctx, input: { planned: plannedDemoFiles(options), corpus } });
  const result = await loadDemoCorpus(db, options, { track: true });
  console.log(`demo:reset: ${result.reports} reports loaded in ${result.seconds.toFixed(0)} s${result.failed ? `, ${result.failed} failed` : ""}`);
  return result.failed ? 1 : 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    await closeDb();
    process.exit(1);
  });
