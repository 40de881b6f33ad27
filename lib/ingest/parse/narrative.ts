/**
 * Figures and topics stated in the prose (REPORT-FORMAT.md §0, §2.4, §4.7). Each figure keeps the
 * sentence it came from; each topic the keyword and the sentence that lists it. Only sentences
 * about applications ("申请内容主要集中在…") are tagged with topics.
 */
import { INT4_MAX, TOPICS, type NarrativeKey, type TopicKey } from "../../catalog";
import type { NarrativeFigure, TopicCount, TopicMention } from "../../records/parsed-report";
import type { ExtractedDocument } from "../extract/types";
import type { SourceLoc } from "../issues";
import { NUMBER_BODY, parseNumberToken } from "./numbers";

export interface NarrativeResult {
  figures: Partial<Record<NarrativeKey, NarrativeFigure>>;
  topics: TopicMention[];
  /** Per-topic application counts the prose states, first statement per topic. */
  topicCounts: TopicCount[];
}

const N = `(?<n>${NUMBER_BODY})`;
const U = "\\s*(?:件|个|条|宗|份|起|次|项|例)";
const G = "[^\\d零〇一二两三四五六七八九十百千万]"; // a gap that holds no number

interface Pattern {
  re: RegExp;
  /** Clause words that rule the pattern out (another figure's context). */
  not?: RegExp;
  /** Words the gap between keyword and number must not hold ("行政复议…维持2件"). */
  gapNot?: RegExp;
  zero?: boolean;
}

const OUTCOME = /维持|纠正|撤销|驳回|其他|审结|结果|撤诉|败诉|胜诉|终止/u;

const PATTERNS: Record<NarrativeKey, readonly Pattern[]> = {
  new_received: [
    { re: new RegExp(`(?:收到|新收|受理|接收|接到|共收)(?<gap>${G}{0,20}?)申请${G}{0,12}?${N}${U}`, "u"), not: /复议|诉讼|结转|上年|上一年|去年|转办|办结|答复|转下/u },
  ],
  carried_over: [
    { re: new RegExp(`(?:上一?年度?|去年|以前年度)${G}{0,6}?(?:结转|转办|转入|遗留|结余|未办结)(?<gap>${G}{0,12}?)${N}${U}`, "u"), not: /下一?年/u },
    { re: new RegExp(`结转上一?年度?(?<gap>${G}{0,12}?)${N}${U}`, "u") },
  ],
  handled_total: [
    { re: new RegExp(`(?<![未尚])(?:办结|答复完毕|办理完毕|办理完成|作出答复|予以答复|已答复)(?<gap>${G}{0,8}?)${N}${U}`, "u"), not: /复议|诉讼|审结|结转下|转下|转入下/u },
    { re: new RegExp(`${N}${U}(?<gap>)(?:申请)?(?:已|均已|全部)(?:办结|答复完毕)`, "u"), not: /复议|诉讼|审结|未办结/u },
    // "受理申请3119件，答复3050件": an answer count right after the applications received.
    { re: new RegExp(`^\\s*(?:共|已|依法|按时)?答复(?<gap>${G}{0,4}?)${N}${U}`, "u"), not: /复议|诉讼|审结/u },
  ],
  carried_forward: [
    { re: new RegExp(`(?:结转(?:至|到)?下一?年度?|转(?:入|至|到)?下一?年度?)(?<gap>${G}{0,10}?)${N}${U}`, "u") },
    { re: new RegExp(`${N}${U}(?<gap>)${G}{0,8}?(?:结转|转|顺延)(?:入|至|到)?下一?年`, "u") },
  ],
  review_total: [
    { re: new RegExp(`行政复议(?:申请|案件)?(?<gap>${G}{0,8}?)${N}${U}`, "u"), gapNot: OUTCOME },
    { re: new RegExp(`行政复议(?:和|及|、|与)行政诉讼(?<gap>${G}{0,6}?)各${N}${U}`, "u") },
    { re: new RegExp(`(?:未|没有)(?:发生|收到|出现|产生|引起|引发|涉及|被申请|被提起|提起)(?<gap>)[^\\d。；，,]{0,16}?行政复议`, "u"), zero: true },
  ],
  litigation_total: [
    { re: new RegExp(`行政(?:诉讼|应诉)(?:案件)?(?<gap>${G}{0,8}?)${N}${U}`, "u"), gapNot: OUTCOME },
    { re: new RegExp(`行政复议(?:和|及|、|与)行政诉讼(?<gap>${G}{0,6}?)各${N}${U}`, "u") },
    { re: new RegExp(`(?:未|没有)(?:发生|收到|出现|产生|引起|引发|涉及|被提起|提起)(?<gap>)[^\\d。；，,]{0,16}?行政诉讼`, "u"), zero: true },
  ],
};

const KEYS = Object.keys(PATTERNS) as NarrativeKey[];

interface Sentence {
  text: string;
  loc: SourceLoc;
}

const SENTENCE = /[^。！？!?\n]+[。！？!?]?/gu;
// Clause breaks; a comma between digits is a thousands separator ("1,024件").
const CLAUSE_BREAK = /[，；;：:]|(?<!\d),|,(?!\d)/u;

/**
 * Sentences of the prose. Text that keeps the page's line breaks (pdftotext, converters) cuts a
 * sentence at every line end: consecutive text lines are joined until one ends a sentence, so a
 * figure wrapped over two lines is still one sentence.
 */
function sentencesOf(doc: ExtractedDocument): Sentence[] {
  const out: Sentence[] = [];
  let buf = "";
  let bufLoc: SourceLoc | null = null;
  const flush = () => {
    if (bufLoc) {
      for (const m of buf.matchAll(SENTENCE)) {
        const s = m[0].trim();
        if (s.length > 0) out.push({ text: s, loc: { ...bufLoc, offset: (bufLoc.offset ?? 0) + (m.index ?? 0) } });
      }
    }
    buf = "";
    bufLoc = null;
  };
  for (const b of doc.blocks) {
    if (b.kind !== "text") {
      flush();
      continue;
    }
    // NFKC unifies "，" and full-width digits; keep the original when it would shift offsets.
    const nfkc = b.text.normalize("NFKC");
    const text = nfkc.length === b.text.length ? nfkc : b.text;
    if (bufLoc === null) bufLoc = b.loc;
    buf += buf && /[\x21-\x7e]$/u.test(buf) && /^[\x21-\x7e]/u.test(text) ? ` ${text}` : text;
    // A line that ends a sentence, or a short heading, closes the paragraph.
    if (/[。！？!?：:]$/u.test(text.trim()) || text.length < 12 || (doc.format !== "text" && doc.format !== "markdown")) flush();
  }
  flush();
  return out;
}

function matchFigure(clause: string, patterns: readonly Pattern[]): number | null {
  for (const p of patterns) {
    if (p.not?.test(clause)) continue;
    const m = p.re.exec(clause);
    if (!m) continue;
    if (p.gapNot && p.gapNot.test(m.groups?.gap ?? "")) continue;
    if (p.zero) return 0;
    const v = parseNumberToken(m.groups?.n ?? "");
    if (v !== null) return v;
  }
  return null;
}

/** Figures and topics of the whole document (the first statement of each figure wins). */
export function readNarrative(doc: ExtractedDocument): NarrativeResult {
  const figures: Partial<Record<NarrativeKey, NarrativeFigure>> = {};
  const topics: TopicMention[] = [];
  const seenTopics = new Set<TopicKey>();
  const topicCounts: TopicCount[] = [];
  const counted = new Set<TopicKey>();
  for (const s of sentencesOf(doc)) {
    if (/\d|[零〇一二两三四五六七八九十]|未|没有/u.test(s.text)) {
      for (const clause of s.text.split(CLAUSE_BREAK)) {
        for (const key of KEYS) {
          if (figures[key]) continue;
          const v = matchFigure(clause, PATTERNS[key]);
          if (v !== null) figures[key] = { value: v, sentence: s.text, loc: s.loc };
        }
      }
    }
    for (const t of topicsOf(s)) {
      if (seenTopics.has(t.key)) continue;
      seenTopics.add(t.key);
      topics.push(t);
    }
    for (const c of topicCountsOf(s)) {
      if (counted.has(c.key)) continue;
      counted.add(c.key);
      topicCounts.push(c);
    }
  }
  // A topic whose count is stated is mentioned, even when no "集中在…" list names it.
  for (const c of topicCounts) {
    if (seenTopics.has(c.key)) continue;
    seenTopics.add(c.key);
    topics.push({ key: c.key, keyword: c.phrase, sentence: c.sentence, loc: c.loc });
  }
  return { figures, topics, topicCounts };
}

// ───────────────────────────── topics ─────────────────────────────

const TRIGGER = /集中在|集中于|集中为|主要涉及|涉及|主要包括|主要是|主要为|主要关于/u;
const SEGMENT_END = /等(?:方面|领域|内容|事项|问题|类|信息)?|方面|领域|[。；;！？!?]/u;
const ITEM_SPLIT = /以及|[、，,和及与或]/u;
const KEYWORDS: readonly { key: TopicKey; keyword: string }[] = TOPICS.flatMap((t) => t.keywords.map((keyword) => ({ key: t.key, keyword }))).sort(
  (a, b) => b.keyword.length - a.keyword.length,
);

/** Topics listed in one sentence, in the order they are written. */
export function topicsOf(s: Sentence): TopicMention[] {
  const m = TRIGGER.exec(s.text);
  if (!m || m.index === undefined) return [];
  // Only the application mix: the sentence must be about applications, before the trigger.
  if (!/申请/u.test(s.text.slice(0, m.index))) return [];
  const rest = s.text.slice(m.index + m[0].length);
  const end = SEGMENT_END.exec(rest);
  const segment = rest.slice(0, end ? end.index : Math.min(rest.length, 80)).slice(0, 80);
  if (segment.length === 0) return [];
  const covered = new Array<boolean>(segment.length).fill(false);
  const found: { key: TopicKey; keyword: string; at: number }[] = [];
  for (const { key, keyword } of KEYWORDS) {
    let from = 0;
    for (;;) {
      const at = segment.indexOf(keyword, from);
      if (at < 0) break;
      from = at + 1;
      if (covered.slice(at, at + keyword.length).some(Boolean)) continue;
      for (let i = at; i < at + keyword.length; i++) covered[i] = true;
      found.push({ key, keyword, at });
    }
  }
  // Items that no keyword covers are "other".
  let pos = 0;
  for (const item of segment.split(ITEM_SPLIT)) {
    const at = segment.indexOf(item, pos);
    pos = at + item.length;
    const trimmed = item.trim();
    if (trimmed.length >= 2 && at >= 0 && !covered.slice(at, at + item.length).some(Boolean)) found.push({ key: "other", keyword: trimmed, at });
  }
  found.sort((a, b) => a.at - b.at);
  const out: TopicMention[] = [];
  const seen = new Set<TopicKey>();
  for (const f of found) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    out.push({ key: f.key, keyword: f.keyword, sentence: s.text, loc: s.loc });
  }
  return out;
}

// ───────────────────────────── topic counts ─────────────────────────────

const COUNT_CLAUSE_BREAK = /[，；;：:、。！？!?]|(?<!\d),|,(?!\d)/u;
const COUNT = new RegExp(`(?<n>${NUMBER_BODY})\\s*(?:件|宗|条)`, "u");
/** Words that make a clause's number another figure (an outcome, a total, a dispute, a share). */
const COUNT_NOT = /予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|办结|答复|结转|转办|复议|诉讼|占|比例|同比|增长|下降|较上年/u;
/** Two topics joined in one count ("土地征收和房屋拆迁的申请12件") cannot be split between them. */
const JOINED = /以及|[和及与或]/u;
const MAX_GAP = 12;

/**
 * Per-topic application counts stated in one sentence about applications, e.g.
 * "其中涉及征地拆迁类申请12件，规划类申请3件". A clause counts for the first topic keyword before
 * its number (征地拆迁 → land requisition, the category's head word); a clause joining keywords
 * of two topics, stating another kind of figure, or placing the number far from the keyword is
 * left out: a count is only taken where the text says it.
 */
export function topicCountsOf(s: Sentence): TopicCount[] {
  if (!/申请/u.test(s.text) || !/\d|[一二两三四五六七八九十]\s*(?:件|宗|条)/u.test(s.text)) return [];
  const out: TopicCount[] = [];
  for (const clause of s.text.split(COUNT_CLAUSE_BREAK)) {
    const m = COUNT.exec(clause);
    if (!m || m.index === undefined) continue;
    const pre = clause.slice(0, m.index);
    if (/\d/u.test(pre) || COUNT_NOT.test(clause)) continue;
    const found: { key: TopicKey; keyword: string; at: number }[] = [];
    const covered = new Array<boolean>(pre.length).fill(false);
    for (const { key, keyword } of KEYWORDS) {
      for (let at = pre.indexOf(keyword); at >= 0; at = pre.indexOf(keyword, at + 1)) {
        if (covered.slice(at, at + keyword.length).some(Boolean)) continue;
        for (let i = at; i < at + keyword.length; i++) covered[i] = true;
        found.push({ key, keyword, at });
      }
    }
    if (found.length === 0) continue;
    found.sort((a, b) => a.at - b.at);
    const first = found[0]!;
    const last = found[found.length - 1]!;
    if (new Set(found.map((f) => f.key)).size > 1 && JOINED.test(pre.slice(first.at, last.at))) continue;
    if (m.index - (last.at + last.keyword.length) > MAX_GAP) continue;
    const count = parseNumberToken(m.groups?.n ?? "");
    // A count the database cannot hold (int4) is no count a report states: leave it out.
    if (count === null || !Number.isInteger(count) || count < 0 || count > INT4_MAX) continue;
    out.push({ key: first.key, count, phrase: clause.slice(first.at, m.index + m[0].length).trim(), sentence: s.text, loc: s.loc });
  }
  return out;
}
