/** Single-report plausibility (REPORT-FORMAT.md §2.6) and the layout/year check S-X-FMT (§2.5). */
import { TABLE_TITLES } from "../../catalog";
import type { ReportContext } from "../context";
import { fmt } from "../labels";
import { finding } from "../meta";
import type { Finding } from "../types";

const SECTION_ZH = ["一", "二", "三", "四", "五", "六"] as const;
const SECTION_TITLES = [
  { zh: "总体情况", en: "Overview" },
  { zh: "主动公开政府信息情况", en: "Proactive disclosure" },
  { zh: "收到和处理政府信息公开申请情况", en: "Applications received and handled" },
  { zh: "政府信息公开行政复议、行政诉讼情况", en: "Reconsideration and litigation" },
  { zh: "存在的主要问题及改进情况", en: "Main problems and improvements" },
  { zh: "其他需要报告的事项", en: "Other matters" },
] as const;

export function sectionName(n: number): { zh: string; en: string } {
  const t = SECTION_TITLES[n - 1];
  return { zh: `第${SECTION_ZH[n - 1] ?? n}部分“${t?.zh ?? ""}”`, en: `section ${n} ('${t?.en ?? ""}')` };
}

const FEE_MENTION = /信息处理费|收费通知|处理费/u;

export function checkFeeReported(ctx: ReportContext): Finding[] {
  if (ctx.input.formatVersion !== "2021" || !ctx.input.sections) return [];
  const fee = ctx.corrected("t3.other_fee_unpaid.total");
  if (fee === null || fee <= 0) return [];
  const six = ctx.input.sections.filter((s) => s.number === 6).map((s) => s.text).join("\n");
  if (FEE_MENTION.test(six)) return [];
  return [
    finding("S-C-FEE", {
      cells: ["t3.other_fee_unpaid.total"],
      message: {
        zh: `表三“逾期未按收费通知要求缴纳费用”有${fmt(fee)}件，说明发出过收费通知，但第六部分“其他需要报告的事项”未提及信息处理费。`,
        en: `Table 3 shows ${fmt(fee)} application${fee === 1 ? "" : "s"} dropped for unpaid fees, so fee notices were issued, but section 6 does not mention information-processing fees.`,
      },
    }),
  ];
}

export function checkStructure(ctx: ReportContext): Finding[] {
  const out: Finding[] = [];
  const sections = ctx.input.sections;
  if (sections) {
    const present = new Set(sections.map((s) => s.number));
    const missing = [1, 2, 3, 4, 5, 6].filter((n) => !present.has(n));
    if (missing.length > 0) {
      out.push(
        finding("S-STRUCT", {
          cells: [],
          message: {
            zh: `报告缺少${missing.map((n) => sectionName(n).zh).join("、")}。`,
            en: `The report lacks ${missing.map((n) => sectionName(n).en).join(", ")}.`,
          },
          details: { missingSections: missing },
        }),
      );
    }
    const order = sections.map((s) => s.number);
    if (order.some((n, i) => i > 0 && n < (order[i - 1] ?? 0))) {
      out.push(
        finding("S-STRUCT", {
          cells: [],
          message: { zh: `报告各部分顺序与规定格式不一致（${order.join("、")}）。`, en: `The sections are out of order (${order.join(", ")}).` },
          details: { order },
        }),
      );
    }
  }
  const tables = ctx.input.tables;
  if (tables) {
    for (const t of ["t2", "t3", "t4"] as const) {
      if (tables[t] === "found") continue;
      const name = { t2: "表二", t3: "表三", t4: "表四" }[t];
      const missing = tables[t] === "missing";
      out.push(
        finding("S-STRUCT", {
          cells: [],
          message: {
            zh: `${name}“${TABLE_TITLES[t].zh}”${missing ? "缺失" : "不完整（缺少末尾若干行）"}，相关核对无法进行。`,
            en: `Table ${t.slice(1)} ('${TABLE_TITLES[t].en}') is ${missing ? "missing" : "truncated"}; its checks cannot be made.`,
          },
          details: { table: t, status: tables[t] },
        }),
      );
    }
  }
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** 条例 Art. 49: departments publish by 31 Jan, governments by 31 Mar of the following year. */
export function checkTimeliness(ctx: ReportContext): Finding[] {
  const { publishedOn, agencyKind, year } = ctx.input;
  if (!publishedOn || !ISO_DATE.test(publishedOn)) return [];
  const deadline =
    agencyKind === "department" ? { iso: `${year + 1}-01-31`, zh: "1月31日", en: "31 January", who: { zh: "政府部门", en: "departments" } }
    : agencyKind === "government" ? { iso: `${year + 1}-03-31`, zh: "3月31日", en: "31 March", who: { zh: "人民政府", en: "governments" } }
    : null;
  if (!deadline || publishedOn <= deadline.iso) return [];
  return [
    finding("S-TIMELY", {
      cells: [],
      message: {
        zh: `报告发布于${publishedOn}，晚于《政府信息公开条例》第四十九条规定的${deadline.who.zh}发布期限（${year + 1}年${deadline.zh}）。`,
        en: `Published on ${publishedOn}, after the deadline for ${deadline.who.en} in Art. 49 of the Regulations (${deadline.en} ${year + 1}).`,
      },
      details: { publishedOn, deadline: deadline.iso },
    }),
  ];
}

export function checkFormatForYear(ctx: ReportContext): Finding[] {
  const { year, formatVersion } = ctx.input;
  const expected = year >= 2021 ? "2021" : "2019";
  if (formatVersion === expected) return [];
  const doc = { "2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号" } as const;
  return [
    finding("S-X-FMT", {
      cells: [],
      message: {
        zh: `${year}年度报告的表格采用了${doc[formatVersion]}的格式，而该年度应采用${doc[expected]}的格式。`,
        en: `The ${year} report uses the ${formatVersion} table layout; reports for ${year} should use the ${expected} layout.`,
      },
      details: { year, formatVersion, expected },
    }),
  ];
}
