/**
 * Flattened web text, the way a report page copied out of a browser reads
 * (shared/fixtures/panzhou-2024.txt): prose one paragraph per line, every table cell on its
 * own line ending " |", blank cells as "|", row ends padded with "|" runs, group labels once
 * before their first sub-row (they are rowspan cells).
 */
import { applyPunct, chineseDate, paragraphs, sectionHeading, styleOf, titleOf, type ReportModel, type SectionNo } from "./model";
import { tableGrid, type Grid, type TableName } from "./layout";

function cellLine(text: string): string {
  const flat = text.replace(/\n/g, " ");
  return flat === "" ? "|" : `${flat} |`;
}

/**
 * 表二 ends each row with a line of 1 + (width − cells) pipes; 表三/表四 append " " +
 * (width − cells) pipes to a row's last cell. The last row of a table is never padded.
 * Both are what the sample shows.
 */
export function flattenGrid(grid: Grid): string[] {
  const out: string[] = [];
  const n = grid.rows.length;
  grid.rows.forEach((row, i) => {
    const last = i === n - 1;
    const pad = grid.width - row.length;
    const lines = row.map((c) => cellLine(c.text));
    if (last) {
      out.push(...lines);
    } else if (grid.table === "t2") {
      out.push(...lines, "|".repeat(1 + pad));
    } else {
      if (pad > 0) lines[lines.length - 1] += ` ${"|".repeat(pad)}`;
      out.push(...lines);
    }
  });
  return out;
}

const TABLE_OF: Partial<Record<SectionNo, TableName>> = { 2: "t2", 3: "t3", 4: "t4" };

export function renderTextLines(model: ReportModel): string[] {
  const style = styleOf(model);
  const p = (s: string) => applyPunct(s, style);
  const lines: string[] = [];
  if (style.textTitle) lines.push(p(titleOf(model)));
  lines.push(...paragraphs(model.preamble).map(p));
  for (const n of [1, 2, 3, 4, 5, 6] as const) {
    lines.push(p(sectionHeading(model, n)));
    lines.push(...paragraphs(model.sections[n]).map(p));
    const table = TABLE_OF[n];
    if (table) lines.push(...flattenGrid(tableGrid(table, model, style)));
  }
  if (model.issuer) lines.push(p(model.issuer));
  if (model.publishedOn) lines.push(chineseDate(model.publishedOn));
  return lines;
}

/** The whole document as a string (no trailing newline, like the sample). */
export function renderText(model: ReportModel): string {
  return renderTextLines(model).join("\n");
}

/** UTF-8 bytes of renderText. */
export function renderTextBytes(model: ReportModel): Uint8Array {
  return new TextEncoder().encode(renderText(model));
}

