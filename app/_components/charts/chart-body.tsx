"use client";

/**
 * The data part of a dashboard figure: the drawing and its data table, both built here from the
 * one spec the server sends, so a chart's numbers travel to the browser once (not as the table's
 * markup and again as the chart's input). The table is still in the server-rendered HTML: this
 * leaf renders on the server too. A map's shapes are not in the spec: DashboardChart fetches them.
 */
import { useMemo, type ReactNode } from "react";
import { chartTable } from "@/lib/charts/table";
import type { ChartSpec } from "@/lib/charts/spec";
import { DashboardChart } from "./dashboard-chart";
import { DataTable } from "./data-table";
import styles from "./dashboard.module.css";

export interface ChartBodyProps {
  spec: ChartSpec;
  label: string;
  /** Where a map's shapes are fetched from (the spec's `geo` is then empty). */
  shapesUrl?: string;
  empty?: boolean;
  noDataText: string;
  tableSummary: string;
  /** Notes and captions between the drawing and the table (server-rendered). */
  children?: ReactNode;
}

export function ChartBody({ spec, label, shapesUrl, empty, noDataText, tableSummary, children }: ChartBodyProps) {
  const table = useMemo(() => chartTable(spec), [spec]);
  return (
    <>
      {empty ? <p className={styles.muted}>{noDataText}</p> : <DashboardChart spec={spec} label={label} {...(shapesUrl ? { shapesUrl } : {})} />}
      {children}
      <details className={styles.details}>
        <summary>{tableSummary}</summary>
        <DataTable head={table.head} rows={table.rows} caption={label} />
      </details>
    </>
  );
}
