/**
 * The official layouts of 表二/表三/表四 (REPORT-FORMAT.md §1.4–1.6) as grids of header and body
 * cells with row and column spans, built from the catalog for one format. The report page renders
 * these grids; nothing here lists a cell by hand, so a catalog change reaches the page.
 */
import {
  T2_COLS,
  T2_ROWS,
  T2V19_COLS,
  T2V19_ROWS,
  T3_COLS,
  T3_GROUPS,
  T3_ROWS,
  T4_COLS,
  T4_ROWS,
  TABLE_TITLES,
  cellKey,
  type ColDef,
  type FormatVersion,
  type Label,
  type RowDef,
  type TableId,
} from "../catalog";

export interface HeadCell {
  label: Label;
  colSpan: number;
  rowSpan: number;
  /** The 表三 corner note (勾稽关系), printed smaller. */
  note?: boolean;
}

export type BodyCell =
  | { kind: "label"; label: Label; numbering: string; colSpan: number; rowSpan: number; level: "group" | "row" }
  | { kind: "value"; key: string; colSpan: number };

export interface TableLayout {
  id: TableId;
  /** 二 / 三 / 四 as printed in the report's section headings. */
  numeral: string;
  title: Label;
  /** Columns of the grid (label columns + value columns). */
  columns: number;
  /** Label columns on the left, for widths. */
  labelColumns: number;
  head: HeadCell[][];
  body: BodyCell[][];
}

const NUMERALS: Record<TableId, string> = { t2: "二", t3: "三", t4: "四" };
const L = (zh: string, en: string): Label => ({ zh, en });
const head = (label: Label, colSpan = 1, rowSpan = 1, note = false): HeadCell => (note ? { label, colSpan, rowSpan, note } : { label, colSpan, rowSpan });
const rowLabel = (row: RowDef, colSpan = 1): BodyCell => ({ kind: "label", label: row.label, numbering: row.numbering ?? "", colSpan, rowSpan: 1, level: "row" });

function colDef(cols: readonly ColDef[], key: string): ColDef {
  const c = cols.find((x) => x.key === key);
  if (!c) throw new Error(`report-tables: unknown column ${key}`);
  return c;
}

// ───────────────────────────── 表二 ─────────────────────────────

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 第二十条第（五）项 → "Article 20, item (5)". */
function articleItemEn(zh: string): string {
  const m = /第二十条第（(.)）项/.exec(zh);
  const n = m?.[1] ? CN_DIGITS[m[1]] : undefined;
  return n ? `Article 20, item (${n})` : zh;
}

/**
 * 表二 prints one block per 《条例》第二十条 item: a full-width item heading, a 信息内容 header
 * naming that block's columns, then its rows. Blocks with fewer columns stretch the last one.
 */
function table2(format: FormatVersion): TableLayout {
  const rows = (format === "2021" ? T2_ROWS : T2V19_ROWS).filter((r) => !r.derived);
  const cols = format === "2021" ? T2_COLS : T2V19_COLS;
  const valueColumns = Math.max(...rows.map((r) => r.cols.length));
  const span = (i: number, n: number) => (i === n - 1 ? valueColumns - n + 1 : 1);
  const body: BodyCell[][] = [];
  let block: string | undefined;
  for (const row of rows) {
    if (row.group !== block) {
      block = row.group;
      const item = block ?? "";
      body.push([{ kind: "label", label: L(item, articleItemEn(item)), numbering: "", colSpan: valueColumns + 1, rowSpan: 1, level: "group" }]);
      body.push([
        { kind: "label", label: L("信息内容", "Item"), numbering: "", colSpan: 1, rowSpan: 1, level: "group" },
        ...row.cols.map((c, i, all): BodyCell => ({ kind: "label", label: colDef(cols, c).label, numbering: "", colSpan: span(i, all.length), rowSpan: 1, level: "group" })),
      ]);
    }
    body.push([rowLabel(row), ...row.cols.map((c, i, all): BodyCell => ({ kind: "value", key: cellKey(row.prefix, row.key, c), colSpan: span(i, all.length) }))]);
  }
  return { id: "t2", numeral: NUMERALS.t2, title: TABLE_TITLES.t2, columns: valueColumns + 1, labelColumns: 1, head: [], body };
}

// ───────────────────────────── 表三 ─────────────────────────────

/**
 * 表三: a three-column label area (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密) beside
 * seven applicant columns under the 申请人情况 / 法人或其他组织 header.
 */
function table3(format: FormatVersion): TableLayout {
  const cols = T3_COLS.filter((c) => !c.derived);
  const rows = T3_ROWS.filter((r) => !r.derived && r.formats.includes(format));
  const [outer, ...subGroups] = T3_GROUPS;
  if (!outer) throw new Error("report-tables: T3_GROUPS is empty");
  const subByLabel = new Map(subGroups.map((g) => [g.label, g]));
  const inOuter = (r: RowDef) => r.group === outer.label || (r.group !== undefined && subByLabel.has(r.group));
  const outerCount = rows.filter(inOuter).length;

  const legal = cols.filter((c) => c.group);
  const legalGroup = legal[0]?.group ?? "";
  const h1: HeadCell[] = [
    head(L("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "(In each column: item 1 + item 2 = item 3 + item 4)"), 3, 3, true),
    head(L("申请人情况", "Applicants"), cols.length),
  ];
  const h2: HeadCell[] = [];
  const h3: HeadCell[] = [];
  for (const c of cols) {
    if (!c.group) h2.push(head(c.label, 1, 2));
    else {
      if (c === legal[0]) h2.push(head(L(legalGroup, "Legal persons or other organisations"), legal.length));
      h3.push(head(c.label));
    }
  }

  const body: BodyCell[][] = [];
  const values = (row: RowDef): BodyCell[] => cols.map((c) => ({ kind: "value", key: cellKey("t3", row.key, c.key), colSpan: 1 }));
  let outerOpened = false;
  let openSub: string | undefined;
  for (const row of rows) {
    const line: BodyCell[] = [];
    if (!inOuter(row)) {
      line.push(rowLabel(row, 3));
    } else {
      if (!outerOpened) {
        outerOpened = true;
        line.push({ kind: "label", label: L(outer.label, outer.en), numbering: outer.numbering, colSpan: 1, rowSpan: outerCount, level: "group" });
      }
      const sub = row.group !== undefined ? subByLabel.get(row.group) : undefined;
      if (!sub) line.push(rowLabel(row, 2));
      else {
        if (openSub !== sub.label) {
          openSub = sub.label;
          const size = rows.filter((r) => r.group === sub.label).length;
          line.push({ kind: "label", label: L(sub.label, sub.en), numbering: sub.numbering, colSpan: 1, rowSpan: size, level: "group" });
        }
        line.push(rowLabel(row));
      }
    }
    body.push([...line, ...values(row)]);
  }
  return { id: "t3", numeral: NUMERALS.t3, title: TABLE_TITLES.t3, columns: 3 + cols.length, labelColumns: 3, head: [h1, h2, h3], body };
}

// ───────────────────────────── 表四 ─────────────────────────────

/** 表四: 行政复议 and 行政诉讼 (› 未经复议直接起诉 / 复议后起诉), five outcomes each, one data row. */
function table4(): TableLayout {
  const rows = T4_ROWS.filter((r) => !r.derived);
  const h1: HeadCell[] = [];
  const h2: HeadCell[] = [];
  const h3: HeadCell[] = [];
  const colsOf = (r: RowDef) => r.cols.map((c) => colDef(T4_COLS, c));
  let openGroup: string | undefined;
  for (const row of rows) {
    if (!row.group) {
      h1.push(head(row.label, row.cols.length, 1));
      for (const c of colsOf(row)) h2.push(head(c.label, 1, 2));
    } else {
      if (openGroup !== row.group) {
        openGroup = row.group;
        const width = rows.filter((r) => r.group === row.group).reduce((n, r) => n + r.cols.length, 0);
        h1.push(head(L(row.group, "Administrative litigation"), width));
      }
      h2.push(head(row.label, row.cols.length));
      for (const c of colsOf(row)) h3.push(head(c.label));
    }
  }
  const body: BodyCell[][] = [rows.flatMap((row) => row.cols.map((c): BodyCell => ({ kind: "value", key: cellKey("t4", row.key, c), colSpan: 1 })))];
  const columns = body[0]?.length ?? 0;
  return { id: "t4", numeral: NUMERALS.t4, title: TABLE_TITLES.t4, columns, labelColumns: 0, head: [h1, h2, h3], body };
}

/** 表二, 表三, 表四 of a format, in print order. */
export function reportTableLayouts(format: FormatVersion): TableLayout[] {
  return [table2(format), table3(format), table4()];
}

/** The value cells of a layout, in reading order. */
export function layoutCellKeys(layout: TableLayout): string[] {
  return layout.body.flatMap((line) => line.flatMap((c) => (c.kind === "value" ? [c.key] : [])));
}

/** Grid width of a row of cells (col spans plus columns taken by row spans from above). */
export function spanWidth(cells: readonly { colSpan: number }[]): number {
  return cells.reduce((n, c) => n + c.colSpan, 0);
}
