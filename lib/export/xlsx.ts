/**
 * XLSX of a comparison (exceljs, in memory): one sheet per chart with exactly the chart's figures,
 * and a README sheet with the link, the formulas and the rules behind the numbers. Values are
 * real numbers (rates as fractions with a percent format), so they can be recomputed in Excel.
 */
import ExcelJS from "exceljs";
import type { Lang } from "../i18n";
import { getIndicator } from "../indicators";
import { COMPARE_RECORD_COLUMNS, compareRecordHeader, compareRecords, type CompareChartSpec } from "../charts/compare";
import { ct } from "../charts/compare-messages";
import { recordCells } from "./csv";

export interface CompareWorkbookInput {
  charts: CompareChartSpec[];
  lang: Lang;
  /** Absolute or relative link to the comparison page with the same state. */
  link: string;
  /** ISO timestamp of the export (passed in: lib has no clock). */
  exportedAt: string;
}

const FORBIDDEN = /[\\/?*[\]:]/g;

/** Excel sheet names: at most 31 characters, none of \ / ? * [ ] :, unique in the workbook. */
export function sheetName(base: string, taken: Set<string>): string {
  const clean = base.replace(FORBIDDEN, "·").slice(0, 31) || "Sheet";
  let name = clean;
  for (let i = 2; taken.has(name); i += 1) name = `${clean.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(name);
  return name;
}

export function buildCompareWorkbook(input: CompareWorkbookInput): ExcelJS.Workbook {
  const { lang } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Gongkai 公开";
  const created = new Date(input.exportedAt);
  if (!Number.isNaN(created.getTime())) wb.created = created;
  const taken = new Set<string>([ct(lang, "readme.title")]);
  const sheets: { name: string; spec: CompareChartSpec }[] = [];

  for (const spec of input.charts) {
    const def = getIndicator(spec.indicatorKey);
    const name = sheetName(def.label[lang], taken);
    sheets.push({ name, spec });
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    const header = compareRecordHeader(lang);
    ws.addRow(header).font = { bold: true };
    for (const r of compareRecords(spec)) ws.addRow(recordCells(r, lang));
    const valueCol = COMPARE_RECORD_COLUMNS.indexOf("value") + 1;
    const fmt = def.kind === "rate" || def.kind === "growth" ? "0.0%" : def.kind === "count" ? "#,##0" : "#,##0.00";
    ws.getColumn(valueCol).numFmt = fmt;
    ws.getColumn(valueCol).alignment = { horizontal: "right" };
    const widths: Record<string, number> = { agency: 34, adminCode: 12, year: 8, indicator: 22, indicatorKey: 22, note: 18, scope: 10, shown: 10 };
    COMPARE_RECORD_COLUMNS.forEach((c, i) => {
      ws.getColumn(i + 1).width = widths[c] ?? 11;
    });
  }

  const { add, gap } = addReadmeSheet(wb, lang);
  add("公开 Gongkai", ct(lang, "readme.intro"), true);
  add(ct(lang, "readme.link"), input.link);
  add(ct(lang, "readme.exported"), input.exportedAt);
  add(ct(lang, "chart.source").split("：")[0] ?? "", ct(lang, "chart.source"));
  add("", ct(lang, "readme.rules"));
  gap();
  for (const { name, spec } of sheets) {
    add(`${ct(lang, "readme.sheet")}：${name}`, spec.title, true);
    add(ct(lang, "readme.formula"), spec.formula);
    add(ct(lang, "col.indicatorKey"), spec.indicatorKey);
    for (const n of spec.notes) add("", n);
    if (spec.anySmallSample) add("", ct(lang, "chart.smallSample"));
    gap();
  }
  return wb;
}

/** The workbook as bytes. */
export async function compareXlsx(input: CompareWorkbookInput): Promise<Uint8Array> {
  const buf = await buildCompareWorkbook(input).xlsx.writeBuffer();
  return new Uint8Array(buf);
}

/**
 * The 说明 (README) sheet every workbook ends with: two columns, label and text, the text wrapped.
 * `add` writes a row (bold for a heading), `gap` an empty one.
 */
export function addReadmeSheet(wb: ExcelJS.Workbook, lang: Lang): { add: (label: string, text: string, bold?: boolean) => void; gap: () => void } {
  const readme = wb.addWorksheet(ct(lang, "readme.title"));
  readme.getColumn(1).width = 26;
  readme.getColumn(2).width = 110;
  return {
    add: (label, text, bold = false) => {
      const row = readme.addRow([label, text]);
      row.getCell(2).alignment = { wrapText: true, vertical: "top" };
      if (bold) row.font = { bold: true };
    },
    gap: () => {
      readme.addRow([]);
    },
  };
}
