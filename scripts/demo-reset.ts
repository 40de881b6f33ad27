/**
 * npm run demo:reset — clears every report from the configured database and loads the demo
 * corpus again through the ingest pipeline. Refuses on PostgreSQL unless --yes is given.
 */
import "./lib/load-env";
import { closeDb, dbKind, dbLocation, getDb } from "../db/client";
import { systemCtx } from "../db/context";
import { migrateDb } from "../db/migrate";
import { clearReports } from "../db/mutations/report/clear-reports";
import { seedDemoAccounts } from "../db/mutations/user/seed-demo-accounts";
import { loadDemoCorpus } from "./lib/demo-load";

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
  const result = await loadDemoCorpus(db, process.argv.includes("--small") ? { prefectures: ["520200"], countyGovernmentYears: [2023, 2024] } : {});
  await seedDemoAccounts(db);
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
