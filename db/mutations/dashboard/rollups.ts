/**
 * Rebuilds the dashboard rollups (db/schema/dashboard-rollups.ts) of some (year, region_code)
 * pairs from report_figures, inside the caller's transaction: delete the pairs' rows, insert them
 * again from the current reports. Every change to current reports, their findings or topics calls
 * it (or marks the pairs dirty in a bulk load), so the dashboards read pre-computed sums that
 * always equal the direct computation.
 */
import "server-only";
import { createHash } from "node:crypto";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { FORMAT_VERSIONS } from "../../../lib/catalog";
import type { Tx } from "../../client";
import { agencies, dashboardCacheGeneration, dashboardCoverage, dashboardGroups, dashboardPeerDists, dashboardPeerGroups, dashboardPeerValues, dashboardRollupsDirty, dashboardRollupState, dashboardTopics, figureColumn, findings, reportFigures as rf, reports, reportTopics, ROLLUP_INDICATORS, rollupColumnName } from "../../schema";
import type { IndicatorDef } from "../../../lib/indicators";
import { denominatorExpr, lit, numeratorExpr, termGroups } from "../../queries/dashboard/_sql";

export interface RollupKey {
  year: number;
  regionCode: string;
}

/** Keys of reports whose region is unknown are skipped: no dashboard reads them (inRegion). */
export function rollupKeys(rows: readonly { year: number; regionCode: string | null }[]): RollupKey[] {
  const seen = new Map<string, RollupKey>();
  for (const r of rows) if (r.regionCode !== null) seen.set(`${r.year}:${r.regionCode}`, { year: r.year, regionCode: r.regionCode });
  return [...seen.values()];
}

/**
 * Changes whenever an indicator's terms change, so stored sums built with other terms are rebuilt;
 * and with the rollup tables' shape ("peer-dists": 0012 added the peer distributions, which a
 * database migrated from before has to fill).
 */
export const ROLLUP_FINGERPRINT = createHash("sha256")
  .update(JSON.stringify(["peer-dists", ROLLUP_INDICATORS.map((d) => [d.key, termGroups(d).map((g) => [g.formats, g.t.numerator, g.t.numeratorMinus ?? [], g.t.denominator])])]))
  .digest("hex")
  .slice(0, 16);

// Per-key refreshes share this lock; a full rebuild takes it alone (so it never races them).
const GLOBAL_LOCK = sql`hashtext('dashboard_rollups')`;

/**
 * Bumps the dashboard cache generation (db/schema/dashboard-cache.ts) in `tx`: every cached
 * dashboard read of every server process misses from the moment `tx` commits, and not before (a
 * reader that still sees the old counter also still sees the old data). Called by every function
 * here that changes rollups or marks them dirty, so no write path can forget it.
 * Lock order: the shared global lock first, then the counter's row, which stays locked until
 * commit; concurrent writers queue only on that last step, never in a cycle.
 */
export async function bumpDashboardGeneration(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${GLOBAL_LOCK})`);
  await tx.execute(
    sql`insert into ${dashboardCacheGeneration} (id, generation) values (1, 1)
        on conflict (id) do update set generation = ${dashboardCacheGeneration.generation} + 1, updated_at = now()`,
  );
}

/**
 * The keys as rows `(year, region_code)`, from two array parameters. Not one parameter per value:
 * PGlite matched nothing once a statement carried several hundred of them (the full demo's ~700
 * pairs), so the rebuild silently inserted no rows. Years are integers and region codes digits,
 * checked here, so the array literals need no quoting.
 */
export function keyRows(keys: readonly RollupKey[]): SQL {
  for (const k of keys) {
    if (!Number.isInteger(k.year) || !/^[0-9]+$/.test(k.regionCode)) throw new Error(`rollup key out of shape: ${k.year}/${k.regionCode}`);
  }
  const years = `{${keys.map((k) => k.year).join(",")}}`;
  const codes = `{${keys.map((k) => k.regionCode).join(",")}}`;
  return sql`select * from unnest(${years}::int[], ${codes}::text[]) as k(year, region_code)`;
}

/** `(year, region_code) in (…)` for report_figures, or every placed report. */
function keyFilter(keys: readonly RollupKey[] | "all"): SQL {
  if (keys === "all") return sql`${rf.regionCode} is not null`;
  return sql`(${rf.year}, ${rf.regionCode}) in (${keyRows(keys)})`;
}

/** Same, for a rollup table's own columns. */
function rollupFilter(t: { year: AnyColumn; regionCode: AnyColumn }, keys: readonly RollupKey[]): SQL {
  return sql`(${t.year}, ${t.regionCode}) in (${keyRows(keys)})`;
}

/**
 * One row per group: the report count and, per summable indicator, the exact (numeric) numerator,
 * denominator and count that _sql.ts sumFields computes. A group has one format, so of an
 * indicator's term groups (formats with the same terms) only the one for that format is non-null:
 * coalesce picks it, and the other counts are 0.
 */
function insertGroups(filter: SQL): SQL {
  const columns: SQL[] = [];
  const fields: SQL[] = [];
  for (const def of ROLLUP_INDICATORS) {
    const parts = termGroups(def).map(({ formats, t }) => {
      const n = numeratorExpr(t);
      const d = denominatorExpr(t);
      const only = formats.length === FORMAT_VERSIONS.length ? null : sql`${rf.formatVersion} in (${sql.join(formats.map(lit), sql`, `)})`;
      const filt = only ? sql` filter (where ${only})` : sql``;
      return d
        ? {
            n: sql`sum(case when ${d} is not null then ${n} end)${filt}`,
            d: sql`sum(case when ${n} is not null then ${d} end)${filt}`,
            c: sql`count(${n} + ${d})${filt}`,
          }
        : { n: sql`sum(${n})${filt}`, d: sql`null::numeric`, c: sql`count(${n})${filt}` };
    });
    if (!parts.length) continue;
    for (const part of ["n", "d", "c"] as const) columns.push(sql.raw(`"${rollupColumnName(def.key, part)}"`));
    fields.push(sql`coalesce(${sql.join(parts.map((x) => x.n), sql`, `)})`);
    fields.push(sql`coalesce(${sql.join(parts.map((x) => x.d), sql`, `)})`);
    fields.push(sql`(${sql.join(parts.map((x) => x.c), sql` + `)})`);
  }
  return sql`
    insert into ${dashboardGroups} (year, region_code, format_version, scope, level, kind, dept_type, reports, ${sql.join(columns, sql`, `)})
    select ${rf.year}, ${rf.regionCode}, ${rf.formatVersion}, ${rf.scope}, ${agencies.level}, ${agencies.kind}, ${agencies.deptType}, count(*),
           ${sql.join(fields, sql`, `)}
    from ${rf} inner join ${agencies} on ${agencies.id} = ${rf.agencyId}
    where ${rf.isCurrent} and ${filter}
    group by 1, 2, 3, 4, 5, 6, 7`;
}

function insertTopics(filter: SQL): SQL {
  return sql`
    insert into ${dashboardTopics} (year, region_code, topic, reports, applications)
    select ${rf.year}, ${rf.regionCode}, ${reportTopics.topic}, count(*), sum(${figureColumn("t3.new_received.total")})
    from ${reportTopics} inner join ${rf} on ${rf.reportId} = ${reportTopics.reportId}
    where ${rf.isCurrent} and ${rf.scope} = 'self' and ${filter}
    group by 1, 2, 3`;
}

/**
 * Coverage of each target (year Y, region): get-coverage.ts's counts over the current reports of
 * Y−1 and Y there. `targets` is SQL yielding (year, region_code) rows.
 */
function insertCoverage(targets: SQL): SQL {
  const thisYear = sql`${rf.year} = t.year`;
  const deadline = sql`(case when ${agencies.kind} = 'department' then make_date(t.year + 1, 1, 31) else make_date(t.year + 1, 3, 31) end)`;
  const n = (cond: SQL) => sql`count(*) filter (where ${cond})`;
  return sql`
    insert into ${dashboardCoverage} (year, region_code, expected, received, on_time, late, unknown_date, with_errors, region_aggregate, partly_read, self_reports, self_applications)
    select t.year, t.region_code,
      count(distinct ${rf.agencyId}),
      ${n(thisYear)},
      ${n(sql`${thisYear} and ${reports.publishedOn} is not null and ${reports.publishedOn} <= ${deadline}`)},
      ${n(sql`${thisYear} and ${reports.publishedOn} > ${deadline}`)},
      ${n(sql`${thisYear} and ${reports.publishedOn} is null`)},
      ${n(sql`${thisYear} and exists (select 1 from ${findings} where ${findings.reportId} = ${rf.reportId} and ${findings.severity} = 'error')`)},
      ${n(sql`${thisYear} and ${rf.scope} = 'region_aggregate'`)},
      ${n(sql`${thisYear} and exists (select 1 from jsonb_each(${reports.coverage}) as c(id, t) where c.t->>'status' <> 'complete')`)},
      ${n(sql`${thisYear} and ${rf.scope} = 'self'`)},
      sum(${figureColumn("t3.new_received.total")}) filter (where ${thisYear} and ${rf.scope} = 'self')
    from (${targets}) as t(year, region_code)
    inner join ${rf} on ${rf.regionCode} = t.region_code and ${rf.year} in (t.year - 1, t.year) and ${rf.isCurrent}
    inner join ${reports} on ${reports.id} = ${rf.reportId}
    inner join ${agencies} on ${agencies.id} = ${rf.agencyId}
    group by t.year, t.region_code`;
}

/**
 * A self-scope report's value of the indicator, equal to _sql.ts valueExpr but without its
 * per-cell IS NOT NULL chains: the arithmetic is null as soon as one cell is, and the scope is
 * filtered by the caller. Half the SQL, which PGlite parses and plans on every ingest.
 */
function peerValueExpr(def: IndicatorDef): SQL {
  const branches = termGroups(def).map(({ formats, t }) => {
    const n = numeratorExpr(t);
    const d = denominatorExpr(t);
    let e: SQL;
    if (def.kind === "count" || def.kind === "amount") e = sql`${n}::float8`;
    else if (!d) e = sql`null::float8`;
    else if (def.kind === "per100") e = sql`100.0 * ${n}::float8 / nullif(${d}, 0)`;
    else if (def.kind === "growth") e = sql`${n}::float8 / nullif(${d}, 0) - 1`;
    else e = sql`${n}::float8 / nullif(${d}, 0)`;
    return sql`when ${rf.formatVersion} in (${sql.join(formats.map(lit), sql`, `)}) then ${e}`;
  });
  return branches.length ? sql`(case ${sql.join(branches, sql` `)} end)` : sql`null::float8`;
}

/** Each current self-scope report's indicator values (valueExpr), for the agency page's peers. */
const PEER_VALUE_COLUMNS = ROLLUP_INDICATORS.map((d) => sql.raw(`"${rollupColumnName(d.key, "v")}"`));

/** The dashboard_peer_values rows of the current self-scope reports matching `filter`, as (report_id, agency_id, year, level, kind, dept_type, values…). */
function peerValueRows(filter: SQL): SQL {
  return sql`
    select ${rf.reportId}, ${rf.agencyId}, ${rf.year}, ${agencies.level}, ${agencies.kind}, ${agencies.deptType}, ${sql.join(
      ROLLUP_INDICATORS.map((d) => peerValueExpr(d)),
      sql`, `,
    )}
    from ${rf} inner join ${agencies} on ${agencies.id} = ${rf.agencyId}
    where ${rf.isCurrent} and ${rf.scope} = 'self' and ${filter}`;
}

function insertPeerValues(filter: SQL, orderByGroup = false): SQL {
  return sql`
    insert into ${dashboardPeerValues} (report_id, agency_id, year, level, kind, dept_type, ${sql.join(PEER_VALUE_COLUMNS, sql`, `)})
    ${peerValueRows(filter)}
    ${orderByGroup ? sql`order by ${agencies.level}, ${agencies.deptType}, ${agencies.kind}, ${rf.year}` : sql``}`;
}

/**
 * `source` yields dashboard_peer_values rows with a `sign` column: 1 adds a row to the per-group
 * report counts and value distributions, −1 takes it out; one row out and its new version in
 * net to nothing where its value did not change, and groups nothing changed in are not touched. Each report counts in its (level,
 * kind) group and, when it has one, its (level, dept_type) group.
 *
 * A distribution row stores distinct values ascending with the running count ≤ each. The rows
 * of `source` become such a row per (year, group, indicator) — with signed counts — and merge
 * into the stored one: both unfold to (value, count) pairs, the counts are summed per value and
 * the running counts taken again. The merge is written in ON CONFLICT DO UPDATE, which sees the
 * stored row as the last committed writer left it (and holds its lock until commit), so
 * concurrent writes into one group never lose each other's change. Rows brought to zero stay
 * until dropEmptyPeerRows.
 */
/** An indicator key as an SQL literal (keys are letters, digits, dots and underscores). */
function keyLiteral(key: string): SQL {
  if (!/^[A-Za-z0-9_.]+$/.test(key)) throw new Error(`indicator key out of shape: ${key}`);
  return sql.raw(`'${key}'`);
}

function applyPeerRows(source: SQL, { inline = false, before }: { inline?: boolean; before?: SQL } = {}): SQL {
  const s = sql.raw("s");
  const values = sql.join(
    ROLLUP_INDICATORS.map((d) => sql`(${keyLiteral(d.key)}, ${s}.${sql.raw(`"${rollupColumnName(d.key, "v")}"`)})`),
    sql`, `,
  );
  const unfold = (t: SQL) => sql`select u.v, u.m - coalesce(lag(u.m) over (order by u.o), 0) c from unnest(${t}.vals, ${t}.at_most) with ordinality u(v, m, o)`;
  return sql`
    with ${before ? sql`${before}, ` : sql``}src as ${inline ? sql`not materialized ` : sql``}(${source}),
    g as (
      insert into ${dashboardPeerGroups} (year, level, basis, peer_key, reports)
      select ${s}.year, ${s}.level, b.basis, b.peer_key, sum(${s}.sign)::int
      from src ${s} cross join lateral (values ('kind', ${s}.kind::text), ('deptType', ${s}.dept_type)) b(basis, peer_key)
      where b.peer_key is not null
      group by 1, 2, 3, 4
      having sum(${s}.sign) <> 0
      on conflict (level, basis, peer_key, year) do update set reports = ${dashboardPeerGroups}.reports + excluded.reports
    ),
    vc as (
      select ${s}.year, ${s}.level, ${s}.kind::text kind, ${s}.dept_type, k.indicator, k.v, sum(${s}.sign) c
      from src ${s}
      cross join lateral (values ${values}) k(indicator, v)
      where k.v is not null
      group by 1, 2, 3, 4, 5, 6
      having sum(${s}.sign) <> 0
    ),
    c as (
      select year, level, 'kind' basis, kind peer_key, indicator, v, sum(c) c from vc group by 1, 2, 3, 4, 5, 6 having sum(c) <> 0
      union all
      select year, level, 'deptType', dept_type, indicator, v, sum(c) from vc where dept_type is not null group by 1, 2, 3, 4, 5, 6 having sum(c) <> 0
    )
    insert into ${dashboardPeerDists} (year, level, basis, peer_key, indicator, n, vals, at_most)
    select year, level, basis, peer_key, indicator, sum(c)::int, array_agg(v order by v), array_agg(m order by v)
    from (select *, (sum(c) over (partition by year, level, basis, peer_key, indicator order by v))::int m from c) w
    group by 1, 2, 3, 4, 5
    on conflict (level, basis, peer_key, indicator, year) do update set (n, vals, at_most) = (
      select coalesce(sum(c), 0)::int, coalesce(array_agg(v order by v), '{}'), coalesce(array_agg(m order by v), '{}')
      from (
        select v, sum(c) c, (sum(sum(c)) over (order by v))::int m
        from (${unfold(sql`${dashboardPeerDists}`)} union all ${unfold(sql`excluded`)}) z
        group by v
        having sum(c) <> 0
      ) w
    )`;
}

/** Drops the peer groups and distributions a write emptied (each found by a partial index). */
async function dropEmptyPeerRows(tx: Tx): Promise<void> {
  await tx.execute(sql`delete from ${dashboardPeerDists} where ${dashboardPeerDists.n} = 0`);
  await tx.execute(sql`delete from ${dashboardPeerGroups} where ${dashboardPeerGroups.reports} = 0`);
}

/**
 * Rebuilds the peer values of an agency's reports in some years, in `tx`, and moves them between
 * the peer distributions: the old rows out, the new ones in. Callers hold the (agency, year)
 * advisory lock of ingestion, so no other transaction changes those rows meanwhile; the shared
 * global lock keeps a full rebuild from running in between.
 */
export async function refreshPeerValues(tx: Tx, agencyId: string, years: readonly number[]): Promise<void> {
  if (!years.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${GLOBAL_LOCK})`);
  const inYears = (col: AnyColumn) => sql`${col} in (${sql.join(years.map((y) => sql`${y}::int`), sql`, `)})`;
  const mine = sql`${rf.agencyId} = ${agencyId} and ${inYears(rf.year)}`;
  // One statement moves the values: the old rows (deleted here) out, the new ones in. A value
  // that did not change nets to nothing, and a distribution no value of which changed is not
  // touched (a correction of one cell rewrites only the indicators that read it).
  const cols = sql.join([sql.raw("report_id"), sql.raw("agency_id"), sql.raw("year"), sql.raw("level"), sql.raw("kind"), sql.raw("dept_type"), ...PEER_VALUE_COLUMNS], sql`, `);
  await tx.execute(
    applyPeerRows(sql`select -1 sign, ${cols} from old union all select 1, * from (${peerValueRows(mine)}) n`, {
      before: sql`old as (delete from ${dashboardPeerValues} where ${dashboardPeerValues.agencyId} = ${agencyId} and ${inYears(dashboardPeerValues.year)} returning ${cols})`,
    }),
  );
  await tx.execute(insertPeerValues(mine));
  await dropEmptyPeerRows(tx);
  await bumpDashboardGeneration(tx);
}

/** The keys plus the year after each: coverage of Y+1 counts Y's reports as "expected". */
function coverageTargets(keys: readonly RollupKey[]): RollupKey[] {
  return rollupKeys(keys.flatMap((k) => [k, { year: k.year + 1, regionCode: k.regionCode }]));
}

const CHUNK = 2000;

/**
 * Rebuilds the rollups of these (year, region_code) pairs from the current reports, in `tx`.
 * Concurrent transactions touching the same pair queue on its advisory lock, and each rebuild
 * reads the data committed before it (read committed), so none double-counts or loses a report.
 */
export async function refreshRollups(tx: Tx, keys: readonly { year: number; regionCode: string | null }[]): Promise<void> {
  const unique = rollupKeys(keys);
  if (!unique.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${GLOBAL_LOCK})`);
  const targets = coverageTargets(unique);
  const lockNames = targets.map((k) => `dashboard_rollups:${k.year}:${k.regionCode}`);
  // One order for every transaction (by hash), so two refreshes never wait on each other in a cycle.
  // Names are "dashboard_rollups:<year>:<digits>": no quoting needed in the array literal.
  await tx.execute(sql`select count(pg_advisory_xact_lock(h)) from (select hashtext(x) h from unnest(${`{${lockNames.join(",")}}`}::text[]) x order by 1) s`);
  for (let i = 0; i < unique.length; i += CHUNK) {
    const part = unique.slice(i, i + CHUNK);
    await tx.execute(sql`delete from ${dashboardGroups} where ${rollupFilter(dashboardGroups, part)}`);
    await tx.execute(sql`delete from ${dashboardTopics} where ${rollupFilter(dashboardTopics, part)}`);
    await tx.execute(insertGroups(keyFilter(part)));
    await tx.execute(insertTopics(keyFilter(part)));
  }
  for (let i = 0; i < targets.length; i += CHUNK) {
    const part = targets.slice(i, i + CHUNK);
    await tx.execute(sql`delete from ${dashboardCoverage} where ${rollupFilter(dashboardCoverage, part)}`);
    await tx.execute(insertCoverage(keyRows(part)));
  }
  await bumpDashboardGeneration(tx);
}

/** Rebuilds every rollup from scratch (after a load that bypassed the mutations, or new indicator terms). */
export async function refreshAllRollupsInTx(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${GLOBAL_LOCK})`);
  await tx.execute(sql`delete from ${dashboardGroups} where true`);
  await tx.execute(sql`delete from ${dashboardTopics} where true`);
  await tx.execute(sql`delete from ${dashboardCoverage} where true`);
  await tx.execute(sql`delete from ${dashboardRollupsDirty} where true`);
  await tx.execute(sql`delete from ${dashboardPeerValues} where true`);
  await tx.execute(sql`delete from ${dashboardPeerGroups} where true`);
  await tx.execute(sql`delete from ${dashboardPeerDists} where true`);
  const all = keyFilter("all");
  await tx.execute(insertGroups(all));
  await tx.execute(insertTopics(all));
  // Stored in peer-group order, so a group's rows share pages (the page reads ~1/9 of them at 100k).
  await tx.execute(insertPeerValues(sql`true`, true));
  // Every report's 91 values grouped at once: room to hash them in memory (this transaction only).
  await tx.execute(sql`set local work_mem = '256MB'`);
  // Read twice rather than copied: a million wide rows spilled gigabytes to temporary files.
  await tx.execute(applyPeerRows(sql`select 1 sign, * from ${dashboardPeerValues}`, { inline: true }));
  const placed = sql`select distinct ${rf.year}, ${rf.regionCode} from ${rf} where ${rf.isCurrent} and ${rf.regionCode} is not null`;
  await tx.execute(insertCoverage(sql`select year, region_code from (${placed}) k(year, region_code) union select year + 1, region_code from (${placed}) k(year, region_code)`));
  await tx.execute(
    sql`insert into ${dashboardRollupState} (id, fingerprint) values (1, ${ROLLUP_FINGERPRINT})
        on conflict (id) do update set fingerprint = excluded.fingerprint, updated_at = now()`,
  );
  await bumpDashboardGeneration(tx);
}

/** Bulk loads: remember the pairs to rebuild once at the end of the load (refreshDirtyRollupsInTx). */
export async function markRollupsDirty(tx: Tx, keys: readonly { year: number; regionCode: string | null }[]): Promise<void> {
  const unique = rollupKeys(keys);
  if (!unique.length) return;
  await tx
    .insert(dashboardRollupsDirty)
    .values(unique.map((k) => ({ year: k.year, regionCode: k.regionCode })))
    .onConflictDoNothing();
  // The current reports changed already: pages that read them directly (agency page) must miss.
  await bumpDashboardGeneration(tx);
}

/** Rebuilds and clears the pairs bulk loads left dirty; returns how many. */
export async function refreshDirtyRollupsInTx(tx: Tx): Promise<number> {
  const dirty = await tx.delete(dashboardRollupsDirty).where(sql`true`).returning({ year: dashboardRollupsDirty.year, regionCode: dashboardRollupsDirty.regionCode });
  await refreshRollups(tx, dirty);
  return dirty.length;
}

/** The (year, region_code) pairs of an agency's reports in some years (all when omitted). */
export async function agencyRollupKeys(tx: Tx, agencyId: string, years?: readonly number[]): Promise<RollupKey[]> {
  const rows = await tx
    .selectDistinct({ year: rf.year, regionCode: rf.regionCode })
    .from(rf)
    .where(sql`${rf.agencyId} = ${agencyId}${years ? sql` and ${rf.year} in (${sql.join(years.map((y) => sql`${y}::int`), sql`, `)})` : sql``}`);
  return rollupKeys(rows);
}
