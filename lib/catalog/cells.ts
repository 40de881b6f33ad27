/**
 * The cell catalog: one typed definition of every numeric cell of 表二/表三/表四
 * (REPORT-FORMAT.md §0, §1.4–1.6). Parser, validator, storage, report tables and
 * export headers all read it; nothing else lists cells.
 */
import type { FormatVersion, TableId } from "./formats";

export type Unit = "count" | "cny_10k" | "cny" | "items";

export interface Label {
  zh: string;
  en: string;
}

export interface RowDef {
  table: TableId;
  /** Key segment: `t3.<key>.<col>`. */
  key: string;
  /** Key prefix: `t2` for the 2021 表二, `t2v19` for the 2019 表二, `t3`, `t4`. */
  prefix: "t2" | "t2v19" | "t3" | "t4";
  /** Official label without its numbering (一、 / （一） / 1.). */
  label: Label;
  /** Numbering as printed in the official form, for rendering ("一、", "（三）1."). */
  numbering?: string;
  /** Other spellings seen in the wild (REPORT-FORMAT.md §1.9); matched after normalisation. */
  variants: readonly string[];
  /** Group heading the row sits under (e.g. 不予公开), for context-dependent labels such as 其他. */
  group?: string;
  formats: readonly FormatVersion[];
  /** Derived rows are computed, never read from a document. */
  derived: boolean;
  /** Columns of this row (keys into the table's column list). */
  cols: readonly string[];
}

export interface ColDef {
  key: string;
  label: Label;
  variants: readonly string[];
  /** Column group heading (法人或其他组织, 行政诉讼 › 未经复议直接起诉 …). */
  group?: string;
  unit: Unit;
  /** Integers only (counts); false for money amounts. */
  integer: boolean;
  /** May legitimately be negative (2019 本年增/减). */
  signed?: boolean;
  derived: boolean;
}

export interface CellDef {
  key: string;
  table: TableId;
  prefix: RowDef["prefix"];
  row: string;
  col: string;
  formats: readonly FormatVersion[];
  unit: Unit;
  integer: boolean;
  signed: boolean;
  derived: boolean;
  /** Flat SQL column name: `t3_<row>__<col>` (REPORT-FORMAT.md §1.5). */
  column: string;
  label: Label;
}

const BOTH = ["2019", "2021"] as const satisfies readonly FormatVersion[];
const V2021 = ["2021"] as const satisfies readonly FormatVersion[];
const V2019 = ["2019"] as const satisfies readonly FormatVersion[];

// ───────────────────────────── 表三 columns ─────────────────────────────

export const T3_APPLICANT_COLS = [
  "natural_person",
  "commercial_enterprise",
  "research_institution",
  "public_interest_org",
  "legal_service_org",
  "other_org",
] as const;
export const T3_LEGAL_PERSON_COLS = T3_APPLICANT_COLS.slice(1) as readonly string[];

export const T3_COLS: readonly ColDef[] = [
  { key: "natural_person", label: { zh: "自然人", en: "Natural persons" }, variants: [], unit: "count", integer: true, derived: false },
  { key: "commercial_enterprise", label: { zh: "商业企业", en: "Commercial enterprises" }, variants: [], group: "法人或其他组织", unit: "count", integer: true, derived: false },
  { key: "research_institution", label: { zh: "科研机构", en: "Research institutions" }, variants: ["科研企业"], group: "法人或其他组织", unit: "count", integer: true, derived: false },
  { key: "public_interest_org", label: { zh: "社会公益组织", en: "Public-interest organisations" }, variants: ["公益组织"], group: "法人或其他组织", unit: "count", integer: true, derived: false },
  { key: "legal_service_org", label: { zh: "法律服务机构", en: "Legal service organisations" }, variants: [], group: "法人或其他组织", unit: "count", integer: true, derived: false },
  { key: "other_org", label: { zh: "其他", en: "Other organisations" }, variants: ["其他组织"], group: "法人或其他组织", unit: "count", integer: true, derived: false },
  { key: "total", label: { zh: "总计", en: "Total" }, variants: ["合计"], unit: "count", integer: true, derived: false },
  { key: "legal_person_total", label: { zh: "法人或其他组织合计", en: "All legal persons" }, variants: [], unit: "count", integer: true, derived: true },
];
const T3_READ_COLS = T3_COLS.filter((c) => !c.derived).map((c) => c.key);
const T3_ALL_COLS = T3_COLS.map((c) => c.key);

// ───────────────────────────── 表三 rows ─────────────────────────────

interface T3RowSpec {
  key: string;
  zh: string;
  en: string;
  numbering?: string;
  variants?: string[];
  group?: string;
  formats?: readonly FormatVersion[];
  derived?: boolean;
}

const G_RESULT = "本年度办理结果";
const G_DENIED = "不予公开";
const G_UNABLE = "无法提供";
const G_NOT_PROCESSED = "不予处理";
const G_OTHER = "其他处理";

const T3_ROW_SPECS: readonly T3RowSpec[] = [
  { key: "new_received", zh: "本年新收政府信息公开申请数量", en: "New applications received this year", numbering: "一、", variants: ["本年新收政府信息公开申请", "本年新收申请数量"] },
  { key: "carried_over", zh: "上年结转政府信息公开申请数量", en: "Carried over from last year", numbering: "二、", variants: ["上年结转政府信息公开申请", "上年结转申请数量"] },
  { key: "granted", zh: "予以公开", en: "Disclosed in full", numbering: "（一）", group: G_RESULT },
  { key: "partially_granted", zh: "部分公开（区分处理的，只计这一情形，不计其他情形）", en: "Partially disclosed", numbering: "（二）", variants: ["部分公开"], group: G_RESULT },
  { key: "denied_state_secret", zh: "属于国家秘密", en: "Refused: state secret", numbering: "1.", group: G_DENIED },
  { key: "denied_prohibited_by_law", zh: "其他法律行政法规禁止公开", en: "Refused: prohibited by other laws", numbering: "2.", group: G_DENIED },
  { key: "denied_security_stability", zh: "危及“三安全一稳定”", en: "Refused: endangers security or stability", numbering: "3.", variants: ["危及三安全一稳定"], group: G_DENIED },
  { key: "denied_third_party", zh: "保护第三方合法权益", en: "Refused: third-party rights", numbering: "4.", group: G_DENIED },
  { key: "denied_internal_affairs", zh: "属于三类内部事务信息", en: "Refused: internal affairs", numbering: "5.", group: G_DENIED },
  { key: "denied_process_info", zh: "属于四类过程性信息", en: "Refused: process information", numbering: "6.", group: G_DENIED },
  { key: "denied_enforcement_file", zh: "属于行政执法案卷", en: "Refused: enforcement file", numbering: "7.", group: G_DENIED },
  { key: "denied_admin_query", zh: "属于行政查询事项", en: "Refused: administrative query", numbering: "8.", group: G_DENIED },
  { key: "unable_not_held", zh: "本机关不掌握相关政府信息", en: "Unable: information not held", numbering: "1.", group: G_UNABLE },
  { key: "unable_needs_creation", zh: "没有现成信息需要另行制作", en: "Unable: would need creating", numbering: "2.", group: G_UNABLE },
  { key: "unable_unclear", zh: "补正后申请内容仍不明确", en: "Unable: still unclear after correction", numbering: "3.", group: G_UNABLE },
  { key: "not_processed_petition", zh: "信访举报投诉类申请", en: "Not processed: petition or complaint", numbering: "1.", group: G_NOT_PROCESSED },
  { key: "not_processed_repeat", zh: "重复申请", en: "Not processed: repeat application", numbering: "2.", group: G_NOT_PROCESSED },
  { key: "not_processed_publication", zh: "要求提供公开出版物", en: "Not processed: asks for publications", numbering: "3.", group: G_NOT_PROCESSED },
  { key: "not_processed_excessive", zh: "无正当理由大量反复申请", en: "Not processed: excessive repeated applications", numbering: "4.", group: G_NOT_PROCESSED },
  { key: "not_processed_confirm_reissue", zh: "要求行政机关确认或重新出具已获取信息", en: "Not processed: confirm or reissue information", numbering: "5.", group: G_NOT_PROCESSED },
  { key: "other_no_supplement", zh: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", en: "Other: no correction supplied in time", numbering: "1.", group: G_OTHER, formats: V2021 },
  { key: "other_fee_unpaid", zh: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", en: "Other: fee not paid in time", numbering: "2.", group: G_OTHER, formats: V2021 },
  { key: "other_misc", zh: "其他", en: "Other: miscellaneous", numbering: "3.", group: G_OTHER, formats: V2021 },
  { key: "other_processing", zh: "其他处理", en: "Other handling", numbering: "（六）", group: G_RESULT, formats: V2019 },
  { key: "handled_total", zh: "总计", en: "Total handled", numbering: "（七）", variants: ["合计"], group: G_RESULT },
  { key: "carried_forward", zh: "结转下年度继续办理", en: "Carried forward to next year", numbering: "四、", variants: ["结转下一年度继续办理", "结转下年度办理"] },
  // Derived subtotals (never read).
  { key: "denied_total", zh: "不予公开小计", en: "Refused (all reasons)", derived: true },
  { key: "unable_total", zh: "无法提供小计", en: "Unable to provide (all)", derived: true },
  { key: "not_processed_total", zh: "不予处理小计", en: "Not processed (all)", derived: true },
  { key: "other_total", zh: "其他处理小计", en: "Other handling (all)", derived: true },
];

export const T3_ROWS: readonly RowDef[] = T3_ROW_SPECS.map((s) => ({
  table: "t3",
  prefix: "t3",
  key: s.key,
  label: { zh: s.zh, en: s.en },
  numbering: s.numbering,
  variants: s.variants ?? [],
  group: s.group,
  formats: s.formats ?? BOTH,
  derived: s.derived ?? false,
  cols: s.derived ? T3_ALL_COLS : T3_ALL_COLS,
}));

/** Group headings of 表三, in order, with the rows they hold. */
export const T3_GROUPS: readonly { label: string; en: string; numbering: string; rows: readonly string[]; subtotal?: string }[] = [
  { label: G_RESULT, en: "Outcomes this year", numbering: "三、", rows: [] },
  { label: G_DENIED, en: "Refused", numbering: "（三）", rows: T3_ROW_SPECS.filter((r) => r.group === G_DENIED).map((r) => r.key), subtotal: "denied_total" },
  { label: G_UNABLE, en: "Unable to provide", numbering: "（四）", rows: T3_ROW_SPECS.filter((r) => r.group === G_UNABLE).map((r) => r.key), subtotal: "unable_total" },
  { label: G_NOT_PROCESSED, en: "Not processed", numbering: "（五）", rows: T3_ROW_SPECS.filter((r) => r.group === G_NOT_PROCESSED).map((r) => r.key), subtotal: "not_processed_total" },
  { label: G_OTHER, en: "Other handling", numbering: "（六）", rows: T3_ROW_SPECS.filter((r) => r.group === G_OTHER).map((r) => r.key), subtotal: "other_total" },
];

/** The outcome leaf rows that add up to (七)总计, per format (H-T3-SUM). */
export function t3OutcomeLeafRows(format: FormatVersion): string[] {
  const other = format === "2021" ? ["other_no_supplement", "other_fee_unpaid", "other_misc"] : ["other_processing"];
  return [
    "granted",
    "partially_granted",
    ...T3_ROW_SPECS.filter((r) => r.group === G_DENIED || r.group === G_UNABLE || r.group === G_NOT_PROCESSED).map((r) => r.key),
    ...other,
  ];
}

// ───────────────────────────── 表四 ─────────────────────────────

export const T4_COLS: readonly ColDef[] = [
  { key: "upheld", label: { zh: "结果维持", en: "Upheld" }, variants: ["维持"], unit: "count", integer: true, derived: false },
  { key: "corrected", label: { zh: "结果纠正", en: "Corrected" }, variants: ["纠正"], unit: "count", integer: true, derived: false },
  { key: "other", label: { zh: "其他结果", en: "Other outcome" }, variants: ["其他"], unit: "count", integer: true, derived: false },
  { key: "pending", label: { zh: "尚未审结", en: "Pending" }, variants: ["未审结"], unit: "count", integer: true, derived: false },
  { key: "total", label: { zh: "总计", en: "Total" }, variants: ["合计"], unit: "count", integer: true, derived: false },
];
const T4_COL_KEYS = T4_COLS.map((c) => c.key);

export const T4_ROWS: readonly RowDef[] = [
  { table: "t4", prefix: "t4", key: "review", label: { zh: "行政复议", en: "Administrative reconsideration" }, variants: [], formats: BOTH, derived: false, cols: T4_COL_KEYS },
  { table: "t4", prefix: "t4", key: "lit_direct", label: { zh: "未经复议直接起诉", en: "Litigation without prior reconsideration" }, variants: ["未经复议直接诉讼"], group: "行政诉讼", formats: BOTH, derived: false, cols: T4_COL_KEYS },
  { table: "t4", prefix: "t4", key: "lit_after_review", label: { zh: "复议后起诉", en: "Litigation after reconsideration" }, variants: ["复议后诉讼"], group: "行政诉讼", formats: BOTH, derived: false, cols: T4_COL_KEYS },
  { table: "t4", prefix: "t4", key: "lit_total", label: { zh: "行政诉讼合计", en: "All litigation" }, variants: [], formats: BOTH, derived: true, cols: T4_COL_KEYS },
];

// ───────────────────────────── 表二 ─────────────────────────────

export const T2_COLS: readonly ColDef[] = [
  { key: "issued", label: { zh: "本年制发件数", en: "Issued this year" }, variants: ["本年新制发件数"], unit: "count", integer: true, derived: false },
  { key: "repealed", label: { zh: "本年废止件数", en: "Repealed this year" }, variants: [], unit: "count", integer: true, derived: false },
  { key: "in_force", label: { zh: "现行有效件数", en: "In force" }, variants: ["现行有效数量"], unit: "count", integer: true, derived: false },
  { key: "decisions", label: { zh: "本年处理决定数量", en: "Decisions this year" }, variants: ["处理决定数量", "本年处理决定件数"], unit: "count", integer: true, derived: false },
  { key: "amount_10k_cny", label: { zh: "本年收费金额（单位：万元）", en: "Fees collected (10,000 CNY)" }, variants: ["本年收费金额", "收费金额（万元）", "本年收费金额（万元）", "收费金额"], unit: "cny_10k", integer: false, derived: false },
];

export const T2V19_COLS: readonly ColDef[] = [
  { key: "new_made", label: { zh: "本年新制作数量", en: "Newly made this year" }, variants: [], unit: "count", integer: true, derived: false },
  { key: "new_published", label: { zh: "本年新公开数量", en: "Newly published this year" }, variants: [], unit: "count", integer: true, derived: false },
  { key: "total_published", label: { zh: "对外公开总数量", en: "Total published" }, variants: [], unit: "count", integer: true, derived: false },
  { key: "prev_items", label: { zh: "上一年项目数量", en: "Items last year" }, variants: ["上年项目数量"], unit: "items", integer: true, derived: false },
  { key: "delta_items", label: { zh: "本年增/减", en: "Change this year" }, variants: ["本年增减", "本年增加/减少"], unit: "items", integer: true, signed: true, derived: false },
  { key: "decisions", label: { zh: "处理决定数量", en: "Decisions" }, variants: ["本年处理决定数量"], unit: "count", integer: true, derived: false },
  { key: "projects", label: { zh: "采购项目数量", en: "Procurement projects" }, variants: [], unit: "count", integer: true, derived: false },
  { key: "amount", label: { zh: "采购总金额", en: "Procurement amount" }, variants: [], unit: "cny", integer: false, derived: false },
];

/** 表二 blocks: the 《条例》第二十条 item each row belongs to. */
export const T2_BLOCKS = {
  item1: "第二十条第（一）项",
  item5: "第二十条第（五）项",
  item6: "第二十条第（六）项",
  item8: "第二十条第（八）项",
  item9: "第二十条第（九）项",
} as const;

export const T2_ROWS: readonly RowDef[] = [
  { table: "t2", prefix: "t2", key: "regulation", label: { zh: "规章", en: "Regulations" }, variants: [], group: T2_BLOCKS.item1, formats: V2021, derived: false, cols: ["issued", "repealed", "in_force"] },
  { table: "t2", prefix: "t2", key: "normative_doc", label: { zh: "行政规范性文件", en: "Normative documents" }, variants: ["规范性文件"], group: T2_BLOCKS.item1, formats: V2021, derived: false, cols: ["issued", "repealed", "in_force"] },
  { table: "t2", prefix: "t2", key: "admin_license", label: { zh: "行政许可", en: "Administrative licences" }, variants: [], group: T2_BLOCKS.item5, formats: V2021, derived: false, cols: ["decisions"] },
  { table: "t2", prefix: "t2", key: "admin_penalty", label: { zh: "行政处罚", en: "Administrative penalties" }, variants: [], group: T2_BLOCKS.item6, formats: V2021, derived: false, cols: ["decisions"] },
  { table: "t2", prefix: "t2", key: "admin_coercion", label: { zh: "行政强制", en: "Administrative coercion" }, variants: [], group: T2_BLOCKS.item6, formats: V2021, derived: false, cols: ["decisions"] },
  { table: "t2", prefix: "t2", key: "admin_fee", label: { zh: "行政事业性收费", en: "Administrative fees" }, variants: [], group: T2_BLOCKS.item8, formats: V2021, derived: false, cols: ["amount_10k_cny"] },
];

export const T2V19_ROWS: readonly RowDef[] = [
  { table: "t2", prefix: "t2v19", key: "regulation", label: { zh: "规章", en: "Regulations" }, variants: [], group: T2_BLOCKS.item1, formats: V2019, derived: false, cols: ["new_made", "new_published", "total_published"] },
  { table: "t2", prefix: "t2v19", key: "normative_doc", label: { zh: "规范性文件", en: "Normative documents" }, variants: ["行政规范性文件"], group: T2_BLOCKS.item1, formats: V2019, derived: false, cols: ["new_made", "new_published", "total_published"] },
  { table: "t2", prefix: "t2v19", key: "admin_license", label: { zh: "行政许可", en: "Administrative licences" }, variants: [], group: T2_BLOCKS.item5, formats: V2019, derived: false, cols: ["prev_items", "delta_items", "decisions"] },
  { table: "t2", prefix: "t2v19", key: "other_external_service", label: { zh: "其他对外管理服务事项", en: "Other external services" }, variants: [], group: T2_BLOCKS.item5, formats: V2019, derived: false, cols: ["prev_items", "delta_items", "decisions"] },
  { table: "t2", prefix: "t2v19", key: "admin_penalty", label: { zh: "行政处罚", en: "Administrative penalties" }, variants: [], group: T2_BLOCKS.item6, formats: V2019, derived: false, cols: ["prev_items", "delta_items", "decisions"] },
  { table: "t2", prefix: "t2v19", key: "admin_coercion", label: { zh: "行政强制", en: "Administrative coercion" }, variants: [], group: T2_BLOCKS.item6, formats: V2019, derived: false, cols: ["prev_items", "delta_items", "decisions"] },
  { table: "t2", prefix: "t2v19", key: "admin_fee", label: { zh: "行政事业性收费", en: "Administrative fees" }, variants: [], group: T2_BLOCKS.item8, formats: V2019, derived: false, cols: ["prev_items", "delta_items"] },
  { table: "t2", prefix: "t2v19", key: "central_procurement", label: { zh: "政府集中采购", en: "Central government procurement" }, variants: [], group: T2_BLOCKS.item9, formats: V2019, derived: false, cols: ["projects", "amount"] },
];

// ───────────────────────────── all cells ─────────────────────────────

function colsFor(prefix: RowDef["prefix"]): readonly ColDef[] {
  switch (prefix) {
    case "t2":
      return T2_COLS;
    case "t2v19":
      return T2V19_COLS;
    case "t3":
      return T3_COLS;
    case "t4":
      return T4_COLS;
  }
}

function buildCells(): CellDef[] {
  const out: CellDef[] = [];
  for (const row of [...T2_ROWS, ...T2V19_ROWS, ...T3_ROWS, ...T4_ROWS]) {
    const cols = colsFor(row.prefix);
    for (const colKey of row.cols) {
      const col = cols.find((c) => c.key === colKey);
      if (!col) throw new Error(`catalog: row ${row.prefix}.${row.key} names unknown column ${colKey}`);
      out.push({
        key: `${row.prefix}.${row.key}.${col.key}`,
        table: row.table,
        prefix: row.prefix,
        row: row.key,
        col: col.key,
        formats: row.formats,
        unit: col.unit,
        integer: col.integer,
        signed: col.signed ?? false,
        derived: row.derived || col.derived,
        column: `${row.prefix}_${row.key}__${col.key}`,
        label: { zh: `${row.label.zh} · ${col.label.zh}`, en: `${row.label.en} · ${col.label.en}` },
      });
    }
  }
  return out;
}

/** Every cell, read and derived, of both formats. */
export const CELLS: readonly CellDef[] = buildCells();
export const CELL_BY_KEY: ReadonlyMap<string, CellDef> = new Map(CELLS.map((c) => [c.key, c]));

/** The cells a document of this format prints (2021: 200; 2019: 198). Order: 表二, 表三, 表四, as printed. */
export function readCells(format: FormatVersion): CellDef[] {
  return CELLS.filter((c) => !c.derived && c.formats.includes(format));
}
/** Derived subtotals of this format (computed and stored, never read). */
export function derivedCells(format: FormatVersion): CellDef[] {
  return CELLS.filter((c) => c.derived && c.formats.includes(format));
}

export function cellKey(prefix: RowDef["prefix"], row: string, col: string): string {
  return `${prefix}.${row}.${col}`;
}

export function getCell(key: string): CellDef {
  const c = CELL_BY_KEY.get(key);
  if (!c) throw new Error(`Unknown cell key: ${key}`);
  return c;
}

// ───────────────────────────── totals ─────────────────────────────

export type TotalRule = "H-T3-COL" | "H-T3-SUM" | "H-T4-SUM";

/** A printed cell that must equal the sum of other printed cells. */
export interface TotalDef {
  rule: TotalRule;
  total: string;
  parts: readonly string[];
  formats: readonly FormatVersion[];
}

/** A derived (never printed) cell and the printed cells it sums. */
export interface DerivedDef {
  key: string;
  parts: readonly string[];
  formats: readonly FormatVersion[];
}

function buildTotals(): TotalDef[] {
  const out: TotalDef[] = [];
  for (const row of T3_ROWS.filter((r) => !r.derived)) {
    out.push({
      rule: "H-T3-COL",
      total: cellKey("t3", row.key, "total"),
      parts: T3_APPLICANT_COLS.map((c) => cellKey("t3", row.key, c)),
      formats: row.formats,
    });
  }
  for (const format of ["2019", "2021"] as const) {
    for (const col of T3_READ_COLS) {
      out.push({
        rule: "H-T3-SUM",
        total: cellKey("t3", "handled_total", col),
        parts: t3OutcomeLeafRows(format).map((r) => cellKey("t3", r, col)),
        formats: [format],
      });
    }
  }
  for (const row of T4_ROWS.filter((r) => !r.derived)) {
    out.push({
      rule: "H-T4-SUM",
      total: cellKey("t4", row.key, "total"),
      parts: ["upheld", "corrected", "other", "pending"].map((c) => cellKey("t4", row.key, c)),
      formats: BOTH,
    });
  }
  return out;
}

function buildDerived(): DerivedDef[] {
  const out: DerivedDef[] = [];
  const subtotal = (key: string, rows: readonly string[], formats: readonly FormatVersion[]) => {
    for (const col of T3_READ_COLS) out.push({ key: cellKey("t3", key, col), parts: rows.map((r) => cellKey("t3", r, col)), formats });
  };
  for (const g of T3_GROUPS) {
    if (!g.subtotal) continue;
    if (g.subtotal === "other_total") {
      subtotal(g.subtotal, g.rows, V2021);
      subtotal(g.subtotal, ["other_processing"], V2019);
    } else subtotal(g.subtotal, g.rows, BOTH);
  }
  // legal_person_total for every t3 row (read and derived subtotals alike)
  for (const row of T3_ROWS) {
    const formats = row.formats;
    out.push({ key: cellKey("t3", row.key, "legal_person_total"), parts: T3_LEGAL_PERSON_COLS.map((c) => cellKey("t3", row.key, c)), formats });
  }
  for (const col of T4_COL_KEYS) {
    out.push({ key: cellKey("t4", "lit_total", col), parts: [cellKey("t4", "lit_direct", col), cellKey("t4", "lit_after_review", col)], formats: BOTH });
  }
  return out;
}

export const TOTALS: readonly TotalDef[] = buildTotals();
export const DERIVED: readonly DerivedDef[] = buildDerived();

/** The official 表三 balance (本列数据的勾稽关系): 一 + 二 = 三(七) + 四, per column. */
export const T3_BALANCE = {
  left: ["new_received", "carried_over"],
  right: ["handled_total", "carried_forward"],
  cols: T3_READ_COLS,
} as const;

export type CellKey = string;
