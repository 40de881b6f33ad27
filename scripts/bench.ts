/**
 * npm run bench: every benchmark in turn (ingest, then queries). Each prints its own figures;
 * none asserts a threshold — the goals are in each script's header and in the README.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const BENCHES = ["scripts/bench-ingest.ts", "scripts/bench-queries.ts"];
let failed = 0;
for (const script of BENCHES) {
  if (!existsSync(script)) continue;
  console.log(`\n── ${script} ──`);
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...process.argv.slice(2)], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
