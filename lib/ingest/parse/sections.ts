/**
 * Sections 一…六 (REPORT-FORMAT.md §1.3): found by their headings, in order, with the prose under
 * each. Table blocks are not section text; `blockStart`/`blockEnd` let later stages place them.
 */
import type { SourceLoc } from "../issues";
import type { ExtractedDocument } from "../extract/types";

export interface FoundSection {
  number: number; // 1…6
  title: string;
  text: string;
  loc: SourceLoc;
  /** Index in doc.blocks of the heading, and of the first block after the section. */
  blockStart: number;
  blockEnd: number;
}

export interface SectionsResult {
  preamble: { text: string; loc: SourceLoc | null; blockEnd: number };
  sections: FoundSection[];
}

const NUMERALS = ["一", "二", "三", "四", "五", "六"] as const;
// "一、总体情况" | "第一部分 总体情况" | "一．…" | "（一）" is a sub-heading, not a section.
const HEADING = /^(?:第)?([一二三四五六])(?:部分)?\s*[、.,:\s]\s*(\S.*)$/u;
const HEADING_BARE = /^(?:第([一二三四五六])部分)(.*)$/u;

/** Keywords a section title must contain (any of the alternatives), by section number. */
const TITLE_TESTS: readonly ((t: string) => boolean)[] = [
  (t) => /总体情况|概述|基本情况|总体概况/u.test(t),
  (t) => /主动公开/u.test(t),
  (t) => /申请/u.test(t) && /收到|处理|办理|受理|答复/u.test(t),
  (t) => /行政复议|行政诉讼|复议|诉讼/u.test(t),
  (t) => /问题/u.test(t) && /改进|整改|措施|计划|打算/u.test(t),
  (t) => /其他/u.test(t) && /事项|报告|说明/u.test(t),
];
/** The official titles, to recognise an unnumbered heading. */
const BARE_TITLES: ReadonlyMap<string, number> = new Map([
  ["总体情况", 1],
  ["主动公开政府信息情况", 2],
  ["收到和处理政府信息公开申请情况", 3],
  ["政府信息公开行政复议、行政诉讼情况", 4],
  ["政府信息公开行政复议和行政诉讼情况", 4],
  ["存在的主要问题及改进情况", 5],
  ["政府信息公开工作存在的主要问题及改进情况", 5],
  ["其他需要报告的事项", 6],
]);

const MAX_HEADING_CHARS = 48;

/** The section number a line is a heading of, with its title; null when it is not a heading. */
export function matchHeading(line: string): { number: number; title: string } | null {
  const t = line.normalize("NFKC").trim();
  if (t.length === 0 || t.length > MAX_HEADING_CHARS) return null;
  const bare = BARE_TITLES.get(t.replace(/\s+/gu, ""));
  if (bare !== undefined) return { number: bare, title: t };
  const m = HEADING.exec(t) ?? HEADING_BARE.exec(t);
  if (!m) return null;
  const idx = NUMERALS.indexOf(m[1] as (typeof NUMERALS)[number]);
  const title = (m[2] ?? "").trim();
  if (idx < 0 || !TITLE_TESTS[idx]?.(title)) return null;
  // A heading is a title, not a sentence.
  if (/[。；;]/u.test(title)) return null;
  return { number: idx + 1, title: t };
}

/** Find the sections in reading order. Each number is taken once, and only after the previous one. */
export function findSections(doc: ExtractedDocument): SectionsResult {
  const heads: { number: number; title: string; blockIndex: number; loc: SourceLoc }[] = [];
  let last = 0;
  doc.blocks.forEach((b, i) => {
    if (b.kind !== "text") return;
    const h = matchHeading(b.text);
    if (!h || h.number <= last) return;
    heads.push({ ...h, blockIndex: i, loc: b.loc });
    last = h.number;
  });
  const textBetween = (from: number, to: number) => {
    const parts: string[] = [];
    for (let i = from; i < to; i++) {
      const b = doc.blocks[i];
      if (b?.kind === "text") parts.push(b.text);
    }
    return parts.join("\n");
  };
  const firstHead = heads[0]?.blockIndex ?? doc.blocks.length;
  const firstBlock = doc.blocks[0];
  const preamble = {
    text: textBetween(0, firstHead),
    loc: firstBlock && firstHead > 0 ? firstBlock.loc : null,
    blockEnd: firstHead,
  };
  const sections = heads.map((h, k) => {
    const end = heads[k + 1]?.blockIndex ?? doc.blocks.length;
    return { number: h.number, title: h.title, text: textBetween(h.blockIndex + 1, end), loc: h.loc, blockStart: h.blockIndex, blockEnd: end };
  });
  return { preamble, sections };
}

/** The section (1…6) each block belongs to, 0 for the preamble. */
export function sectionOfBlocks(doc: ExtractedDocument, found: SectionsResult): number[] {
  const out = new Array<number>(doc.blocks.length).fill(0);
  for (const s of found.sections) for (let i = s.blockStart; i < s.blockEnd; i++) out[i] = s.number;
  return out;
}
