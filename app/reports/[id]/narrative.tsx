import type { ReactNode } from "react";
import type { ReportCellDto, ReportDetailDto } from "@/db/queries/report/get-report-by-id";
import { NARRATIVE_KEYS, NARRATIVE_LABELS, TOPICS, type NarrativeKey } from "@/lib/catalog";
import { t, type Lang } from "@/lib/i18n";
import { formatFigure } from "../_lib/text";
import { cellAnchor } from "./provenance";
import styles from "./report.module.css";

/** Sections 二–四 are the tables; their text is shown above in the official layout. */
const TABLE_OF_SECTION: Record<number, string | undefined> = { 2: "t2", 3: "t3", 4: "t4" };

/** The table cells each narrative figure restates (REPORT-FORMAT.md §2.4). */
const NARRATIVE_CELLS: Record<NarrativeKey, readonly string[]> = {
  new_received: ["t3.new_received.total"],
  carried_over: ["t3.carried_over.total"],
  handled_total: ["t3.handled_total.total"],
  carried_forward: ["t3.carried_forward.total"],
  review_total: ["t4.review.total"],
  litigation_total: ["t4.lit_direct.total", "t4.lit_after_review.total"],
};

function tableValue(cells: Record<string, ReportCellDto>, keys: readonly string[]): number | null {
  let sum = 0;
  for (const k of keys) {
    const v = cells[k]?.value;
    if (v === null || v === undefined) return null;
    sum += Number(v);
  }
  return sum;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Text with every topic keyword wrapped in <mark>, longest keyword first. */
function markKeywords(text: string, keywords: ReadonlyMap<string, string>): ReactNode[] {
  if (keywords.size === 0) return [text];
  const pattern = new RegExp(`(${[...keywords.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|")})`, "g");
  return text.split(pattern).map((part, i) =>
    i % 2 === 1 ? (
      <mark key={i} className={styles.topicMark} title={keywords.get(part)}>
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

export function Narrative({ report, lang }: { report: ReportDetailDto; lang: Lang }) {
  const topicLabel = new Map(TOPICS.map((tp) => [tp.key, tp.label[lang]]));
  const keywords = new Map(report.topics.map((tp) => [tp.keyword, topicLabel.get(tp.topic) ?? tp.topic]));
  const figures = NARRATIVE_KEYS.flatMap((key) => {
    const f = report.narrative[key];
    return f ? [{ key, f, table: tableValue(report.cells, NARRATIVE_CELLS[key]) }] : [];
  });

  return (
    <section className={styles.narrative} aria-labelledby="narrative-title">
      <h2 id="narrative-title" className={styles.sectionTitle}>
        {t(lang, "report.narrative")}
      </h2>
      {report.topics.length ? (
        <p className={styles.topics}>
          {t(lang, "report.narrative.topics")}
          {lang === "zh" ? "：" : ": "}
          {report.topics.map((tp) => (
            <mark key={tp.topic} className={styles.topicMark}>
              {topicLabel.get(tp.topic) ?? tp.topic}
            </mark>
          ))}
        </p>
      ) : null}
      {figures.length ? (
        <div className={styles.tableScroll}>
          <table className={styles.figureTable}>
            <caption>{t(lang, "report.narrative.figures")}</caption>
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t(lang, "report.narrative.text")}</th>
                <th scope="col">{t(lang, "report.narrative.table")}</th>
                <th scope="col" className={styles.sentenceCol} />
              </tr>
            </thead>
            <tbody>
              {figures.map(({ key, f, table }) => (
                <tr key={key} className={table !== null && table !== f.value ? styles.mismatch : undefined}>
                  <th scope="row">{NARRATIVE_LABELS[key][lang]}</th>
                  <td className={styles.num}>{formatFigure(f.value)}</td>
                  <td className={styles.num}>
                    {NARRATIVE_CELLS[key].length === 1 ? <a href={`#${cellAnchor(NARRATIVE_CELLS[key][0]!)}`}>{table === null ? "—" : formatFigure(table)}</a> : table === null ? "—" : formatFigure(table)}
                  </td>
                  <td className={styles.sentence}>{f.sentence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.sections.length === 0 ? <p className={styles.muted}>{t(lang, "report.narrative.none")}</p> : null}
      {report.sections.map((s) => (
        <article key={`${s.number}-${s.loc.line ?? s.loc.offset ?? 0}`} className={styles.section}>
          <h3 className={styles.sectionHeading}>{s.title}</h3>
          {s.text.trim() === "" && TABLE_OF_SECTION[s.number] ? (
            <p className={styles.muted}>
              <a href={`#table-${TABLE_OF_SECTION[s.number]}`}>{t(lang, "report.narrative.seeTable")}</a>
            </p>
          ) : null}
          {s.text
            .split(/\n+/)
            .filter((p) => p.trim() !== "")
            .map((p, i) => (
              <p key={i}>{markKeywords(p, keywords)}</p>
            ))}
        </article>
      ))}
    </section>
  );
}
