/**
 * npm run bench:hostile [-- NAME…] — the hostile corpus (lib/ingest/hostile/corpus.ts) through the
 * pure pipeline, one child process per file so each file's peak memory is its own: prints the
 * code, wall time and peak resident memory of each, and the worst of each. Measured, not
 * asserted (hostile.test.ts asserts < 30 s and < 512 MB loosely).
 */
import { spawnSync } from "node:child_process";
import { HOSTILE_CORPUS } from "../lib/ingest/hostile/corpus";
import { runHostile } from "../lib/ingest/hostile/measure";
import { probeTools, systemTools } from "../lib/system";

/** `--no-tools`: the pure pipeline only; by default the machine's MuPDF, Tesseract and LibreOffice read what they would read on the server. */
const WITH_TOOLS = !process.argv.includes("--no-tools");

async function child(name: string): Promise<void> {
  const file = HOSTILE_CORPUS.find((f) => f.name === name);
  if (!file) throw new Error(`no hostile file ${name}`);
  // Generating a bomb takes memory too: measure the pipeline from a settled baseline.
  const r = await runHostile(file, WITH_TOOLS ? systemTools(probeTools()) : undefined);
  process.stdout.write(`${JSON.stringify({ ...r, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function main(): number {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const files = HOSTILE_CORPUS.filter((f) => only.length === 0 || only.includes(f.name));
  const tools = probeTools();
  const using = WITH_TOOLS ? [tools.pdf.available && "MuPDF", tools.ocr.available && "Tesseract", tools.office.available && "LibreOffice"].filter(Boolean) : [];
  console.log(`${files.length} hostile files, one process each; external readers: ${using.length ? using.join(", ") : "none (the pure pipeline)"}\n`);
  console.log(`${"file".padEnd(30)} ${"size".padStart(9)}  ${"code".padEnd(20)} ${"time".padStart(8)} ${"peak+".padStart(8)}  problems`);
  let worstMs = 0;
  let worstMb = 0;
  let bad = 0;
  for (const f of files) {
    const r = spawnSync(process.execPath, ["--conditions=react-server", "--expose-gc", "--import", "tsx", "scripts/bench-hostile.ts", "--child", f.name, ...(WITH_TOOLS ? [] : ["--no-tools"])], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    const line = r.stdout.split("\n").find((l) => l.startsWith("{"));
    if (!line) {
      bad++;
      console.log(`${f.name.padEnd(30)} CRASHED (exit ${r.status}, signal ${r.signal}) ${r.stderr.slice(-300)}`);
      continue;
    }
    const x = JSON.parse(line) as { sizeBytes: number; code: string | null; ms: number; peakMb: number; problems: string[]; ok: boolean };
    worstMs = Math.max(worstMs, x.ms);
    worstMb = Math.max(worstMb, x.peakMb);
    if (x.problems.length || x.ok) bad++;
    const size = x.sizeBytes >= 1048576 ? `${(x.sizeBytes / 1048576).toFixed(1)} MB` : `${(x.sizeBytes / 1024).toFixed(1)} KB`;
    console.log(`${f.name.padEnd(30)} ${size.padStart(9)}  ${String(x.code ?? (x.ok ? "ACCEPTED" : "-")).padEnd(20)} ${`${(x.ms / 1000).toFixed(2)} s`.padStart(8)} ${`${x.peakMb.toFixed(0)} MB`.padStart(8)}  ${x.problems.join("; ")}`);
  }
  console.log(`\n${files.length} files; worst time ${(worstMs / 1000).toFixed(2)} s; worst peak memory above baseline ${worstMb.toFixed(0)} MB; ${bad} with problems`);
  return bad ? 1 : 0;
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) {
  child(process.argv[childAt + 1] ?? "").then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else process.exit(main());
