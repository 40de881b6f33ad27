/**
 * The official table layouts as logical grids (HTML semantics: a row lists the cells that start
 * in it, with row/col spans). Text, HTML, markdown, DOCX and PDF renderers all draw these, so the
 * labels and numbering come from the catalog in one place.
 */
import {
  T2_BLOCKS,
  T2_COLS,
  T2_ROWS,
  T2V19_COLS,
  T2V19_ROWS,
  T3_APPLICANT_COLS,
  T3_GROUPS,
  T3_ROWS,
  T4_ROWS,
  type RowDef,
} from "../catalog";
import { applyPunct, cellText, type RenderStyle, type ReportModel } from "./model";

export type TableName = "t2" | "t3" | "t4";

export interface GridCell {
  /** Printed text; "\n" marks where the official form wraps a header label. */
  text: string;
  rowSpan: number;
  colSpan: number;
  header: boolean;
  /** Set on value cells: the catalog key the text prints. */
  cellKey?: string;
}

export interface Grid {
  table: TableName;
  width: number;
  /** Leading rows that are column headers. */
  headerRows: number;
  rows: GridCell[][];
  /** Relative column widths, for DOCX and PDF. */
  colWidths: number[];
}

function label(text: string, opts: Partial<GridCell> = {}): GridCell {
  return { text, rowSpan: 1, colSpan: 1, header: true, ...opts };
}

function value(model: ReportModel, key: string, colSpan = 1): GridCell {
  return { text: cellText(model, key), rowSpan: 1, colSpan, header: false, cellKey: key };
}

function wrap(text: string, at: number, style: RenderStyle): string {
  return style.wrapHeaderLabels ? `${text.slice(0, at)}\n${text.slice(at)}` : text;
}

function punctAll(grid: Grid, style: RenderStyle): Grid {
  for (const row of grid.rows) for (const c of row) c.text = applyPunct(c.text, style);
  return grid;
}

// ───────────────────────────── 表二 ─────────────────────────────

function t2Col(cols: typeof T2_COLS, key: string): string {
  const c = cols.find((x) => x.key === key);
  if (!c) throw new Error(`layout: unknown 表二 column ${key}`);
  return c.label.zh;
}

function t2Block(model: ReportModel, rows: readonly RowDef[], cols: typeof T2_COLS, block: string, width: number): GridCell[][] {
  const members = rows.filter((r) => r.group === block);
  const first = members[0];
  if (!first) return [];
  const out: GridCell[][] = [[label(block, { colSpan: width })]];
  const head = [label("信息内容"), ...first.cols.map((c) => label(t2Col(cols, c)))];
  // The last header cell stretches over the columns the block does not use.
  const spare = width - head.length;
  const lastHead = head[head.length - 1];
  if (spare > 0 && lastHead) lastHead.colSpan += spare;
  out.push(head);
  for (const r of members) {
    const cells = [label(r.label.zh), ...r.cols.map((c) => value(model, `${r.prefix}.${r.key}.${c}`))];
    const last = cells[cells.length - 1];
    if (spare > 0 && last) last.colSpan += spare;
    out.push(cells);
  }
  return out;
}

export function table2Grid(model: ReportModel, style: RenderStyle): Grid {
  const v19 = model.formatVersion === "2019";
  const rows = v19 ? T2V19_ROWS : T2_ROWS;
  const cols = v19 ? T2V19_COLS : T2_COLS;
  const blocks = v19
    ? [T2_BLOCKS.item1, T2_BLOCKS.item5, T2_BLOCKS.item6, T2_BLOCKS.item8, T2_BLOCKS.item9]
    : [T2_BLOCKS.item1, T2_BLOCKS.item5, T2_BLOCKS.item6, T2_BLOCKS.item8];
  const width = 4;
  const grid: Grid = { table: "t2", width, headerRows: 0, rows: blocks.flatMap((b) => t2Block(model, rows, cols, b, width)), colWidths: [3.2, 2, 2, 2] };
  return punctAll(grid, style);
}

// ───────────────────────────── 表三 ─────────────────────────────

export const T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

export function table3Grid(model: ReportModel, style: RenderStyle): Grid {
  const fmt = model.formatVersion;
  const rows = T3_ROWS.filter((r) => !r.derived && r.formats.includes(fmt));
  const cols = [...T3_APPLICANT_COLS, "total"];
  const values = (r: RowDef) => cols.map((c) => value(model, `t3.${r.key}.${c}`));
  const groupOf = new Map<string, (typeof T3_GROUPS)[number]>();
  for (const g of T3_GROUPS) for (const k of g.rows) groupOf.set(k, g);
  const resultGroup = T3_GROUPS[0];
  const resultRows = rows.filter((r) => r.group !== undefined);

  const grid: GridCell[][] = [
    [label(T3_NOTE, { rowSpan: 3, colSpan: 3 }), label("申请人情况", { colSpan: 7 })],
    [label("自然人", { rowSpan: 2 }), label("法人或其他组织", { colSpan: 5 }), label("总计", { rowSpan: 2 })],
    [label(wrap("商业企业", 2, style)), label(wrap("科研机构", 2, style)), label("社会公益组织"), label("法律服务机构"), label("其他")],
  ];
  const seenGroups = new Set<string>();
  for (const r of rows) {
    const text = `${r.numbering ?? ""}${r.label.zh}`;
    const cells: GridCell[] = [];
    if (r.group === undefined) {
      cells.push(label(text, { colSpan: 3 }));
    } else {
      if (r.key === resultRows[0]?.key && resultGroup) {
        cells.push(label(`${resultGroup.numbering}${resultGroup.label}`, { rowSpan: resultRows.length }));
      }
      const g = groupOf.get(r.key);
      if (g && r.group === g.label) {
        if (!seenGroups.has(g.label)) {
          seenGroups.add(g.label);
          const span = g.rows.filter((k) => rows.some((x) => x.key === k)).length;
          cells.push(label(`${g.numbering}${g.label}`, { rowSpan: span }));
        }
        cells.push(label(text));
      } else {
        cells.push(label(text, { colSpan: 2 }));
      }
    }
    cells.push(...values(r));
    grid.push(cells);
  }
  return punctAll({ table: "t3", width: 10, headerRows: 3, rows: grid, colWidths: [1.3, 1.5, 4.4, 1, 1, 1, 1, 1, 1, 1] }, style);
}

// ───────────────────────────── 表四 ─────────────────────────────

export function table4Grid(model: ReportModel, style: RenderStyle): Grid {
  const rows = T4_ROWS.filter((r) => !r.derived);
  const w = (t: string, at: number) => wrap(t, at, style);
  const grid: GridCell[][] = [
    [label("行政复议", { colSpan: 5 }), label("行政诉讼", { colSpan: 10 })],
    [
      label("结果维持", { rowSpan: 2 }),
      label("结果纠正", { rowSpan: 2 }),
      label("其他结果", { rowSpan: 2 }),
      label(w("尚未审结", 2), { rowSpan: 2 }),
      label("总计", { rowSpan: 2 }),
      label("未经复议直接起诉", { colSpan: 5 }),
      label("复议后起诉", { colSpan: 5 }),
    ],
    [
      label(w("结果维持", 2)),
      label("结果纠正"),
      label("其他结果"),
      label(w("尚未审结", 2)),
      label("总计"),
      label(w("结果维持", 2)),
      label("结果纠正"),
      label(w("其他结果", 2)),
      label("尚未审结"),
      label("总计"),
    ],
    rows.flatMap((r) => r.cols.map((c) => value(model, `t4.${r.key}.${c}`))),
  ];
  return punctAll({ table: "t4", width: 15, headerRows: 3, rows: grid, colWidths: Array.from({ length: 15 }, () => 1) }, style);
}

export function tableGrid(table: TableName, model: ReportModel, style: RenderStyle): Grid {
  switch (table) {
    case "t2":
      return table2Grid(model, style);
    case "t3":
      return table3Grid(model, style);
    case "t4":
      return table4Grid(model, style);
  }
}

// ───────────────────────────── occupancy ─────────────────────────────

/** One grid position: the cell covering it, and whether this is the cell's top-left corner. */
export interface Slot {
  cell: GridCell;
  origin: boolean;
  /** The position is in the cell's first row (a colspan continuation) rather than below it. */
  firstRow: boolean;
  /** The cell's left-most column. */
  firstCol: boolean;
}

/** Expands spans into a full width × rows matrix (DOCX vMerge, markdown, PDF lines). */
export function occupancy(grid: Grid): Slot[][] {
  const out: (Slot | undefined)[][] = grid.rows.map(() => new Array<Slot | undefined>(grid.width).fill(undefined));
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < grid.width && out[r]?.[c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const target = out[r + dr];
          if (target && c + dc < grid.width) target[c + dc] = { cell, origin: dr === 0 && dc === 0, firstRow: dr === 0, firstCol: dc === 0 };
        }
      }
      c += cell.colSpan;
    }
  });
  return out.map((row, r) =>
    row.map((s, c) => {
      if (!s) throw new Error(`layout: ${grid.table} grid has a hole at row ${r}, column ${c}`);
      return s;
    }),
  );
}
