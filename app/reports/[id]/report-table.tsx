import type { ReportCellDto, ReportFindingDto } from "@/db/queries/report/get-report-by-id";
import type { CellCorrection } from "@/db/schema/reports";
import { CELL_BY_KEY, type Label } from "@/lib/catalog";
import { t, type Lang } from "@/lib/i18n";
import type { TableLayout } from "@/lib/report-tables/layout";
import type { CellMark } from "@/lib/report-tables/marks";
import { formatFigure, tf } from "../_lib/text";
import { LOW_CONFIDENCE } from "@/lib/ingest/ocr/confidence";
import { describeLocation } from "./provenance";
import styles from "./report.module.css";

interface ReportTableProps {
  layout: TableLayout;
  cells: Record<string, ReportCellDto>;
  marks: ReadonlyMap<string, CellMark>;
  findingsById: ReadonlyMap<string, ReportFindingDto>;
  corrections: Readonly<Record<string, CellCorrection>>;
  lang: Lang;
}

const MARK_CLASS: Record<CellMark["level"], string | undefined> = {
  blame: styles.cellBlame,
  involved: styles.cellInvolved,
  warning: styles.cellWarning,
};

/** Chinese first (the official form); the English label beneath when reading in English. */
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

/** The cell id used by finding links (`#cell-t3.carried_over.total`). */
export function cellAnchor(key: string): string {
  return `cell-${key}`;
}

/** One table of the report in its official layout; every value opens its provenance. */
export function ReportTable({ layout, cells, marks, findingsById, corrections, lang }: ReportTableProps) {
  return (
    <div className={styles.tableScroll}>
      <table className={`${styles.officialTable} ${styles[`table_${layout.id}`] ?? ""}`}>
        <caption className="visually-hidden">{tf(lang, "report.tableHeading", { numeral: layout.numeral, n: layout.id.slice(1), title: layout.title[lang] })}</caption>
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
                  <th
                    key={j}
                    colSpan={c.colSpan}
                    rowSpan={c.rowSpan}
                    scope={c.rowSpan > 1 ? "rowgroup" : "row"}
                    className={c.level === "group" ? styles.groupLabel : styles.rowLabel}
                  >
                    <LabelText label={c.label} numbering={c.numbering} lang={lang} />
                  </th>
                ) : (
                  <ValueCell key={j} cellKey={c.key} colSpan={c.colSpan} cell={cells[c.key]} mark={marks.get(c.key)} findingsById={findingsById} correction={corrections[c.key]} lang={lang} />
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
  cell: ReportCellDto | undefined;
  mark: CellMark | undefined;
  findingsById: ReadonlyMap<string, ReportFindingDto>;
  correction: CellCorrection | undefined;
  lang: Lang;
}

function displayValue(cell: ReportCellDto | undefined): string {
  if (!cell) return "";
  if (cell.value !== null) return formatFigure(cell.value);
  switch (cell.nullReason) {
    case "slash":
      return "/";
    case "dash":
      return "—";
    case "text":
      return cell.source?.raw.slice(0, 6) ?? "";
    default:
      return "";
  }
}

function correctionText(c: CellCorrection, lang: Lang): { by: string; parsed: string } {
  const at = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(c.at));
  return {
    by: tf(lang, "report.corrected.by", { name: c.byName, at }),
    parsed: c.parsed === null ? `${t(lang, "report.corrected.unread")}${c.parsedNullReason && c.parsedNullReason !== "absent" ? ` (${t(lang, `report.null.${c.parsedNullReason}` as "report.null.blank")})` : ""}` : formatFigure(c.parsed),
  };
}

function ValueCell({ cellKey, colSpan, cell, mark, findingsById, correction, lang }: ValueCellProps) {
  const def = CELL_BY_KEY.get(cellKey);
  const label = def ? def.label[lang] : cellKey;
  const shown = displayValue(cell);
  const reason = cell && cell.value === null ? t(lang, `report.null.${cell.nullReason ?? "absent"}`) : null;
  const where = cell?.source ? describeLocation(cell.source.loc, lang) : "";
  const raw = cell?.source ? `${t(lang, "report.cell.raw")} “${cell.source.raw}”` : t(lang, "report.cell.noSource");
  const confidence = cell?.source?.confidence;
  const ocrLow = confidence !== undefined && confidence < LOW_CONFIDENCE;
  const ocr = confidence !== undefined ? `${t(lang, "report.cell.ocr")} ${confidence}%` : null;
  const fixed = correction ? correctionText(correction, lang) : null;
  const title = [label, reason ?? shown, fixed ? `${t(lang, "report.corrected.badge")}（${t(lang, "report.corrected.parsed")} ${fixed.parsed}）` : null, raw, ocr, where].filter(Boolean).join(" · ");
  const popId = `pop-${cellKey}`;
  const classes = [
    styles.valueCell,
    mark ? MARK_CLASS[mark.level] : undefined,
    cell?.value === null ? (cell.nullReason === "absent" ? styles.cellAbsent : styles.cellNull) : undefined,
    ocrLow ? styles.cellOcrLow : undefined,
    correction ? styles.cellCorrected : undefined,
  ]
    .filter(Boolean)
    .join(" ");
  const related = (mark?.findingIds ?? []).map((id) => findingsById.get(id)).filter((f): f is ReportFindingDto => f !== undefined);

  return (
    <td id={cellAnchor(cellKey)} colSpan={colSpan} className={classes} data-cell={cellKey} data-mark={mark?.level} data-ocr-confidence={confidence} data-corrected={correction ? "true" : undefined}>
      <button type="button" className={styles.cellButton} popoverTarget={popId} title={title} aria-label={`${label}: ${reason ?? shown}`}>
        <span className={styles.cellValue}>{shown}</span>
        {correction ? (
          <span className={styles.cellCorrectedBadge} aria-label={t(lang, "report.corrected.badge")}>
            ✎
          </span>
        ) : null}
        {ocrLow ? <span className={styles.cellOcrBadge}>{t(lang, "report.cell.ocrBadge")}</span> : null}
        {mark?.suggested != null ? <span className={styles.cellSuggest}>{tf(lang, "report.cell.suggested", { value: formatFigure(mark.suggested) })}</span> : null}
      </button>
      <div id={popId} popover="auto" className={styles.popover} role="dialog" aria-label={label}>
        <p className={styles.popTitle}>{label}</p>
        <dl className={styles.popList}>
          <dt>{t(lang, "report.cell.key")}</dt>
          <dd>
            <code>{cellKey}</code>
          </dd>
          <dt>{t(lang, "report.cell.value")}</dt>
          <dd>{reason ?? shown}</dd>
          {correction && fixed ? (
            <>
              <dt>{t(lang, "report.corrected.badge")}</dt>
              <dd data-correction-by="true">{fixed.by}</dd>
              <dt>{t(lang, "report.corrected.reason")}</dt>
              <dd>{correction.reason}</dd>
              <dt>{t(lang, "report.corrected.parsed")}</dt>
              <dd>{fixed.parsed}</dd>
            </>
          ) : null}
          {cell?.source ? (
            <>
              <dt>{t(lang, "report.cell.raw")}</dt>
              <dd>
                <q className={styles.raw}>{cell.source.raw}</q>{" "}
                <span className={styles.muted}>({t(lang, cell.source.stated ? "report.cell.stated" : "report.cell.inferred")})</span>
              </dd>
              {confidence !== undefined ? (
                <>
                  <dt>{t(lang, "report.cell.ocr")}</dt>
                  <dd>
                    {confidence}%{ocrLow ? ` — ${t(lang, "report.cell.ocrLow")}` : ""}
                  </dd>
                </>
              ) : null}
              <dt>{t(lang, "report.cell.location")}</dt>
              <dd>{where}</dd>
            </>
          ) : (
            <>
              <dt>{t(lang, "report.cell.raw")}</dt>
              <dd>{t(lang, "report.cell.noSource")}</dd>
            </>
          )}
        </dl>
        {related.length ? (
          <div className={styles.popFindings}>
            <p className={styles.popSubtitle}>{t(lang, "report.cell.findings")}</p>
            <ul>
              {related.map((f) => (
                <li key={f.id}>
                  <a href={`#finding-${f.id}`}>
                    <code>{f.rule}</code>
                  </a>{" "}
                  {lang === "zh" ? f.messageZh : f.messageEn}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <button type="button" className={styles.popClose} popoverTarget={popId} popoverTargetAction="hide">
          {t(lang, "report.cell.close")}
        </button>
      </div>
    </td>
  );
}
