/**
 * Everything report_figures stores per report, by key: the catalog cells (cells.ts) plus figures
 * derived from the narrative's application mix (§4.7), so topic indicators are summed, ranked and
 * exported through the same columns and rollups as the tables' cells. Topic figures are not
 * cells of a table: parser, validator and report tables never see them.
 */
import { CELLS, type Label } from "./cells";
import { FORMAT_VERSIONS, type FormatVersion } from "./formats";
import { TOPIC_KEYS, TOPICS, type TopicKey } from "./topics";

export interface FigureDef {
  key: string;
  /** report_figures column. */
  column: string;
  integer: boolean;
  formats: readonly FormatVersion[];
  label: Label;
}

/** 1 for every stored report: the denominator of topic mention shares (reports, not applications). */
export const TOPIC_REPORTS_KEY = "nt.reports.read";
/** 1 when the narrative states a count for at least one topic, else 0. */
export const TOPIC_COUNTED_KEY = "nt.reports.counted";
/** 1 when the narrative names the topic among the applications' subjects, else 0. */
export const topicMentionKey = (t: TopicKey) => `nt.${t}.mentioned`;
/** The applications the narrative says concern the topic; null when it states no count. */
export const topicCountKey = (t: TopicKey) => `nt.${t}.count`;

const topicLabel = (t: TopicKey): Label => TOPICS.find((d) => d.key === t)?.label ?? { zh: t, en: t };

export const TOPIC_FIGURES: readonly FigureDef[] = [
  { key: TOPIC_REPORTS_KEY, column: "nt_reports__read", integer: true, formats: FORMAT_VERSIONS, label: { zh: "已读正文的年报", en: "Reports read" } },
  { key: TOPIC_COUNTED_KEY, column: "nt_reports__counted", integer: true, formats: FORMAT_VERSIONS, label: { zh: "写明分主题件数的年报", en: "Reports stating topic counts" } },
  ...TOPIC_KEYS.flatMap((t): FigureDef[] => [
    { key: topicMentionKey(t), column: `nt_${t}__mentioned`, integer: true, formats: FORMAT_VERSIONS, label: { zh: `提及${topicLabel(t).zh}`, en: `Mentions ${topicLabel(t).en.toLowerCase()}` } },
    { key: topicCountKey(t), column: `nt_${t}__count`, integer: true, formats: FORMAT_VERSIONS, label: { zh: `${topicLabel(t).zh}类申请（写明件数）`, en: `${topicLabel(t).en} applications (stated)` } },
  ]),
];

/** Cells and topic figures: every value report_figures stores, by key. */
export const FIGURE_BY_KEY: ReadonlyMap<string, FigureDef> = new Map<string, FigureDef>([
  ...CELLS.map((c): [string, FigureDef] => [c.key, c]),
  ...TOPIC_FIGURES.map((f): [string, FigureDef] => [f.key, f]),
]);

/** A parsed report's topic figures: every topic's mention (0/1), stated counts, and the report marker. */
export function topicFigureValues(mentioned: readonly TopicKey[], counts: readonly { key: TopicKey; count: number }[]): Record<string, number | null> {
  const out: Record<string, number | null> = { [TOPIC_REPORTS_KEY]: 1, [TOPIC_COUNTED_KEY]: counts.length > 0 ? 1 : 0 };
  const m = new Set(mentioned);
  const c = new Map(counts.map((x) => [x.key, x.count]));
  for (const t of TOPIC_KEYS) {
    out[topicMentionKey(t)] = m.has(t) || c.has(t) ? 1 : 0;
    out[topicCountKey(t)] = c.get(t) ?? null;
  }
  return out;
}
