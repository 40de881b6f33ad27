/** The §2 blank policy made visible: implied zeros (info), totals left blank (warning), empty tables (info). */
import type { TableId } from "../../catalog";
import type { ReportContext } from "../context";
import { cellLabel, cellParts, fmt, tableLabel } from "../labels";
import { finding } from "../meta";
import type { Finding } from "../types";

const LISTED = 6;

export function checkBlankTotals(ctx: ReportContext): Finding[] {
  const out: Finding[] = [];
  for (const table of ["t3", "t4"] as const) {
    const blank = ctx.resolved.keys.filter((k) => {
      const r = ctx.resolved.cells.get(k);
      return r?.basis === "blank_total" && r.def.table === table;
    });
    if (blank.length === 0) continue;
    const suggested: Record<string, number> = {};
    for (const k of blank) {
      const v = ctx.resolved.effective(k);
      if (v !== null) suggested[k] = v;
    }
    const name = (k: string) => {
      const p = cellParts(k);
      const s = suggested[k];
      const short = table === "t3" ? { zh: `“${p.row.zh}”行“${p.col.zh}”列`, en: `'${p.row.en}' × '${p.col.en}'` } : { zh: `“${p.row.zh}”“${p.col.zh}”`, en: `'${p.row.en}' · '${p.col.en}'` };
      return s === undefined ? short : { zh: `${short.zh}（按组成部分应为${fmt(s)}）`, en: `${short.en} (parts add up to ${fmt(s)})` };
    };
    const listed = blank.slice(0, LISTED).map(name);
    const more = blank.length > LISTED;
    const t = tableLabel(table);
    out.push(
      finding("S-BLANK-TOTAL", {
        cells: blank,
        blame: blank,
        suggested: Object.keys(suggested).length > 0 ? suggested : null,
        message: {
          zh: `${t.zh}有${blank.length}个合计单元格空白，但其组成部分不全为0：${listed.map((x) => x.zh).join("、")}${more ? `等${blank.length}处` : ""}。涉及这些单元格的勾稽关系无法核对，请补填。`,
          en: `${t.en}: ${blank.length} total cell${blank.length > 1 ? "s are" : " is"} blank although ${blank.length > 1 ? "their" : "its"} parts are not all zero: ${listed.map((x) => x.en).join("; ")}${more ? ` and ${blank.length - LISTED} more` : ""}. The checks that need ${blank.length > 1 ? "them" : "it"} cannot be made; please fill ${blank.length > 1 ? "them" : "it"} in.`,
        },
      }),
    );
  }
  return out;
}

export function checkImpliedZeros(ctx: ReportContext): Finding[] {
  const cells = ctx.resolved.keys.filter((k) => {
    const r = ctx.resolved.cells.get(k);
    return r?.basis === "implied_zero" && r.input !== undefined;
  });
  if (cells.length === 0) return [];
  const byTable: Partial<Record<TableId, number>> = {};
  for (const k of cells) {
    const t = ctx.resolved.cells.get(k)?.def.table;
    if (t) byTable[t] = (byTable[t] ?? 0) + 1;
  }
  const parts = (["t3", "t4"] as const).filter((t) => byTable[t]).map((t) => ({ t: tableLabel(t), n: byTable[t] ?? 0 }));
  return [
    finding("I-BLANK-ZERO", {
      cells,
      message: {
        zh: `${parts.map((p) => `${p.t.zh}${p.n}个`).join("、")}空白（或“/”“—”“无”）单元格在核对勾稽关系时按0计算。`,
        en: `${cells.length} blank cell${cells.length > 1 ? "s" : ""} (or '/', '—', '无') were counted as 0 when checking the totals: ${parts.map((p) => `${p.n} in ${p.t.en}`).join(", ")}.`,
      },
      details: { first: cells.slice(0, LISTED).map((k) => cellLabel(k).zh) },
    }),
  ];
}

export function checkEmptyTables(ctx: ReportContext): Finding[] {
  return (["t2", "t3", "t4"] as const)
    .filter((t) => ctx.resolved.tableEmpty[t])
    .map((t) => {
      const label = tableLabel(t);
      return finding("I-TABLE-EMPTY", {
        cells: ctx.resolved.keys.filter((k) => ctx.resolved.cells.get(k)?.def.table === t && ctx.resolved.cells.get(k)?.input !== undefined),
        message: {
          zh: `${label.zh}已列出但未填写任何数字，相关勾稽关系无法核对。`,
          en: `${label.en} is printed but holds no figures; its checks cannot be made.`,
        },
      });
    });
}
