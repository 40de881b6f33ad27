import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { getReportById, type ReportDetailDto } from "@/db/queries/report/get-report-by-id";
import { NULL_REASONS, TABLE_IDS, type NullReason } from "@/lib/catalog";
import { t, type Lang } from "@/lib/i18n";
import { reportTableLayouts } from "@/lib/report-tables/layout";
import { cellMarks, type CellMark } from "@/lib/report-tables/marks";
import { formatDate, formatFigure, tf } from "../_lib/text";
import { FindingsPanel } from "./findings-panel";
import { Narrative } from "./narrative";
import { describeLocation } from "./provenance";
import { ReportTables, type CompactCell, type ReportTablesText } from "./report-tables";
import styles from "./report.module.css";
import { agencyDisplayName, regionDisplayName } from "@/lib/regions/english";

interface ReportPageProps {
  params: Promise<{ id: string }>;
}

async function loadReport(id: string): Promise<ReportDetailDto> {
  const ctx = await requireCtx();
  // Null for a made-up id and for a draft the viewer may not see alike: both are a 404.
  const report = await getReportById({ ctx, input: { id } });
  if (!report) notFound();
  return report;
}

export async function generateMetadata({ params }: ReportPageProps): Promise<Metadata> {
  const [{ id }, lang] = await Promise.all([params, getLang()]);
  const report = await loadReport(id);
  return { title: { absolute: `${report.agency.name} ${tf(lang, "report.titleSuffix", { year: report.year })} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

function sourceHref(id: string): string {
  return `/reports/${id}/source`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatFigure(Math.round(bytes / 102.4) / 10)} KB`;
  return `${formatFigure(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

function ReportHeader({ report, lang }: { report: ReportDetailDto; lang: Lang }) {
  const current = report.versions.find((v) => v.isCurrent);
  return (
    <header className={styles.header}>
      <p className={styles.eyebrow}>
        <Link href={`/agencies/${report.agency.id}`}>{agencyDisplayName(lang, report.agency.name, report.region?.code)}</Link>
        {report.region ? <span> · {regionDisplayName(lang, report.region.code, report.region.name)}</span> : null}
      </p>
      <h1 className={styles.title}>
        {agencyDisplayName(lang, report.agency.name, report.region?.code)} {tf(lang, "report.titleSuffix", { year: report.year })}
      </h1>
      {!report.isCurrent && current ? (
        <p className={styles.notice} role="note">
          {t(lang, "report.notCurrent")} <Link href={`/reports/${current.id}`}>{t(lang, "report.viewCurrent")}</Link>
        </p>
      ) : null}
      <dl className={styles.meta}>
        <div>
          <dt>{t(lang, "report.meta.agency")}</dt>
          <dd>
            <Link href={`/agencies/${report.agency.id}`}>{agencyDisplayName(lang, report.agency.name, report.region?.code)}</Link>
            {report.agency.reviewStatus === "pending_review" ? <span className={styles.pill}>{t(lang, "report.pendingAgency")}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t(lang, "report.meta.region")}</dt>
          <dd>{report.region ? regionDisplayName(lang, report.region.code, report.region.name) : t(lang, "report.notStated")}</dd>
        </div>
        <div>
          <dt>{t(lang, "report.meta.year")}</dt>
          <dd>{report.year}</dd>
        </div>
        <div>
          <dt>{t(lang, "report.meta.format")}</dt>
          <dd>{t(lang, report.formatVersion ? `report.format.${report.formatVersion}` : "report.format.unknown")}</dd>
        </div>
        <div>
          <dt>{t(lang, "report.meta.scope")}</dt>
          <dd>{t(lang, `report.scope.${report.scope}`)}</dd>
        </div>
        <div>
          <dt>{t(lang, "report.meta.status")}</dt>
          <dd>
            <span className={`${styles.pill} ${styles[`status_${report.status}`] ?? ""}`}>{t(lang, `report.status.${report.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t(lang, "report.meta.version")}</dt>
          <dd>{tf(lang, "report.versionOf", { n: report.version, m: Math.max(report.versions.length, report.version) })}</dd>
        </div>
        <div>
          <dt>{t(lang, "report.meta.published")}</dt>
          <dd>{report.publishedOn ? formatDate(report.publishedOn, lang) : t(lang, "report.notStated")}</dd>
        </div>
        <div>
          <dt>{t(lang, "report.meta.completeness")}</dt>
          <dd className={report.complete ? undefined : styles.warnText}>{t(lang, report.complete ? "report.complete" : "report.incomplete")}</dd>
        </div>
        <div className={styles.metaWide}>
          <dt>{t(lang, "report.meta.coverage")}</dt>
          <dd>
            {report.coverage ? (
              <ul className={styles.coverageList}>
                {TABLE_IDS.map((id) => {
                  const c = report.coverage![id];
                  return (
                    <li key={id} className={c.status === "complete" ? undefined : styles.warnText} data-coverage={c.status}>
                      {t(lang, `report.coverage.${id}`)} {c.read}/{c.of} · {t(lang, `report.coverage.${c.status}`)}
                    </li>
                  );
                })}
              </ul>
            ) : (
              t(lang, "report.coverage.unknown")
            )}
          </dd>
        </div>
        <div className={styles.metaWide}>
          <dt>{t(lang, "report.meta.source")}</dt>
          <dd>
            <a className={styles.download} href={sourceHref(report.id)} download>
              {t(lang, "report.download")}
            </a>{" "}
            <span className={styles.muted}>
              {report.document.fileName} · {formatSize(report.document.sizeBytes)}
            </span>
          </dd>
        </div>
      </dl>
    </header>
  );
}

function Versions({ report, lang }: { report: ReportDetailDto; lang: Lang }) {
  return (
    <section className={styles.panel} aria-labelledby="versions-title">
      <h2 id="versions-title" className={styles.panelTitle}>
        {t(lang, "report.versions")}
      </h2>
      <ol className={styles.versionList}>
        {report.versions.map((v) => (
          <li key={v.id} className={v.id === report.id ? styles.versionThis : undefined}>
            {v.id === report.id ? (
              <strong aria-current="page">{tf(lang, "report.versions.version", { n: v.version })}</strong>
            ) : (
              <Link href={`/reports/${v.id}`}>{tf(lang, "report.versions.version", { n: v.version })}</Link>
            )}{" "}
            <span className={styles.muted}>
              {t(lang, `report.status.${v.status}`)} · {formatDate(v.publishedOn ?? v.createdAt, lang)}
            </span>
            {v.correctionOf ? <span className={styles.pill} data-version-corrected="true">{t(lang, "report.corrected.badge")}</span> : null}
            {v.isCurrent ? <span className={`${styles.pill} ${styles.pillCurrent}`}>{t(lang, "report.versions.current")}</span> : null}
            {v.id === report.id ? <span className={styles.pill}>{t(lang, "report.versions.this")}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Legend({ lang, ocr, corrected }: { lang: Lang; ocr: boolean; corrected: boolean }) {
  return (
    <div className={styles.legend} aria-label={t(lang, "report.legend")}>
      <span>
        <i className={`${styles.swatch} ${styles.cellBlame}`} /> {t(lang, "report.legend.blame")}
      </span>
      <span>
        <i className={`${styles.swatch} ${styles.cellInvolved}`} /> {t(lang, "report.legend.involved")}
      </span>
      <span>
        <i className={`${styles.swatch} ${styles.cellWarning}`} /> {t(lang, "report.legend.warning")}
      </span>
      <span>
        <i className={`${styles.swatch} ${styles.cellNull}`} /> {t(lang, "report.legend.null")}
      </span>
      <span>
        <i className={`${styles.swatch} ${styles.cellAbsent}`} /> {t(lang, "report.legend.absent")}
      </span>
      {ocr ? (
        <span>
          <i className={`${styles.swatch} ${styles.cellOcrLow}`} /> {t(lang, "report.legend.ocrLow")}
        </span>
      ) : null}
      {corrected ? (
        <span>
          <i className={`${styles.swatch} ${styles.cellCorrected}`} /> {t(lang, "report.legend.corrected")}
        </span>
      ) : null}
      <span className={styles.muted}>{t(lang, "report.legend.hint")}</span>
    </div>
  );
}

/** Each cell in a few bytes: the client table draws the official layout around them. */
function compactCells(report: ReportDetailDto, lang: Lang): Record<string, CompactCell> {
  const out: Record<string, CompactCell> = {};
  for (const [key, cell] of Object.entries(report.cells)) {
    const c: CompactCell = { v: cell.value };
    if (cell.value === null) c.n = cell.nullReason ?? "absent";
    if (cell.source) {
      c.r = cell.source.raw;
      c.w = describeLocation(cell.source.loc, lang);
      if (cell.source.stated) c.s = true;
      if (cell.source.confidence !== undefined) c.c = cell.source.confidence;
    }
    const fixed = report.corrections[key];
    if (fixed) {
      const at = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(fixed.at));
      const nullWords = fixed.parsedNullReason && fixed.parsedNullReason !== "absent" ? `（${t(lang, `report.null.${fixed.parsedNullReason as NullReason}`)}）` : "";
      c.x = {
        by: tf(lang, "report.corrected.by", { name: fixed.byName, at }),
        reason: fixed.reason,
        parsed: fixed.parsed === null ? `${t(lang, "report.corrected.unread")}${nullWords}` : formatFigure(fixed.parsed),
      };
    }
    out[key] = c;
  }
  return out;
}

function tablesText(lang: Lang, layouts: ReturnType<typeof reportTableLayouts>, canCorrect: boolean): ReportTablesText {
  const headings = Object.fromEntries(
    layouts.map((layout) => [layout.id, tf(lang, "report.tableHeading", { numeral: layout.numeral, n: layout.id.slice(1), title: layout.title[lang] })]),
  ) as ReportTablesText["headings"];
  return {
    headings,
    key: t(lang, "report.cell.key"),
    value: t(lang, "report.cell.value"),
    raw: t(lang, "report.cell.raw"),
    stated: t(lang, "report.cell.stated"),
    inferred: t(lang, "report.cell.inferred"),
    location: t(lang, "report.cell.location"),
    noSource: t(lang, "report.cell.noSource"),
    findings: t(lang, "report.cell.findings"),
    close: t(lang, "report.cell.close"),
    ocr: t(lang, "report.cell.ocr"),
    ocrLow: t(lang, "report.cell.ocrLow"),
    ocrBadge: t(lang, "report.cell.ocrBadge"),
    suggested: t(lang, "report.cell.suggested"),
    context: t(lang, "report.cell.context"),
    contextLoading: t(lang, "report.cell.contextLoading"),
    contextNone: t(lang, "report.cell.contextNone"),
    line: t(lang, "report.loc.line"),
    nulls: Object.fromEntries(NULL_REASONS.map((r) => [r, t(lang, `report.null.${r}`)])) as Record<NullReason, string>,
    corrected: t(lang, "report.corrected.badge"),
    correctedReason: t(lang, "report.corrected.reason"),
    correctedParsed: t(lang, "report.corrected.parsed"),
    correct: canCorrect ? t(lang, "report.correct.link") : null,
  };
}

export default async function ReportPage({ params }: ReportPageProps) {
  const [{ id }, lang] = await Promise.all([params, getLang()]);
  const report = await loadReport(id);
  const marks: Record<string, CellMark> = Object.fromEntries(cellMarks(report.findings));
  const marked = new Set(Object.values(marks).flatMap((m) => m.findingIds));
  const findingsById = Object.fromEntries(
    report.findings.filter((f) => marked.has(f.id)).map((f) => [f.id, { rule: f.rule, message: lang === "zh" ? f.messageZh : f.messageEn }]),
  );
  const layouts = report.formatVersion ? reportTableLayouts(report.formatVersion) : [];
  const tableIssues = report.parseIssues.filter((i) => i.severity === "error");
  const ocr = report.parseIssues.some((i) => i.code === "ocr_text");
  const correctedCount = Object.keys(report.corrections).length;
  // Users in the report's scope (its agency, oversight of its region, admin) may correct it.
  const canCorrect = report.canSeeExplanations && report.formatVersion !== null;

  return (
    <div className={styles.page}>
      <ReportHeader report={report} lang={lang} />
      <div className={styles.layout}>
        <aside className={styles.aside}>
          <FindingsPanel findings={report.findings} lang={lang} />
          <Versions report={report} lang={lang} />
          {tableIssues.length ? (
            <section className={styles.panel} aria-labelledby="issues-title">
              <h2 id="issues-title" className={styles.panelTitle}>
                {t(lang, "report.issues")}
              </h2>
              <ul className={styles.issueList}>
                {tableIssues.map((i, n) => (
                  <li key={n}>
                    <code>{i.code}</code> {i.message}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
        <div className={styles.main}>
          <section aria-labelledby="tables-title">
            <h2 id="tables-title" className="visually-hidden">
              {t(lang, "report.tables")}
            </h2>
            {ocr ? (
              <p className={styles.notice} data-ocr="true">
                {t(lang, "report.ocr.notice")}
              </p>
            ) : null}
            {layouts.length === 0 ? <p className={styles.notice}>{t(lang, "report.noFormat")}</p> : <Legend lang={lang} ocr={ocr} corrected={correctedCount > 0} />}
            {correctedCount > 0 ? (
              <p className={styles.notice} data-corrected-count={correctedCount}>
                {tf(lang, "report.corrected.count", { n: correctedCount })}
              </p>
            ) : null}
            {report.formatVersion && layouts.length ? (
              <ReportTables
                reportId={report.id}
                formatVersion={report.formatVersion}
                lang={lang}
                cells={compactCells(report, lang)}
                marks={marks}
                findings={findingsById}
                text={tablesText(lang, layouts, canCorrect)}
              />
            ) : null}
          </section>
          <Narrative report={report} lang={lang} />
        </div>
      </div>
    </div>
  );
}
