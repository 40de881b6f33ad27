/** 表二 soft and info rules (REPORT-FORMAT.md §2.3). H-T2-NN lives with the other non-negativity rules. */
import type { ReportContext } from "../context";
import { cellLabel, fmt } from "../labels";
import { finding } from "../meta";
import type { Finding } from "../types";

const STOCK_ROWS = [
  { key: "regulation", zh: "规章", en: "Regulations" },
  { key: "normative_doc", zh: "行政规范性文件", en: "Normative documents" },
] as const;

export function checkStockFloor(ctx: ReportContext): Finding[] {
  if (ctx.input.formatVersion !== "2021") return [];
  const out: Finding[] = [];
  for (const row of STOCK_ROWS) {
    const keys = [`t2.${row.key}.issued`, `t2.${row.key}.repealed`, `t2.${row.key}.in_force`] as const;
    const [issued, repealed, inForce] = keys.map((k) => ctx.resolved.value(k));
    if (issued == null || repealed == null || inForce == null) continue;
    if (inForce >= issued - repealed) continue;
    out.push(
      finding("S-T2-STOCK1", {
        cells: [...keys],
        message: {
          zh: `表二“${row.zh}”：现行有效件数为${fmt(inForce)}，少于本年制发件数（${fmt(issued)}）减本年废止件数（${fmt(repealed)}）之差${fmt(issued - repealed)}。`,
          en: `Table 2, '${row.en}': ${fmt(inForce)} in force is less than issued (${fmt(issued)}) minus repealed (${fmt(repealed)}) = ${fmt(issued - repealed)}.`,
        },
      }),
    );
  }
  return out;
}

/** 万元 amounts above this are implausible for a single agency (10⁶ 万元 = 100 亿元); governments get ×10. */
export const FEE_PLAUSIBLE_MAX_10K = 1e6;
const FEE_KEY = "t2.admin_fee.amount_10k_cny";

export function checkFeeUnit(ctx: ReportContext): Finding[] {
  if (ctx.input.formatVersion !== "2021") return [];
  const v = ctx.resolved.value(FEE_KEY);
  const raw = ctx.input.rawCells?.[FEE_KEY] ?? "";
  const yuanInCell = raw.includes("元") && !raw.includes("万元");
  const max = FEE_PLAUSIBLE_MAX_10K * (ctx.input.agencyKind === "government" ? 10 : 1);
  const tooLarge = v !== null && v > max;
  if (!yuanInCell && !tooLarge) return [];
  const label = cellLabel(FEE_KEY);
  const shown = v === null ? raw : fmt(v);
  const reason = yuanInCell
    ? { zh: `单元格写有“元”（“${raw}”）`, en: `the cell says 元 ('${raw}')` }
    : { zh: `数值${shown}按万元计明显过大`, en: `${shown} is implausibly large in 10,000 CNY` };
  return [
    finding("S-T2-UNIT", {
      cells: [FEE_KEY],
      blame: v === null ? [] : [FEE_KEY],
      suggested: v === null ? null : { [FEE_KEY]: v / 1e4 },
      message: {
        zh: `${label.zh}应以万元填写，但${reason.zh}，可能按元填写。${v === null ? "" : `若按元填写，应为${fmt(v / 1e4)}万元。`}`,
        en: `${label.en} must be in 10,000 CNY, but ${reason.en}; it was probably entered in yuan.${v === null ? "" : ` In 10,000 CNY that is ${fmt(v / 1e4)}.`}`,
      },
    }),
  ];
}

export function checkTable2NotApplicable(ctx: ReportContext): Finding[] {
  const cells = ctx.resolved.keys.filter((k) => ctx.resolved.cells.get(k)?.basis === "na");
  if (cells.length === 0) return [];
  return [
    finding("S-T2-NA", {
      cells,
      message: {
        zh: `表二有${cells.length}个单元格填写“/”，视为本机关无此职能（不适用），不作缺项处理。`,
        en: `Table 2 has ${cells.length} cell${cells.length > 1 ? "s" : ""} marked '/'; read as not applicable (the agency has no such power), not as missing.`,
      },
    }),
  ];
}
