"use client";

/**
 * 表二/表三/表四 in their official layouts, drawn from compact cell data. The layouts come from the
 * catalog (bundled, cached by the browser), so the page sends each figure once, in a few bytes,
 * instead of a server-rendered tree that the RSC payload would repeat next to the HTML. One
 * provenance pop-up serves every cell; it asks the server for the lines around the figure.
 */
import { Fragment, useRef, useState, type ReactNode } from "react";
import { CELL_BY_KEY, type FormatVersion, type Label, type NullReason, type TableId } from "@/lib/catalog";
import { LOW_CONFIDENCE } from "@/lib/ingest/ocr/confidence";
import { reportTableLayouts, type TableLayout } from "@/lib/report-tables/layout";
import type { CellMark } from "@/lib/report-tables/marks";
import type { SourceContext } from "@/lib/report-tables/source-context";
import styles from "./report.module.css";

type Lang = "zh" | "en";

/** One cell: value, null reason, raw text, location in words, stated?, OCR confidence. */
export interface CompactCell {
  v: number | string | null;
  n?: NullReason;
  r?: string;
  w?: string;
  s?: boolean;
  c?: number;
  /** Corrected by hand: "by whom, when", the reason, the parsed value in words. */
  x?: { by: string; reason: string; parsed: string };
}

export interface ReportTablesText {
  headings: Record<TableId, string>;
  key: string;
  value: string;
  raw: string;
  stated: string;
  inferred: string;
  location: string;
  noSource: string;
  findings: string;
  close: string;
  ocr: string;
  ocrLow: string;
  ocrBadge: string;
  /** "建议 {value}". */
  suggested: string;
  context: string;
  contextLoading: string;
  contextNone: string;
  /** "第 {n} 行". */
  line: string;
  nulls: Record<NullReason, string>;
  corrected: string;
  correctedReason: string;
  correctedParsed: string;
  /** "更正数字", shown beside each table heading when the viewer may correct the report. */
  correct: string | null;
}

export interface ReportTablesProps {
  reportId: string;
  formatVersion: FormatVersion;
  lang: Lang;
  cells: Record<string, CompactCell>;
  marks: Record<string, CellMark>;
  findings: Record<string, { rule: string; message: string }>;
  text: ReportTablesText;
}

const INTEGER = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });

function formatFigure(value: number | string): string {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return Number.isInteger(n) ? INTEGER.format(n) : DECIMAL.format(n);
}

const MARK_CLASS: Record<CellMark["level"], string | undefined> = {
  blame: styles.cellBlame,
  involved: styles.cellInvolved,
  warning: styles.cellWarning,
};

const POPOVER_ID = "cell-popover";

function displayValue(cell: CompactCell | undefined): string {
  if (!cell) return "";
  if (cell.v !== null) return formatFigure(cell.v);
  switch (cell.n) {
    case "slash":
      return "/";
    case "dash":
      return "—";
    case "text":
      return cell.r?.slice(0, 6) ?? "";
    default:
      return "";
  }
}

function LabelText({ label, numbering, lang }: { label: Label; numbering?: string; lang: Lang }) {
  return (
    <>
      <span lang="zh-CN">
        {numbering}
        {label.zh}
      </span>
      {lang === "en" && label.en !== label.zh ? (
        <span className={styles.labelEn} lang="en">
          {label.en}
        </span>
      ) : null}
    </>
  );
}

function describe(key: string, cell: CompactCell | undefined, lang: Lang, text: ReportTablesText) {
  const def = CELL_BY_KEY.get(key);
  const label = def ? def.label[lang] : key;
  const shown = displayValue(cell);
  const reason = cell && cell.v === null ? text.nulls[cell.n ?? "absent"] : null;
  return { label, shown, reason };
}

export function ReportTables({ reportId, formatVersion, lang, cells, marks, findings, text }: ReportTablesProps) {
  const layouts = reportTableLayouts(formatVersion);
  const [selected, setSelected] = useState<string | null>(null);
  const [contexts, setContexts] = useState<Record<string, SourceContext | null | "loading">>({});
  const popover = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement | null>(null);

  const open = (key: string, button: HTMLButtonElement) => {
    opener.current = button;
    setSelected(key);
    if (cells[key]?.r !== undefined && contexts[key] === undefined) {
      // The lines around the figure, read again from the original file on first opening.
      setContexts((c) => ({ ...c, [key]: "loading" }));
      fetch(`/reports/${reportId}/context?cell=${encodeURIComponent(key)}`)
        .then((r) => (r.ok ? (r.json() as Promise<{ context: SourceContext | null }>) : { context: null }))
        .then((body) => setContexts((c) => ({ ...c, [key]: body.context })))
        .catch(() => setContexts((c) => ({ ...c, [key]: null })));
    }
    const el = popover.current;
    if (el && !el.matches(":popover-open")) el.showPopover();
  };

  return (
    <>
      {layouts.map((layout) => (
        <section key={layout.id} id={`table-${layout.id}`} className={styles.tableSection} aria-labelledby={`table-${layout.id}-title`}>
          <h3 id={`table-${layout.id}-title`} className={styles.tableTitle}>
            {text.headings[layout.id]}
            {text.correct ? (
              <a className={styles.correctLink} href={`/reports/${reportId}/correct?table=${layout.id}`} data-correct-link={layout.id}>
                ✎ {text.correct}
              </a>
            ) : null}
          </h3>
          <Table layout={layout} cells={cells} marks={marks} lang={lang} text={text} onOpen={open} />
        </section>
      ))}
      <div
        id={POPOVER_ID}
        ref={popover}
        popover="auto"
        className={styles.popover}
        role="dialog"
        aria-label={selected ? describe(selected, cells[selected], lang, text).label : text.raw}
        onToggle={(e) => {
          if ((e as unknown as ToggleEvent).newState === "closed") opener.current?.focus();
        }}
      >
        {selected ? <CellDetails cellKey={selected} cell={cells[selected]} mark={marks[selected]} findings={findings} context={contexts[selected]} lang={lang} text={text} /> : null}
        <button type="button" className={styles.popClose} popoverTarget={POPOVER_ID} popoverTargetAction="hide">
          {text.close}
        </button>
      </div>
    </>
  );
}

interface TableProps {
  layout: TableLayout;
  cells: Record<string, CompactCell>;
  marks: Record<string, CellMark>;
  lang: Lang;
  text: ReportTablesText;
  onOpen: (key: string, button: HTMLButtonElement) => void;
}

function Table({ layout, cells, marks, lang, text, onOpen }: TableProps) {
  return (
    <div className={styles.tableScroll}>
      <table className={`${styles.officialTable} ${styles[`table_${layout.id}`] ?? ""}`}>
        <caption className="visually-hidden">{text.headings[layout.id]}</caption>
        {layout.head.length > 0 ? (
          <thead>
            {layout.head.map((line, i) => (
              <tr key={i}>
                {line.map((h, j) => (
                  <th key={j} colSpan={h.colSpan} rowSpan={h.rowSpan} scope={h.colSpan > 1 ? "colgroup" : "col"} className={h.note ? styles.headNote : undefined}>
                    <LabelText label={h.label} lang={lang} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
        ) : null}
        <tbody>
          {layout.body.map((line, i) => (
            <tr key={i}>
              {line.map((c, j) =>
                c.kind === "label" ? (
                  <th key={j} colSpan={c.colSpan} rowSpan={c.rowSpan} scope={c.rowSpan > 1 ? "rowgroup" : "row"} className={c.level === "group" ? styles.groupLabel : styles.rowLabel}>
                    <LabelText label={c.label} numbering={c.numbering} lang={lang} />
                  </th>
                ) : (
                  <ValueCell key={j} cellKey={c.key} colSpan={c.colSpan} cell={cells[c.key]} mark={marks[c.key]} lang={lang} text={text} onOpen={onOpen} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ValueCellProps {
  cellKey: string;
  colSpan: number;
  cell: CompactCell | undefined;
  mark: CellMark | undefined;
  lang: Lang;
  text: ReportTablesText;
  onOpen: (key: string, button: HTMLButtonElement) => void;
}

function ValueCell({ cellKey, colSpan, cell, mark, lang, text, onOpen }: ValueCellProps) {
  const { label, shown, reason } = describe(cellKey, cell, lang, text);
  const ocrLow = cell?.c !== undefined && cell.c < LOW_CONFIDENCE;
  // Without JavaScript the title still names the cell, its raw text and where it was read.
  const title = [label, reason ?? shown, cell?.r !== undefined ? `${text.raw} “${cell.r}”` : null, cell?.w].filter(Boolean).join(" · ");
  const classes = [
    styles.valueCell,
    mark ? MARK_CLASS[mark.level] : undefined,
    cell?.v === null ? (cell.n === "absent" || cell.n === undefined ? styles.cellAbsent : styles.cellNull) : undefined,
    ocrLow ? styles.cellOcrLow : undefined,
    cell?.x ? styles.cellCorrected : undefined,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <td id={`cell-${cellKey}`} colSpan={colSpan} className={classes} data-cell={cellKey} data-mark={mark?.level} data-ocr-confidence={cell?.c} data-corrected={cell?.x ? "true" : undefined}>
      <button type="button" className={styles.cellButton} title={title} aria-label={`${label}: ${reason ?? shown}`} aria-haspopup="dialog" onClick={(e) => onOpen(cellKey, e.currentTarget)}>
        <span className={styles.cellValue}>{shown}</span>
        {cell?.x ? (
          <span className={styles.cellCorrectedBadge} aria-label={text.corrected}>
            ✎
          </span>
        ) : null}
        {ocrLow ? <span className={styles.cellOcrBadge}>{text.ocrBadge}</span> : null}
        {mark?.suggested != null ? <span className={styles.cellSuggest}>{text.suggested.replace("{value}", formatFigure(mark.suggested))}</span> : null}
      </button>
    </td>
  );
}

interface CellDetailsProps {
  cellKey: string;
  cell: CompactCell | undefined;
  mark: CellMark | undefined;
  findings: ReportTablesProps["findings"];
  context: SourceContext | null | "loading" | undefined;
  lang: Lang;
  text: ReportTablesText;
}

function ContextLines({ context, text }: { context: SourceContext; text: ReportTablesText }) {
  return (
    <ol className={styles.contextLines} start={context.firstLine} aria-label={text.context}>
      {context.lines.map((line, i) => {
        const here = i === context.at;
        let body: ReactNode = line;
        if (here && context.mark) {
          const [s, e] = context.mark;
          body = (
            <>
              {line.slice(0, s)}
              <mark>{line.slice(s, e)}</mark>
              {line.slice(e)}
            </>
          );
        }
        return (
          <li key={i} className={here ? styles.contextHere : undefined} title={text.line.replace("{n}", String(context.firstLine + i))} aria-current={here ? "true" : undefined}>
            {body}
          </li>
        );
      })}
    </ol>
  );
}

function CellDetails({ cellKey, cell, mark, findings, context, lang, text }: CellDetailsProps) {
  const { label, shown, reason } = describe(cellKey, cell, lang, text);
  const ocrLow = cell?.c !== undefined && cell.c < LOW_CONFIDENCE;
  const related = (mark?.findingIds ?? []).flatMap((id) => (findings[id] ? [{ id, ...findings[id] }] : []));
  return (
    <>
      <p className={styles.popTitle}>{label}</p>
      <dl className={styles.popList}>
        <dt>{text.key}</dt>
        <dd>
          <code>{cellKey}</code>
        </dd>
        <dt>{text.value}</dt>
        <dd>{reason ?? shown}</dd>
        {cell?.x ? (
          <>
            <dt>{text.corrected}</dt>
            <dd data-correction-by="true">{cell.x.by}</dd>
            <dt>{text.correctedReason}</dt>
            <dd>{cell.x.reason}</dd>
            <dt>{text.correctedParsed}</dt>
            <dd>{cell.x.parsed}</dd>
          </>
        ) : null}
        <dt>{text.raw}</dt>
        {cell?.r !== undefined ? (
          <>
            <dd>
              <q className={styles.raw}>{cell.r}</q> <span className={styles.muted}>({cell.s ? text.stated : text.inferred})</span>
            </dd>
            {cell.c !== undefined ? (
              <Fragment>
                <dt>{text.ocr}</dt>
                <dd>
                  {cell.c}%{ocrLow ? ` — ${text.ocrLow}` : ""}
                </dd>
              </Fragment>
            ) : null}
            <dt>{text.location}</dt>
            <dd>{cell.w}</dd>
          </>
        ) : (
          <dd>{text.noSource}</dd>
        )}
      </dl>
      {cell?.r !== undefined ? (
        <div className={styles.popContext}>
          <p className={styles.popSubtitle}>{text.context}</p>
          {context === "loading" || context === undefined ? (
            <p className={styles.muted}>{text.contextLoading}</p>
          ) : context === null ? (
            <p className={styles.muted}>{text.contextNone}</p>
          ) : (
            <ContextLines context={context} text={text} />
          )}
        </div>
      ) : null}
      {related.length ? (
        <div className={styles.popFindings}>
          <p className={styles.popSubtitle}>{text.findings}</p>
          <ul>
            {related.map((f) => (
              <li key={f.id}>
                <a href={`#finding-${f.id}`}>
                  <code>{f.rule}</code>
                </a>{" "}
                {f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
