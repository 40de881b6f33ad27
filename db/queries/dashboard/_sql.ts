/**
 * SQL pieces shared by the dashboard queries: per-indicator sums over report_figures (one wide
 * row per report), region subtrees as key ranges, and the signed-in check. Sums follow
 * lib/indicators aggregateIndicator exactly: only scope "self" reports, only formats the indicator
 * is defined for, and a report with any needed cell null is left out of numerator and denominator.
 */
import "server-only";
import { and, eq, gte, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { IndicatorSums } from "../../../lib/charts/sums";
import { FORMAT_VERSIONS, type FormatVersion } from "../../../lib/catalog";
import { getIndicator, type IndicatorDef, type IndicatorTerms } from "../../../lib/indicators";
import { adminCodeLevel, ADMIN_CODE_PATTERN } from "../../../lib/regions/levels";
import { regionPrefix } from "../../../lib/regions/scope";
import { AccessDeniedError, type Ctx } from "../../context";
import { figureColumn, reportFigures } from "../../schema";

const rf = reportFigures;

/** Published figures are visible to every signed-in user (db/AGENTS.md); a Ctx without a viewer is refused. */
export function assertViewer(ctx: Ctx): void {
  const v = (ctx as Partial<Ctx> | undefined)?.viewer;
  if (!v || (v.kind !== "user" && v.kind !== "system")) throw new AccessDeniedError();
}

export const adminCodeSchemaPattern = ADMIN_CODE_PATTERN;

/** The next string after every string starting with `prefix` (digits only): "5202" → "5203". */
function prefixUpperBound(prefix: string): string {
  const n = String(Number(prefix) + 1);
  return n.padStart(prefix.length, "0");
}

/**
 * `column` lies in the region subtree of `rootCode` (520000 → codes starting 52). A key range
 * rather than LIKE, so the (region_code, year) index serves it under any collation.
 */
export function inRegion(column: AnyColumn, rootCode: string): SQL {
  if (rootCode.length === 9) return eq(column, rootCode);
  const prefix = regionPrefix(rootCode);
  return and(gte(column, prefix), lt(column, prefixUpperBound(prefix)))!;
}

/**
 * The child-region key of a report's region code under `rootCode`: 市州 under the province,
 * county under a 市州, township (or the county itself) under a county. A key equal to the root
 * means the root's own agencies (本级).
 */
export function childRegionKey(rootCode: string, column: AnyColumn = rf.regionCode): SQL<string> {
  switch (adminCodeLevel(rootCode)) {
    case "province":
      return sql<string>`(left(${column}, 4) || '00')`;
    case "prefecture":
      return sql<string>`left(${column}, 6)`;
    default:
      return sql<string>`${column}`;
  }
}

export const lit = (f: FormatVersion) => sql.raw(`'${f}'`);

function cells(keys: readonly string[]): SQL[] {
  return keys.map((k) => sql`${figureColumn(k)}`);
}

/** Report counts for the indicator in format f: self scope, that format, every needed cell present. */
function condition(t: IndicatorTerms, f: FormatVersion): SQL {
  const keys = [...t.numerator, ...(t.numeratorMinus ?? []), ...(t.denominator ?? [])];
  const notNull = keys.map((k) => sql`${figureColumn(k)} is not null`);
  return sql.join([sql`${rf.formatVersion} = ${lit(f)}`, sql`${rf.scope} = 'self'`, ...notNull], sql` and `);
}

export function numeratorExpr(t: IndicatorTerms): SQL {
  const plus = sql.join(cells(t.numerator), sql` + `);
  const minus = t.numeratorMinus?.length ? sql` - (${sql.join(cells(t.numeratorMinus), sql` + `)})` : sql``;
  return sql`(${plus}${minus})`;
}

export function denominatorExpr(t: IndicatorTerms): SQL | null {
  return t.denominator ? sql`(${sql.join(cells(t.denominator), sql` + `)})` : null;
}

function formatsOf(def: IndicatorDef): { f: FormatVersion; t: IndicatorTerms }[] {
  return FORMAT_VERSIONS.flatMap((f) => {
    const t = def.terms[f];
    return t ? [{ f, t }] : [];
  });
}

/** CASE over the formats: the per-report term, null where the report is left out. */
function perReport(def: IndicatorDef, pick: (t: IndicatorTerms) => SQL | null): SQL | null {
  const branches = formatsOf(def).flatMap(({ f, t }) => {
    const e = pick(t);
    return e ? [sql`when ${condition(t, f)} then ${e}`] : [];
  });
  return branches.length ? sql`(case ${sql.join(branches, sql` `)} end)` : null;
}

export function hasDenominator(def: IndicatorDef): boolean {
  return formatsOf(def).some(({ t }) => t.denominator !== null);
}

/** The formats of an indicator grouped by identical terms (most indicators: one group for both). */
export function termGroups(def: IndicatorDef): { formats: FormatVersion[]; t: IndicatorTerms }[] {
  const groups = new Map<string, { formats: FormatVersion[]; t: IndicatorTerms }>();
  for (const { f, t } of formatsOf(def)) {
    const id = JSON.stringify([t.numerator, t.numeratorMinus ?? [], t.denominator]);
    const g = groups.get(id);
    if (g) g.formats.push(f);
    else groups.set(id, { formats: [f], t });
  }
  return [...groups.values()];
}

const toNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Select fields summing one indicator over rows grouped by (…, format_version, scope); read back
 * with readSums. A report with any needed cell null drops out of numerator, denominator and count
 * alike: in SQL `n + d` is null as soon as one cell is, so no per-cell IS NOT NULL chain is needed
 * (which made the sums ten times slower). Formats whose terms differ get their own FILTER.
 */
export function sumFields(def: IndicatorDef, alias: string): Record<string, SQL> {
  const out: Record<string, SQL> = {};
  termGroups(def).forEach(({ formats, t }, j) => {
    const n = numeratorExpr(t);
    const d = denominatorExpr(t);
    const only = formats.length === FORMAT_VERSIONS.length ? null : sql`${rf.formatVersion} in (${sql.join(formats.map(lit), sql`, `)})`;
    const filter = only ? sql` filter (where ${only})` : sql``;
    if (d) {
      out[`${alias}_${j}_n`] = sql`(sum(case when ${d} is not null then ${n} end)${filter})::float8`.mapWith(toNum);
      out[`${alias}_${j}_d`] = sql`(sum(case when ${n} is not null then ${d} end)${filter})::float8`.mapWith(toNum);
      out[`${alias}_${j}_c`] = sql`(count(${n} + ${d})${filter})::int`.mapWith(Number);
    } else {
      out[`${alias}_${j}_n`] = sql`(sum(${n})${filter})::float8`.mapWith(toNum);
      out[`${alias}_${j}_c`] = sql`(count(${n})${filter})::int`.mapWith(Number);
    }
  });
  return out;
}

/** Adds one (…, format_version, scope = self) group row's sums for the indicator into `into`. */
export function addSums(def: IndicatorDef, alias: string, row: Record<string, unknown>, format: FormatVersion, into: IndicatorSums): IndicatorSums {
  const j = termGroups(def).findIndex((g) => g.formats.includes(format));
  if (j < 0) return into;
  const c = Number(row[`${alias}_${j}_c`] ?? 0);
  if (!c) return into;
  const n = toNum(row[`${alias}_${j}_n`]);
  const d = toNum(row[`${alias}_${j}_d`]);
  return {
    numerator: n === null ? into.numerator : (into.numerator ?? 0) + n,
    denominator: d === null ? into.denominator : (into.denominator ?? 0) + d,
    byFormat: { ...into.byFormat, [format]: into.byFormat[format] + c },
  };
}

/** One report's value of the indicator (rates as fractions), null where left out or the denominator is 0. */
export function valueExpr(def: IndicatorDef): SQL<number | null> {
  const num = perReport(def, numeratorExpr)!;
  const den = perReport(def, denominatorExpr);
  let e: SQL;
  switch (def.kind) {
    case "count":
    case "amount":
      e = sql`${num}::float8`;
      break;
    case "rate":
    case "ratio":
      e = sql`${num}::float8 / nullif(${den}, 0)`;
      break;
    case "per100":
      e = sql`100.0 * ${num}::float8 / nullif(${den}, 0)`;
      break;
    case "growth":
      e = sql`${num}::float8 / nullif(${den}, 0) - 1`;
      break;
  }
  return sql<number | null>`(${e})`.mapWith((v: unknown) => (v === null ? null : Number(v)));
}

export function indicatorDefs(keys: readonly string[]): IndicatorDef[] {
  return keys.map((k) => getIndicator(k));
}

/** Short, SQL-safe aliases for result fields (indicator keys contain dots). */
export function aliasOf(i: number): string {
  return `i${i}`;
}

/**
 * A result row read by field name. Drizzle types rows from the select object, which loses the
 * field names we build at run time (i0_n, c3…); every row is still a plain object keyed by them.
 */
export function dynamicRow(row: object): Record<string, unknown> {
  return row as Record<string, unknown>;
}

const toNumberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** One report's numerator of the indicator, null where the report is left out. */
export function numeratorOnly(def: IndicatorDef): SQL<number | null> {
  return sql<number | null>`(${perReport(def, numeratorExpr)})::float8`.mapWith(toNumberOrNull);
}

/** One report's denominator, null where left out or the indicator has none. */
export function denominatorOnly(def: IndicatorDef): SQL<number | null> {
  const den = perReport(def, denominatorExpr);
  return (den ? sql<number | null>`(${den})::float8` : sql<number | null>`null::float8`).mapWith(toNumberOrNull);
}
