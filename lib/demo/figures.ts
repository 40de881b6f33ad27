/**
 * The figure model: one agency's true figures for every year, drawn so a correct report passes
 * every rule of REPORT-FORMAT.md §2 and the chain across years holds.
 *
 * - Volume. Median new applications per year by level and department (agencies.ts DEPARTMENTS:
 *   自然资源 60 at 市州 / 24 at county; county governments ~22; townships ~0.6, so most township
 *   years are all-zero tables), times a year trend (2019 0.75 → 2023 1.05) and ±20% noise, Poisson.
 *   Year-on-year change of new_received and handled_total stays within ×4.5 (S-X-YOY is quiet).
 * - Applicants. Mostly natural persons (≈90%); 市场监管/生态环境 see more enterprises, 自然资源
 *   more lawyers (法律服务机构); townships ≈98% natural persons. Jittered per agency.
 * - Flow, per applicant column: carried_over(Y) = carried_forward(Y−1); carried_forward is a
 *   binomial share (3–10%) of the workload (0 for townships); handled = workload − carried_forward;
 *   outcomes split handled over the leaf rows: 予以公开 ≈36%, 部分公开 ≈14%, 不掌握 ≈24%,
 *   其他 无法提供 ≈8%, 不予处理 ≈7%, 其他处理 ≈5%, 不予公开 ≈5% (公安: more 执法案卷/行政查询;
 *   自然资源: more 不掌握 and 过程性信息; 信访: more 信访类). 2019-format years merge 其他处理.
 * - Disputes (表四): reconsiderations ~ Poisson(handled × 2–6%), direct lawsuits at a third of
 *   that, lawsuits after review ≤ 15% of this and last year's reviews; none when there were no
 *   applications this year or last (S-C-DISPUTE, S-C-LITREV quiet).
 * - 表二: 规章 only for the provincial and 市州 governments (others print 0, or "/" for NA);
 *   行政规范性文件 stock rolls forward exactly: in_force(Y) = in_force(Y−1) + issued − repealed
 *   (drawn backwards from a 2024 stock); 许可/处罚/强制/收费 by department type; 2019-format
 *   years get the 2019 表二 (项目数量 chain prev_items(Y+1) = prev_items(Y) + 增减).
 */
import { readCells, T3_APPLICANT_COLS, t3OutcomeLeafRows, type FormatVersion } from "../catalog";
import { deptDef, type DemoAgency } from "./agencies";
import { Rng } from "./prng";

export const DEMO_YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;

/** readCells per format, computed once (it filters the whole catalog). */
const READ_CELLS = { "2019": readCells("2019"), "2021": readCells("2021") } as const;
export function readCellsOf(format: FormatVersion): ReturnType<typeof readCells> {
  return READ_CELLS[format];
}

export function formatOfYear(year: number): FormatVersion {
  return year <= 2020 ? "2019" : "2021";
}

/** One agency-year's true figures: every read cell of the format, and the cells printed as "/". */
export interface YearFigures {
  year: number;
  format: FormatVersion;
  cells: Record<string, number>;
  /** Cells the agency prints as "/" (no such power, NA): their value reads as null. */
  na: string[];
}

const LEAVES_2021 = t3OutcomeLeafRows("2021");
const LEAVES_2019 = t3OutcomeLeafRows("2019");
const TREND: Record<number, number> = { 2019: 0.75, 2020: 0.85, 2021: 0.95, 2022: 1.0, 2023: 1.05, 2024: 1.0 };

const BASE_OUTCOME: Record<string, number> = {
  granted: 0.36,
  partially_granted: 0.14,
  denied_state_secret: 0.002,
  denied_prohibited_by_law: 0.006,
  denied_security_stability: 0.003,
  denied_third_party: 0.012,
  denied_internal_affairs: 0.008,
  denied_process_info: 0.012,
  denied_enforcement_file: 0.004,
  denied_admin_query: 0.004,
  unable_not_held: 0.24,
  unable_needs_creation: 0.05,
  unable_unclear: 0.025,
  not_processed_petition: 0.03,
  not_processed_repeat: 0.025,
  not_processed_publication: 0.004,
  not_processed_excessive: 0.004,
  not_processed_confirm_reissue: 0.008,
  other_no_supplement: 0.02,
  other_fee_unpaid: 0.002,
  other_misc: 0.03,
};

const OUTCOME_TWEAKS: Record<string, Record<string, number>> = {
  zrzy: { unable_not_held: 1.3, denied_process_info: 1.8, granted: 0.9 },
  ga: { denied_enforcement_file: 5, denied_admin_query: 4, granted: 0.85 },
  xf: { not_processed_petition: 4 },
  gov: { unable_not_held: 1.15 },
  twp: { granted: 1.4, unable_not_held: 0.7 },
};

const APPLICANTS_DEFAULT = [0.9, 0.05, 0.003, 0.005, 0.03, 0.012];
const APPLICANT_MIX: Record<string, number[]> = {
  zrzy: [0.85, 0.06, 0.002, 0.004, 0.07, 0.014],
  zjj: [0.87, 0.07, 0.002, 0.005, 0.04, 0.013],
  scjg: [0.74, 0.19, 0.004, 0.01, 0.04, 0.016],
  sthj: [0.7, 0.16, 0.01, 0.08, 0.04, 0.02],
  twp: [0.98, 0.01, 0, 0, 0.005, 0.005],
};

/** Agency-level parameters drawn once; every year draws around them. */
export interface FigureProfile {
  lambda: number;
  applicants: number[];
  pendingShare: number;
  outcome: Record<string, number>;
  reviewRate: number;
  litRate: number;
  regulationPower: boolean;
  regulationNA: boolean;
  feeNA: boolean;
  t2: { license: number; penalty: number; coercion: number; fee: number; normIssued: number; normRepealed: number; normStock: number; regIssued: number; regStock: number; procurement: number };
}

function t2Medians(agency: DemoAgency): FigureProfile["t2"] {
  const lvl = agency.level === "province" ? 4 : agency.level === "prefecture" ? 2 : agency.level === "county" ? 1 : 0.2;
  const z = { license: 0, penalty: 0, coercion: 0, fee: 0, normIssued: 1.2 * lvl, normRepealed: 0.7 * lvl, normStock: 12 * lvl, regIssued: 0, regStock: 0, procurement: 4 * lvl };
  switch (agency.profile) {
    case "gov":
      return { ...z, normIssued: 4 * lvl, normRepealed: 2.5 * lvl, normStock: 40 * lvl, regIssued: agency.level === "province" ? 3 : agency.level === "prefecture" ? 1 : 0, regStock: agency.level === "province" ? 110 : agency.level === "prefecture" ? 15 : 0, procurement: 10 * lvl };
    case "twp":
      return { ...z, license: 8, penalty: 2, normIssued: 0.3, normRepealed: 0.2, normStock: 2, procurement: 1 };
    case "zrzy":
      return { ...z, license: 300 * lvl, penalty: 20 * lvl, coercion: 2 * lvl, fee: 120 * lvl };
    case "zjj":
      return { ...z, license: 250 * lvl, penalty: 25 * lvl, coercion: 3 * lvl, fee: 10 * lvl };
    case "ga":
      return { ...z, license: 800 * lvl, penalty: 900 * lvl, coercion: 150 * lvl, fee: 60 * lvl };
    case "scjg":
      return { ...z, license: 1500 * lvl, penalty: 120 * lvl, coercion: 15 * lvl, fee: 5 * lvl };
    case "sthj":
      return { ...z, license: 60 * lvl, penalty: 40 * lvl, coercion: 8 * lvl };
    case "jt":
      return { ...z, license: 400 * lvl, penalty: 200 * lvl, coercion: 20 * lvl, fee: 15 * lvl };
    case "yj":
    case "lyj":
    case "zhzf":
      return { ...z, license: 30 * lvl, penalty: 30 * lvl, coercion: 3 * lvl };
    case "jy":
    case "wj":
    case "sl":
    case "ny":
    case "nyj":
    case "yb":
      return { ...z, license: 80 * lvl, penalty: 5 * lvl };
    default:
      return { ...z, license: 5 * lvl };
  }
}

export function drawProfile(agency: DemoAgency, rng: Rng): FigureProfile {
  const dept = deptDef(agency.profile);
  let median: number;
  if (agency.kind === "township") median = 0.6;
  else if (agency.kind === "government") median = agency.level === "province" ? 110 : agency.level === "prefecture" ? 45 : 22;
  else median = dept ? dept.volume[agency.level === "province" ? "province" : agency.level === "prefecture" ? "prefecture" : "county"] : 3;
  const lambda = agency.id === "520281-gov" ? 30 : Math.max(0.2, rng.logNormal(median, 0.45));
  const jitter = (ps: number[]) => {
    const j = ps.map((p) => p * rng.logNormal(1, 0.3));
    const s = j.reduce((a, b) => a + b, 0);
    return j.map((p) => p / s);
  };
  const tweaks = OUTCOME_TWEAKS[agency.profile] ?? {};
  const outcome: Record<string, number> = {};
  for (const [k, p] of Object.entries(BASE_OUTCOME)) outcome[k] = p * (tweaks[k] ?? 1) * rng.logNormal(1, 0.35);
  const disputeBase = agency.kind === "township" ? 0.01 : agency.kind === "government" || agency.profile === "zrzy" ? 0.055 : agency.profile === "zjj" ? 0.045 : 0.02;
  const regulationPower = agency.kind === "government" && (agency.level === "province" || agency.level === "prefecture");
  return {
    lambda,
    applicants: jitter(APPLICANT_MIX[agency.profile] ?? APPLICANTS_DEFAULT),
    pendingShare: agency.kind === "township" ? 0 : 0.03 + rng.next() * 0.07,
    outcome,
    reviewRate: disputeBase * rng.logNormal(1, 0.3),
    litRate: (disputeBase / 3) * rng.logNormal(1, 0.3),
    regulationPower,
    regulationNA: !regulationPower && rng.chance(0.35),
    feeNA: rng.chance(0.15),
    t2: t2Medians(agency),
  };
}

function yoyOk(prev: number | undefined, cur: number): boolean {
  if (prev === undefined) return true;
  if (prev < 10 && cur < 10) return true;
  return cur <= prev * 4.5 && cur * 4.5 >= prev;
}

interface FlowState {
  carriedForward: number[];
  newTotal: number;
  handledTotal: number;
  review: number;
  applications: number;
}

/** Fixed figures for one agency-year (the real 盘州 2024 report) the chain must lead into. */
export interface FigureAnchor {
  year: number;
  cells: Record<string, number>;
}

/**
 * Draws an agency's figures for `years` (ascending). With an anchor, the anchor year is taken as
 * given, the year before carries forward exactly the anchor's carried_over, and the 表二 stock
 * is drawn backwards from it.
 */
export function generateChain(agency: DemoAgency, years: readonly number[], seed: number, anchor?: FigureAnchor): { profile: FigureProfile; figures: YearFigures[] } {
  const rng = Rng.of(seed, agency.id, "figures");
  const profile = drawProfile(agency, rng);
  const out: YearFigures[] = [];
  let prev: FlowState | null = null;

  // 表二 stocks, drawn backwards from 2024 so the roll-forward is exact.
  const stock = drawStocks(profile, years, rng, anchor);
  const items = drawItemChains(profile, years, rng);

  for (const year of years) {
    const format = formatOfYear(year);
    if (anchor && year === anchor.year) {
      const c = anchor.cells;
      out.push({ year, format, cells: { ...c }, na: [] });
      prev = {
        carriedForward: T3_APPLICANT_COLS.map((col) => c[`t3.carried_forward.${col}`] ?? 0),
        newTotal: c["t3.new_received.total"] ?? 0,
        handledTotal: c["t3.handled_total.total"] ?? 0,
        review: c["t4.review.total"] ?? 0,
        applications: (c["t3.new_received.total"] ?? 0) + (c["t3.carried_over.total"] ?? 0),
      };
      continue;
    }
    const forceCf = anchor && year === anchor.year - 1 ? T3_APPLICANT_COLS.map((col) => anchor.cells[`t3.carried_over.${col}`] ?? 0) : null;
    const next = anchor && year === anchor.year - 1 ? { newTotal: anchor.cells["t3.new_received.total"] ?? 0, handledTotal: anchor.cells["t3.handled_total.total"] ?? 0 } : null;
    const cells: Record<string, number> = {};
    const state = drawT3(cells, format, year, profile, prev, rng, forceCf, next);
    drawT4(cells, profile, prev, state, rng);
    drawT2(cells, format, year, profile, stock, items, rng);
    const na: string[] = [];
    if (profile.regulationNA) {
      const keys = format === "2021" ? ["t2.regulation.issued", "t2.regulation.repealed", "t2.regulation.in_force"] : ["t2v19.regulation.new_made", "t2v19.regulation.new_published", "t2v19.regulation.total_published"];
      na.push(...keys);
    }
    if (profile.feeNA && format === "2021" && cells["t2.admin_fee.amount_10k_cny"] === 0) na.push("t2.admin_fee.amount_10k_cny");
    // Every read cell of the format is present.
    for (const c of READ_CELLS[format]) if (cells[c.key] === undefined) cells[c.key] = 0;
    out.push({ year, format, cells, na });
    prev = state;
  }
  return { profile, figures: out };
}

function drawT3(
  cells: Record<string, number>,
  format: FormatVersion,
  year: number,
  p: FigureProfile,
  prev: FlowState | null,
  rng: Rng,
  forceCf: number[] | null,
  next: { newTotal: number; handledTotal: number } | null,
): FlowState {
  const carriedOver = prev ? prev.carriedForward : null;
  let best: { news: number[]; co: number[]; cf: number[] } | null = null;
  for (let attempt = 0; attempt < 24; attempt++) {
    const mean = attempt < 6 || !prev ? p.lambda * (TREND[year] ?? 1) * rng.logNormal(1, 0.2) : Math.max(prev.newTotal, 1);
    const newTotal = rng.poisson(mean);
    const news = rng.multinomial(newTotal, p.applicants);
    const co = carriedOver ?? news.map((n) => rng.binomial(n, p.pendingShare * 0.8));
    let cf = news.map((n, i) => rng.binomial(n + (co[i] ?? 0), p.pendingShare));
    if (forceCf) {
      forceCf.forEach((f, i) => {
        const workload = (news[i] ?? 0) + (co[i] ?? 0);
        if (workload < f) news[i] = (news[i] ?? 0) + (f - workload);
      });
      cf = [...forceCf];
    }
    const nt = news.reduce((a, b) => a + b, 0);
    const ht = news.reduce((a, n, i) => a + n + (co[i] ?? 0) - (cf[i] ?? 0), 0);
    best = { news, co, cf };
    const ok = yoyOk(prev?.newTotal, nt) && yoyOk(prev?.handledTotal, ht) && (!next || (yoyOk(nt, next.newTotal) && yoyOk(ht, next.handledTotal)));
    if (ok) break;
  }
  if (!best) throw new Error("demo: no application draw");
  const { news, co, cf } = best;
  const leaves = format === "2021" ? LEAVES_2021 : LEAVES_2019;
  const probs = leaves.map((k) => (k === "other_processing" ? (p.outcome.other_no_supplement ?? 0) + (p.outcome.other_fee_unpaid ?? 0) + (p.outcome.other_misc ?? 0) : (p.outcome[k] ?? 0)));
  const rowTotals: Record<string, number> = {};
  T3_APPLICANT_COLS.forEach((col, i) => {
    const n = news[i] ?? 0;
    const c0 = co[i] ?? 0;
    const f = cf[i] ?? 0;
    const handled = n + c0 - f;
    cells[`t3.new_received.${col}`] = n;
    cells[`t3.carried_over.${col}`] = c0;
    cells[`t3.carried_forward.${col}`] = f;
    cells[`t3.handled_total.${col}`] = handled;
    const split = rng.multinomial(handled, probs);
    leaves.forEach((row, j) => (cells[`t3.${row}.${col}`] = split[j] ?? 0));
  });
  for (const row of ["new_received", "carried_over", "carried_forward", "handled_total", ...leaves]) {
    let s = 0;
    for (const col of T3_APPLICANT_COLS) s += cells[`t3.${row}.${col}`] ?? 0;
    cells[`t3.${row}.total`] = s;
    rowTotals[row] = s;
  }
  return {
    carriedForward: cf,
    newTotal: rowTotals.new_received ?? 0,
    handledTotal: rowTotals.handled_total ?? 0,
    review: 0,
    applications: (rowTotals.new_received ?? 0) + (rowTotals.carried_over ?? 0),
  };
}

function setT4(cells: Record<string, number>, group: string, total: number, probs: number[], rng: Rng): void {
  const [upheld, corrected, other, pending] = rng.multinomial(total, probs);
  cells[`t4.${group}.upheld`] = upheld ?? 0;
  cells[`t4.${group}.corrected`] = corrected ?? 0;
  cells[`t4.${group}.other`] = other ?? 0;
  cells[`t4.${group}.pending`] = pending ?? 0;
  cells[`t4.${group}.total`] = total;
}

function drawT4(cells: Record<string, number>, p: FigureProfile, prev: FlowState | null, cur: FlowState, rng: Rng): void {
  // Disputes only in years with applications, so S-C-DISPUTE never depends on a missing prior report.
  const active = cur.applications > 0;
  const review = active ? rng.poisson(cur.handledTotal * p.reviewRate) : 0;
  const direct = active ? rng.poisson(cur.handledTotal * p.litRate) : 0;
  const afterReview = rng.binomial(review + (prev?.review ?? 0), 0.15);
  setT4(cells, "review", review, [0.55, 0.12, 0.2, 0.13], rng);
  setT4(cells, "lit_direct", direct, [0.5, 0.08, 0.22, 0.2], rng);
  setT4(cells, "lit_after_review", afterReview, [0.5, 0.08, 0.22, 0.2], rng);
  cur.review = review;
}

interface Stocks {
  normIssued: Map<number, number>;
  normRepealed: Map<number, number>;
  normInForce: Map<number, number>;
  regIssued: Map<number, number>;
  regRepealed: Map<number, number>;
  regInForce: Map<number, number>;
}

function drawStocks(p: FigureProfile, years: readonly number[], rng: Rng, anchor?: FigureAnchor): Stocks {
  const s: Stocks = { normIssued: new Map(), normRepealed: new Map(), normInForce: new Map(), regIssued: new Map(), regRepealed: new Map(), regInForce: new Map() };
  const desc = [...years].sort((a, b) => b - a);
  const last = desc[0] ?? 2024;
  const a = anchor?.year === last ? anchor.cells : null;
  let norm = a ? (a["t2.normative_doc.in_force"] ?? 0) : Math.round(rng.logNormal(Math.max(1, p.t2.normStock), 0.5));
  let reg = a ? (a["t2.regulation.in_force"] ?? 0) : p.regulationPower ? Math.round(rng.logNormal(Math.max(1, p.t2.regStock), 0.3)) : 0;
  for (const y of desc) {
    const fixed = a && y === last;
    let ni = fixed ? (a["t2.normative_doc.issued"] ?? 0) : rng.poisson(p.t2.normIssued);
    const nr = fixed ? (a["t2.normative_doc.repealed"] ?? 0) : rng.poisson(p.t2.normRepealed);
    ni = Math.min(ni, norm + nr);
    let ri = fixed ? (a["t2.regulation.issued"] ?? 0) : p.regulationPower ? rng.poisson(p.t2.regIssued) : 0;
    const rr = fixed ? (a["t2.regulation.repealed"] ?? 0) : p.regulationPower ? rng.poisson(p.t2.regIssued * 0.5) : 0;
    ri = Math.min(ri, reg + rr);
    s.normIssued.set(y, ni);
    s.normRepealed.set(y, nr);
    s.normInForce.set(y, norm);
    s.regIssued.set(y, ri);
    s.regRepealed.set(y, rr);
    s.regInForce.set(y, reg);
    norm = norm - ni + nr;
    reg = reg - ri + rr;
  }
  return s;
}

interface ItemChains {
  prev: Map<string, Map<number, number>>;
  delta: Map<string, Map<number, number>>;
}

const V19_ITEM_ROWS = ["admin_license", "other_external_service", "admin_penalty", "admin_coercion", "admin_fee"] as const;

/** 2019 表二 项目数量: prev_items(Y+1) = prev_items(Y) + delta(Y). */
function drawItemChains(p: FigureProfile, years: readonly number[], rng: Rng): ItemChains {
  const chains: ItemChains = { prev: new Map(), delta: new Map() };
  const base: Record<(typeof V19_ITEM_ROWS)[number], number> = {
    admin_license: p.t2.license > 0 ? 8 + Math.sqrt(p.t2.license) * 2 : 0,
    other_external_service: p.t2.license > 0 ? 3 + Math.sqrt(p.t2.license) : 0,
    admin_penalty: p.t2.penalty > 0 ? 20 + Math.sqrt(p.t2.penalty) * 8 : 0,
    admin_coercion: p.t2.coercion > 0 ? 4 + Math.sqrt(p.t2.coercion) : 0,
    admin_fee: p.t2.fee > 0 ? 2 + Math.sqrt(p.t2.fee) : 0,
  };
  for (const row of V19_ITEM_ROWS) {
    const prev = new Map<number, number>();
    const delta = new Map<number, number>();
    let items = base[row] > 0 ? Math.round(rng.logNormal(base[row], 0.3)) : 0;
    for (const y of years) {
      const d = items > 0 ? Math.max(-items, rng.int(-3, 5)) : 0;
      prev.set(y, items);
      delta.set(y, d);
      items += d;
    }
    chains.prev.set(row, prev);
    chains.delta.set(row, delta);
  }
  return chains;
}

function count(rng: Rng, median: number): number {
  if (median <= 0) return 0;
  return median < 20 ? rng.poisson(median) : Math.round(rng.logNormal(median, 0.25));
}

function drawT2(cells: Record<string, number>, format: FormatVersion, year: number, p: FigureProfile, s: Stocks, items: ItemChains, rng: Rng): void {
  const license = count(rng, p.t2.license);
  const penalty = count(rng, p.t2.penalty);
  const coercion = count(rng, p.t2.coercion);
  if (format === "2021") {
    cells["t2.regulation.issued"] = s.regIssued.get(year) ?? 0;
    cells["t2.regulation.repealed"] = s.regRepealed.get(year) ?? 0;
    cells["t2.regulation.in_force"] = s.regInForce.get(year) ?? 0;
    cells["t2.normative_doc.issued"] = s.normIssued.get(year) ?? 0;
    cells["t2.normative_doc.repealed"] = s.normRepealed.get(year) ?? 0;
    cells["t2.normative_doc.in_force"] = s.normInForce.get(year) ?? 0;
    cells["t2.admin_license.decisions"] = license;
    cells["t2.admin_penalty.decisions"] = penalty;
    cells["t2.admin_coercion.decisions"] = coercion;
    const fee = p.t2.fee > 0 ? rng.logNormal(p.t2.fee, 0.3) : 0;
    // Fees in 万元: two decimals for half of the agencies that collect any.
    cells["t2.admin_fee.amount_10k_cny"] = fee === 0 ? 0 : rng.chance(0.5) ? Math.round(fee * 100) / 100 : Math.round(fee);
  } else {
    const regMade = s.regIssued.get(year) ?? 0;
    const normMade = rng.poisson(p.t2.normIssued);
    cells["t2v19.regulation.new_made"] = regMade;
    cells["t2v19.regulation.new_published"] = regMade;
    cells["t2v19.regulation.total_published"] = p.regulationPower ? Math.round((s.regInForce.get(2021) ?? 0) * 1.4) + regMade : 0;
    cells["t2v19.normative_doc.new_made"] = normMade;
    cells["t2v19.normative_doc.new_published"] = Math.max(0, normMade - (rng.chance(0.2) ? 1 : 0));
    cells["t2v19.normative_doc.total_published"] = Math.round((s.normInForce.get(2021) ?? 0) * 1.3) + normMade;
    const decisions: Record<string, number> = { admin_license: license, other_external_service: count(rng, p.t2.license * 0.1), admin_penalty: penalty, admin_coercion: coercion };
    for (const row of V19_ITEM_ROWS) {
      cells[`t2v19.${row}.prev_items`] = items.prev.get(row)?.get(year) ?? 0;
      cells[`t2v19.${row}.delta_items`] = items.delta.get(row)?.get(year) ?? 0;
      if (row !== "admin_fee") cells[`t2v19.${row}.decisions`] = decisions[row] ?? 0;
    }
    const projects = count(rng, p.t2.procurement);
    cells["t2v19.central_procurement.projects"] = projects;
    cells["t2v19.central_procurement.amount"] = projects * Math.round(rng.logNormal(120000, 0.5) / 100) * 100;
  }
}

/** A running cell-by-cell sum of one year's figures (region-aggregate reports). */
export class FigureSum {
  private readonly format: FormatVersion;
  private readonly acc: Float64Array;

  constructor(private readonly year: number) {
    this.format = formatOfYear(year);
    this.acc = new Float64Array(READ_CELLS[this.format].length);
  }

  add(f: YearFigures): void {
    READ_CELLS[this.format].forEach((c, i) => (this.acc[i] = (this.acc[i] ?? 0) + (f.cells[c.key] ?? 0)));
  }

  result(): YearFigures {
    const cells: Record<string, number> = {};
    READ_CELLS[this.format].forEach((c, i) => {
      const s = this.acc[i] ?? 0;
      cells[c.key] = c.integer ? Math.round(s) : Math.round(s * 100) / 100;
    });
    return { year: this.year, format: this.format, cells, na: [] };
  }
}

/** Sums figures of the same year cell by cell. */
export function sumFigures(year: number, parts: readonly YearFigures[]): YearFigures {
  const acc = new FigureSum(year);
  for (const f of parts) acc.add(f);
  return acc.result();
}

/** The printed values: true figures with NA cells as null. */
export function printedCells(f: YearFigures): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const na = new Set(f.na);
  for (const c of READ_CELLS[f.format]) out[c.key] = na.has(c.key) ? null : (f.cells[c.key] ?? 0);
  return out;
}

