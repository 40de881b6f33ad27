/**
 * npm run bench: every benchmark in turn (ingest, reading accuracy, then queries). Each prints its own figures;
 * none asserts a threshold — the goals are in each script's header and in the README.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const BENCHES = ["scripts/bench-ingest.ts", "scripts/bench-accuracy.ts", "scripts/bench-queries.ts"];
let failed = 0;
for (const script of BENCHES) {
  if (!existsSync(script)) continue;
  console.log(`\n── ${script} ──`);
  // bench-accuracy takes no sizing options (it reads the fixture tree); the others share theirs.
  const args = script.endsWith("bench-accuracy.ts") ? [] : process.argv.slice(2);
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
