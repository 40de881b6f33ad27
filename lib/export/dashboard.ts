/**
 * CSV and XLSX of dashboard charts (overview, regions, agencies): exactly the records behind each
 * chart (lib/charts/dashboard-export.ts) — names and codes, years, indicator key and label,
 * numerator, denominator, value, report count. CSV is UTF-8 with a BOM; the workbook has one sheet
 * per chart and a README sheet with the link, the formulas and the notes.
 */
import ExcelJS from "exceljs";
import type { Lang } from "../i18n";
import { getIndicator } from "../indicators";
import { cm } from "../charts/messages";
import { ct } from "../charts/compare-messages";
import { DASHBOARD_RECORD_COLUMNS, dashboardRecordHeader, type DashboardChart, type DashboardRecord } from "../charts/dashboard-export";
import { field, UTF8_BOM } from "./csv";
import { addReadmeSheet, sheetName } from "./xlsx";

export function dashboardRecordCells(r: DashboardRecord, lang: Lang): (string | number | null)[] {
  return DASHBOARD_RECORD_COLUMNS.map((c) => (c === "smallSample" || c === "handCorrected" ? ct(lang, r[c] ? "yes" : "no") : r[c]));
}

/** One chart: its records; several: a first column names the chart of each row. */
export function dashboardCsv(charts: readonly Pick<DashboardChart, "title" | "rows">[], lang: Lang): string {
  const many = charts.length > 1;
  const lines = [dashboardRecordHeader(lang, many).map(field).join(",")];
  for (const c of charts) for (const r of c.rows) lines.push([...(many ? [c.title] : []), ...dashboardRecordCells(r, lang)].map(field).join(","));
  return `${UTF8_BOM}${lines.join("\r\n")}\r\n`;
}

export interface DashboardWorkbookInput {
  charts: DashboardChart[];
  lang: Lang;
  /** The page the charts are on (absolute link). */
  link: string;
  /** ISO timestamp (passed in: lib has no clock). */
  exportedAt: string;
}

function valueFormat(chart: Pick<DashboardChart, "spec">): string {
  const { spec } = chart;
  if (spec.type === "outcomeMix") return "0.0%";
  if (spec.type === "groupedBars") return spec.input.unit === "share" ? "0.0%" : "#,##0";
  const def = getIndicator(spec.input.indicatorKey);
  return def.kind === "rate" || def.kind === "growth" ? "0.0%" : def.kind === "count" ? "#,##0" : "#,##0.00";
}

export function buildDashboardWorkbook(input: DashboardWorkbookInput): ExcelJS.Workbook {
  const { lang } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Gongkai 公开";
  const created = new Date(input.exportedAt);
  if (!Number.isNaN(created.getTime())) wb.created = created;
  const taken = new Set<string>([ct(lang, "readme.title")]);
  const sheets: { name: string; chart: DashboardChart }[] = [];
  const valueCol = DASHBOARD_RECORD_COLUMNS.indexOf("value") + 1;
  const widths: Partial<Record<(typeof DASHBOARD_RECORD_COLUMNS)[number], number>> = { series: 22, name: 30, code: 14, indicator: 22, indicatorKey: 24, shown: 12, handCorrected: 14 };

  for (const chart of input.charts) {
    const name = sheetName(chart.title, taken);
    sheets.push({ name, chart });
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(dashboardRecordHeader(lang)).font = { bold: true };
    // Values are real numbers: shares and rates as fractions shown as percentages, counts as integers.
    const fmt = valueFormat(chart);
    for (const r of chart.rows) ws.addRow(dashboardRecordCells(r, lang)).getCell(valueCol).numFmt = fmt;
    DASHBOARD_RECORD_COLUMNS.forEach((c, i) => {
      ws.getColumn(i + 1).width = widths[c] ?? 11;
    });
  }

  const { add, gap } = addReadmeSheet(wb, lang);
  add("公开 Gongkai", lang === "zh" ? "看板图表背后的数据：每张图表一个工作表，数值与页面及导出图片完全一致。" : "The figures behind the dashboard's charts: one sheet per chart, the same numbers as the page and the exported images.", true);
  add(lang === "zh" ? "页面链接" : "Page link", input.link);
  add(ct(lang, "readme.exported"), input.exportedAt);
  add(ct(lang, "chart.source").split(/[：:]/)[0] ?? "", ct(lang, "chart.source"));
  add("", cm(lang, "dash.sumsNote"));
  gap();
  for (const { name, chart } of sheets) {
    add(`${ct(lang, "readme.sheet")}：${name}`, chart.title, true);
    add(ct(lang, "readme.formula"), chart.formula);
    add(lang === "zh" ? "图表代码" : "Chart id", chart.id);
    if (chart.caption) add("", chart.caption);
    for (const n of chart.notes) add("", n);
    if (chart.smallSample) add("", cm(lang, "chart.smallSample"));
    gap();
  }
  return wb;
}

export async function dashboardXlsx(input: DashboardWorkbookInput): Promise<Uint8Array> {
  const buf = await buildDashboardWorkbook(input).xlsx.writeBuffer();
  return new Uint8Array(buf);
}
