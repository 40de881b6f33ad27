/** The dashboards' filter bar: a plain GET form, so filters live in the URL and work without JavaScript. */
import { cm, type ChartMessageKey } from "@/lib/charts";
import type { Lang } from "@/lib/i18n";
import { AGENCY_LEVELS, DEPT_TYPES } from "@/db/schema/agencies.constants";
import { deptTypeLabel } from "@/lib/agencies/labels";
import { IndicatorSelect } from "./indicator-select";
import type { DashboardParams } from "./search-params";
import styles from "./dashboard.module.css";

export interface FiltersProps {
  lang: Lang;
  action: string;
  params: DashboardParams;
  years: number[];
  year: number;
  show?: { level?: boolean; deptType?: boolean; indicator?: boolean };
}

export function Filters({ lang, action, params, years, year, show = { level: true, deptType: true, indicator: true } }: FiltersProps) {
  return (
    <form className={styles.filters} method="get" action={action} role="search" aria-label={cm(lang, "dash.filters")}>
      <label className={styles.field}>
        {cm(lang, "dash.year")}
        <select name="year" defaultValue={String(year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      {show.indicator ? <IndicatorSelect lang={lang} value={params.indicator} /> : null}
      {show.level ? (
        <label className={styles.field}>
          {cm(lang, "dash.level")}
          <select name="level" defaultValue={params.level ?? ""}>
            <option value="">{cm(lang, "dash.all")}</option>
            {AGENCY_LEVELS.map((l) => (
              <option key={l} value={l}>
                {cm(lang, `level.${l}` as ChartMessageKey)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {show.deptType ? (
        <label className={styles.field}>
          {cm(lang, "dash.deptType")}
          <select name="dept_type" defaultValue={params.deptType ?? ""}>
            <option value="">{cm(lang, "dash.all")}</option>
            {DEPT_TYPES.map((d) => (
              <option key={d} value={d}>
                {deptTypeLabel(d, lang)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {/* The overview map's county view survives a change of year or indicator. */}
      {params.map ? <input type="hidden" name="map" value={params.map} /> : null}
      <button type="submit" className={styles.apply}>
        {cm(lang, "dash.apply")}
      </button>
    </form>
  );
}

export { IndicatorSelect };
