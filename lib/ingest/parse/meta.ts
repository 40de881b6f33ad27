/**
 * Report metadata: agency, report year, scope (own report or a regional aggregate) and the
 * publication date, from the title, the preamble and the closing lines (REPORT-FORMAT.md §1.3).
 */
import type { ReportScope } from "../../catalog";
import type { ExtractedDocument } from "../extract/types";
import { issue, type ParseIssue, type SourceLoc } from "../issues";
import { parseChineseInt } from "./numbers";
import type { SectionsResult } from "./sections";

export interface AgencyName {
  /** As written: "盘州市人民政府(市人民政府办公室)". */
  written: string;
  /** Without the bracketed office: "盘州市人民政府". */
  canonical: string;
  loc: SourceLoc;
}

export interface ReportMeta {
  agency: AgencyName | null;
  year: number | null;
  yearSource: "title" | "preamble" | "period" | "inferred" | null;
  scope: ReportScope;
  publishedOn: string | null;
  issues: ParseIssue[];
}

// "…政府信息公开工作年度报告", "…年度政府信息公开工作报告", "…政务公开年报".
// "…政府信息公开工作情况的报告" too.
const REPORT_TAIL = "(?:政府信息公开|政务公开)(?:工作)?(?:情况)?的?(?:年度)?(?:报告|年报)";
// After the year, "政府" may be left out: "下湿壕镇政府2022年信息公开工作年度报告" (the agency's name
// ends the subject, so no name is cut short by it).
const YEAR_TAIL = "(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:情况)?的?(?:年度)?(?:报告|年报)";
const TITLE_AGENCY_FIRST = new RegExp(`^(.{2,60}?)(\\d{4})\\s*年度?${YEAR_TAIL}`, "u");
const TITLE_YEAR_FIRST = new RegExp(`^(\\d{4})\\s*年度?(.{2,60}?)${REPORT_TAIL}`, "u");
const YEAR_ONLY_TITLE = new RegExp(`^(\\d{4})\\s*年度?${REPORT_TAIL}`, "u");
// "政府信息公开工作年度报告（2024年）", "XX局政府信息公开工作年度报告(2024年度)".
const TITLE_YEAR_AFTER = new RegExp(`^(.{0,60}?)${REPORT_TAIL}[(（]?(\\d{4})\\s*年?度?[)）]?$`, "u");
// "X政府信息公开工作2022年度报告": the year between the subject and 年度报告.
const TITLE_YEAR_INSIDE = /^(.{2,60}?)(?:政府信息公开|政务公开)(?:工作)?(\d{4})\s*年度?(?:报告|年报)$/u;
/** A line that is only an agency's name, as under a title or in the closing signature (落款). */
const AGENCY_LINE = /^[\p{Script=Han}()（）]{3,40}(?:人民政府|政府|办公室|办公厅|办事处|委员会|局|厅|委|署|院|馆|中心|所|站|队|处|部|会|社|行|集团|公司)(?:[(（][\p{Script=Han}]{2,20}[)）])?$/u;
const PREAMBLE_AGENCY = new RegExp(`(?:现|特|兹)(?:将|予以|予)?(?:向社会)?(?:公布|发布|公开|编制|编写|形成|印发)?《?([^《》]{2,60}?)(\\d{4})\\s*年度?${YEAR_TAIL}`, "u");
const PREAMBLE_AGENCY_2 = new RegExp(`(?:本报告|本年报|本年度报告)(?:由|是)(.{2,40}?)(?:编制|根据|依据)`, "u");
// Looser preamble sentences; what they capture must also look like a name (AGENCY_LINE):
// "现将2024年度X政府信息公开工作情况报告如下", "特向社会公布2024年度X政府信息公开工作年度报告",
// "X根据《条例》要求，编制…", "…规定，X编制了2024年…", "本报告…由X编制".
const PREAMBLE_LOOSE: readonly RegExp[] = [
  // "特公布2022年温州市人力资源和社会保障局信息公开工作年度报告": 政府 may be left out here too.
  new RegExp(`(?:公布|发布|将)(?:\\d{4})\\s*年度?([^，,。；;、《》\\d]{2,40}?)${YEAR_TAIL}`, "u"),
  /(?:^|[，,。；;])([^，,。；;、《》\d]{2,40}?)(?:根据|依据|按照)[^。]{0,60}?(?:编制|编写|制作)/u,
  /(?:^|[，,。；;])([^，,。；;、《》\d]{2,40}?)(?:编制|编写)了?(?:本|\d{4})/u,
  /由([^，,。；;、《》\d]{2,40}?)(?:编制|编写|负责)/u,
  // "编制万源市玉带乡2024年政府信息公开工作年度报告": the report's own name after the verb.
  new RegExp(`(?:编制|编写)《?([^，,。；;、《》\\d]{2,40}?)\\d{4}\\s*年度?${REPORT_TAIL}`, "u"),
  // "结合泰安市人民政府办公室政府信息公开工作实际，编制发布本报告", "结合自贡市商务局2022年政府信息公开工作实际".
  /结合([^，,。；;、《》\d]{2,40}?)(?:\d{4}\s*年度?)?(?:政府信息公开|政务公开)(?:工作)?(?:实际|情况)/u,
  // "涵盖了2022年麒麟区自然资源局政府信息公开工作": what the report covers.
  /涵盖了?(?:\d{4}\s*年度?)?([^，,。；;、《》\d]{2,40}?)(?:\d{4}\s*年度?)?(?:政府信息公开|政务公开)工作/u,
  // "特向社会公布广元市统计局2024年政府信息公开情况": the report named by what it tells.
  /(?:公布|发布)《?([^，,。；;、《》\d]{2,40}?)\d{4}\s*年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?情况/u,
  // "绍兴市越城区东湖街道特编制2023年政府信息公开年度报告": the name before 特/现 and the verb.
  // "岐山县教育体育局现向社会公开《2023年政府信息公开工作年度报告》" too.
  new RegExp(`(?:^|[，,。；;])([^，,。；;、《》\\d]{2,40}?)(?:特|现)(?:向社会)?(?:编制|编写|公布|发布|公开)了?《?\\d{4}\\s*年度?${REPORT_TAIL}`, "u"),
];
/**
 * The opening narrative's subject, when nothing else names the agency: "2023年，南京市栖霞区教育局
 * 认真贯彻落实《中华人民共和国政府信息公开条例》…", "在区委、区政府的坚强领导下，官洲街道办事处认真
 * 贯彻落实《条例》". What it captures must look like a name (AGENCY_LINE, TOWNSHIP).
 */
const NARRATIVE_AGENCY =
  /(?:^|[，,。；;：:]|\d{4}\s*年度?)\s*([^，,。；;、《》“”\d\s]{2,40}?)(?:认真|全面|深入|严格|坚持|坚决|扎实|切实|继续|进一步)*(?:贯彻落实|贯彻执行|贯彻实施|学习贯彻|落实|执行|实施)了?《(?:中华人民共和国政府信息公开条例|政府信息公开条例|条例)》/u;
/**
 * The subject of a sentence opened by the year, in a paragraph about the disclosure work: "2022年，
 * 抚远市自然资源局不断强化…，按照《条例》…". The name ends where a verb or adverb starts.
 */
const NARRATIVE_SUBJECT =
  /(?:^|[。；;])\s*\d{4}\s*年度?(?:以来)?\s*[，,]?\s*([^，,。；;、《》“”\d\s]{2,30}?)(?:不断|认真|坚持|深入|严格|全面|按照|围绕|高度|积极|扎实|持续|紧紧|紧扣|立足|切实|进一步|始终|继续|依法|坚决|着力|聚焦|以习近平)/u;
/** "汇报我镇2023年政府信息公开工作": the year of the work a sentence reports on. */
const WORK_YEAR = /(20\d{2})\s*年度?的?(?:政府信息公开|政务公开)工作/u;
/** "2019年，我乡明确专人负责政务公开工作": a paragraph opened by the year, about the disclosure work. */
const OPENING_YEAR = /^\s*(20\d{2})\s*年度?(?:以来)?\s*[，,][^。]*(?:政府信息公开|政务公开|信息公开)/u;
/** The year that opens the same sentence: "2024年，光明区外事局认真贯彻落实《条例》" is about 2024. */
const NARRATIVE_YEAR =
  /(?:^|[。；;])\s*(20\d{2})\s*年度?\s*[，,]?[^。；;]{2,200}?(?:贯彻落实|贯彻执行|贯彻实施|学习贯彻|落实|执行|实施)了?《(?:中华人民共和国政府信息公开条例|政府信息公开条例|条例)》/u;
/** A township's name ends in 乡/镇/街道, which AGENCY_LINE leaves out (a heading can end so too). */
const TOWNSHIP = /^[\p{Script=Han}]{2,20}(?:市|县|区|旗)[\p{Script=Han}]{1,10}(?:乡|镇|街道)$/u;
const PERIOD = /(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—|~)\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日/u;
/** The title of another annual report cited in the text: "《…2021年政府信息公开工作年度报告》". */
const CITED_REPORT = /《[^《》]{0,60}?(?:年度报告|年报)》/gu;
const YEAR_MENTION = /(20\d{2})\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$)/gu;
// Self-references (本单位办公室, 我局) end like a name but are not one; 本溪市 is a place, so only these.
// A name opened by 于 is a clause ("于2024年…"), unless 于 begins a place: 于洪区, 于都县, 于田县.
const BAD_NAME = /[，,。；;:：!！?？“”《》]|^[的之]|^于(?!\p{Script=Han}(?:区|县|市|镇|乡))|^(?:现将|现|特|兹|根据|依据|按照|编制|编写|公布|发布|印发)|(?:编制|编写|公布|发布|印发)$|年报|信息公开|^[本我](?:机关|单位|部门|局|委|院|厅|办|处|中心|站|所|市|县|区|镇|乡|街道|街)|报告|条例/u;

const AGGREGATE = [
  /汇总(?:了)?(?:全|本)(?:省|自治区|市|州|盟|县|区|旗|镇|乡)/u,
  /(?:全|本)(?:省|市|州|县|区|旗)各级(?:政府|行政机关|政府部门|部门)[^。]{0,12}?(?:累计|共|合计|汇总)/u,
  /本(?:报告|年报|年度报告)[^。]{0,20}?汇总/u,
  /(?:全|本)(?:省|市|州|县|区|旗)(?:政府信息公开)?(?:工作)?年度报告(?:由|是)[^。]{0,20}?汇总/u,
];

const DATE_NUM = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/u;
const DATE_CN = /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/u;
const DATE_LABEL = /(?:发布|发文|成文|印发|公开|公布|生成)(?:日期|时间)\s*[:：]?\s*/u;
const DATE_LINE = /^(?:.{0,40}?)(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*$/u;

const CN_DIGITS = "〇一二三四五六七八九";

/** "二〇二四年" (also with ○ or 零 for zero) → "2024年": titles and preambles write years either way. */
export function arabicYears(s: string): string {
  return s.replace(/([〇○零一二三四五六七八九]{4})(?=\s*年)/gu, (m) =>
    [...m].map((ch) => CN_DIGITS.indexOf(ch === "○" || ch === "零" ? "〇" : ch)).join(""),
  );
}

function validYear(y: number): boolean {
  return y >= 2000 && y <= 2100;
}

/** "2025年1月20日", "2025-01-20", "二〇二五年一月二十日" → "2025-01-20"; null when not a real date. */
export function parseDate(s: string): string | null {
  let y: number;
  let m: number;
  let d: number;
  const n = DATE_NUM.exec(s);
  if (n) {
    y = Number(n[1]);
    m = Number(n[2]);
    d = Number(n[3]);
  } else {
    const c = DATE_CN.exec(s);
    if (!c) return null;
    y = Number([...(c[1] ?? "")].map((ch) => "〇一二三四五六七八九".indexOf(ch === "零" ? "〇" : ch)).join(""));
    m = parseChineseInt(c[2] ?? "") ?? 0;
    d = parseChineseInt(c[3] ?? "") ?? 0;
  }
  if (!validYear(y) || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "盘州市人民政府(市人民政府办公室)" → "盘州市人民政府"; leading "关于" and wrappers dropped. */
export function canonicalAgency(written: string): string {
  let s = written.normalize("NFKC").replace(/\s+/gu, "").replace(/^(?:关于|根据)/u, "").replace(/关于$/u, "");
  // Drop a trailing bracketed part (the office that drafted it), repeatedly.
  for (let i = 0; i < 2; i++) s = s.replace(/\([^()]*\)$/u, "");
  return s.replace(/[《》“”"]/gu, "");
}

/**
 * Common short forms of department names (简称), expanded where they end the name after a place:
 * "上海市科委" → "上海市科学技术委员会". Only whole suffixes; the full form is what registries use.
 */
const ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ["发改委", "发展和改革委员会"],
  ["科委", "科学技术委员会"],
  ["经信委", "经济和信息化委员会"],
  ["卫健委", "卫生健康委员会"],
  ["教委", "教育委员会"],
  ["住建委", "住房和城乡建设委员会"],
  ["交委", "交通委员会"],
  ["国资委", "国有资产监督管理委员会"],
  ["民宗委", "民族宗教事务委员会"],
  ["发改局", "发展和改革局"],
  ["人社局", "人力资源和社会保障局"],
  ["人社厅", "人力资源和社会保障厅"],
  ["住建局", "住房和城乡建设局"],
  ["住建厅", "住房和城乡建设厅"],
  ["市监局", "市场监督管理局"],
  ["卫健局", "卫生健康局"],
  ["工信局", "工业和信息化局"],
  ["文旅局", "文化和旅游局"],
  ["医保局", "医疗保障局"],
  ["应急局", "应急管理局"],
  ["生态环境局", "生态环境局"],
];
const PLACE_END = /[省市县区州旗盟]$/u;

export function expandAbbreviation(name: string): string {
  // "下湿壕镇政府", "盘州市政府": a place's government is its 人民政府.
  const government = /^(\p{Script=Han}{2,}[省市县区州旗盟镇乡])政府$/u.exec(name);
  if (government) return `${government[1] ?? ""}人民政府`;
  for (const [short, full] of ABBREVIATIONS) {
    if (short === full || !name.endsWith(short)) continue;
    const place = name.slice(0, -short.length);
    if (place.length >= 2 && PLACE_END.test(place)) return place + full;
  }
  return name;
}

/** Where the first bracket that is never closed opens (−1 when all close). */
function unclosedAt(s: string): number {
  const opens: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "(" || ch === "（") opens.push(i);
    else if ((ch === ")" || ch === "）") && opens.length > 0) opens.pop();
  }
  return opens[0] ?? -1;
}

const MENU_SEPARATOR = /\p{Script=Han}["|｜]\p{Script=Han}/u;

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s.normalize("NFKC")) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

function cleanAgency(raw: string, loc: SourceLoc): AgencyName | null {
  // "Page 8 - 威海市文登区信访局…": a page viewer's caption before the title is no part of the name.
  const written = raw
    .trim()
    .replace(/^[A-Za-z][\x20-\x7e]*?[-–—:：]\s*(?=\p{Script=Han})/u, "")
    .replace(/^[\s,，、]+|[\s,，、]+$/gu, "");
  // A bracket opened and never closed ("贵州省人民政府（省人民政府办公厅2024年": OCR lost the
  // "）") opens the drafting office's part: the name is what comes before it.
  const open = unclosedAt(written);
  // "…人民政府信息公开…" read with the report's 政府 left to the tail: the name is 人民政府.
  const kept = (open > 0 ? written.slice(0, open).trimEnd() : written).replace(/人民$/u, "人民政府");
  const canonical = canonicalAgency(kept);
  // A piece of a wrapped line ("民政府办公厅)") is not a name; nor is a run of web-page menu
  // items that OCR joined with the quote marks or bars it read for their separators.
  if (!balanced(kept) || canonical.length < 2 || canonical.length > 40 || BAD_NAME.test(canonical) || MENU_SEPARATOR.test(kept)) return null;
  return { written: kept, canonical, loc };
}

/** Read agency, year, scope and publication date. */
export function readMeta(doc: ExtractedDocument, sections: SectionsResult): ReportMeta {
  const issues: ParseIssue[] = [];
  const textBlocks = doc.blocks.filter((b) => b.kind === "text");
  const preambleBlocks = doc.blocks.slice(0, sections.preamble.blockEnd).filter((b) => b.kind === "text");
  const head = (preambleBlocks.length > 0 ? preambleBlocks : textBlocks.slice(0, 3)).slice(0, 6);
  let agency: AgencyName | null = null;
  let year: number | null = null;
  let yearSource: ReportMeta["yearSource"] = null;

  // Title: "X2024年政府信息公开工作年度报告" or "2024年X政府信息公开工作年度报告", possibly on two lines.
  const titleCandidates: { text: string; loc: SourceLoc }[] = [];
  if (doc.meta.title) titleCandidates.push({ text: doc.meta.title, loc: head[0]?.loc ?? {} });
  // In reading order; a title broken over lines ("2024 年上海市科委政府信息公开工作" / "年度报告") is
  // tried whole before the next line is tried alone.
  const lead = (preambleBlocks.length > 0 ? preambleBlocks : textBlocks).slice(0, 10);
  for (let i = 0; i < lead.length; i++) {
    const a = lead[i] as { text: string; loc: SourceLoc };
    if (a.text.length <= 80) titleCandidates.push({ text: a.text, loc: a.loc });
    let joined = a.text;
    for (let n = 1; n <= 2 && i + n < lead.length; n++) {
      const b = lead[i + n] as { text: string; loc: SourceLoc };
      if (joined.length > 60 || b.text.length > 40) break;
      joined += b.text;
      titleCandidates.push({ text: joined, loc: a.loc });
    }
  }
  for (let i = 0; i < titleCandidates.length && (!agency || !year); i++) {
    const t = arabicYears((titleCandidates[i] as { text: string; loc: SourceLoc }).text.normalize("NFKC").replace(/\s+/gu, ""));
    const loc = (titleCandidates[i] as { loc: SourceLoc }).loc;
    const a = TITLE_AGENCY_FIRST.exec(t);
    const b = a ? null : TITLE_YEAR_FIRST.exec(t);
    const after = a || b ? null : TITLE_YEAR_AFTER.exec(t);
    const inside = a || b || after ? null : TITLE_YEAR_INSIDE.exec(t);
    const yOnly = a || b || after || inside ? null : YEAR_ONLY_TITLE.exec(t);
    const y = Number(a?.[2] ?? b?.[1] ?? after?.[2] ?? inside?.[2] ?? yOnly?.[1] ?? NaN);
    if (!year && validYear(y)) {
      year = y;
      yearSource = "title";
    }
    if (!agency) {
      // "2022年下湿壕镇人民政府信息公开工作年度报告": 人民政府 and 政府信息公开 share their 政府 (cleanAgency).
      const name = a?.[1] ?? b?.[2] ?? inside?.[1] ?? (after?.[1] || null);
      if (name) agency = cleanAgency(name, loc);
      else if (yOnly || after) agency = bylineAgency(titleCandidates, i, lead);
    }
  }

  // Preamble: "现公布X2024年政府信息公开工作年度报告".
  for (const b of head) {
    if (agency && year) break;
    const t = arabicYears(b.text.normalize("NFKC"));
    const m = PREAMBLE_AGENCY.exec(t);
    if (m) {
      agency ??= cleanAgency(m[1] ?? "", b.loc);
      const y = Number(m[2]);
      if (!year && validYear(y)) {
        year = y;
        yearSource = "preamble";
      }
    }
    if (!agency) {
      const m2 = PREAMBLE_AGENCY_2.exec(t);
      if (m2) agency = cleanAgency(m2[1] ?? "", b.loc);
    }
    for (const re of PREAMBLE_LOOSE) {
      if (agency) break;
      const name = re.exec(t)?.[1]?.replace(/\s+/gu, "");
      if (name && (AGENCY_LINE.test(name) || TOWNSHIP.test(name))) agency = cleanAgency(name, b.loc);
    }
  }

  // Statistical period "2024年1月1日至2024年12月31日".
  if (!year) {
    for (const b of textBlocks.slice(0, 12)) {
      const m = PERIOD.exec(b.text.normalize("NFKC"));
      if (m && (m[2] === undefined || m[1] === m[2]) && validYear(Number(m[1]))) {
        year = Number(m[1]);
        yearSource = "period";
        break;
      }
    }
  }

  // Last resort: the year the opening text is about ("2024年，我市…"), said to be inferred.
  if (!year) {
    const counts = new Map<number, number>();
    for (const b of textBlocks.slice(0, 30)) {
      // "公开发布《国家新闻出版署2021年政府信息公开工作年度报告》": a cited report (last year's) is not
      // this report's year.
      for (const m of b.text.normalize("NFKC").replace(CITED_REPORT, "《》").matchAll(YEAR_MENTION)) {
        const y = Number(m[1]);
        if (validYear(y)) counts.set(y, (counts.get(y) ?? 0) + 1);
      }
    }
    const ranked = [...counts].sort((x, y) => y[1] - x[1] || y[0] - x[0]);
    const top = ranked[0];
    if (top && top[1] >= 2 && (ranked[1]?.[1] ?? 0) < top[1]) {
      year = top[0];
      yearSource = "inferred";
      issues.push(issue("year_inferred", "warning", `No year in the title or the statistical period; ${top[0]} is the year the opening text mentions most (${top[1]} times). Check it.`, textBlocks[0]?.loc ?? null));
    } else if (ranked.length === 1) {
      // The one year the opening text names, where it opens the sentence saying what the body did
      // under the 条例.
      for (const b of textBlocks.slice(0, 8)) {
        const t = b.text.normalize("NFKC").replace(CITED_REPORT, "《》");
        const y = Number(NARRATIVE_YEAR.exec(t)?.[1] ?? WORK_YEAR.exec(t)?.[1] ?? OPENING_YEAR.exec(t)?.[1] ?? NaN);
        if (y === top?.[0]) {
          year = y;
          yearSource = "inferred";
          issues.push(issue("year_inferred", "warning", `No year in the title or the statistical period; ${y} is the one year the opening text gives for the agency's disclosure work (“${y}年，…贯彻落实《条例》”, “…${y}年政府信息公开工作”). Check it.`, b.loc));
          break;
        }
      }
    }
  }

  // A web page's publication record ("发布机构：盘州市教育局"), then the closing signature (落款):
  // the agency's name on its own line beside the date.
  agency ??= publisherAgency(doc);
  agency ??= signatureAgency(textBlocks);
  agency ??= narrativeAgency(textBlocks.slice(0, 8));

  if (agency && doc.meta.ocr) agency = spelledAsElsewhere(agency, textBlocks.map((b) => b.text).join("\n"));
  if (agency) agency = { ...agency, canonical: expandAbbreviation(agency.canonical) };

  let scope: ReportScope = agency ? "self" : "unknown";
  const probe = textBlocks.slice(0, 20).map((b) => b.text).join("\n").normalize("NFKC");
  if (AGGREGATE.some((re) => re.test(probe))) scope = "region_aggregate";

  const publishedOn = findPublicationDate(doc, textBlocks);

  if (!agency) issues.push(issue("agency_missing", "warning", "No agency name found in the title or preamble", textBlocks[0]?.loc ?? null));
  if (!year) issues.push(issue("year_missing", "warning", "No report year found in the title, preamble or statistical period", textBlocks[0]?.loc ?? null));
  return { agency, year, yearSource, scope, publishedOn, issues };
}

/**
 * OCR misreads a character of a place name now and then (准安市 for 淮安市, 入盘水市 for 六盘水市);
 * the report names itself again in its text. When the place part of the name read (the characters
 * before its first 省/市/县/区/州/旗/盟) is written with one character different more often than as
 * read, that spelling is the name. The written form keeps what was read.
 */
function spelledAsElsewhere(agency: AgencyName, text: string): AgencyName {
  const name = agency.canonical;
  const placeEnd = name.search(/(?<=.)[省市县区州旗盟]/u);
  if (placeEnd < 1) return agency;
  const flat = text.normalize("NFKC").replace(/\s+/gu, "");
  const count = (s: string) => flat.split(s).length - 1;
  const asRead = count(name);
  let best: { name: string; n: number } | null = null;
  for (let i = 0; i < placeEnd; i++) {
    if (!/\p{Script=Han}/u.test(name[i] ?? "")) continue;
    const re = new RegExp(`${escapeRe(name.slice(0, i))}(\\p{Script=Han})${escapeRe(name.slice(i + 1))}`, "gu");
    const seen = new Map<string, number>();
    for (const m of flat.matchAll(re)) if (m[0] !== name) seen.set(m[0], (seen.get(m[0]) ?? 0) + 1);
    for (const [alt, n] of seen) if (n > asRead && (!best || n > best.n)) best = { name: alt, n };
  }
  return best ? { ...agency, canonical: best.name } : agency;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/**
 * A title that names no agency ("2024年政府信息公开工作年度报告", "政府信息公开工作年度报告（2024年）"):
 * the name is the line just before it, or the byline just after it, when that line is only a name.
 */
function bylineAgency(candidates: readonly { text: string; loc: SourceLoc }[], i: number, lead: readonly { text: string; loc: SourceLoc }[]): AgencyName | null {
  const prev = i > 0 ? candidates[i - 1] : undefined;
  if (prev && prev.text.length <= 40) {
    const name = cleanAgency(prev.text, prev.loc);
    if (name) return name;
  }
  const at = lead.findIndex((b) => b.loc === candidates[i]?.loc);
  const next = at >= 0 ? lead[at + 1] : undefined;
  if (next) {
    const t = next.text.normalize("NFKC").replace(/\s+/gu, "");
    if (AGENCY_LINE.test(t)) return cleanAgency(t, next.loc);
  }
  return null;
}

const PUBLISHER_LABEL = /^(?:发布机构|发文机关|发文单位|发布单位|公开主体|公开单位|信息来源|来源)\s*[:：]?\s*/u;

/**
 * The record government sites print above a page ("索引号 … 发布机构：盘州市教育局 … 发布日期"), as
 * text or as a small table, before the report's own tables: the publishing agency, when its value
 * is only an agency's name.
 */
function publisherAgency(doc: ExtractedDocument): AgencyName | null {
  const firstReportTable = doc.blocks.findIndex((b) => b.kind === "table" && b.cells.length > 20);
  const head = doc.blocks.slice(0, firstReportTable < 0 ? 40 : Math.min(firstReportTable, 40));
  const valueOf = (raw: string) => {
    const t = raw.normalize("NFKC").replace(/\s+/gu, "");
    return AGENCY_LINE.test(t) ? t : null;
  };
  for (const b of head) {
    const items = b.kind === "text" ? b.text.split(/\s{2,}|\t|\|/u).map((text) => ({ text, loc: b.loc })) : b.cells;
    for (let k = 0; k < items.length; k++) {
      const it = items[k] as { text: string; loc: SourceLoc };
      const t = it.text.normalize("NFKC").trim();
      const m = PUBLISHER_LABEL.exec(t);
      if (!m || m[0].length === 0) continue;
      const rest = t.slice(m[0].length);
      // "发布机构：盘州市教育局" in one piece, or the label's cell and the name in the next.
      const name = rest ? valueOf(rest.split(/\s/u)[0] ?? "") : valueOf((items[k + 1] as { text: string } | undefined)?.text ?? "");
      if (name) return cleanAgency(name, it.loc);
    }
  }
  return null;
}

/**
 * The signature at the end of a report: a line that is only an agency's name, with the date on the
 * same line or the line next to it ("盘州市市场监督管理局" / "2025年1月20日"). Only the last lines
 * are looked at, and a name needs its date: a site footer or a closing sentence is not a signature.
 */
function signatureAgency(textBlocks: readonly { text: string; loc: SourceLoc }[]): AgencyName | null {
  const tail = textBlocks.slice(-6);
  const isDate = (t: string) => {
    const m = DATE_LINE.exec(t);
    return m?.[1] !== undefined && m[1].length === t.length && parseDate(t) !== null;
  };
  for (let k = tail.length - 1; k >= 0; k--) {
    const b = tail[k] as { text: string; loc: SourceLoc };
    const t = b.text.normalize("NFKC").replace(/\s+/gu, "");
    const dated = DATE_LINE.exec(t);
    // "盘州市市场监督管理局2025年1月20日" on one line.
    if (dated?.[1] && parseDate(dated[1])) {
      const name = t.slice(0, t.length - dated[1].length);
      if (name && AGENCY_LINE.test(name)) return cleanAgency(name, b.loc);
    }
    if (!AGENCY_LINE.test(t)) continue;
    const near = [tail[k + 1], tail[k - 1]].filter((x): x is { text: string; loc: SourceLoc } => x !== undefined);
    if (near.some((x) => isDate(x.text.normalize("NFKC").replace(/\s+/gu, "")))) return cleanAgency(t, b.loc);
  }
  return null;
}

/** The subject of the opening narrative's "X认真贯彻落实《条例》" (NARRATIVE_AGENCY). */
function narrativeAgency(blocks: readonly { text: string; loc: SourceLoc }[]): AgencyName | null {
  for (const b of blocks) {
    const t = b.text.normalize("NFKC");
    const name = NARRATIVE_AGENCY.exec(t)?.[1] ?? (/政府信息公开|政务公开/u.test(t) ? NARRATIVE_SUBJECT.exec(t)?.[1] : undefined);
    // "区政府办公室", "县统计局": a body named by its level alone is how a report speaks of itself,
    // not its name.
    if (name && !/^[省市县区州旗盟镇乡]/u.test(name) && (AGENCY_LINE.test(name) || TOWNSHIP.test(name))) {
      const found = cleanAgency(name, b.loc);
      if (found) return found;
    }
  }
  return null;
}

function findPublicationDate(doc: ExtractedDocument, textBlocks: readonly { text: string; loc: SourceLoc }[]): string | null {
  for (const b of textBlocks.slice(0, 40)) {
    const t = b.text.normalize("NFKC");
    const m = DATE_LABEL.exec(t);
    if (m) {
      const d = parseDate(t.slice(m.index + m[0].length, m.index + m[0].length + 24));
      if (d) return d;
    }
  }
  const edge = [...textBlocks.slice(-4).reverse(), ...textBlocks.slice(0, 3)];
  for (const b of edge) {
    const t = b.text.normalize("NFKC").trim();
    if (t.length > 60) continue;
    const m = DATE_LINE.exec(t);
    if (m) {
      const d = parseDate(m[1] ?? "");
      if (d) return d;
    }
  }
  void doc;
  return null;
}
