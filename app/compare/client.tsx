"use client";

/**
 * Client leaves of /compare: the chart (the same option builder the PNG/SVG export renders on the
 * server; the wrapper's server render draws it as SVG at that width until the reader reaches for
 * it) and the print button. The chart keeps the export's width so what you see is what you
 * download; narrow screens scroll it sideways.
 */
import { useMemo, useState } from "react";
import { EChart } from "@/app/_components/charts/echart";
import { buildCompareOption, compareChartSize, type CompareChartSpec } from "@/lib/charts/compare";
import styles from "./compare.module.css";

export function CompareChart({ spec }: { spec: CompareChartSpec }) {
  const option = useMemo(() => buildCompareOption(spec), [spec]);
  const size = useMemo(() => compareChartSize(spec), [spec]);
  return (
    <div className={styles.chartScroll}>
      <div style={{ width: size.width }}>
        <EChart option={option} height={size.height} label={spec.title} serverWidth={size.width} />
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

/**
 * Filters the indicator list by what the reader types (name or key); the select stays a plain
 * multi-select inside a GET form, so the page works without JavaScript.
 */
export function IndicatorFilter({ selectId, label }: { selectId: string; label: string }) {
  const [q, setQ] = useState("");
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={label}
      value={q}
      onChange={(e) => {
        const v = e.target.value;
        setQ(v);
        const select = document.getElementById(selectId);
        if (!(select instanceof HTMLSelectElement)) return;
        const needle = v.trim().toLowerCase();
        for (const o of Array.from(select.options)) o.hidden = needle !== "" && !o.selected && !`${o.text} ${o.value}`.toLowerCase().includes(needle);
        for (const g of Array.from(select.getElementsByTagName("optgroup"))) g.hidden = Array.from(g.children).every((c) => (c as HTMLOptionElement).hidden);
      }}
    />
  );
}
