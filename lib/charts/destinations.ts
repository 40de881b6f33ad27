/**
 * "Where applications go": the share of all new applications (表三 本年新收, self-scope reports)
 * received by governments, townships and each type of department, per year. Hard data from the
 * tables, unlike topics: it says which bodies carry the load, not what the applications ask.
 */
import { DEPT_TYPE_DEFS } from "../agencies/constants";
import type { Label } from "../catalog";
import type { Lang } from "../i18n";

export interface DestinationRow {
  year: number;
  kind: string;
  deptType: string | null;
  /** Sum of t3.new_received.total over the group's self-scope reports that state it. */
  applications: number | null;
  /** Reports counted in that sum. */
  reports: number;
}

export interface DestinationShare {
  key: string;
  label: Label;
  applications: number;
  reports: number;
  /** applications ÷ the year's total; null when the year has none. */
  share: number | null;
}

export interface DestinationYear {
  year: number;
  total: number;
  items: DestinationShare[];
}

const FIXED: Record<string, Label> = {
  government: { zh: "人民政府（本级）", en: "Governments (own office)" },
  township: { zh: "乡镇（街道）", en: "Townships and sub-districts" },
  dev_zone: { zh: "开发区、新区", en: "Development zones" },
  "dept:": { zh: "其他部门", en: "Other departments" },
  other: { zh: "其他机关", en: "Other bodies" },
};

/** The destination a group of reports counts under: its kind, or for departments its type. */
export function destinationKey(kind: string, deptType: string | null): string {
  if (kind === "department") return `dept:${deptType ?? ""}`;
  return kind in FIXED ? kind : "other";
}

export function destinationLabel(key: string): Label {
  const fixed = FIXED[key];
  if (fixed) return fixed;
  const type = key.slice("dept:".length);
  const def = DEPT_TYPE_DEFS.find((d) => d.key === type);
  return { zh: `${type}部门`, en: def ? `${def.en} departments` : type };
}

/** Per year, each destination's applications and share of the year's total, largest first. */
export function destinationShares(rows: readonly DestinationRow[]): DestinationYear[] {
  const byYear = new Map<number, Map<string, { applications: number; reports: number }>>();
  for (const r of rows) {
    if (r.applications === null) continue;
    const m = byYear.get(r.year) ?? new Map<string, { applications: number; reports: number }>();
    byYear.set(r.year, m);
    const key = destinationKey(r.kind, r.deptType);
    const cur = m.get(key) ?? { applications: 0, reports: 0 };
    m.set(key, { applications: cur.applications + r.applications, reports: cur.reports + r.reports });
  }
  return [...byYear.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, m]) => {
      const total = [...m.values()].reduce((s, x) => s + x.applications, 0);
      const items = [...m.entries()]
        .map(([key, x]) => ({ key, label: destinationLabel(key), applications: x.applications, reports: x.reports, share: total > 0 ? x.applications / total : null }))
        .sort((a, b) => b.applications - a.applications || a.key.localeCompare(b.key));
      return { year, total, items };
    });
}

/** The categories a chart shows: the largest `max` destinations of the latest year; the rest folded into one. */
export function topDestinations(years: readonly DestinationYear[], max = 8): string[] {
  const last = years[years.length - 1];
  return last ? last.items.slice(0, max).map((i) => i.key) : [];
}

export const destinationText = (key: string, lang: Lang) => destinationLabel(key)[lang];
