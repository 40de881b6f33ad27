import type { Metadata } from "next";
import Link from "next/link";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { PageHeader } from "@/app/_components/page-header";
import { sectionMetadata } from "@/app/_components/section-page";
import styles from "@/app/_components/charts/dashboard.module.css";
import { AGENCY_KINDS, AGENCY_LEVELS, DEPT_TYPES } from "@/db/schema/agencies.constants";
import { getRegion } from "@/db/queries/dashboard/get-region";
import { listAgencies } from "@/db/queries/dashboard/list-agencies";
import { cm, type ChartMessageKey } from "@/lib/charts";
import { t, type Lang } from "@/lib/i18n";
import { formatInteger } from "@/lib/indicators";
import { deptTypeLabel } from "@/lib/agencies/labels";
import type { AgencySort } from "@/db/queries/dashboard/list-agencies";
import { dashboardQuery, parseAgencyParams, type RawSearchParams } from "../search-params";
import { agencyDisplayName, regionDisplayName } from "@/lib/regions/english";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata(await getLang(), "agencies");
}

const PAGE_SIZE = 50;

/** The table's columns; those with `sort` are links that sort by them (again: the other direction). */
const COLUMNS: { key: string; sort?: AgencySort; numeric?: boolean; label: (lang: Lang) => string }[] = [
  { key: "name", sort: "name", label: (l) => cm(l, "chart.agency") },
  { key: "code", sort: "code", numeric: true, label: (l) => cm(l, "agency.code") },
  { key: "kind", label: (l) => cm(l, "dash.kind") },
  { key: "level", sort: "level", label: (l) => cm(l, "dash.level") },
  { key: "region", sort: "region", label: (l) => cm(l, "agency.region") },
  { key: "latest", sort: "latest", numeric: true, label: (l) => cm(l, "dash.latestReport") },
  { key: "new", sort: "new_received", numeric: true, label: (l) => cm(l, "agency.latestNew") },
  { key: "years", numeric: true, label: (l) => cm(l, "agency.years") },
  { key: "errors", sort: "errors", numeric: true, label: (l) => cm(l, "agency.withErrors") },
];

/** 机关: every agency, searchable by name, region, kind, level and department type. */
export default async function AgenciesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [ctx, lang, raw] = await Promise.all([requireCtx(), getLang(), searchParams]);
  const p = parseAgencyParams(raw);
  const [list, province] = await Promise.all([
    listAgencies({
      ctx,
      input: {
        ...(p.q ? { q: p.q } : {}),
        ...(p.region ? { regionCode: p.region } : {}),
        ...(p.kind ? { kind: p.kind } : {}),
        ...(p.level ? { level: p.level } : {}),
        ...(p.deptType ? { deptType: p.deptType } : {}),
        page: p.page,
        pageSize: PAGE_SIZE,
        ...(p.sort ? { sort: p.sort } : {}),
        ...(p.dir ? { dir: p.dir } : {}),
      },
    }),
    getRegion({ ctx, input: { code: "520000" } }),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const label = (k: string) => cm(lang, k as ChartMessageKey);
  return (
    <>
      <PageHeader title={t(lang, "page.agencies.title")} lead={t(lang, "page.agencies.lead")} />
      <form className={styles.filters} method="get" action="/agencies" role="search" aria-label={cm(lang, "dash.filters")}>
        <label className={styles.field}>
          {cm(lang, "dash.name")}
          <input type="search" name="q" defaultValue={p.q ?? ""} placeholder={lang === "zh" ? "如：自然资源局" : "e.g. 自然资源局"} />
        </label>
        <label className={styles.field}>
          {cm(lang, "agency.region")}
          <select name="region" defaultValue={p.region ?? ""}>
            <option value="">{province?.name ?? cm(lang, "dash.all")}</option>
            {province?.children.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {cm(lang, "dash.kind")}
          <select name="kind" defaultValue={p.kind ?? ""}>
            <option value="">{cm(lang, "dash.all")}</option>
            {AGENCY_KINDS.map((k) => (
              <option key={k} value={k}>
                {label(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {cm(lang, "dash.level")}
          <select name="level" defaultValue={p.level ?? ""}>
            <option value="">{cm(lang, "dash.all")}</option>
            {AGENCY_LEVELS.map((l) => (
              <option key={l} value={l}>
                {label(`level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {cm(lang, "dash.deptType")}
          <select name="dept_type" defaultValue={p.deptType ?? ""}>
            <option value="">{cm(lang, "dash.all")}</option>
            {DEPT_TYPES.map((d) => (
              <option key={d} value={d}>
                {deptTypeLabel(d, lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={styles.apply}>
          {cm(lang, "dash.search")}
        </button>
      </form>
      <section className={styles.section} aria-label={cm(lang, "agency.count", { n: list.total })}>
        <p className={styles.muted}>{cm(lang, "agency.count", { n: list.total })}</p>
        {list.rows.length === 0 ? (
          <p>{cm(lang, "agency.none")}</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-agency-table>
              <thead>
                <tr>
                  {COLUMNS.map((c) => {
                    const active = (p.sort ?? "region") === c.sort;
                    const dir = active && p.dir !== "desc" ? "desc" : "asc";
                    const aria = active ? (p.dir === "desc" ? "descending" : "ascending") : "none";
                    return (
                      <th key={c.key} scope="col" aria-sort={c.sort ? aria : undefined} className={c.numeric ? styles.num : undefined}>
                        {c.sort ? (
                          <Link href={`/agencies${dashboardQuery({ ...p, page: 1, sort: c.sort, dir })}`}>
                            {c.label(lang)}
                            {active ? (p.dir === "desc" ? " ▼" : " ▲") : ""}
                          </Link>
                        ) : (
                          c.label(lang)
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {list.rows.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link href={`/agencies/${a.id}`}>{agencyDisplayName(lang, a.name, a.regionCode)}</Link>
                    </td>
                    <td className={styles.num}>{a.regionCode ?? ""}</td>
                    <td>
                      {label(`kind.${a.kind}`)}
                      {a.deptType ? ` · ${deptTypeLabel(a.deptType, lang)}` : ""}
                    </td>
                    <td>{label(`level.${a.level}`)}</td>
                    <td>{a.regionCode ? <Link href={`/regions/${a.regionCode}`}>{a.regionName ? regionDisplayName(lang, a.regionCode, a.regionName) : a.regionCode}</Link> : ""}</td>
                    <td className={styles.num}>{a.latestReportId ? <Link href={`/reports/${a.latestReportId}`}>{a.latestYear}</Link> : "—"}</td>
                    <td className={styles.num}>{a.latestNewReceived === null ? "—" : formatInteger(a.latestNewReceived, lang)}</td>
                    <td className={styles.num}>{a.reportCount}</td>
                    <td className={styles.num} data-errors={a.reportsWithErrors}>
                      {a.reportsWithErrors > 0 ? <Link href={`/agencies/${a.id}`}>⚠ {a.reportsWithErrors}</Link> : "0"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav className={styles.pager} aria-label={lang === "zh" ? "分页" : "Pages"}>
            {p.page > 1 ? <Link href={`/agencies${dashboardQuery({ ...p, page: p.page - 1 })}`}>{cm(lang, "agency.prev")}</Link> : null}
            <span>{cm(lang, "agency.page", { p: p.page, n: pages })}</span>
            {p.page < pages ? <Link href={`/agencies${dashboardQuery({ ...p, page: p.page + 1 })}`}>{cm(lang, "agency.next")}</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
