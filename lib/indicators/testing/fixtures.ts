/** Hand-built indicator inputs shared by the tests (constructed in code; no fs). */
import type { FormatVersion, ReportScope } from "../../catalog";
import { computeDerived } from "../../validate";
import type { ValidationInput } from "../../validate";
import type { IndicatorReport } from "../compute";

/** Read cells as a document gives them (null = blank) plus the derived subtotals the DB stores beside them. */
export function storedFigures(format: FormatVersion, read: Readonly<Record<string, number | null>>): Record<string, number | null> {
  const cells: ValidationInput["cells"] = {};
  for (const [k, v] of Object.entries(read)) cells[k] = v === null ? { value: null, nullReason: "blank" } : { value: v, nullReason: null };
  return { ...read, ...computeDerived(format, cells) };
}

export interface ReportOptions {
  id?: string;
  format?: FormatVersion | null;
  scope?: ReportScope;
  year?: number;
  previous?: IndicatorReport["previous"];
}

/** A report from raw cells (no derivation: pass exactly the cells a test needs). */
export function report(cells: Record<string, number | null>, o: ReportOptions = {}): IndicatorReport {
  return {
    ...(o.id !== undefined ? { id: o.id } : {}),
    formatVersion: o.format === undefined ? "2021" : o.format,
    scope: o.scope ?? "self",
    year: o.year ?? 2024,
    cells,
    ...(o.previous !== undefined ? { previous: o.previous } : {}),
  };
}

/** A small report for refusal-type rates: handled and refused (denied_total) only. */
export function refusals(refused: number, handled: number, o: ReportOptions = {}): IndicatorReport {
  return report({ "t3.denied_total.total": refused, "t3.handled_total.total": handled }, o);
}
