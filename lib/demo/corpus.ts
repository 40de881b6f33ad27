/**
 * The demo corpus: every agency-year of 贵州 2019–2024 (less a few missing reports), rendered to
 * text (~55%), HTML (~25%, a third GBK), DOCX (~10%) and PDF (~10%), with a manifest entry per
 * file. Pure and streaming: a generator yields one file at a time, 市州 by 市州; the same seed and
 * scale give the same bytes.
 */
import { readCells, T3_ROWS, TOPIC_KEYS, type FormatVersion, type TopicKey } from "../catalog";
import { renderReport, SURFACE_EXTENSIONS, type RenderStyle, type RenderSurface, type ReportModel, type SectionNo } from "../render";
import { sampleModel, type SampleExpected } from "../render/sample";
import { buildAgencyGroups, deptDef, isWithin, type DemoAgency, type PrefectureGroup } from "./agencies";
import {
  applyBlankTotals,
  applyBrokenCarry,
  applyWrongTotal,
  canWrongTotal,
  chooseErrorKind,
  NARRATIVE_CELL,
  planNarrativeMismatch,
  type ErrorKind,
  type InjectedError,
} from "./errors";
import { DEMO_YEARS, FigureSum, generateChain, printedCells, type FigureAnchor, type YearFigures } from "./figures";
import { composeNarrative, drawChoices, drawTopics, type NarrativeChoices, type NarrativeFigures, type StatedFigures, type TopicCountDraw } from "./narrative";

/** Share of (non-township) reports whose prose states per-topic application counts. */
const TOPIC_COUNT_SHARE = 0.3;
import { expectedRules, type OracleReport } from "./oracle";
import { hashUnit, Rng } from "./prng";

export const PANZHOU_GOV_ID = "520281-gov";
export const SAMPLE_YEAR = 2024;

export interface DemoSample {
  /** The published report's bytes, copied into the corpus verbatim. */
  bytes: Uint8Array;
  /** Its expected.json (figures as printed, narrative, topics). */
  expected: SampleExpected & { narrative?: StatedFigures; topics?: string[] };
}

export interface DemoCorpusOptions {
  seed: number;
  /** Multiplies agencies (synthetic departments and townships per county); 1 = the default demo. */
  scale?: number;
  years?: readonly number[];
  /** The real 盘州市人民政府 2024 report; without it that year is generated like the others. */
  sample?: DemoSample | null;
  /** Share of reports that carry one injected error (default 0.035). */
  errorRate?: number;
  /** Share of agency-years with no report (default 0.02). */
  missingRate?: number;
  /** zlib compressor for PDF streams; default fflate (a CLI may pass node:zlib's, faster). */
  deflate?: (data: Uint8Array) => Uint8Array;
  /** Surface-format shares; default ~55% text, 25% HTML (a third GBK), 10% DOCX, 10% PDF. */
  surfaceMix?: SurfaceMix;
  /** Only these groups (520000 = provincial, else 市州 codes); for tests. Default: all. */
  prefectures?: readonly string[];
  /**
   * With `prefectures`: also these agencies of the other groups, in these years only (the
   * end-to-end corpus adds every county government's latest report, so a whole peer group of 88
   * can be ranked). Each agency's files are the same bytes as in the full corpus.
   */
  also?: { agencies: (a: DemoAgency) => boolean; years: readonly number[] };
}

export interface ManifestAgency {
  id: string;
  name: string;
  printed_name: string;
  region_code: string;
  region_name: string;
  parent_region_code: string | null;
  prefecture_code: string;
  kind: DemoAgency["kind"];
  level: DemoAgency["level"];
  dept_type: string | null;
  synthetic: boolean;
}

export interface ManifestReport {
  path: string;
  agency: ManifestAgency;
  year: number;
  format_version: FormatVersion;
  surface: RenderSurface;
  encoding: "utf-8" | "gbk" | null;
  scope: "self" | "region_aggregate";
  source: "generated" | "real";
  /** ISO date the document states (signature, page meta); null when it states none. */
  published_on: string | null;
  deadline: string;
  late: boolean;
  /** Printed values, aligned with manifest.cell_keys[format_version]; null = blank or "/". */
  cells: (number | null)[];
  /** Printed text where it is not the plain number ("/" for NA, "" for blank). */
  raw: Record<string, string>;
  /** Figures the prose states (REPORT-FORMAT.md §0 narrative keys). */
  narrative: StatedFigures;
  topics: TopicKey[];
  /** Applications per topic the prose states (most reports state none). */
  topic_counts: Partial<Record<TopicKey, number>>;
  error: InjectedError | null;
  /** Every warning/error rule id the validator must raise on this report (sorted). */
  expected_rules: string[];
  bytes: number;
}

export interface DemoFile {
  path: string;
  bytes: Uint8Array;
  entry: ManifestReport;
}

export interface CorpusSummary {
  agencies: number;
  reports: number;
  missing: { agency_id: string; name: string; year: number }[];
  bySurface: Record<string, number>;
  byFormat: Record<string, number>;
  byError: Record<string, number>;
  late: number;
  bytes: number;
}

export function manifestCellKeys(): Record<FormatVersion, string[]> {
  return { "2019": readCells("2019").map((c) => c.key), "2021": readCells("2021").map((c) => c.key) };
}

/** Expands a manifest entry's aligned cell array into a key → value record. */
export function manifestCells(entry: Pick<ManifestReport, "cells" | "format_version">, keys: Record<FormatVersion, string[]> = manifestCellKeys()): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  keys[entry.format_version].forEach((k, i) => (out[k] = entry.cells[i] ?? null));
  return out;
}

function manifestAgency(a: DemoAgency): ManifestAgency {
  return {
    id: a.id,
    name: a.name,
    printed_name: a.printedName,
    region_code: a.regionCode,
    region_name: a.regionName,
    parent_region_code: a.parentRegionCode,
    prefecture_code: a.prefectureCode,
    kind: a.kind,
    level: a.level,
    dept_type: a.deptType,
    synthetic: a.synthetic,
  };
}

// ───────────────────────────── per-report decisions ─────────────────────────────

/** Shares of the surface formats (normalised), and the share of HTML served as GBK. */
export interface SurfaceMix {
  text: number;
  html: number;
  docx: number;
  pdf: number;
  gbkShareOfHtml: number;
}

export const DEFAULT_SURFACE_MIX: SurfaceMix = { text: 0.55, html: 0.25, docx: 0.1, pdf: 0.1, gbkShareOfHtml: 1 / 3 };

export function surfaceOf(seed: number, agencyId: string, year: number, mix: SurfaceMix = DEFAULT_SURFACE_MIX): RenderSurface {
  const total = mix.text + mix.html + mix.docx + mix.pdf;
  const u = hashUnit(seed, agencyId, year, "surface") * total;
  if (u < mix.text) return "text";
  if (u < mix.text + mix.html) return hashUnit(seed, agencyId, year, "gbk") < mix.gbkShareOfHtml ? "html-gbk" : "html";
  if (u < mix.text + mix.html + mix.docx) return "docx";
  return "pdf";
}

function isoAddDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map((x) => Number(x));
  const t = Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Departments by 31 Jan, governments (and townships) by 31 Mar of Y+1 (条例 Art. 49); ~4% late. */
function publication(agency: DemoAgency, year: number, rng: Rng): { date: string; deadline: string; late: boolean } {
  const dept = agency.kind === "department";
  const deadline = `${year + 1}-${dept ? "01-31" : "03-31"}`;
  if (rng.chance(0.04)) return { date: isoAddDays(deadline, rng.int(1, 60)), deadline, late: true };
  const start = `${year + 1}-01-05`;
  const span = dept ? 26 : [24, 50, 85][rng.weighted([0.5, 0.3, 0.2])] ?? 24;
  return { date: isoAddDays(start, rng.int(0, span)), deadline, late: false };
}

function narrativeFigures(cells: Readonly<Record<string, number>>, format: FormatVersion): NarrativeFigures {
  const t = (k: string) => cells[k] ?? 0;
  const sum = (rows: string[]) => rows.reduce((a, r) => a + t(`t3.${r}.total`), 0);
  const rowsOf = (group: string) => T3_ROWS.filter((r) => !r.derived && r.group === group && r.formats.includes(format)).map((r) => r.key);
  const t4 = (g: string) => ({ upheld: t(`t4.${g}.upheld`), corrected: t(`t4.${g}.corrected`), other: t(`t4.${g}.other`), pending: t(`t4.${g}.pending`), total: t(`t4.${g}.total`) });
  const lit = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
  for (const g of ["lit_direct", "lit_after_review"]) {
    const x = t4(g);
    lit.upheld += x.upheld;
    lit.corrected += x.corrected;
    lit.other += x.other;
    lit.pending += x.pending;
    lit.total += x.total;
  }
  return {
    new_received: t("t3.new_received.total"),
    carried_over: t("t3.carried_over.total"),
    handled_total: t("t3.handled_total.total"),
    carried_forward: t("t3.carried_forward.total"),
    granted: t("t3.granted.total"),
    partially_granted: t("t3.partially_granted.total"),
    denied: sum(rowsOf("不予公开")),
    unable: sum(rowsOf("无法提供")),
    not_processed: sum(rowsOf("不予处理")),
    other: format === "2021" ? sum(rowsOf("其他处理")) : t("t3.other_processing.total"),
    review: t4("review"),
    litigation: lit,
    fee_unpaid: format === "2021" ? t("t3.other_fee_unpaid.total") : 0,
    normative_in_force: format === "2021" ? t("t2.normative_doc.in_force") : null,
  };
}

function styleFor(seed: number, agency: DemoAgency, year: number, surface: RenderSurface, preambleVariant: number): RenderStyle {
  const u = (k: string) => hashUnit(seed, agency.id, year, k);
  return {
    punct: u("punct") < 0.6 ? "half" : "full",
    wrapHeaderLabels: u("wrap") < 0.7,
    // Without a title the name must be in the preamble: variant 0 states it, variant 1 only via the compiler.
    textTitle: surface !== "text" || preambleVariant === 1 || u("title") < 0.5,
    htmlEntities: u("entities") < 0.4,
  };
}

function sectionTitlesFor(seed: number, agency: DemoAgency, format: FormatVersion): Partial<Record<SectionNo, string>> {
  const u = hashUnit(seed, agency.id, "titles");
  const t4 = format === "2019" ? (u < 0.5 ? "因政府信息公开工作被申请行政复议、提起行政诉讼情况" : "政府信息公开行政复议、行政诉讼情况") : u < 0.5 ? "政府信息公开行政复议、行政诉讼情况" : "政府信息公开行政复议和行政诉讼情况";
  const t5 = hashUnit(seed, agency.id, "titles5") < 0.3 ? "政府信息公开工作存在的主要问题及改进情况" : "存在的主要问题及改进情况";
  return { 4: t4, 5: t5 };
}

// ───────────────────────────── the generator ─────────────────────────────

interface AgencyState {
  prevChoices: NarrativeChoices | null;
  prevReport: OracleReport | null;
  prevProblems: string | null;
  prevHadError: boolean;
  prevPresent: boolean;
}

/** True figures of the sample: its one wrong 总计 (上年结转) recomputed from the applicant columns. */
function sampleTruth(expected: SampleExpected): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const c of readCells(expected.format_version)) cells[c.key] = expected.cells[c.key] ?? 0;
  for (const r of T3_ROWS.filter((x) => !x.derived && x.formats.includes(expected.format_version))) {
    cells[`t3.${r.key}.total`] = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org", "legal_service_org", "other_org"].reduce((a, c) => a + (cells[`t3.${r.key}.${c}`] ?? 0), 0);
  }
  return cells;
}

function firstYear(seed: number, agency: DemoAgency, years: readonly number[]): number {
  const y0 = years[0] ?? 2019;
  if (agency.kind !== "township") return y0;
  const u = hashUnit(seed, agency.id, "first-year");
  return u < 0.4 ? y0 : u < 0.7 ? y0 + 1 : y0 + 2;
}

/**
 * Agencies, agency-years and the files generateCorpus yields for these options, without rendering
 * anything (the files: agency-years written, less those drawn as missing), so a load can show
 * "n of N" from its first document.
 */
export function countCorpus(opts: DemoCorpusOptions): { agencies: number; agencyYears: number; files: number } {
  const years = [...(opts.years ?? DEMO_YEARS)].sort((a, b) => a - b);
  const missingRate = opts.missingRate ?? 0.02;
  let agencies = 0;
  let agencyYears = 0;
  let files = 0;
  for (const g of buildAgencyGroups(opts.scale ?? 1)) {
    const partial = !!opts.prefectures && !opts.prefectures.includes(g.code);
    if (partial && !opts.also) continue;
    for (const a of g.agencies) {
      if (partial && !opts.also?.agencies(a)) continue;
      agencies++;
      const start = firstYear(opts.seed, a, years);
      for (const year of years) {
        if (year < start || (partial && !opts.also?.years.includes(year))) continue;
        agencyYears++;
        if (!isMissing(opts.seed, a, year, missingRate)) files++;
      }
    }
  }
  return { agencies, agencyYears, files };
}

/** The sample's chain and the provincial and 市州 governments are never missing. */
function isMissing(seed: number, agency: DemoAgency, year: number, missingRate: number): boolean {
  const protectedYear = (agency.id === PANZHOU_GOV_ID && (year === SAMPLE_YEAR || year === SAMPLE_YEAR - 1)) || (agency.kind === "government" && agency.level !== "county");
  return !protectedYear && hashUnit(seed, agency.id, year, "missing") < missingRate;
}

export function* generateCorpus(opts: DemoCorpusOptions): Generator<DemoFile, CorpusSummary> {
  const years = [...(opts.years ?? DEMO_YEARS)].sort((a, b) => a - b);
  const errorRate = opts.errorRate ?? 0.035;
  const missingRate = opts.missingRate ?? 0.02;
  const summary: CorpusSummary = { agencies: 0, reports: 0, missing: [], bySurface: {}, byFormat: {}, byError: {}, late: 0, bytes: 0 };
  const keys = manifestCellKeys();
  const anchor: FigureAnchor | undefined = opts.sample && years.includes(SAMPLE_YEAR) ? { year: SAMPLE_YEAR, cells: sampleTruth(opts.sample.expected) } : undefined;

  for (const group of buildAgencyGroups(opts.scale ?? 1)) {
    const partial = !!opts.prefectures && !opts.prefectures.includes(group.code);
    if (partial && !opts.also) continue;
    const chainOf = (a: DemoAgency) => generateChain(a, years, opts.seed, a.id === PANZHOU_GOV_ID ? anchor : undefined).figures;
    const aggregates = regionAggregates(group, years, chainOf);

    for (const agency of group.agencies) {
      if (partial && !opts.also?.agencies(agency)) continue;
      summary.agencies++;
      const figures = aggregates.get(agency.id) ?? chainOf(agency);
      const start = firstYear(opts.seed, agency, years);
      const state: AgencyState = { prevChoices: null, prevReport: null, prevProblems: null, prevHadError: false, prevPresent: false };
      for (const truth of figures) {
        const year = truth.year;
        if (year < start) continue;
        const missing = isMissing(opts.seed, agency, year, missingRate);
        // Outside the chosen groups only the `also` years are written; the years before stay
        // unwritten, so the load has no previous-year report to check against (state reset).
        if (partial && !opts.also?.years.includes(year)) {
          Object.assign(state, { prevPresent: false, prevReport: null, prevHadError: false, prevProblems: null });
          state.prevChoices = drawChoices(agency, Rng.of(opts.seed, agency.id, year, "text"), state.prevChoices);
          continue;
        }
        if (missing) {
          summary.missing.push({ agency_id: agency.id, name: agency.name, year });
          state.prevPresent = false;
          state.prevReport = null;
          state.prevHadError = false;
          state.prevProblems = null;
          // Keep the narrative choice chain so the next year still avoids repeating it.
          state.prevChoices = drawChoices(agency, Rng.of(opts.seed, agency.id, year, "text"), state.prevChoices);
          continue;
        }
        const file =
          agency.id === PANZHOU_GOV_ID && year === SAMPLE_YEAR && opts.sample
            ? sampleFile(agency, group, opts.sample, state, keys)
            : buildReport({ agency, group, truth, year, seed: opts.seed, state, errorRate, keys, deflate: opts.deflate, mix: opts.surfaceMix ?? DEFAULT_SURFACE_MIX });
        summary.reports++;
        summary.bytes += file.bytes.length;
        summary.bySurface[file.entry.surface] = (summary.bySurface[file.entry.surface] ?? 0) + 1;
        summary.byFormat[file.entry.format_version] = (summary.byFormat[file.entry.format_version] ?? 0) + 1;
        if (file.entry.error) summary.byError[file.entry.error.kind] = (summary.byError[file.entry.error.kind] ?? 0) + 1;
        if (file.entry.late) summary.late++;
        yield file;
      }
    }
  }
  return summary;
}

/**
 * Figures of the group's 汇总 reports: the sum of the own figures of every agency in the region
 * (the aggregate government's own organ included). Chains are drawn, added and dropped, so memory
 * stays flat; the render pass draws them again (same seed, same figures).
 */
function regionAggregates(group: PrefectureGroup, years: readonly number[], chainOf: (a: DemoAgency) => YearFigures[]): Map<string, YearFigures[]> {
  const aggs = group.agencies.filter((a) => a.scope === "region_aggregate");
  const out = new Map<string, YearFigures[]>();
  if (aggs.length === 0) return out;
  const sums = new Map(aggs.map((a) => [a.id, years.map((y) => new FigureSum(y))]));
  for (const m of group.agencies) {
    const inside = aggs.filter((a) => isWithin(m, a.regionCode));
    if (inside.length === 0) continue;
    const chain = chainOf(m);
    for (const a of inside) sums.get(a.id)?.forEach((acc, i) => chain[i] && acc.add(chain[i]));
  }
  for (const [id, accs] of sums) out.set(id, accs.map((acc) => acc.result()));
  return out;
}

interface BuildArgs {
  agency: DemoAgency;
  group: PrefectureGroup;
  truth: YearFigures;
  year: number;
  seed: number;
  state: AgencyState;
  errorRate: number;
  keys: Record<FormatVersion, string[]>;
  deflate?: (data: Uint8Array) => Uint8Array;
  mix: SurfaceMix;
}

function filePath(group: PrefectureGroup, agency: DemoAgency, year: number, surface: RenderSurface): string {
  return `${group.code.slice(0, 4)}-${group.name}/${agency.regionCode}-${agency.name}-${year}.${SURFACE_EXTENSIONS[surface]}`;
}

function buildReport(args: BuildArgs): DemoFile {
  const { agency, group, year, seed, state } = args;
  let truth = args.truth;
  const format = truth.format;
  const rng = Rng.of(seed, agency.id, year, "report");
  const textRng = Rng.of(seed, agency.id, year, "text");
  let choices = drawChoices(agency, textRng, state.prevChoices);
  const topics = drawTopics(agency, deptDef(agency.profile)?.topics, Rng.of(seed, agency.id, year, "topics"));
  // Its own streams, so the rest of the corpus is the same bytes with or without count sentences.
  const countDraw: TopicCountDraw | null =
    agency.kind !== "township" && hashUnit(seed, agency.id, year, "topic-count") < TOPIC_COUNT_SHARE
      ? { u1: hashUnit(seed, agency.id, year, "topic-count-1"), u2: hashUnit(seed, agency.id, year, "topic-count-2"), form: hashUnit(seed, agency.id, year, "topic-count-form") < 0.5 ? 0 : 1 }
      : null;

  // Decide the one injected error, if any.
  let kind: ErrorKind | null = null;
  const injectable = agency.scope === "self" && agency.id !== PANZHOU_GOV_ID && !state.prevHadError;
  if (injectable && hashUnit(seed, agency.id, year, "error") < args.errorRate) {
    const printed0 = printedCells(truth);
    kind = chooseErrorKind(rng, {
      wrong_total: canWrongTotal(printed0),
      blank_totals: (truth.cells["t3.new_received.total"] ?? 0) > 0,
      narrative_mismatch: (truth.cells["t3.new_received.total"] ?? 0) > 0,
      broken_carry: state.prevPresent && state.prevReport !== null,
      copied_narrative: state.prevPresent && state.prevChoices !== null && state.prevProblems !== null,
    });
  }
  let error: InjectedError | null = null;
  if (kind === "broken_carry") {
    const applied = applyBrokenCarry(truth, rng);
    truth = applied.figures;
    error = applied.error;
  }
  if (kind === "copied_narrative" && state.prevChoices) choices = state.prevChoices;

  const printed = printedCells(truth);
  const raw: Record<string, string> = {};
  for (const k of truth.na) raw[k] = "/";
  let nf = narrativeFigures(truth.cells, format);
  let composed = composeNarrative(agency, year, choices, nf, topics, countDraw);

  if (kind === "narrative_mismatch") {
    const plan = planNarrativeMismatch(nf, composed.stated, printed, rng);
    if (plan) {
      nf = plan.figures;
      composed = composeNarrative(agency, year, choices, nf, topics, countDraw);
      error = {
        kind,
        source: "injected",
        rules: [],
        cells: NARRATIVE_CELL[plan.key] ?? [],
        blame: [],
        suggested: null,
        note: `The prose states ${plan.key} = ${plan.wrong}; the table says ${plan.truth}.`,
      };
    }
  }
  if (kind === "copied_narrative" && state.prevProblems) {
    composed = { ...composed, problems: state.prevProblems };
    error = { kind, source: "injected", rules: [], cells: [], blame: [], suggested: null, note: "Section 五 copied verbatim from last year's report; section 一 reused with this year's figures." };
  }
  const pub = publication(agency, year, rng);
  const surface = surfaceOf(seed, agency.id, year, args.mix);
  const dateStated = surface !== "text" || hashUnit(seed, agency.id, year, "dated") < 0.65;
  if (kind === "wrong_total") error = applyWrongTotal(printed, rng);
  if (kind === "blank_totals") error = applyBlankTotals(printed, raw, format);
  const cur: OracleReport = {
    format,
    year,
    cells: printed,
    narrative: composed.stated,
    sections: { 1: composed.overview, 5: composed.problems, 6: composed.other },
    publishedOn: dateStated ? pub.date : null,
    deadline: pub.deadline,
    agencyKind: agency.kind,
  };
  const rules = expectedRules(cur, state.prevReport);
  // A report gets at most one error and none right after one, so everything but lateness is the error's.
  if (error) error.rules = rules.filter((r) => r !== "S-TIMELY");

  const model: ReportModel = {
    agencyName: agency.name,
    printedName: agency.printedName,
    year,
    formatVersion: format,
    scope: agency.scope,
    publishedOn: dateStated ? pub.date : null,
    cells: printed,
    raw,
    preamble: composed.preamble,
    sections: { 1: composed.overview, 5: composed.problems, 6: composed.other },
    sectionTitles: sectionTitlesFor(seed, agency, format),
    issuer: dateStated ? agency.office : null,
    site: { name: agency.site.name, url: agency.site.url, source: agency.office },
    style: styleFor(seed, agency, year, surface, choices.preamble),
  };
  const bytes = renderReport(model, surface, { deflate: args.deflate });
  const path = filePath(group, agency, year, surface);
  const entry: ManifestReport = {
    path,
    agency: manifestAgency(agency),
    year,
    format_version: format,
    surface,
    encoding: surface === "html-gbk" ? "gbk" : surface === "text" || surface === "html" || surface === "markdown" ? "utf-8" : null,
    scope: agency.scope,
    source: "generated",
    published_on: dateStated ? pub.date : null,
    deadline: pub.deadline,
    late: pub.late,
    cells: args.keys[format].map((k) => printed[k] ?? null),
    raw,
    narrative: composed.stated,
    topics: nf.new_received > 0 ? topics : [],
    topic_counts: Object.fromEntries(composed.topicCounts.map((x) => [x.key, x.count])),
    error,
    expected_rules: rules,
    bytes: bytes.length,
  };
  state.prevChoices = choices;
  state.prevReport = cur;
  state.prevProblems = composed.problems;
  state.prevHadError = error !== null;
  state.prevPresent = true;
  return { path, bytes, entry };
}

function sampleFile(agency: DemoAgency, group: PrefectureGroup, sample: DemoSample, state: AgencyState, keys: Record<FormatVersion, string[]>): DemoFile {
  const text = new TextDecoder().decode(sample.bytes);
  const exp = sample.expected;
  const model = sampleModel(text, exp);
  const format = exp.format_version;
  const printed: Record<string, number | null> = {};
  for (const k of keys[format]) printed[k] = exp.cells[k] ?? null;
  const narrative = exp.narrative ?? {};
  const cur: OracleReport = {
    format,
    year: exp.year,
    cells: printed,
    narrative,
    sections: { 1: model.sections[1] ?? "", 5: model.sections[5] ?? "", 6: model.sections[6] ?? "" },
    publishedOn: null,
    deadline: `${exp.year + 1}-03-31`,
    agencyKind: agency.kind,
  };
  const rules = expectedRules(cur, state.prevReport);
  const path = filePath(group, agency, exp.year, "text");
  const topics = (exp.topics ?? []).filter((t): t is TopicKey => (TOPIC_KEYS as readonly string[]).includes(t));
  const entry: ManifestReport = {
    path,
    agency: manifestAgency(agency),
    year: exp.year,
    format_version: format,
    surface: "text",
    encoding: "utf-8",
    scope: "self",
    source: "real",
    published_on: null,
    deadline: cur.deadline,
    late: false,
    cells: keys[format].map((k) => printed[k] ?? null),
    raw: {},
    narrative,
    topics,
    // The real sample names its topics without counts.
    topic_counts: {},
    error: {
      kind: "wrong_total",
      source: "real",
      rules,
      cells: ["t3.carried_over.total"],
      blame: ["t3.carried_over.total"],
      suggested: { "t3.carried_over.total": 4 },
      note: "As published: 上年结转 总计 reads 0 while 自然人 is 4 (REPORT-FORMAT.md §2.1 worked example); S-N-CO and S-X-CARRY follow from the same cell.",
    },
    expected_rules: rules,
    bytes: sample.bytes.length,
  };
  state.prevReport = cur;
  state.prevHadError = true;
  state.prevPresent = true;
  return { path, bytes: sample.bytes, entry };
}

// ───────────────────────────── manifest JSON (streamed) ─────────────────────────────

export const MANIFEST_VERSION = 1;

export function manifestHead(opts: DemoCorpusOptions): string {
  const head = {
    version: MANIFEST_VERSION,
    generator: "gongkai lib/demo",
    seed: opts.seed,
    scale: opts.scale ?? 1,
    years: [...(opts.years ?? DEMO_YEARS)],
    cell_keys: manifestCellKeys(),
  };
  const json = JSON.stringify(head);
  return `${json.slice(0, -1)},"reports":[\n`;
}

export function manifestEntryLine(entry: ManifestReport, first: boolean): string {
  return `${first ? "" : ",\n"}${JSON.stringify(entry)}`;
}

export function manifestTail(summary: CorpusSummary): string {
  const { missing, ...counts } = summary;
  return `\n],"missing":${JSON.stringify(missing)},"summary":${JSON.stringify(counts)}}\n`;
}
