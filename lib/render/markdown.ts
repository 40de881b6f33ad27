/**
 * Markdown with pipe tables, as converters (pandoc, web clippers) write a report: merged cells
 * keep their text in the top-left position and leave the covered positions empty.
 */
import { applyPunct, chineseDate, paragraphs, sectionHeading, styleOf, titleOf, type RenderStyle, type ReportModel } from "./model";
import { occupancy, tableGrid, type Grid, type TableName } from "./layout";

function mdCell(text: string): string {
  return text.replace(/\n/g, "").replace(/\|/g, "\\|");
}

export function gridToMarkdown(grid: Grid, style: RenderStyle): string[] {
  const slots = occupancy(grid);
  const lines = slots.map((row) => `| ${row.map((s) => (s.origin ? mdCell(applyPunct(s.cell.text, style)) : "")).join(" | ")} |`);
  const sep = `|${Array.from({ length: grid.width }, () => " --- ").join("|")}|`;
  return [lines[0] ?? "", sep, ...lines.slice(1)];
}

const TABLE_OF: Partial<Record<number, TableName>> = { 2: "t2", 3: "t3", 4: "t4" };

export function renderMarkdown(model: ReportModel): string {
  const style = styleOf(model);
  const p = (s: string) => applyPunct(s, style);
  const out: string[] = [`# ${p(titleOf(model))}`, ""];
  for (const para of paragraphs(model.preamble)) out.push(p(para), "");
  for (const n of [1, 2, 3, 4, 5, 6] as const) {
    out.push(`## ${p(sectionHeading(model, n))}`, "");
    for (const para of paragraphs(model.sections[n])) out.push(p(para), "");
    const table = TABLE_OF[n];
    if (table) out.push(...gridToMarkdown(tableGrid(table, model, style), style), "");
  }
  if (model.issuer) out.push(p(model.issuer), "");
  if (model.publishedOn) out.push(chineseDate(model.publishedOn), "");
  return out.join("\n");
}

export function renderMarkdownBytes(model: ReportModel): Uint8Array {
  return new TextEncoder().encode(renderMarkdown(model));
}
