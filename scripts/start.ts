/**
 * `npm start`: build if needed, migrate, then serve with Next's production server (scripts/serve.ts)
 * on $PORT (default 3000) while the demo corpus loads into an empty database in the background.
 * One command from a fresh clone to a running app.
 *
 * The build starts before the database and server modules are even loaded (scripts/lib/start-app.ts,
 * imported after): on a fresh clone the build is what a newcomer waits for.
 */
import "./lib/load-env";
import { checkBuild, ensureBuilt } from "./lib/build";

const build = checkBuild().fresh ? null : ensureBuilt();
if (!build) console.log("build: up to date (.next)");
// Its failure is reported by startApp, which waits for it with the database work.
build?.catch(() => undefined);

try {
  const { startApp } = await import("./lib/start-app");
  await startApp(build);
} catch (error: unknown) {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
