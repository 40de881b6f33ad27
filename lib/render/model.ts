/**
 * The report model every renderer reads: one agency-year with its cells and narrative.
 * Renderers are pure (model → string | bytes); the demo generator and tests build models.
 */
import type { FormatVersion } from "../catalog";

export const SECTION_NUMBERS = [1, 2, 3, 4, 5, 6] as const;
export type SectionNo = (typeof SECTION_NUMBERS)[number];

export const SECTION_NUMERALS: Record<SectionNo, string> = { 1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六" };

/** Official headings (REPORT-FORMAT.md §1.3), without the "一、" numbering. */
export const DEFAULT_SECTION_TITLES: Record<SectionNo, string> = {
  1: "总体情况",
  2: "主动公开政府信息情况",
  3: "收到和处理政府信息公开申请情况",
  4: "政府信息公开行政复议、行政诉讼情况",
  5: "存在的主要问题及改进情况",
  6: "其他需要报告的事项",
};

export interface RenderStyle {
  /**
   * "full": full-width （）：，； as typed in Word; "half": the NFKC-like form web copies
   * often have (the 盘州 sample: "(一)予以公开", "(单位:万元)").
   */
  punct: "full" | "half";
  /**
   * Break the header labels where the official form wraps them ("商业/企业", "尚未/审结");
   * flattened text shows the break as a space, HTML as <br>, DOCX as two runs on two lines.
   */
  wrapHeaderLabels: boolean;
  /** Print the title line in flattened text (web copies often start at the preamble). */
  textTitle: boolean;
  /** HTML only: write “” as &ldquo;&rdquo; the way TRS-style editors do. */
  htmlEntities: boolean;
}

export const DEFAULT_STYLE: RenderStyle = { punct: "full", wrapHeaderLabels: true, textTitle: true, htmlEntities: false };

/** The 盘州 sample's conventions (shared/fixtures/panzhou-2024.txt). */
export const SAMPLE_STYLE: RenderStyle = { punct: "half", wrapHeaderLabels: true, textTitle: false, htmlEntities: false };

export interface ReportModel {
  /** Canonical agency name ("盘州市人民政府"). */
  agencyName: string;
  /** The name as printed in title and preamble ("盘州市人民政府(市人民政府办公室)"); default agencyName. */
  printedName?: string;
  year: number;
  formatVersion: FormatVersion;
  scope: "self" | "region_aggregate";
  /** ISO date the document states (signature date, page meta); null = the document states none. */
  publishedOn: string | null;
  /** Every read cell of the format: a number, or null for a blank. */
  cells: Readonly<Record<string, number | null>>;
  /** Printed text overriding a cell's default rendering ("/" for NA, "" for blank, "251000元"). */
  raw?: Readonly<Record<string, string>>;
  /** Title; undefined = `${printedName}${year}年政府信息公开工作年度报告`. */
  title?: string;
  /** The paragraph(s) before section 一 (legal basis, period, where to download, contacts). */
  preamble: string;
  /**
   * Section texts, paragraphs separated by "\n". 一, 五 and 六 carry the narrative; 二/三/四 text,
   * when given, is printed before the table.
   */
  sections: Partial<Record<SectionNo, string>>;
  /** Headings without numbering; missing ones use DEFAULT_SECTION_TITLES. */
  sectionTitles?: Partial<Record<SectionNo, string>>;
  /** Signature line printed above the date at the end ("盘州市人民政府办公室"); null = none. */
  issuer?: string | null;
  /** Web-page context for the HTML renderer. */
  site?: { name: string; url: string; column?: string; source?: string };
  style?: Partial<RenderStyle>;
}

export function styleOf(model: ReportModel): RenderStyle {
  return { ...DEFAULT_STYLE, ...model.style };
}

export function printedNameOf(model: ReportModel): string {
  return model.printedName ?? model.agencyName;
}

export function titleOf(model: ReportModel): string {
  return model.title ?? `${printedNameOf(model)}${model.year}年政府信息公开工作年度报告`;
}

export function sectionHeading(model: ReportModel, n: SectionNo): string {
  return `${SECTION_NUMERALS[n]}、${model.sectionTitles?.[n] ?? DEFAULT_SECTION_TITLES[n]}`;
}

/** Full-width ASCII forms (U+FF01–FF5E) to ASCII; 。、“”《》— stay, as in the sample. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function applyPunct(s: string, style: RenderStyle): string {
  return style.punct === "half" ? toHalfWidth(s) : s;
}

/** A number as a report prints it: integers plainly, amounts with at most 2 decimals. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Math.round(n * 100) / 100);
}

/** The printed text of a cell: the raw override, else the number, else "" (blank). */
export function cellText(model: ReportModel, key: string): string {
  const raw = model.raw?.[key];
  if (raw !== undefined) return raw;
  const v = model.cells[key];
  return v === null || v === undefined ? "" : formatNumber(v);
}

/** "2025-01-20" → "2025年1月20日". */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map((p) => Number(p));
  return `${y}年${m}月${d}日`;
}

export function paragraphs(text: string | undefined): string[] {
  if (!text) return [];
  return text.split("\n").filter((p) => p.trim() !== "");
}
