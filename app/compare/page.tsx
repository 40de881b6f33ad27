/**
 * 对比: agencies side by side. The whole state is in the URL (lib/export/compare-params.ts), read
 * here on the server; the forms are GET forms and the chart is the only client leaf. Every chart
 * links to its PNG/SVG/CSV/XLSX export with the same query string.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { sectionMetadata } from "@/app/_components/section-page";
import { PageHeader } from "@/app/_components/page-header";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { findCompareAgencies, type CompareAgencyHit } from "@/db/queries/compare/find-compare-agencies";
import { getComparison } from "@/db/queries/compare/get-comparison";
import { listCompareGroupOptions, type CompareGroupOptions } from "@/db/queries/compare/list-compare-group-options";
import { compareChartSize, compareChartSpec, compareRecords, type CompareChartSpec } from "@/lib/charts/compare";
import { ct } from "@/lib/charts/compare-messages";
import {
  COMPARE_VIEWS,
  compareQueryString,
  errorMessage,
  formatAgencyRef,
  formatGroupKey,
  GROUP_KINDS,
  GROUP_LEVELS,
  YEAR_MAX,
  YEAR_MIN,
  type CompareError,
  type CompareParams,
} from "@/lib/export/compare-params";
import type { Comparison } from "@/lib/export/comparison";
import { GROUP_KIND_LABELS, GROUP_LEVEL_LABELS, groupLabel } from "@/lib/export/group-label";
import { INDICATOR_GROUP_LABELS, INDICATOR_GROUPS, INDICATORS, formatInteger } from "@/lib/indicators";
import { t, type Lang } from "@/lib/i18n";
import { CompareChart, IndicatorFilter, PrintButton } from "./client";
import { deptTypeLabel } from "@/lib/agencies/labels";
import styles from "./compare.module.css";
import { readCompareSearch } from "./search-params";
import { agencyDisplayName, regionDisplayName } from "@/lib/regions/english";
import { colon } from "@/lib/charts/base";

export async function generateMetadata(): Promise<Metadata> {
  return sectionMetadata(await getLang(), "compare");
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const EMPTY: CompareParams = { agencies: [], groups: [], years: null, indicators: ["refusal_rate"], view: "bars", excludeFlagged: false };

function href(params: CompareParams, extra: Record<string, string> = {}): string {
  return `/compare?${compareQueryString(params, extra)}`;
}

// Shell pieces outside this route (site header, footer) are hidden in print from here.
const PRINT_SHELL = "@media print { body > header, .app-footer { display: none !important; } body { background: #fff; } .app-main { padding: 0; max-width: none; } }";

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireCtx();
  const lang = await getLang();
  const { parsed, q, redirectTo } = readCompareSearch(await searchParams);
  if (redirectTo) redirect(redirectTo);

  let error: CompareError | null = parsed.ok ? null : parsed.error;
  const params = parsed.ok ? parsed.value : EMPTY;
  let comparison: Comparison | null = null;
  if (parsed.ok && (params.agencies.length > 0 || params.groups.length > 0)) {
    const result = await getComparison({ ctx, input: { params } });
    if (result.ok) comparison = result.value;
    else error = result.error;
  }
  const [hits, options] = await Promise.all([q ? findCompareAgencies({ ctx, input: { q } }) : Promise.resolve<CompareAgencyHit[]>([]), listCompareGroupOptions({ ctx })]);
  const specs = comparison ? params.indicators.map((k) => compareChartSpec(comparison, k, lang)) : [];
  // Export links carry the reader's language, so a download is in the language on screen.
  const qs = `${compareQueryString(params)}${lang === "en" ? "&lang=en" : ""}`;

  return (
    <>
      <style>{PRINT_SHELL}</style>
      <PageHeader title={t(lang, "page.compare.title")} lead={t(lang, "page.compare.lead")} />
      {error ? (
        <div className={styles.alert} role="alert">
          <strong>{ct(lang, "page.error")}{colon(lang)}</strong>
          {errorMessage(error, lang)}
        </div>
      ) : null}

      <div className={styles.controls}>
        <Selected lang={lang} params={params} comparison={comparison} options={options} />
        {/* Adding agencies folds away once something is chosen, so the chart starts on the first screen. */}
        <div className={styles.addRow}>
          <Search lang={lang} params={params} q={q} hits={hits} open={!!q || (params.agencies.length === 0 && params.groups.length === 0)} />
          <GroupForm lang={lang} params={params} options={options} open={params.agencies.length === 0 && params.groups.length === 0} />
        </div>
        <Settings lang={lang} params={params} />
      </div>

      {specs.length > 0 ? (
        <>
          <div className={styles.toolbar}>
            <a className={styles.linkButton} href={`/api/export/data?format=xlsx&pack=1&${qs}`} download>
              {ct(lang, "page.pack")}
            </a>
            <PrintButton label={ct(lang, "page.print")} />
            <span className={styles.muted}>{ct(lang, "page.link")}</span>
          </div>
          {comparison && comparison.years.length === 0 ? <p className={styles.muted}>{ct(lang, "page.noYears")}</p> : null}
          {specs.map((spec) => (
            <ChartBlock key={spec.indicatorKey} spec={spec} qs={qs} />
          ))}
        </>
      ) : null}
    </>
  );
}

function Hidden({ params, omit }: { params: CompareParams; omit: ("year" | "indicator" | "view")[] }) {
  return (
    <>
      {params.agencies.map((a) => (
        <input key={`a${formatAgencyRef(a)}`} type="hidden" name="agency" value={formatAgencyRef(a)} />
      ))}
      {params.groups.map((g) => (
        <input key={`g${formatGroupKey(g)}`} type="hidden" name="group" value={formatGroupKey(g)} />
      ))}
      {params.years && !omit.includes("year") ? <input type="hidden" name="year" value={`${params.years.from}-${params.years.to}`} /> : null}
      {omit.includes("indicator") ? null : params.indicators.map((i) => <input key={`i${i}`} type="hidden" name="indicator" value={i} />)}
      {omit.includes("view") ? null : <input type="hidden" name="view" value={params.view} />}
    </>
  );
}

function Selected({ lang, params, comparison, options }: { lang: Lang; params: CompareParams; comparison: Comparison | null; options: CompareGroupOptions }) {
  const regionName = (prefix: string | null) => (prefix ? (options.regions.find((r) => r.code === prefix.padEnd(6, "0"))?.name ?? prefix) : null);
  const byRef = new Map<string, { name: string; code: string | null }>();
  if (comparison) {
    for (const ref of params.agencies) {
      const a =
        ref.type === "id" ? comparison.agencies.find((x) => x.id === ref.id) : comparison.agencies.find((x) => x.kind === "government" && x.adminCode === ref.code);
      if (a) byRef.set(formatAgencyRef(ref), { name: agencyDisplayName(lang, a.name, a.adminCode), code: a.adminCode });
    }
  }
  const empty = params.agencies.length === 0 && params.groups.length === 0;
  return (
    <section className={styles.panel} aria-labelledby="compare-selected">
      <h2 id="compare-selected" className={styles.panelTitle}>
        {ct(lang, "page.selected")}
        {comparison ? <span className={styles.muted}>（{ct(lang, "page.groupMembers", { n: comparison.agencies.length })}）</span> : null}
      </h2>
      {empty ? <p className={styles.muted}>{ct(lang, "page.none")}</p> : null}
      <ul className={styles.chips} aria-label={ct(lang, "page.selected")}>
        {params.agencies.map((ref) => {
          const key = formatAgencyRef(ref);
          const info = byRef.get(key);
          const rest = { ...params, agencies: params.agencies.filter((a) => formatAgencyRef(a) !== key) };
          return (
            <li key={key} className={styles.chip} data-agency={key}>
              <span>{info?.name ?? key}</span>
              {info?.code ? <span className={styles.chipCode}>{info.code}</span> : null}
              <Link href={href(rest)} aria-label={`${ct(lang, "page.remove")} ${info?.name ?? key}`}>
                ×
              </Link>
            </li>
          );
        })}
        {params.groups.map((g) => {
          const key = formatGroupKey(g);
          const info = comparison?.groups.find((x) => x.key === key);
          const rest = { ...params, groups: params.groups.filter((x) => formatGroupKey(x) !== key) };
          // Readable even when the comparison did not load (e.g. too many series for the view).
          const label = info ? info.label[lang] : groupLabel(g, regionName(g.regionPrefix))[lang];
          return (
            <li key={key} className={styles.chip} data-group={key}>
              <span>{label}</span>
              {info ? <span className={styles.chipCode}>{ct(lang, "page.groupMembers", { n: info.memberIds.length })}</span> : null}
              <Link href={href(rest)} aria-label={`${ct(lang, "page.remove")} ${label}`}>
                ×
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Search({ lang, params, q, hits, open }: { lang: Lang; params: CompareParams; q: string; hits: CompareAgencyHit[]; open: boolean }) {
  const chosen = new Set(params.agencies.map(formatAgencyRef));
  return (
    <details className={styles.panel} open={open}>
      <summary id="compare-search" className={styles.panelTitle}>
        {ct(lang, "page.search")}
      </summary>
      <form method="get" action="/compare" role="search" className={styles.form}>
        <Hidden params={params} omit={[]} />
        <label className={styles.field}>
          {ct(lang, "page.searchLabel")}
          <input type="search" name="q" defaultValue={q} maxLength={60} />
        </label>
        <button type="submit" className={styles.button}>
          {ct(lang, "page.searchButton")}
        </button>
      </form>
      {q ? (
        hits.length === 0 ? (
          <p className={styles.muted}>{ct(lang, "page.searchNone")}</p>
        ) : (
          <ul className={styles.hits} aria-label={ct(lang, "page.search")}>
            {hits.map((h) => {
              const added = chosen.has(h.id);
              return (
                <li key={h.id} className={styles.hit}>
                  <span>
                    {h.name} <span className={styles.chipCode}>{h.adminCode}</span>
                  </span>
                  {added ? (
                    <span className={styles.muted}>{ct(lang, "page.added")}</span>
                  ) : (
                    <Link
                      className={styles.linkButton}
                      href={href({ ...params, agencies: [...params.agencies, { type: "id", id: h.id }] }, { q })}
                      aria-label={`${ct(lang, "page.add")} ${h.name}`}
                    >
                      {ct(lang, "page.add")}
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        )
      ) : null}
    </details>
  );
}

function GroupForm({ lang, params, options, open }: { lang: Lang; params: CompareParams; options: CompareGroupOptions; open: boolean }) {
  return (
    <details className={styles.panel} open={open}>
      <summary id="compare-group" className={styles.panelTitle}>
        {ct(lang, "page.addGroup")}
      </summary>
      <form method="get" action="/compare" className={styles.form}>
        <Hidden params={params} omit={[]} />
        <label className={styles.field}>
          {ct(lang, "page.groupKind")}
          <select name="gKind" defaultValue="government">
            {GROUP_KINDS.map((k) => (
              <option key={k} value={k}>
                {GROUP_KIND_LABELS[k][lang]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {ct(lang, "page.groupLevel")}
          <select name="gLevel" defaultValue="">
            <option value="">{ct(lang, "page.any")}</option>
            {GROUP_LEVELS.map((l) => (
              <option key={l} value={l}>
                {GROUP_LEVEL_LABELS[l][lang]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {ct(lang, "page.groupRegion")}
          <select name="gRegion" defaultValue="">
            <option value="">{ct(lang, "page.any")}</option>
            {options.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.level === "prefecture" ? `　${regionDisplayName(lang, r.code, r.name)}` : regionDisplayName(lang, r.code, r.name)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {ct(lang, "page.groupDept")}
          <select name="gDept" defaultValue="">
            <option value="">{ct(lang, "page.any")}</option>
            {options.deptTypes.map((d) => (
              <option key={d} value={d}>
                {deptTypeLabel(d, lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={styles.button}>
          {ct(lang, "page.groupButton")}
        </button>
      </form>
    </details>
  );
}

function Settings({ lang, params }: { lang: Lang; params: CompareParams }) {
  const years: number[] = [];
  for (let y = YEAR_MIN; y <= YEAR_MAX; y += 1) years.push(y);
  return (
    <section className={styles.panel} aria-labelledby="compare-settings">
      <h2 id="compare-settings" className={styles.panelTitle}>
        {ct(lang, "page.settings")}
      </h2>
      <form method="get" action="/compare" className={styles.form}>
        <Hidden params={params} omit={["year", "indicator", "view"]} />
        <label className={styles.field}>
          {ct(lang, "page.indicator")}
          <IndicatorFilter selectId="compare-indicator" label={ct(lang, "page.indicatorFilter")} />
          <select id="compare-indicator" name="indicator" multiple size={6} defaultValue={params.indicators}>
            {INDICATOR_GROUPS.map((g) => (
              <optgroup key={g} label={INDICATOR_GROUP_LABELS[g][lang]}>
                {INDICATORS.filter((d) => d.group === g).map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.label[lang]}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {ct(lang, "page.yearFrom")}
          <select name="yearFrom" defaultValue={params.years ? String(params.years.from) : ""}>
            <option value="">{ct(lang, "page.any")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {ct(lang, "page.yearTo")}
          <select name="yearTo" defaultValue={params.years ? String(params.years.to) : ""}>
            <option value="">{ct(lang, "page.any")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <fieldset className={styles.fieldset}>
          <legend>{ct(lang, "page.flagged")}</legend>
          <label>
            <input type="radio" name="flagged" value="include" defaultChecked={!params.excludeFlagged} /> {ct(lang, "page.flaggedInclude")}
          </label>
          <label>
            <input type="radio" name="flagged" value="exclude" defaultChecked={params.excludeFlagged} /> {ct(lang, "page.flaggedExclude")}
          </label>
        </fieldset>
        <fieldset className={styles.fieldset}>
          <legend>{ct(lang, "page.view")}</legend>
          {COMPARE_VIEWS.map((v) => (
            <label key={v}>
              <input type="radio" name="view" value={v} defaultChecked={params.view === v} /> {ct(lang, `view.${v}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className={styles.button}>
          {ct(lang, "page.apply")}
        </button>
      </form>
    </section>
  );
}

function ChartBlock({ spec, qs }: { spec: CompareChartSpec; qs: string }) {
  const { lang } = spec;
  const records = compareRecords(spec);
  // The export adds the source line to the footer; its size is what the PNG is twice of.
  const exportSize = compareChartSize(spec, { exportedOn: "0000-00-00" });
  const chartQs = `chart=${encodeURIComponent(spec.indicatorKey)}&${qs}`;
  const id = `chart-${spec.indicatorKey.replace(/[^a-z0-9_]/gi, "-")}`;
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-title`} data-indicator={spec.indicatorKey} data-export-width={exportSize.width} data-export-height={exportSize.height}>
      <div className={styles.figureHead}>
        {/* The chart draws its title (as the PNG does); the heading stays for screen readers and the outline. */}
        <h2 id={`${id}-title`} className="visually-hidden">
          {spec.title}
        </h2>
        <div className={styles.downloads} aria-label={ct(lang, "page.downloads")}>
          <span className={styles.muted}>{ct(lang, "page.downloads")}{colon(lang)}</span>
          <a className={styles.linkButton} href={`/api/export/chart?format=png&${chartQs}`} download>
            {ct(lang, "page.downloadPng")}
          </a>
          <a className={styles.linkButton} href={`/api/export/chart?format=svg&${chartQs}`} download>
            {ct(lang, "page.downloadSvg")}
          </a>
          <a className={styles.linkButton} href={`/api/export/data?format=csv&${chartQs}`} download>
            {ct(lang, "page.downloadCsv")}
          </a>
          <a className={styles.linkButton} href={`/api/export/data?format=xlsx&${chartQs}`} download>
            {ct(lang, "page.downloadXlsx")}
          </a>
        </div>
      </div>
      <p className={styles.formula}>
        {ct(lang, "chart.formula")}{colon(lang)}{spec.formula}
      </p>
      <CompareChart spec={spec} />
      {spec.notes.map((n) => (
        <p key={n} className={styles.note}>
          {n}
        </p>
      ))}
      {spec.anySmallSample ? <p className={styles.note}>{ct(lang, "chart.smallSample")}</p> : null}
      <details className={styles.details}>
        <summary>{ct(lang, "page.table")}</summary>
        <div className={styles.tableWrap}>
          <table className={styles.table} data-compare-table={spec.indicatorKey}>
            <caption className="visually-hidden">{spec.title}</caption>
            <thead>
              <tr>
                <th scope="col">{ct(lang, "col.agency")}</th>
                <th scope="col">{ct(lang, "col.adminCode")}</th>
                <th scope="col">{ct(lang, "col.year")}</th>
                <th scope="col">{ct(lang, "col.numerator")}</th>
                <th scope="col">{ct(lang, "col.denominator")}</th>
                <th scope="col">{ct(lang, "col.shown")}</th>
                <th scope="col">{ct(lang, "col.smallSample")}</th>
                <th scope="col">{ct(lang, "col.reportErrors")}</th>
                <th scope="col">{ct(lang, "col.handCorrected")}</th>
                <th scope="col">{ct(lang, "col.note")}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r, i) => (
                <tr key={i} data-value={r.value ?? ""}>
                  <td>{r.reportId ? <Link href={`/reports/${r.reportId}`}>{r.agency}</Link> : r.agency}</td>
                  <td>{r.adminCode}</td>
                  <td>{r.year}</td>
                  <td className={styles.num}>{r.numerator === null ? "" : formatInteger(r.numerator, lang)}</td>
                  <td className={styles.num}>{r.denominator === null ? "" : formatInteger(r.denominator, lang)}</td>
                  <td className={styles.num}>{r.shown}</td>
                  <td>{r.smallSample ? ct(lang, "yes") : ""}</td>
                  <td data-report-errors={r.reportErrors ? "1" : "0"}>{r.reportErrors ? `⚠ ${ct(lang, "yes")}` : ""}</td>
                  <td data-hand-corrected={r.handCorrected ? "1" : "0"}>{r.handCorrected ? `✎ ${ct(lang, "yes")}` : ""}</td>
                  <td>{[r.impossible ? ct(lang, "col.impossible") : "", r.note].filter(Boolean).join("；")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
