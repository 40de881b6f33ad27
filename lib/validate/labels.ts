/**
 * Official row/column labels for messages, as a civil servant reads them on the form:
 * 表三“二、上年结转政府信息公开申请数量”行“总计”列.
 */
import { T2_COLS, T2V19_COLS, T2_ROWS, T2V19_ROWS, T3_COLS, T3_GROUPS, T3_ROWS, T4_COLS, T4_ROWS, getCell } from "../catalog";
import type { Localized } from "./types";

const TABLE_ZH = { t2: "表二", t3: "表三", t4: "表四" } as const;
const TABLE_EN = { t2: "Table 2", t3: "Table 3", t4: "Table 4" } as const;

/** Drops a trailing explanatory note: “部分公开（区分处理的，…）” → “部分公开”. */
function stripNote(zh: string): string {
  return zh.replace(/（[^（）]*，[^（）]*）$/u, "");
}

export function t3RowLabel(row: string): Localized {
  const def = T3_ROWS.find((r) => r.key === row);
  if (!def) return { zh: row, en: row };
  const base = `${def.numbering ?? ""}${stripNote(def.label.zh)}`;
  const group = T3_GROUPS.find((g) => g.rows.includes(row) && g.subtotal);
  const zh = group ? `${group.numbering}${group.label}—${base}` : base;
  return { zh, en: def.label.en };
}

export function t3ColLabel(col: string): Localized {
  const def = T3_COLS.find((c) => c.key === col);
  if (!def) return { zh: col, en: col };
  if (def.group) return { zh: col === "other_org" ? `${def.group}—${def.label.zh}` : def.label.zh, en: def.label.en };
  return { ...def.label };
}

export function t4RowLabel(row: string): Localized {
  const def = T4_ROWS.find((r) => r.key === row);
  if (!def) return { zh: row, en: row };
  return { zh: def.group ? `${def.group}—${def.label.zh}` : def.label.zh, en: def.label.en };
}

export function t4ColLabel(col: string): Localized {
  const def = T4_COLS.find((c) => c.key === col);
  return def ? { ...def.label } : { zh: col, en: col };
}

function t2Labels(prefix: "t2" | "t2v19", row: string, col: string): { row: Localized; col: Localized } {
  const rows = prefix === "t2" ? T2_ROWS : T2V19_ROWS;
  const cols = prefix === "t2" ? T2_COLS : T2V19_COLS;
  const r = rows.find((x) => x.key === row);
  const c = cols.find((x) => x.key === col);
  return { row: r ? { ...r.label } : { zh: row, en: row }, col: c ? { ...c.label } : { zh: col, en: col } };
}

/** Row and column labels of any read or derived cell. */
export function cellParts(key: string): { table: "t2" | "t3" | "t4"; row: Localized; col: Localized } {
  const def = getCell(key);
  if (def.prefix === "t3") return { table: "t3", row: t3RowLabel(def.row), col: t3ColLabel(def.col) };
  if (def.prefix === "t4") return { table: "t4", row: t4RowLabel(def.row), col: t4ColLabel(def.col) };
  return { table: "t2", ...t2Labels(def.prefix, def.row, def.col) };
}

/** Full label of one cell: 表三“…”行“总计”列 / Table 3, row '…', column 'Total'. */
export function cellLabel(key: string): Localized {
  const p = cellParts(key);
  if (p.table === "t3") {
    return {
      zh: `${TABLE_ZH.t3}“${p.row.zh}”行“${p.col.zh}”列`,
      en: `${TABLE_EN.t3}, row '${p.row.en}', column '${p.col.en}'`,
    };
  }
  return { zh: `${TABLE_ZH[p.table]}“${p.row.zh}”“${p.col.zh}”`, en: `${TABLE_EN[p.table]}, '${p.row.en}' · '${p.col.en}'` };
}

export function tableLabel(table: "t2" | "t3" | "t4"): Localized {
  return { zh: TABLE_ZH[table], en: TABLE_EN[table] };
}

/** A number as printed: integers plain, decimals without float noise. */
export function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 1e6) / 1e6);
}

/** Sentence suggesting new values; a single cell is named relative to the finding's row or column. */
export function suggestionText(
  suggested: Record<string, number>,
  context: { table: "t3" | "t4"; row?: string; col?: string },
): Localized {
  const zhParts: string[] = [];
  const enParts: string[] = [];
  // Relative names ("“总计”") only for a single cell; several cells are named in full.
  const relative = Object.keys(suggested).length === 1;
  for (const [key, value] of Object.entries(suggested)) {
    const def = getCell(key);
    const p = cellParts(key);
    let zh: string;
    let en: string;
    if (!relative) {
      const full = cellLabel(key);
      zh = full.zh;
      en = full.en;
    } else if (def.table === context.table && context.row !== undefined && def.row === context.row) {
      zh = `“${p.col.zh}”`;
      en = `'${p.col.en}'`;
    } else if (def.table === context.table && context.col !== undefined && def.col === context.col && def.table === "t3") {
      zh = `“${p.row.zh}”行`;
      en = `row '${p.row.en}'`;
    } else {
      const full = cellLabel(key);
      zh = full.zh;
      en = full.en;
    }
    zhParts.push(`将${zh}改为${fmt(value)}`);
    enParts.push(`${en} → ${fmt(value)}`);
  }
  const single = Object.keys(suggested).length === 1;
  // The row's own Total needs no name in English: "Suggested: 4."
  const first = Object.entries(suggested)[0];
  const firstDef = first ? getCell(first[0]) : null;
  const enText =
    single && first && firstDef && context.row !== undefined && firstDef.row === context.row && firstDef.col === "total"
      ? `Suggested: ${fmt(first[1])}.`
      : `Suggested: ${enParts.join("; ")}.`;
  return { zh: `建议${zhParts.join("，")}。`, en: enText };
}
