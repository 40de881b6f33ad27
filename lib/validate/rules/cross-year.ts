/**
 * Same agency, consecutive years (REPORT-FORMAT.md §2.5, and the two §2.6 checks that need last
 * year). Values are read "as corrected" by each year's arithmetic blame, so an error already
 * reported inside one year is not reported again here. S-X-FMT needs one report only and runs in
 * validateReport.
 */
import { T3_COLS } from "../../catalog";
import type { ReportContext } from "../context";
import { cellLabel, fmt, t3ColLabel } from "../labels";
import { finding } from "../meta";
import { textSimilarity } from "../similarity";
import type { Finding } from "../types";
import { sectionName } from "./report";

export interface CrossYearContext {
  current: ReportContext;
  previous: ReportContext;
  /** previous.year === current.year − 1 */
  consecutive: boolean;
}

const READ_COLS = T3_COLS.filter((c) => !c.derived).map((c) => c.key);

export function checkCarry(x: CrossYearContext): Finding[] {
  if (!x.consecutive) return [];
  const { current: cur, previous: prev } = x;
  // Total first: it is the column that matters most.
  const cols = ["total", ...READ_COLS.filter((c) => c !== "total")];
  const breaks = cols
    .map((col) => ({ col, last: prev.corrected(`t3.carried_forward.${col}`), now: cur.corrected(`t3.carried_over.${col}`) }))
    .filter((b): b is { col: string; last: number; now: number } => b.last !== null && b.now !== null && b.last !== b.now);
  if (breaks.length === 0) return [];
  const py = prev.input.year;
  const y = cur.input.year;
  const zh = breaks.map((b) => `“${t3ColLabel(b.col).zh}”列上年${fmt(b.last)}件、本年${fmt(b.now)}件`).join("；");
  const en = breaks.map((b) => `'${t3ColLabel(b.col).en}' ${fmt(b.last)} vs ${fmt(b.now)}`).join("; ");
  return [
    finding("S-X-CARRY", {
      cells: breaks.map((b) => `t3.carried_over.${b.col}`),
      message: {
        zh: `${py}年报告表三“四、结转下年度继续办理”与${y}年报告表三“二、上年结转政府信息公开申请数量”应当相等，但${zh}。如有机构改革或更正上年数据，请予说明。`,
        en: `The ${py} report's 'Carried forward to next year' should equal the ${y} report's 'Carried over from last year', but: ${en}. Explain if the agency was reorganised or last year's figures were corrected.`,
      },
      details: { previous: { year: py, cells: breaks.map((b) => `t3.carried_forward.${b.col}`) }, breaks },
    }),
  ];
}

const STOCK_ROWS = [
  { key: "regulation", zh: "规章", en: "Regulations" },
  { key: "normative_doc", zh: "行政规范性文件", en: "Normative documents" },
] as const;

export function checkStockRollForward(x: CrossYearContext): Finding[] {
  if (!x.consecutive || x.current.input.formatVersion !== "2021" || x.previous.input.formatVersion !== "2021") return [];
  const out: Finding[] = [];
  for (const row of STOCK_ROWS) {
    const last = x.previous.resolved.value(`t2.${row.key}.in_force`);
    const [issued, repealed, now] = (["issued", "repealed", "in_force"] as const).map((c) => x.current.resolved.value(`t2.${row.key}.${c}`));
    if (last == null || issued == null || repealed == null || now == null) continue;
    const expected = last + issued - repealed;
    if (expected === now) continue;
    const gap = now - expected;
    out.push(
      finding("S-X-STOCK", {
        cells: [`t2.${row.key}.issued`, `t2.${row.key}.repealed`, `t2.${row.key}.in_force`],
        message: {
          zh: `表二“${row.zh}”：上年现行有效${fmt(last)}件，本年制发${fmt(issued)}件、废止${fmt(repealed)}件，应为${fmt(expected)}件，但本年现行有效填写为${fmt(now)}件（相差${gap > 0 ? "+" : ""}${fmt(gap)}）。如有集中清理、修订或统计口径调整，请予说明。`,
          en: `Table 2, '${row.en}': ${fmt(last)} in force last year + ${fmt(issued)} issued − ${fmt(repealed)} repealed = ${fmt(expected)}, but ${fmt(now)} are in force now (gap ${gap > 0 ? "+" : ""}${fmt(gap)}). Explain any clean-up, amendment or change of counting.`,
        },
        details: { previous: { year: x.previous.input.year, cells: [`t2.${row.key}.in_force`] }, expected, gap },
      }),
    );
  }
  return out;
}

/** ×5 / ×0.2 year on year; bases where both years are below this are ignored. */
export const YOY_MIN_BASE = 10;
export const YOY_FACTOR = 5;

export function checkYearOnYear(x: CrossYearContext): Finding[] {
  if (!x.consecutive) return [];
  const out: Finding[] = [];
  for (const key of ["t3.new_received.total", "t3.handled_total.total"]) {
    const last = x.previous.corrected(key);
    const now = x.current.corrected(key);
    if (last === null || now === null) continue;
    if (last < YOY_MIN_BASE && now < YOY_MIN_BASE) continue;
    const ratio = last === 0 ? Number.POSITIVE_INFINITY : now / last;
    if (ratio <= YOY_FACTOR && ratio >= 1 / YOY_FACTOR) continue;
    const label = cellLabel(key);
    const times = Number.isFinite(ratio) ? fmt(Math.round(ratio * 100) / 100) : "∞";
    out.push(
      finding("S-X-YOY", {
        cells: [key],
        message: {
          zh: `${label.zh}由上年的${fmt(last)}变为本年的${fmt(now)}（${times}倍），变化异常，请核实。`,
          en: `${label.en} went from ${fmt(last)} last year to ${fmt(now)} (×${times}); please check.`,
        },
        details: { previous: { year: x.previous.input.year, value: last }, ratio: Number.isFinite(ratio) ? ratio : null },
      }),
    );
  }
  return out;
}

export const DUP_THRESHOLD = 0.9;
/** Shorter sections (e.g. "无") are not compared: identical boilerplate of a few characters is no copy. */
export const DUP_MIN_CHARS = 60;

export function checkCopiedText(x: CrossYearContext): Finding[] {
  const out: Finding[] = [];
  for (const n of [1, 5]) {
    const text = (ctx: ReportContext) => (ctx.input.sections ?? []).filter((s) => s.number === n).map((s) => s.text).join("\n");
    const a = text(x.current);
    const b = text(x.previous);
    if (a.replace(/\s/gu, "").length < DUP_MIN_CHARS || b.replace(/\s/gu, "").length < DUP_MIN_CHARS) continue;
    const sim = textSimilarity(a, b);
    if (sim < DUP_THRESHOLD) continue;
    const pct = Math.round(sim * 100);
    const name = sectionName(n);
    out.push(
      finding("S-X-DUP", {
        cells: [],
        message: {
          zh: `${name.zh}与${x.previous.input.year}年报告的相似度约为${pct}%，可能沿用了上年文字。`,
          en: `${name.en[0]?.toUpperCase() ?? ""}${name.en.slice(1)} is about ${pct}% similar to the ${x.previous.input.year} report; the text may have been copied.`,
        },
        details: { section: n, similarity: sim, previousYear: x.previous.input.year },
      }),
    );
  }
  return out;
}

export function checkDisputesWithoutApplications(x: CrossYearContext): Finding[] {
  if (!x.consecutive) return [];
  const c = x.current.corrected;
  const p = x.previous.corrected;
  const disputes = [c("t4.review.total"), c("t4.lit_direct.total")];
  const apps = [c("t3.new_received.total"), c("t3.carried_over.total"), p("t3.new_received.total"), p("t3.carried_over.total")];
  if (disputes.some((v) => v === null) || apps.some((v) => v === null)) return [];
  const d = disputes.reduce<number>((s, v) => s + (v ?? 0), 0);
  if (d <= 0 || apps.some((v) => (v ?? 0) !== 0)) return [];
  return [
    finding("S-C-DISPUTE", {
      cells: ["t4.review.total", "t4.lit_direct.total", "t3.new_received.total", "t3.carried_over.total"],
      message: {
        zh: `表四有行政复议或直接起诉${fmt(d)}件，但本年和上年均未收到政府信息公开申请，也无上年结转。请核实案件来源（如主动公开投诉）或表三数据。`,
        en: `Table 4 shows ${fmt(d)} reconsideration(s) or direct lawsuit(s), yet no applications were received or carried over this year or last. Check where the cases came from (e.g. complaints about proactive disclosure) or Table 3.`,
      },
    }),
  ];
}

/** lit_after_review is "much larger" than this and last year's reviews when it exceeds them by this much and is at least twice them. */
export const LITREV_MIN_EXCESS = 3;

export function checkLitigationAfterReview(x: CrossYearContext): Finding[] {
  if (!x.consecutive) return [];
  const lit = x.current.corrected("t4.lit_after_review.total");
  const revNow = x.current.corrected("t4.review.total");
  const revLast = x.previous.corrected("t4.review.total");
  if (lit === null || revNow === null || revLast === null) return [];
  const rev = revNow + revLast;
  if (lit - rev < LITREV_MIN_EXCESS || lit < 2 * rev) return [];
  return [
    finding("S-C-LITREV", {
      cells: ["t4.lit_after_review.total", "t4.review.total"],
      message: {
        zh: `表四“复议后起诉”为${fmt(lit)}件，远多于本年和上年行政复议之和（${fmt(revNow)}＋${fmt(revLast)}＝${fmt(rev)}件），请核实是否填错栏目。`,
        en: `Table 4 shows ${fmt(lit)} lawsuits after reconsideration, far more than this and last year's reconsiderations together (${fmt(revNow)} + ${fmt(revLast)} = ${fmt(rev)}); check whether they were entered in the wrong column.`,
      },
      details: { previous: { year: x.previous.input.year, cells: ["t4.review.total"] } },
    }),
  ];
}
