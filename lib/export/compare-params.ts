/**
 * The comparison's whole state as a query string, shared by the /compare page and the export
 * endpoints (/api/export/chart, /api/export/data), so a link, a chart and its download always show
 * the same thing. Pure: agencies are only checked for shape here; db/queries/compare resolves them
 * and reports unknown ones with the same error type.
 *
 *   agency=<agency uuid | 6-digit admin code of a government>   (repeatable)
 *   group=<kind>:<level>:<region>[:<dept_type>]                  (repeatable; "*" = any)
 *   year=2021-2024 | year=2023                                   (default: every year with data)
 *   indicator=<lib/indicators key>                               (repeatable; default refusal_rate)
 *   view=bars | lines | multiples | ranking                       (default bars)
 *   flagged=exclude                                              (leave out reports with error findings)
 */
import { z } from "zod";
import { INDICATOR_BY_KEY } from "../indicators";
import type { Lang } from "../i18n";

export const COMPARE_VIEWS = ["bars", "lines", "multiples", "ranking"] as const;
export type CompareView = (typeof COMPARE_VIEWS)[number];

export const GROUP_KINDS = ["government", "department", "dev_zone", "township", "other"] as const;
export const GROUP_LEVELS = ["province", "prefecture", "county", "township"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export type GroupLevel = (typeof GROUP_LEVELS)[number];

export const YEAR_MIN = 2019;
export const YEAR_MAX = 2030;
/** Series (agencies) per chart; more cannot be read and makes exports huge. */
export const MAX_SERIES = 50;
/** A ranking (one bar per agency, one year) reads well for a whole peer group: all 88 county governments. */
export const MAX_RANKING_SERIES = 1000;

/** The most series a view can draw. */
export function maxSeries(view: CompareView): number {
  return view === "ranking" ? MAX_RANKING_SERIES : MAX_SERIES;
}
export const MAX_INDICATORS = 8;
/** Repeated params beyond this are refused before any parsing work (hostile URLs). */
const MAX_REPEATS = 200;
export const DEFAULT_INDICATOR = "refusal_rate";
export const DEFAULT_VIEW: CompareView = "bars";

export const COMPARE_ERROR_CODES = [
  "no_agencies",
  "invalid_agency",
  "unknown_agency",
  "invalid_group",
  "empty_group",
  "invalid_year",
  "year_out_of_range",
  "years_reversed",
  "unknown_indicator",
  "too_many_indicators",
  "too_many_series",
  "invalid_view",
  "invalid_format",
  "invalid_flagged",
] as const;
export type CompareErrorCode = (typeof COMPARE_ERROR_CODES)[number];

/** A problem with the request, said in both languages; the export endpoints answer it as a 400. */
export interface CompareError {
  code: CompareErrorCode;
  message: { zh: string; en: string };
  /** The query parameter at fault. */
  param?: string;
  /** The offending values, as given. */
  values?: string[];
}

export type CompareResult<T> = { ok: true; value: T } | { ok: false; error: CompareError };

export function compareError(code: CompareErrorCode, zh: string, en: string, extra: Pick<CompareError, "param" | "values"> = {}): CompareError {
  return { code, message: { zh, en }, ...extra };
}

/** "中文。 English." — the JSON error body carries both languages in one message. */
export function errorMessage(error: CompareError, lang?: Lang): string {
  return lang ? error.message[lang] : `${error.message.zh} ${error.message.en}`;
}

// ───────────────────────────── agencies and groups ─────────────────────────────

export type AgencyRef = { type: "id"; id: string } | { type: "code"; code: string };

const agencyIdSchema = z.uuid();
/** A government's region: 6 digits (province, prefecture, county) or 9 (township). */
const adminCodeSchema = z.string().regex(/^[0-9]{6}([0-9]{3})?$/);

export function parseAgencyRef(raw: string): AgencyRef | null {
  const s = raw.trim();
  if (agencyIdSchema.safeParse(s).success) return { type: "id", id: s.toLowerCase() };
  if (adminCodeSchema.safeParse(s).success) return { type: "code", code: s };
  return null;
}

export function formatAgencyRef(ref: AgencyRef): string {
  return ref.type === "id" ? ref.id : ref.code;
}

/** A peer group: every agency of a kind, optionally of one level, region subtree and department type. */
export interface PeerGroupKey {
  kind: GroupKind;
  level: GroupLevel | null;
  /** Region code prefix (2, 4, 6 or 9 digits): "5202" = 六盘水市 and everything in it. */
  regionPrefix: string | null;
  deptType: string | null;
}

const groupSchema = z.object({
  kind: z.enum(GROUP_KINDS),
  level: z.enum(GROUP_LEVELS).nullable(),
  regionPrefix: z
    .string()
    .regex(/^[0-9]{2}([0-9]{2}){0,2}$|^[0-9]{9}$/)
    .nullable(),
  deptType: z.string().min(1).max(20).nullable(),
});

/** 520000 → 52, 520200 → 5202, 520281 → 520281; shorter even-length prefixes are kept. */
export function regionPrefixOf(code: string): string {
  if (code.length === 6) {
    if (code.endsWith("0000")) return code.slice(0, 2);
    if (code.endsWith("00")) return code.slice(0, 4);
  }
  return code;
}

export function parseGroupKey(raw: string): PeerGroupKey | null {
  const parts = raw.trim().split(":");
  if (parts.length < 1 || parts.length > 4) return null;
  const [kind, level, region, dept] = parts.map((p) => (p === undefined || p === "" || p === "*" ? null : p.trim()));
  const parsed = groupSchema.safeParse({
    kind,
    level: level ?? null,
    regionPrefix: region ? regionPrefixOf(region) : null,
    deptType: dept ?? null,
  });
  return parsed.success ? parsed.data : null;
}

/** Canonical key: trailing wildcards dropped ("department:*:*:自然资源", "government:county:5202"). */
export function formatGroupKey(g: PeerGroupKey): string {
  const parts = [g.kind, g.level ?? "*", g.regionPrefix ?? "*", g.deptType ?? "*"];
  while (parts.length > 1 && parts[parts.length - 1] === "*") parts.pop();
  return parts.join(":");
}

// ───────────────────────────── the whole state ─────────────────────────────

export interface YearRange {
  from: number;
  to: number;
}

export interface CompareParams {
  agencies: AgencyRef[];
  groups: PeerGroupKey[];
  /** Null: every year with data (resolved by the query). */
  years: YearRange | null;
  indicators: string[];
  view: CompareView;
  /** Leave out the figures of reports with error findings (default: show them, marked). */
  excludeFlagged: boolean;
}

/** Anything a page's searchParams or a URL gives. */
export type RawSearch = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

export function getAll(search: RawSearch, name: string): string[] {
  if (search instanceof URLSearchParams) return search.getAll(name);
  const v = search[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Splits "a,b" as well as repeated params, drops blanks. */
function values(search: RawSearch, name: string): string[] {
  return getAll(search, name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

const yearSchema = z.coerce.number().int();

export function parseYearRange(raw: string): CompareResult<YearRange> {
  const m = /^\s*(\d{4})\s*(?:[-–—~]\s*(\d{4}))?\s*$/.exec(raw);
  if (!m) {
    return {
      ok: false,
      error: compareError("invalid_year", `年份“${raw}”无法识别，请写成 2021-2024 或 2023。`, `Year "${raw}" is not understood: write 2021-2024 or 2023.`, { param: "year", values: [raw] }),
    };
  }
  const from = yearSchema.parse(m[1]);
  const to = m[2] === undefined ? from : yearSchema.parse(m[2]);
  for (const y of [from, to]) {
    if (y < YEAR_MIN || y > YEAR_MAX) {
      return {
        ok: false,
        error: compareError(
          "year_out_of_range",
          `年份 ${y} 超出范围：请选择 ${YEAR_MIN}–${YEAR_MAX} 年之间的年份。`,
          `Year ${y} is out of range: choose years between ${YEAR_MIN} and ${YEAR_MAX}.`,
          { param: "year", values: [raw] },
        ),
      };
    }
  }
  if (from > to) {
    return {
      ok: false,
      error: compareError("years_reversed", `年份范围 ${raw} 起止颠倒：请写成 ${to}-${from}。`, `Year range ${raw} is reversed: write ${to}-${from}.`, {
        param: "year",
        values: [raw],
      }),
    };
  }
  return { ok: true, value: { from, to } };
}

export function yearsOf(range: YearRange): number[] {
  const out: number[] = [];
  for (let y = range.from; y <= range.to; y += 1) out.push(y);
  return out;
}

export function formatYearRange(range: YearRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

/**
 * Parses and checks the comparison parameters. Every problem is reported as a CompareError with
 * a message in both languages; the first one found wins. No agency at all is not an error here
 * (the page shows its picker); the export endpoints call requireSeries.
 */
export function parseCompareParams(search: RawSearch): CompareResult<CompareParams> {
  for (const name of ["agency", "group", "indicator", "year", "view", "flagged"]) {
    if (getAll(search, name).length > MAX_REPEATS) {
      return { ok: false, error: compareError("too_many_series", `参数 ${name} 重复次数过多。`, `Too many "${name}" parameters.`, { param: name }) };
    }
  }

  const agencyRaw = values(search, "agency");
  const badAgencies = agencyRaw.filter((a) => parseAgencyRef(a) === null);
  if (badAgencies.length > 0) {
    return {
      ok: false,
      error: compareError(
        "invalid_agency",
        `无法识别的机关：${badAgencies.join("、")}。请使用机关编号（UUID）或人民政府的6位行政区划代码（如 520281）。`,
        `Unrecognised agency: ${badAgencies.join(", ")}. Use the agency id (a UUID) or, for a government, its 6-digit admin code (e.g. 520281).`,
        { param: "agency", values: badAgencies },
      ),
    };
  }
  const agencies = dedupe(
    agencyRaw.map((a) => parseAgencyRef(a)!),
    formatAgencyRef,
  );

  // Group keys may contain Chinese department types but never commas, so split like the rest.
  const groupRaw = values(search, "group");
  const badGroups = groupRaw.filter((g) => parseGroupKey(g) === null);
  if (badGroups.length > 0) {
    return {
      ok: false,
      error: compareError(
        "invalid_group",
        `无法识别的同类组：${badGroups.join("、")}。格式为 类型:层级:地区代码[:部门类别]，如 government:county:5202 或 department:*:*:自然资源。`,
        `Unrecognised peer group: ${badGroups.join(", ")}. The format is kind:level:region[:dept_type], e.g. government:county:5202 or department:*:*:自然资源.`,
        { param: "group", values: badGroups },
      ),
    };
  }
  const groups = dedupe(
    groupRaw.map((g) => parseGroupKey(g)!),
    formatGroupKey,
  );

  const yearRaw = values(search, "year");
  let years: YearRange | null = null;
  if (yearRaw.length > 1) {
    return {
      ok: false,
      error: compareError("invalid_year", "只能给出一个年份或一个年份范围（如 2021-2024）。", "Give one year or one range of years (e.g. 2021-2024).", {
        param: "year",
        values: yearRaw,
      }),
    };
  }
  if (yearRaw[0] !== undefined) {
    const r = parseYearRange(yearRaw[0]);
    if (!r.ok) return r;
    years = r.value;
  }

  const indicatorRaw = dedupe(values(search, "indicator"), (k) => k);
  const unknown = indicatorRaw.filter((k) => !INDICATOR_BY_KEY.has(k));
  if (unknown.length > 0) {
    return {
      ok: false,
      error: compareError(
        "unknown_indicator",
        `未知指标：${unknown.join("、")}。可用的指标见 README“Exports”一节（如 refusal_rate）。`,
        `Unknown indicator: ${unknown.join(", ")}. The README section "Exports" lists the keys (e.g. refusal_rate).`,
        { param: "indicator", values: unknown },
      ),
    };
  }
  if (indicatorRaw.length > MAX_INDICATORS) {
    return {
      ok: false,
      error: compareError(
        "too_many_indicators",
        `一次最多比较 ${MAX_INDICATORS} 个指标（当前 ${indicatorRaw.length} 个）。`,
        `Compare at most ${MAX_INDICATORS} indicators at once (got ${indicatorRaw.length}).`,
        { param: "indicator" },
      ),
    };
  }
  const indicators = indicatorRaw.length > 0 ? indicatorRaw : [DEFAULT_INDICATOR];

  const viewRaw = values(search, "view");
  const view = viewRaw[0] ?? DEFAULT_VIEW;
  const parsedView = z.enum(COMPARE_VIEWS).safeParse(view);
  if (!parsedView.success || viewRaw.length > 1) {
    return {
      ok: false,
      error: compareError(
        "invalid_view",
        `未知的图表类型“${viewRaw.join(",")}”：可选 bars（分组柱状图）、lines（趋势线）、multiples（分面小图）、ranking（排名）。`,
        `Unknown view "${viewRaw.join(",")}": choose bars, lines, multiples or ranking.`,
        { param: "view", values: viewRaw },
      ),
    };
  }

  const flaggedRaw = values(search, "flagged");
  if (flaggedRaw.some((f) => f !== "exclude" && f !== "include")) {
    return {
      ok: false,
      error: compareError("invalid_flagged", `flagged 参数只能是 include（标出有错误年报的数字）或 exclude（排除这些年报）。`, `flagged must be include (mark figures from reports with errors) or exclude (leave those reports out).`, {
        param: "flagged",
        values: flaggedRaw,
      }),
    };
  }
  const excludeFlagged = flaggedRaw[0] === "exclude";

  if (agencies.length > maxSeries(parsedView.data)) return { ok: false, error: tooManySeries(agencies.length, parsedView.data) };
  return { ok: true, value: { agencies, groups, years, indicators, view: parsedView.data, excludeFlagged } };
}

export function tooManySeries(n: number, view: CompareView = DEFAULT_VIEW): CompareError {
  if (view === "ranking") {
    return compareError(
      "too_many_series",
      `对比对象过多：共 ${n} 个机关，排名最多 ${MAX_RANKING_SERIES} 个。请缩小同类组（如限定地区或层级）。`,
      `Too many series: ${n} agencies, a ranking takes at most ${MAX_RANKING_SERIES}. Narrow the peer group (region or level).`,
      { param: "agency" },
    );
  }
  return compareError(
    "too_many_series",
    `对比对象过多：共 ${n} 个机关，柱状图、趋势线和分面小图每张最多 ${MAX_SERIES} 个。请改用“排名”（view=ranking，可排列整组机关），或缩小同类组、减少机关。`,
    `Too many series: ${n} agencies; bars, lines and small multiples take at most ${MAX_SERIES}. Use the ranking (view=ranking, which ranks a whole group), or narrow the peer group or remove agencies.`,
    { param: "agency" },
  );
}

/** The export endpoints need something to export. */
export function requireSeries(params: CompareParams): CompareError | null {
  if (params.agencies.length === 0 && params.groups.length === 0) {
    return compareError(
      "no_agencies",
      "未选择机关：请至少给出一个 agency=（机关编号或行政区划代码）或 group=（同类组）参数。",
      "No agency selected: give at least one agency= (agency id or admin code) or group= (peer group) parameter.",
      { param: "agency" },
    );
  }
  return null;
}

/** The canonical query string of a state (stable order; what links and downloads use). */
export function compareSearchParams(params: CompareParams, extra: Readonly<Record<string, string>> = {}): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) q.append(k, v);
  for (const a of params.agencies) q.append("agency", formatAgencyRef(a));
  for (const g of params.groups) q.append("group", formatGroupKey(g));
  if (params.years) q.append("year", formatYearRange(params.years));
  for (const i of params.indicators) q.append("indicator", i);
  q.append("view", params.view);
  if (params.excludeFlagged) q.append("flagged", "exclude");
  return q;
}

export function compareQueryString(params: CompareParams, extra: Readonly<Record<string, string>> = {}): string {
  return compareSearchParams(params, extra).toString();
}

// ───────────────────────────── export parameters ─────────────────────────────

export const CHART_FORMATS = ["png", "svg"] as const;
export const DATA_FORMATS = ["csv", "xlsx"] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];
export type DataFormat = (typeof DATA_FORMATS)[number];

export function parseFormat<F extends string>(search: RawSearch, allowed: readonly F[]): CompareResult<F> {
  const raw = getAll(search, "format")[0] ?? "";
  const found = allowed.find((f) => f === raw);
  if (found !== undefined) return { ok: true, value: found };
  return {
    ok: false,
    error: compareError(
      "invalid_format",
      `未知的导出格式“${raw}”：可选 ${allowed.join("、")}。`,
      `Unknown export format "${raw}": choose ${allowed.join(" or ")}.`,
      { param: "format", values: [raw] },
    ),
  };
}

/** `indicator=` of one chart within the view (the export of one chart of several); default the first. */
export function chartIndicator(search: RawSearch, params: CompareParams): string {
  const chart = getAll(search, "chart")[0];
  return chart !== undefined && params.indicators.includes(chart) ? chart : (params.indicators[0] ?? DEFAULT_INDICATOR);
}
