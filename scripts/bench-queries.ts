/**
 * npm run bench:queries [-- --sizes 10000,100000 --runs 7] — dashboard read speed on PostgreSQL.
 *
 * For each size N, loads N synthetic current reports (6 years × N/6 agencies over 贵州's 88
 * counties, every 表三/表四 cell filled, 1% region aggregates, findings on ~20%, two topics on
 * half) straight into a throwaway database on TEST_DATABASE_URL's server with INSERT … SELECT
 * generate_series (it measures reads, not ingestion), then times the overview's database work
 * (getRegionDashboard for 贵州省, plus the year list and region lookup) and the agency page's
 * (getAgencyProfile + getPeerComparison): median of `runs` after one warm-up, each run after a
 * dashboard-cache invalidation (as after a write), so it times the database, not the cache.
 * `--parts` also times the overview's queries one by one.
 * `--keep NAME` keeps the loaded database as NAME_<size> on that server (a million reports take
 * minutes to load) and reuses it on the next run with the same NAME: it is migrated, its rollups
 * rebuilt, and nothing reloaded. Drop it with `dropdb NAME_<size>` when done.
 * Goals from the issue: overview < 300 ms and agency page < 100 ms at 100k.
 */
import "./lib/load-env";
import { performance } from "node:perf_hooks";
import { sql, type SQL } from "drizzle-orm";
import { agencyIndicatorKeys, childIndicatorKeys, yearIndicatorKeys } from "../lib/charts/dashboard-keys";
import { CELLS } from "../lib/catalog";
import { env } from "../lib/env";
import type { Db } from "../db/client";
import { systemCtx } from "../db/context";
import { getAgencyProfile } from "../db/queries/dashboard/get-agency-profile";
import { getCoverage } from "../db/queries/dashboard/get-coverage";
import { listIndicatorSums } from "../db/queries/dashboard/list-indicator-sums";
import { listTopicShares } from "../db/queries/dashboard/list-topic-shares";
import { getPeerComparison } from "../db/queries/dashboard/get-peer-comparison";
import { getRegion } from "../db/queries/dashboard/get-region";
import { getRegionDashboard } from "../db/queries/dashboard/get-region-dashboard";
import { listDashboardYears } from "../db/queries/dashboard/list-dashboard-years";
import postgres from "postgres";
import { createDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { createTestDb, type TestDb } from "../db/test/db";
import { refreshDashboardRollups } from "../db/mutations/dashboard/refresh-dashboard-rollups";
import { bumpDashboardGeneration, refreshPeerValues } from "../db/mutations/dashboard/rollups";

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const DEPT_TYPES = ["自然资源", "住建", "人社", "公安", "教育", "卫健", "财政", "市场监管"];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function load(db: Db, n: number): Promise<void> {
  const agencyCount = Math.ceil(n / YEARS.length);
  const kinds = `array['government', ${DEPT_TYPES.map(() => "'department'").join(", ")}]`;
  const depts = `array[null, ${DEPT_TYPES.map((d) => `'${d}'`).join(", ")}]`;
  await db.execute(
    sql.raw(`
    with counties as (select array_agg(admin_code order by admin_code) c from regions where level = 'county' and admin_code like '52%')
    insert into agencies (name, name_norm, kind, level, region_code, dept_type)
    select '合成机构' || g, '合成机构' || g, (${kinds})[1 + g % ${DEPT_TYPES.length + 1}], 'county',
           c[1 + (g / ${DEPT_TYPES.length + 1}) % array_length(c, 1)], (${depts})[1 + g % ${DEPT_TYPES.length + 1}]
    from generate_series(1, ${agencyCount}) g, counties`),
  );
  await db.execute(
    sql.raw(`
    insert into source_documents (sha256, bytes, media_type, file_name, size_bytes, surface_format)
    select md5('d' || g) || md5('e' || g), '\\x00'::bytea, 'text/plain', 'bench-' || g || '.txt', 1, 'text'
    from generate_series(1, ${agencyCount * YEARS.length}) g`),
  );
  await db.execute(
    sql.raw(`
    with a as (select id, kind, row_number() over (order by id) rn from agencies where name like '合成机构%'),
         d as (select id, row_number() over (order by id) rn from source_documents where file_name like 'bench-%'),
         y as (select y, row_number() over (order by y) - 1 yi from unnest(array[${YEARS.join(",")}]) y)
    insert into reports (agency_id, year, format_version, scope, status, version, document_id, is_current, published_on, complete)
    select a.id, y.y, case when y.y < 2021 then '2019' else '2021' end,
           case when a.rn % 100 = 0 and a.kind = 'government' then 'region_aggregate' else 'self' end,
           'published', 1, d.id, true,
           case when a.rn % 10 = 0 then null else make_date(y.y + 1, 1 + (a.rn % 4)::int, 15) end, true
    from a cross join y join d on d.rn = (a.rn - 1) * ${YEARS.length} + y.yi + 1`),
  );
  // Statistics before the joins below: planned blind they can nest loops over every agency.
  await db.execute(sql`analyze agencies, reports`);
  const cols = (fmt: "2019" | "2021") => CELLS.filter((c) => c.integer && c.formats.includes(fmt) && !c.signed);
  for (const fmt of ["2019", "2021"] as const) {
    const list = cols(fmt);
    const names = list.map((c) => `"${c.column}"`).join(", ");
    const values = list.map((c) => (c.key.startsWith("t3.") ? `floor(random() * 40)::int` : `floor(random() * 4)::int`)).join(", ");
    await db.execute(
      sql.raw(`
      insert into report_figures (report_id, agency_id, year, scope, format_version, region_code, is_current, ${names})
      select r.id, r.agency_id, r.year, r.scope, r.format_version, a.region_code, true, ${values}
      from reports r join agencies a on a.id = r.agency_id
      where a.name like '合成机构%' and r.format_version = '${fmt}'`),
    );
  }
  await db.execute(
    sql.raw(`
    insert into findings (report_id, rule, severity, message_zh, message_en)
    select id, 'H-T3-BAL', case when random() < 0.5 then 'error' else 'warning' end, '合成', 'synthetic'
    from reports where random() < 0.2`),
  );
  await db.execute(
    sql.raw(`
    insert into report_topics (report_id, topic, keyword, sentence)
    select id, t, t, '合成' from reports, unnest(array['land_requisition', 'demolition']) t where random() < 0.5`),
  );
  await db.execute(sql`analyze`);
}

/**
 * The first row of a raw query. PGlite returns { rows }, postgres.js an array of rows; both hold
 * plain objects with the selected column names.
 */
async function firstRow<T>(db: Db, query: SQL): Promise<T | undefined> {
  const result: unknown = await db.execute(query);
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] }).rows;
  return rows?.[0] as T | undefined;
}

/**
 * Median of `runs` timings after one warm-up. `before` runs untimed ahead of each: the dashboard
 * cache is emptied there, so a timing is the database work of a first reader after a write.
 */
async function median(runs: number, fn: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<number> {
  await before?.();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * The database for size n: a throwaway one, or with --keep the kept NAME_<n> (created when
 * missing). `fresh` says whether it still needs the synthetic load.
 */
async function openDb(serverUrl: string, n: number, keep: string | undefined): Promise<{ t: TestDb; fresh: boolean }> {
  if (!keep) return { t: await createTestDb("postgres"), fresh: true };
  if (!/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error(`--keep wants a plain lower-case database name, not ${keep}`);
  const name = `${keep}_${n}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  let fresh: boolean;
  try {
    const found = await admin`select 1 from pg_database where datname = ${name}`;
    fresh = found.length === 0;
    if (fresh) await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const handle = createDb({ kind: "postgres", url: u.toString() }, { maxConnections: 4 });
  await migrateDb(handle.db);
  if (!fresh) {
    const loaded = await firstRow<{ n: number }>(handle.db, sql`select count(*)::int n from reports where is_current`);
    // A run stopped during the load leaves a partial database: start that one over.
    if ((loaded?.n ?? 0) < n) {
      await handle.close();
      const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
      } finally {
        await again.end({ timeout: 5 });
      }
      return openDb(serverUrl, n, keep);
    }
  }
  console.log(`\n${fresh ? "Loading into" : "Reusing"} the kept database ${name}`);
  return { t: { db: handle.db, kind: "postgres", url: u.toString(), close: () => handle.close() }, fresh };
}

async function main(): Promise<void> {
  if (!env.TEST_DATABASE_URL) {
    console.error("bench:queries needs TEST_DATABASE_URL (a PostgreSQL server where it may create a throwaway database), e.g.\n  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:queries");
    process.exit(2);
  }
  const sizes = arg("sizes", "10000,100000").split(",").map(Number);
  const runs = Number(arg("runs", "7"));
  const keepIndex = process.argv.indexOf("--keep");
  const keep = keepIndex > 0 ? process.argv[keepIndex + 1] : undefined;
  for (const n of sizes) {
    const { t, fresh } = await openDb(env.TEST_DATABASE_URL, n, keep);
    try {
      const t0 = performance.now();
      if (fresh) await load(t.db, n);
      const count = await firstRow<{ n: number }>(t.db, sql`select count(*)::int n from report_figures`);
      console.log(`\nN = ${n.toLocaleString("en")} reports (${fresh ? "loaded" : "kept"} ${count?.n ?? "?"}${fresh ? ` in ${((performance.now() - t0) / 1000).toFixed(1)} s` : ""})`);
      const ctx = systemCtx("bench-queries", t.db);
      // What a write does: every cached dashboard read misses afterwards (db/queries/dashboard/_cache.ts).
      const invalidate = () => t.db.transaction((tx) => bumpDashboardGeneration(tx));
      // The synthetic load bypasses the mutations that keep the dashboard rollups current.
      const t1 = performance.now();
      // A kept database's rollups were built by the run that loaded it: rebuilt only when stale.
      await refreshDashboardRollups({ ctx, input: { mode: fresh ? "all" : "stale" } });
      await t.db.execute(sql`analyze`);
      console.log(`  rollups rebuilt          ${(performance.now() - t1).toFixed(0)} ms`);
      const overviewReads = async () => {
        const [years] = await Promise.all([listDashboardYears({ ctx }), getRegion({ ctx, input: { code: "520000" } })]);
        await getRegionDashboard({ ctx, input: { regionCode: "520000", year: years[0] ?? 2024, indicatorKey: "refusal_rate" } });
      };
      const overview = await median(runs, overviewReads, invalidate);
      const overviewCached = await median(runs, overviewReads);
      const city = await median(runs, () => getRegionDashboard({ ctx, input: { regionCode: "520200", year: 2024, indicatorKey: "refusal_rate" } }), invalidate);
      const dept = await firstRow<{ id: string }>(t.db, sql`select id from agencies where kind = 'department' and dept_type = '自然资源' limit 1`);
      const agencyId = dept!.id;
      const agency = await median(
        runs,
        () =>
          Promise.all([
            getAgencyProfile({ ctx, input: { agencyId, indicatorKeys: agencyIndicatorKeys("refusal_rate") } }),
            getPeerComparison({ ctx, input: { agencyId, indicatorKey: "refusal_rate" } }),
          ]),
        invalidate,
      );
      const verdict = (ms: number, goal: number) => `${ms.toFixed(1)} ms${n >= 100_000 ? (ms < goal ? ` (goal < ${goal} ms: met)` : ` (goal < ${goal} ms: MISSED)`) : ""}`;
      console.log(`  overview (贵州省)        median ${verdict(overview, 300)}; from the cache ${overviewCached.toFixed(1)} ms`);
      if (process.argv.includes("--parts")) {
        const parts: [string, () => Promise<unknown>][] = [
          ["sums by year", () => listIndicatorSums({ ctx, input: { indicatorKeys: yearIndicatorKeys("refusal_rate"), groupBy: "year", regionCode: "520000" } })],
          ["sums by 市州", () => listIndicatorSums({ ctx, input: { indicatorKeys: childIndicatorKeys("refusal_rate"), groupBy: "childRegion", regionCode: "520000", years: [2024] } })],
          ["coverage", () => getCoverage({ ctx, input: { year: 2024, regionCode: "520000" } })],
          ["topics", () => listTopicShares({ ctx, input: { year: 2024, regionCode: "520000" } })],
        ];
        for (const [name, fn] of parts) console.log(`    ${name.padEnd(14)} median ${(await median(runs, fn, invalidate)).toFixed(1)} ms`);
      }
      console.log(`  region page (六盘水市)   median ${city.toFixed(1)} ms`);
      console.log(`  agency page             median ${verdict(agency, 100)}`);
      if (process.argv.includes("--parts")) {
        const parts: [string, () => Promise<unknown>][] = [
          ["profile", () => getAgencyProfile({ ctx, input: { agencyId, indicatorKeys: agencyIndicatorKeys("refusal_rate") } })],
          ["peers", () => getPeerComparison({ ctx, input: { agencyId, indicatorKey: "refusal_rate" } })],
        ];
        for (const [name, fn] of parts) console.log(`    ${name.padEnd(14)} median ${(await median(runs, fn, invalidate)).toFixed(1)} ms`);
        // The write side, rolled back so the database stays as loaded: what a correction of one
        // cell adds (the peer values that read it move in their distributions), and what a new
        // report adds (every value moves in; its old peer row is dropped first to stand for none).
        const rollback = new Error("rollback");
        const inTx = (fn: (tx: Parameters<Parameters<typeof t.db.transaction>[0]>[0]) => Promise<unknown>) => () =>
          t.db
            .transaction(async (tx) => {
              await fn(tx);
              throw rollback;
            })
            .catch((e: unknown) => {
              if (e !== rollback) throw e;
            });
        const cell = sql.raw(`"${CELLS.find((c) => c.key === "t3.new_received.natural_person")!.column}"`);
        const correction = await median(
          runs,
          inTx(async (tx) => {
            await tx.execute(sql`update report_figures set ${cell} = ${cell} + 1 where agency_id = ${agencyId} and year = 2024 and is_current`);
            await refreshPeerValues(tx, agencyId, [2024]);
          }),
        );
        const fresh = await median(
          runs,
          inTx(async (tx) => {
            await tx.execute(sql`delete from dashboard_peer_values where agency_id = ${agencyId} and year = 2024`);
            await refreshPeerValues(tx, agencyId, [2024]);
          }),
        );
        const write = { correction, fresh };
        console.log(`  a write's peer distribution work: one cell corrected median ${write.correction.toFixed(1)} ms; a new report median ${write.fresh.toFixed(1)} ms`);
      }
    } finally {
      await t.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
