/**
 * npm run bench:accuracy [-- --family NAME] [--only SUBSTRING] [--details] [--json]
 *
 * How well the pure pipeline reads every golden fixture (lib/ingest/__fixtures__): real published
 * reports, the producer corpus (LibreOffice, Chromium, pdftotext, converter markdown) and our own
 * renderings. Per fixture: table figures right / expected, wrong values (worse than missing: a
 * chart shows them as fact) and missing ones apart, null reasons wrong, narrative figures, cells
 * read of the catalog (the dry run's `coverage` when it has one, else its cells), and whether
 * year, agency and format are right; then totals per producer family. Measured, not asserted:
 * the golden test (lib/ingest/golden.test.ts) is what fails.
 *   --details  print each fixture's mismatches      --json  one JSON line per fixture instead
 */
import "./lib/load-env";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { analyzeDocument, toDryRunLine } from "../lib/ingest/analyze";
import { scoreFixture, type FixtureScore } from "../lib/ingest/golden";
import { listGoldenFixtures } from "./lib/golden-fixtures";

const argsSchema = z.object({ family: z.string().optional(), only: z.string().optional(), details: z.boolean(), json: z.boolean() });

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = new Set(["--family", "--only", "--details", "--json"]);
  const unknown = argv.filter((a, i) => a.startsWith("--") && !known.has(a) && !(i > 0 && ["--family", "--only"].includes(argv[i - 1] ?? "")));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(" ")}. Usage: npm run bench:accuracy -- [--family NAME] [--only SUBSTRING] [--details] [--json]`);
  return argsSchema.parse({ family: value("family"), only: value("only"), details: argv.includes("--details"), json: argv.includes("--json") });
}

interface Totals {
  docs: number;
  perfect: number;
  cellsRight: number;
  cellsExpected: number;
  cellsWrong: number;
  cellsMissing: number;
  reasonsWrong: number;
  narrativeRight: number;
  narrativeExpected: number;
  narrativeWrong: number;
  read: number;
  of: number;
  yearRight: number;
  yearChecked: number;
  agencyRight: number;
  agencyChecked: number;
  formatRight: number;
  formatChecked: number;
  silent: number;
  ms: number;
}

const emptyTotals = (): Totals => ({
  docs: 0,
  perfect: 0,
  cellsRight: 0,
  cellsExpected: 0,
  cellsWrong: 0,
  cellsMissing: 0,
  reasonsWrong: 0,
  narrativeRight: 0,
  narrativeExpected: 0,
  narrativeWrong: 0,
  read: 0,
  of: 0,
  yearRight: 0,
  yearChecked: 0,
  agencyRight: 0,
  agencyChecked: 0,
  formatRight: 0,
  formatChecked: 0,
  silent: 0,
  ms: 0,
});

function add(t: Totals, s: FixtureScore, ms: number): void {
  t.docs++;
  if (s.mismatches.length === 0) t.perfect++;
  t.cellsRight += s.cellsRight;
  t.cellsExpected += s.cellsExpected;
  t.cellsWrong += s.cellsWrong;
  t.cellsMissing += s.cellsMissing;
  t.reasonsWrong += s.reasonsWrong;
  t.narrativeRight += s.narrativeRight;
  t.narrativeExpected += s.narrativeExpected;
  t.narrativeWrong += s.narrativeWrong;
  t.read += s.coverage.read;
  t.of += s.coverage.of;
  if (s.yearRight !== null) {
    t.yearChecked++;
    if (s.yearRight) t.yearRight++;
  }
  if (s.agencyRight !== null) {
    t.agencyChecked++;
    if (s.agencyRight) t.agencyRight++;
  }
  if (s.formatRight !== null) {
    t.formatChecked++;
    if (s.formatRight) t.formatRight++;
  }
  if (s.silentPartial) t.silent++;
  t.ms += ms;
}

const pct = (a: number, b: number) => (b === 0 ? "—" : `${((100 * a) / b).toFixed(1)}%`);
const frac = (a: number, b: number) => `${a}/${b}`;
const yn = (v: boolean | null) => (v === null ? "·" : v ? "✓" : "✗");

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const fixtures = listGoldenFixtures().filter((f) => (!args.family || f.family === args.family) && (!args.only || f.id.includes(args.only)));
  if (fixtures.length === 0) throw new Error("no fixture matches --family/--only");
  const byFamily = new Map<string, Totals>();
  const all = emptyTotals();
  let coverageSource: "coverage" | "cells" = "cells";
  if (!args.json) {
    console.log(`${"fixture".padEnd(58)} ${"figures".padStart(9)} ${"wrong".padStart(5)} ${"miss".padStart(4)} ${"rsn".padStart(3)} ${"narr".padStart(5)} ${"read/catalog".padStart(12)} yr ag fm ok ${"ms".padStart(5)}`);
  }
  for (const f of fixtures) {
    const bytes = new Uint8Array(readFileSync(path.join(f.dir, f.input)));
    const t0 = performance.now();
    const line = toDryRunLine(f.input, await analyzeDocument(bytes, f.input));
    const ms = performance.now() - t0;
    const s = scoreFixture(f.expected, line);
    if (s.coverage.source === "coverage") coverageSource = "coverage";
    const fam = byFamily.get(f.family) ?? emptyTotals();
    byFamily.set(f.family, fam);
    add(fam, s, ms);
    add(all, s, ms);
    if (args.json) {
      const { mismatches, ...counts } = s;
      console.log(JSON.stringify({ id: f.id, family: f.family, ...counts, ms: Math.round(ms), mismatches: args.details ? mismatches : mismatches.length }));
      continue;
    }
    console.log(
      `${f.id.padEnd(58)} ${frac(s.cellsRight, s.cellsExpected).padStart(9)} ${String(s.cellsWrong).padStart(5)} ${String(s.cellsMissing).padStart(4)} ${String(s.reasonsWrong).padStart(3)} ${frac(s.narrativeRight, s.narrativeExpected).padStart(5)} ${frac(s.coverage.read, s.coverage.of).padStart(12)} ${yn(s.yearRight)}  ${yn(s.agencyRight)}  ${yn(s.formatRight)}  ${s.ok ? "✓" : "✗"} ${ms.toFixed(0).padStart(5)}`,
    );
    if (args.details) for (const m of s.mismatches) console.log(`      ${m}`);
  }
  if (args.json) return;
  console.log(`\ntotals per family (cells read of the catalog from the dry run's ${coverageSource === "coverage" ? "`coverage` field" : "cells (no `coverage` field yet)"}):`);
  console.log(
    `${"family".padEnd(17)} ${"docs".padStart(4)} ${"100%".padStart(5)} ${"figures right".padStart(20)} ${"wrong".padStart(6)} ${"missing".padStart(7)} ${"reason".padStart(6)} ${"narrative".padStart(16)} ${"read/catalog".padStart(20)} ${"year".padStart(7)} ${"agency".padStart(7)} ${"format".padStart(7)} ${"silent".padStart(6)} ${"ms/doc".padStart(7)}`,
  );
  const rows = [...[...byFamily.entries()].sort(([a], [b]) => a.localeCompare(b)), ["all", all] as const];
  for (const [name, t] of rows) {
    console.log(
      `${name.padEnd(17)} ${String(t.docs).padStart(4)} ${String(t.perfect).padStart(5)} ${`${frac(t.cellsRight, t.cellsExpected)} ${pct(t.cellsRight, t.cellsExpected)}`.padStart(20)} ${String(t.cellsWrong).padStart(6)} ${String(t.cellsMissing).padStart(7)} ${String(t.reasonsWrong).padStart(6)} ${`${frac(t.narrativeRight, t.narrativeExpected)} ${pct(t.narrativeRight, t.narrativeExpected)}`.padStart(16)} ${`${frac(t.read, t.of)} ${pct(t.read, t.of)}`.padStart(20)} ${frac(t.yearRight, t.yearChecked).padStart(7)} ${frac(t.agencyRight, t.agencyChecked).padStart(7)} ${frac(t.formatRight, t.formatChecked).padStart(7)} ${String(t.silent).padStart(6)} ${(t.ms / t.docs).toFixed(0).padStart(7)}`,
    );
  }
  console.log("\nfigures right = table cells equal to the expected value (and null reason where stated); wrong = a different number, or a number where the document has none; missing = nothing read where the document has a number; reason = null for another reason than stated; silent = ok: true with under 90 % of the catalog read and no table issue saying so.");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
