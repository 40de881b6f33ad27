/**
 * A chart as the dashboards show it: heading (formula on hover), the drawing, notes (format
 * change, small samples, definitions) and the data table with the same numbers.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { cm, chartTable, type ChartSpec } from "@/lib/charts";
import type { Lang } from "@/lib/i18n";
import { DashboardChart } from "./dashboard-chart";
import styles from "./dashboard.module.css";

export interface ChartFigureProps {
  id: string;
  title: string;
  formula: string;
  spec: ChartSpec;
  lang: Lang;
  notes?: (string | null | undefined)[];
  /** Any value of the chart is a small sample: explain the "*". */
  smallSample?: boolean;
  empty?: boolean;
  children?: ReactNode;
}

export function ChartFigure({ id, title, formula, spec, lang, notes = [], smallSample, empty, children }: ChartFigureProps) {
  const table = chartTable(spec);
  const shown = [...notes.filter((n): n is string => Boolean(n)), ...(smallSample ? [cm(lang, "chart.smallSample")] : [])];
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={styles.figureTitle} title={`${cm(lang, "chart.formula")}：${formula}`}>
        {title}
      </h3>
      <p className={styles.formula}>{formula}</p>
      {empty ? <p className={styles.muted}>{cm(lang, "chart.noData")}</p> : <DashboardChart spec={spec} label={title} />}
      {shown.map((n) => (
        <p key={n} className={styles.note}>
          {n}
        </p>
      ))}
      {children}
      <details className={styles.details}>
        <summary>{cm(lang, "chart.table")}</summary>
        <DataTable head={table.head} rows={table.rows} caption={title} />
      </details>
    </figure>
  );
}

export function DataTable({ head, rows, caption }: { head: string[]; rows: { text: string; href?: string; numeric?: boolean }[][]; caption?: string }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((c, j) => (
                <td key={j} className={c.numeric ? styles.num : undefined}>
                  {c.href ? <Link href={c.href}>{c.text}</Link> : c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
