/**
 * The figures behind a comparison: agencies from the URL (ids, government admin codes, peer
 * groups) resolved and checked, then one current *published* report per agency and year, reading
 * only the cells the chosen indicators need; lib/export/comparison computes values and medians.
 *
 * Scope (db/AGENTS.md): published figures are public records for every signed-in user; drafts
 * and submissions are never current and are excluded again by status, so neither the page nor an
 * export can carry data the viewer may not see.
 */
import "server-only";
import { cachedDashboardRead } from "../dashboard/_cache";
import { and, asc, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { toIndicatorCells } from "../../../lib/indicators";
import {
  compareError,
  formatAgencyRef,
  formatGroupKey,
  maxSeries,
  tooManySeries,
  YEAR_MAX,
  YEAR_MIN,
  type CompareError,
  type CompareParams,
  type CompareResult,
  type PeerGroupKey,
} from "../../../lib/export/compare-params";
import { computeComparison, neededCellKeys, needsPreviousYear, type CompareAgency, type CompareGroup, type CompareReportRow, type Comparison } from "../../../lib/export/comparison";
import { groupLabel } from "../../../lib/export/group-label";
import { AccessDeniedError, type Ctx } from "../../context";
import { agencies, figureColumn, findings, regions, reportFigures as rf, reports } from "../../schema";

export interface GetComparisonOptions {
  ctx: Ctx;
  input: { params: CompareParams };
}

/** Every signed-in user (and the system) may read published figures; anything else is refused. */
export function assertSignedIn(ctx: Ctx): void {
  const v = (ctx as Partial<Ctx> | undefined)?.viewer;
  if (!v || (v.kind !== "user" && v.kind !== "system")) throw new AccessDeniedError();
}

const agencyColumns = {
  id: agencies.id,
  name: agencies.name,
  adminCode: agencies.regionCode,
  kind: agencies.kind,
  level: agencies.level,
  deptType: agencies.deptType,
};

/** The next string after every string starting with `prefix` (digits): "5202" → "5203". */
function prefixUpperBound(prefix: string): string {
  return String(Number(prefix) + 1).padStart(prefix.length, "0");
}

function groupWhere(g: PeerGroupKey): SQL {
  return and(
    eq(agencies.reviewStatus, "active"),
    eq(agencies.kind, g.kind),
    g.level ? eq(agencies.level, g.level) : undefined,
    g.deptType ? eq(agencies.deptType, g.deptType) : undefined,
    // A key range rather than LIKE: index-friendly under any collation.
    g.regionPrefix ? and(gte(agencies.regionCode, g.regionPrefix), lt(agencies.regionCode, prefixUpperBound(g.regionPrefix))) : undefined,
  )!;
}

const GROUP_MEMBER_LIMIT = 1000;

async function resolveAgencies(ctx: Ctx, params: CompareParams): Promise<CompareResult<{ agencies: CompareAgency[]; groups: CompareGroup[] }>> {
  const ids = params.agencies.flatMap((a) => (a.type === "id" ? [a.id] : []));
  const codes = params.agencies.flatMap((a) => (a.type === "code" ? [a.code] : []));
  const [byId, byCode] = await Promise.all([
    ids.length ? ctx.db.select(agencyColumns).from(agencies).where(inArray(agencies.id, ids)) : Promise.resolve([]),
    codes.length
      ? ctx.db
          .select(agencyColumns)
          .from(agencies)
          .innerJoin(regions, eq(regions.adminCode, agencies.regionCode))
          .where(and(eq(agencies.kind, "government"), inArray(agencies.regionCode, codes)))
          // The region's own government (ingest names it "<region>人民政府", at the region's level) before any other.
          .orderBy(
            asc(agencies.regionCode),
            sql`case when ${agencies.nameNorm} = ${regions.name} || '人民政府' then 0 else 1 end`,
            sql`case when ${agencies.level} = ${regions.level} then 0 else 1 end`,
            asc(agencies.name),
          )
      : Promise.resolve([]),
  ]);
  const idMap = new Map(byId.map((a) => [a.id, a]));
  const codeMap = new Map<string, CompareAgency>();
  for (const a of byCode) if (a.adminCode && !codeMap.has(a.adminCode)) codeMap.set(a.adminCode, a);

  const unknown = params.agencies.filter((a) => (a.type === "id" ? !idMap.has(a.id) : !codeMap.has(a.code))).map(formatAgencyRef);
  if (unknown.length > 0) {
    return {
      ok: false,
      error: compareError(
        "unknown_agency",
        `找不到机关：${unknown.join("、")}。机关编号可能有误，或该行政区划代码下没有人民政府。`,
        `No such agency: ${unknown.join(", ")}. The id may be wrong, or no government is registered under that admin code.`,
        { param: "agency", values: unknown },
      ),
    };
  }

  const out: CompareAgency[] = [];
  const seen = new Set<string>();
  const push = (a: CompareAgency) => {
    if (!seen.has(a.id)) {
      seen.add(a.id);
      out.push(a);
    }
  };
  for (const ref of params.agencies) push(ref.type === "id" ? idMap.get(ref.id)! : codeMap.get(ref.code)!);

  const prefixes = [...new Set(params.groups.flatMap((g) => (g.regionPrefix ? [g.regionPrefix.padEnd(6, "0")] : [])))];
  const regionNames = new Map(
    prefixes.length ? (await ctx.db.select({ code: regions.adminCode, name: regions.name }).from(regions).where(inArray(regions.adminCode, prefixes))).map((r) => [r.code, r.name]) : [],
  );
  const groups: CompareGroup[] = [];
  for (const g of params.groups) {
    const members = await ctx.db
      .select(agencyColumns)
      .from(agencies)
      .where(groupWhere(g))
      .orderBy(asc(agencies.regionCode), asc(agencies.level), asc(agencies.name))
      .limit(GROUP_MEMBER_LIMIT);
    const regionName = g.regionPrefix ? (regionNames.get(g.regionPrefix.padEnd(6, "0")) ?? g.regionPrefix) : null;
    const key = formatGroupKey(g);
    if (members.length === 0) {
      const label = groupLabel(g, regionName);
      return {
        ok: false,
        error: compareError("empty_group", `同类组“${label.zh}”（${key}）中没有机关。`, `The peer group "${label.en}" (${key}) has no agencies.`, {
          param: "group",
          values: [key],
        }),
      };
    }
    groups.push({ key, label: groupLabel(g, regionName), memberIds: members.map((m) => m.id) });
    for (const m of members) push(m);
  }
  if (out.length > maxSeries(params.view)) return { ok: false, error: tooManySeries(out.length, params.view) };
  return { ok: true, value: { agencies: out, groups } };
}

async function getComparisonUncached({ ctx, input }: GetComparisonOptions): Promise<CompareResult<Comparison>> {
  assertSignedIn(ctx);
  const { params } = input;
  const resolved = await resolveAgencies(ctx, params);
  if (!resolved.ok) return resolved;
  const { agencies: list, groups } = resolved.value;
  const ids = list.map((a) => a.id);
  const published = and(eq(rf.isCurrent, true), eq(reports.status, "published"), ids.length ? inArray(rf.agencyId, ids) : sql`false`)!;

  let years: number[] = [];
  if (params.years) {
    for (let y = params.years.from; y <= params.years.to; y += 1) years.push(y);
  } else if (ids.length > 0) {
    const [span] = await ctx.db
      .select({ min: sql`min(${rf.year})`.mapWith(Number), max: sql`max(${rf.year})`.mapWith(Number) })
      .from(rf)
      .innerJoin(reports, eq(reports.id, rf.reportId))
      .where(and(published, gte(rf.year, YEAR_MIN), lte(rf.year, YEAR_MAX)));
    if (span && Number.isFinite(span.min) && Number.isFinite(span.max) && span.min > 0) {
      for (let y = span.min; y <= span.max; y += 1) years.push(y);
    }
  }
  years = years.filter((y) => y >= YEAR_MIN && y <= YEAR_MAX);

  let rows: CompareReportRow[] = [];
  const first = years[0];
  const last = years[years.length - 1];
  if (ids.length > 0 && first !== undefined && last !== undefined) {
    const keys = neededCellKeys(params.indicators);
    const from = needsPreviousYear(params.indicators) ? first - 1 : first;
    const cellSelect = Object.fromEntries(keys.map((k, i) => [`c${i}`, figureColumn(k)]));
    const raw = await ctx.db
      .select({
        agencyId: rf.agencyId,
        reportId: rf.reportId,
        year: rf.year,
        scope: rf.scope,
        formatVersion: rf.formatVersion,
        // Findings of published reports are public (db/AGENTS.md): every figure of a report with errors is marked.
        errorFindings: sql`(select count(*) from ${findings} where ${findings.reportId} = ${rf.reportId} and ${findings.severity} = 'error')::int`.mapWith(Number),
        correctedCells: sql<string[]>`array(select jsonb_object_keys(${reports.corrections}))`,
        ...cellSelect,
      })
      .from(rf)
      .innerJoin(reports, eq(reports.id, rf.reportId))
      .where(and(published, gte(rf.year, from), lte(rf.year, last)));
    rows = raw.map((r) => {
      // The dynamic c0…cN columns: integers as numbers, money as decimal strings (report_figures).
      const values = r as unknown as Record<string, number | string | null>;
      return {
        agencyId: r.agencyId,
        reportId: r.reportId,
        year: r.year,
        scope: r.scope,
        formatVersion: r.formatVersion,
        errorFindings: r.errorFindings,
        correctedCells: r.correctedCells ?? [],
        cells: toIndicatorCells(Object.fromEntries(keys.map((k, i) => [k, values[`c${i}`] ?? null]))),
      };
    });
  }
  return { ok: true, value: computeComparison({ params, years, agencies: list, groups, reports: rows }) };
}

export type { CompareError };

/** getComparison through the dashboards' shared cache (_cache.ts): published data only, kept per generation. */
export function getComparison(options: GetComparisonOptions): Promise<CompareResult<Comparison>> {
  return cachedDashboardRead(options.ctx, { name: "getComparison", scope: "published", input: options.input }, () => getComparisonUncached(options));
}
