/**
 * npm run demo:generate -- --out DIR [--seed N] [--scale N] [--pdf-share X] [--no-sample] [--force]
 *
 * Writes the demo corpus (one folder per 市州, files named `<code>-<agency>-<year>.<ext>`) and
 * DIR/manifest.json, streaming: memory stays flat at any scale. The real 盘州 2024 report is read
 * from lib/ingest/__fixtures__/panzhou/2024 and copied in verbatim.
 */
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { deflateSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { countCorpus, DEFAULT_SURFACE_MIX, generateCorpus, manifestEntryLine, manifestHead, manifestTail, type DemoCorpusOptions, type DemoSample } from "../lib/demo";

const argsSchema = z.object({
  out: z.string().min(1, "--out DIR is required"),
  seed: z.coerce.number().int().nonnegative().default(20250101),
  scale: z.coerce.number().int().min(1).max(100).default(1),
  sample: z.boolean().default(true),
  force: z.boolean().default(false),
  /** Share of PDF reports (default 0.10); lower it to speed up ingesting the demo. */
  "pdf-share": z.coerce.number().min(0).max(0.65).optional(),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--no-sample") raw.sample = false;
    else if (a === "--force") raw.force = true;
    else if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2);
      if (!k) continue;
      raw[k] = v ?? argv[++i] ?? "";
    }
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`demo:generate: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
    console.error("usage: npm run demo:generate -- --out DIR [--seed N] [--scale N] [--pdf-share 0.1] [--no-sample] [--force]");
    process.exit(2);
  }
  return parsed.data;
}

function readSample(): DemoSample | null {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const dir = join(root, "lib/ingest/__fixtures__/panzhou/2024");
  const input = join(dir, "input.txt");
  const expected = join(dir, "expected.json");
  if (!existsSync(input) || !existsSync(expected)) return null;
  // The fixture's expected.json is committed and reviewed with the fixture (STYLE rule 18).
  return { bytes: new Uint8Array(readFileSync(input)), expected: JSON.parse(readFileSync(expected, "utf8")) as DemoSample["expected"] };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = resolve(args.out);
  if (existsSync(out) && readdirSync(out).length > 0 && !args.force) {
    console.error(`demo:generate: ${out} is not empty; pass --force to write into it (existing files are overwritten).`);
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  const sample = args.sample ? readSample() : null;
  if (args.sample && !sample) console.warn("demo:generate: the 盘州 2024 fixture was not found; that report is generated instead.");
  // node:zlib compresses PDF streams several times faster than fflate; output stays deterministic.
  const pdf = args["pdf-share"];
  const surfaceMix = pdf === undefined ? undefined : { ...DEFAULT_SURFACE_MIX, text: DEFAULT_SURFACE_MIX.text + DEFAULT_SURFACE_MIX.pdf - pdf, pdf };
  const opts: DemoCorpusOptions = { seed: args.seed, scale: args.scale, sample, surfaceMix, deflate: (d) => new Uint8Array(deflateSync(d, { level: 6 })) };
  const planned = countCorpus(opts);
  console.log(`demo:generate: seed ${args.seed}, scale ${args.scale}: ${planned.agencies} agencies, up to ${planned.agencyYears} agency-years → ${out}`);

  const t0 = performance.now();
  const manifestPath = join(out, "manifest.json");
  const fd = openSync(manifestPath, "w");
  writeSync(fd, manifestHead(opts));
  const dirs = new Set<string>();
  const gen = generateCorpus(opts);
  let first = true;
  let n = 0;
  for (;;) {
    const step = gen.next();
    if (step.done) {
      writeSync(fd, manifestTail(step.value));
      closeSync(fd);
      const s = step.value;
      const secs = (performance.now() - t0) / 1000;
      console.log(`demo:generate: ${s.reports} reports from ${s.agencies} agencies (${s.missing.length} agency-years without a report), ${(s.bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(1)} s`);
      console.log(`  surfaces: ${Object.entries(s.bySurface).map(([k, v]) => `${k} ${v}`).join(", ")}`);
      console.log(`  formats: ${Object.entries(s.byFormat).map(([k, v]) => `${k} ${v}`).join(", ")}; late ${s.late}`);
      console.log(`  injected errors: ${Object.entries(s.byError).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`);
      console.log(`  manifest: ${manifestPath}`);
      return;
    }
    const file = step.value;
    const path = join(out, file.path);
    const dir = dirname(path);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(path, file.bytes);
    writeSync(fd, manifestEntryLine(file.entry, first));
    first = false;
    n++;
    if (n % 5000 === 0) console.log(`  … ${n} reports (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

main();
