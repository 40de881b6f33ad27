/**
 * A plain data table (no directive): rendered on the server for the pages' own tables, and inside
 * the client chart body (chart-body.tsx) for a chart's numbers, built there from the same spec.
 */
import Link from "next/link";
import styles from "./dashboard.module.css";

export interface DataTableCell {
  text: string;
  href?: string;
  numeric?: boolean;
  /** Computed from a figure corrected by hand: a ✎ titled with this text (lib/charts/table.ts). */
  corrected?: string;
}

export function DataTable({ head, rows, caption }: { head: string[]; rows: DataTableCell[][]; caption?: string }) {
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
                <td key={j} className={c.numeric ? styles.num : undefined} data-hand-corrected={c.corrected ? "true" : undefined}>
                  {c.corrected ? (
                    <abbr className={styles.corrected} title={c.corrected} aria-label={c.corrected}>
                      ✎{" "}
                    </abbr>
                  ) : null}
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
