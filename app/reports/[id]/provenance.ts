import type { Provenance } from "@/lib/records/parsed-report";
import type { Lang } from "@/lib/i18n";
import { tf } from "../_lib/text";

/** "第 3 页 · 第 35 行 · 第 2 张表 第 4 行第 7 列", from whatever the extractor recorded. */
export function describeLocation(loc: Provenance["loc"], lang: Lang): string {
  const parts: string[] = [];
  if (loc.page !== undefined) parts.push(tf(lang, "report.loc.page", { n: loc.page }));
  if (loc.line !== undefined) parts.push(tf(lang, "report.loc.line", { n: loc.line }));
  if (loc.table !== undefined) parts.push(tf(lang, "report.loc.table", { n: loc.table + 1 }));
  if (loc.row !== undefined && loc.col !== undefined) parts.push(tf(lang, "report.loc.cell", { row: loc.row + 1, col: loc.col + 1 }));
  return parts.join(" · ");
}

/** The cell id used by finding links (`#cell-t3.carried_over.total`). */
export function cellAnchor(key: string): string {
  return `cell-${key}`;
}
