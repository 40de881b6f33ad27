/**
 * The 盘州 2024 sample as a ReportModel: figures from its expected.json, prose cut out of the
 * document itself. Pure (bytes and JSON are arguments) so tests and the demo generator share it.
 */
import { readCells } from "../catalog";
import { SAMPLE_STYLE, SECTION_NUMERALS, type ReportModel, type SectionNo } from "./model";

export interface SampleExpected {
  year: number;
  format_version: "2019" | "2021";
  agency: { name: string };
  cells: Record<string, number | null>;
}

/** Splits the sample text into preamble, section headings and section prose (tables dropped). */
export function sampleModel(text: string, expected: SampleExpected): ReportModel {
  const lines = text.split("\n");
  const headingRe = /^([一二三四五六])、(.+)$/;
  const sections: Partial<Record<SectionNo, string>> = {};
  const titles: Partial<Record<SectionNo, string>> = {};
  const numberOf = new Map<string, SectionNo>(Object.entries(SECTION_NUMERALS).map(([k, v]) => [v, Number(k) as SectionNo]));
  const preamble: string[] = [];
  let current: SectionNo | null = null;
  let expect = 1;
  for (const line of lines) {
    const m = line.endsWith("|") ? null : headingRe.exec(line);
    const n = m?.[1] ? numberOf.get(m[1]) : undefined;
    if (m?.[2] && n === expect) {
      current = n;
      titles[n] = m[2];
      expect++;
      continue;
    }
    if (current === null) preamble.push(line);
    else if (current === 1 || current === 5 || current === 6) sections[current] = sections[current] ? `${sections[current]}\n${line}` : line;
  }
  const cells: Record<string, number | null> = {};
  for (const c of readCells(expected.format_version)) cells[c.key] = expected.cells[c.key] ?? null;
  return {
    agencyName: expected.agency.name,
    printedName: "盘州市人民政府(市人民政府办公室)",
    year: expected.year,
    formatVersion: expected.format_version,
    scope: "self",
    publishedOn: null,
    cells,
    preamble: preamble.join("\n"),
    sections,
    sectionTitles: titles,
    issuer: null,
    style: SAMPLE_STYLE,
  };
}
