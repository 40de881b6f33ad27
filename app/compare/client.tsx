"use client";

/**
 * Client leaves of /compare: the chart (the same option builder the PNG/SVG export renders on the
 * server) and the print button. The chart keeps the export's width so what you see is what you
 * download; narrow screens scroll it sideways.
 */
import { useMemo } from "react";
import { EChart } from "@/app/_components/charts/echart";
import { buildCompareOption, compareChartSize, type CompareChartSpec } from "@/lib/charts/compare";
import styles from "./compare.module.css";

export function CompareChart({ spec }: { spec: CompareChartSpec }) {
  const option = useMemo(() => buildCompareOption(spec), [spec]);
  const size = useMemo(() => compareChartSize(spec), [spec]);
  return (
    <div className={styles.chartScroll}>
      <div style={{ width: size.width }}>
        <EChart option={option} height={size.height} label={spec.title} />
      </div>
    </div>
  );
}

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className={styles.button} onClick={() => window.print()}>
      {label}
    </button>
  );
}
