"use client";

/**
 * The indicator picker of the dashboards' filter forms. A client leaf only so that its ~60 options
 * and their formulas are rendered from the definitions the browser already holds for the charts,
 * instead of travelling a second time as page data; it still renders on the server, so the GET
 * form works without JavaScript.
 */
import { cm } from "@/lib/charts/messages";
import { isGroupSummable } from "@/lib/charts/sums";
import { INDICATOR_GROUP_LABELS, INDICATOR_GROUPS, INDICATORS } from "@/lib/indicators/definitions";
import type { Lang } from "@/lib/i18n";
import styles from "./dashboard.module.css";

// The same list as search-params.ts DASHBOARD_INDICATORS (that module is server-side: zod).
const OPTIONS = INDICATORS.filter(isGroupSummable);

export function IndicatorSelect({ lang, value }: { lang: Lang; value: string }) {
  return (
    <label className={styles.field}>
      {cm(lang, "dash.indicator")}
      <select name="indicator" defaultValue={value}>
        {INDICATOR_GROUPS.map((g) => (
          <optgroup key={g} label={INDICATOR_GROUP_LABELS[g][lang]}>
            {OPTIONS.filter((d) => d.group === g).map((d) => (
              <option key={d.key} value={d.key} title={d.formula[lang]}>
                {d.label[lang]}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
