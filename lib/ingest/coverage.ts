/**
 * Coverage: per table, how many of the format's catalog cells were read from the document (a
 * number or a stated blank/slash/dash) against how many the format has (REPORT-FORMAT.md §0).
 * A table whose cells are only partly read is never passed off as complete: the parse stage adds
 * an issue naming the rows and columns not read.
 */
import { CELL_BY_KEY, readCells, TABLE_IDS, type FormatVersion, type TableId } from "../catalog";
import type { CellValue, TableCoverage } from "../records/parsed-report";

export type { TableCoverage } from "../records/parsed-report";
export type Coverage = Record<TableId, TableCoverage>;

/** Catalog cells of a format by table, in catalog order. */
const CELLS_BY_TABLE: Record<FormatVersion, Record<TableId, string[]>> = (() => {
  const out = {} as Record<FormatVersion, Record<TableId, string[]>>;
  for (const f of ["2019", "2021"] as const) {
    const byTable: Record<TableId, string[]> = { t2: [], t3: [], t4: [] };
    for (const c of readCells(f)) byTable[c.table].push(c.key);
    out[f] = byTable;
  }
  return out;
})();

/** True when the document gave this cell: a number, or a blank/slash/dash/text it states. */
export function isRead(cell: CellValue | undefined): boolean {
  return cell !== undefined && (cell.value !== null || (cell.nullReason !== null && cell.nullReason !== "absent"));
}

/**
 * Compresses unread cell keys to what a person looks for: a whole row (`t3.granted.*`), a whole
 * column (`t3.*.total`) or single cells.
 */
export function describeMissing(keys: readonly string[], all: readonly string[]): string[] {
  const missing = new Set(keys);
  const rows = new Map<string, string[]>();
  const cols = new Map<string, string[]>();
  for (const k of all) {
    const def = CELL_BY_KEY.get(k);
    if (!def) continue;
    const rk = `${def.prefix}.${def.row}`;
    const ck = `${def.prefix}.*.${def.col}`;
    rows.set(rk, [...(rows.get(rk) ?? []), k]);
    cols.set(ck, [...(cols.get(ck) ?? []), k]);
  }
  const out: string[] = [];
  const covered = new Set<string>();
  for (const [rk, ks] of rows) {
    if (ks.length > 1 && ks.every((k) => missing.has(k))) {
      out.push(`${rk}.*`);
      for (const k of ks) covered.add(k);
    }
  }
  for (const [ck, ks] of cols) {
    const left = ks.filter((k) => missing.has(k) && !covered.has(k));
    if (ks.length > 2 && left.length > 0 && ks.every((k) => missing.has(k))) {
      out.push(ck);
      for (const k of left) covered.add(k);
    }
  }
  for (const k of keys) if (!covered.has(k)) out.push(k);
  return out;
}

/**
 * Coverage of the three tables. `located` says which tables the document has at all (a table
 * that is not there is `absent`, not `unread`). Without a known format the common cells of 表三
 * and 表四 are counted and 表二 cannot be read.
 */
export function computeCoverage(format: FormatVersion | null, cells: Readonly<Record<string, CellValue>>, located: Readonly<Record<TableId, boolean>>): Coverage {
  const out = {} as Coverage;
  for (const id of TABLE_IDS) {
    const keys = format ? CELLS_BY_TABLE[format][id] : id === "t2" ? CELLS_BY_TABLE["2021"].t2 : CELLS_BY_TABLE["2021"][id].filter((k) => CELLS_BY_TABLE["2019"][id].includes(k));
    const unread = keys.filter((k) => !isRead(cells[k]));
    const read = keys.length - unread.length;
    const status: TableCoverage["status"] =
      read === keys.length ? "complete" : read > 0 ? "partial" : located[id] ? "unread" : "absent";
    out[id] = { read, of: keys.length, status, missing: status === "partial" || status === "unread" ? describeMissing(unread, keys) : [] };
  }
  return out;
}

/** Cells read and cells the format has, over all three tables. */
export function coverageTotals(c: Coverage): { read: number; of: number } {
  return TABLE_IDS.reduce((acc, id) => ({ read: acc.read + c[id].read, of: acc.of + c[id].of }), { read: 0, of: 0 });
}
