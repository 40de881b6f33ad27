import type { ReportFindingDto } from "@/db/queries/report/get-report-by-id";
import { CELL_BY_KEY } from "@/lib/catalog";
import { t, type Lang } from "@/lib/i18n";
import { RULE_META } from "@/lib/validate/meta";
import type { RuleId } from "@/lib/validate/types";
import { formatFigure, tf } from "../_lib/text";
import { cellAnchor } from "./provenance";
import styles from "./report.module.css";

function ruleTitle(rule: string, lang: Lang): string | null {
  return rule in RULE_META ? RULE_META[rule as RuleId].title[lang] : null;
}

function cellName(key: string, lang: Lang): string {
  return CELL_BY_KEY.get(key)?.label[lang] ?? key;
}

const COLON: Record<Lang, string> = { zh: "：", en: ": " };
const SEVERITY_CLASS = { error: styles.sevError, warning: styles.sevWarning, info: styles.sevInfo } as const;
const STATUS_CLASS = { open: styles.statusOpen, explained: styles.statusExplained, resolved: styles.statusResolved } as const;

function FindingItem({ f, lang }: { f: ReportFindingDto; lang: Lang }) {
  const title = ruleTitle(f.rule, lang);
  const target = f.blame[0] ?? f.cells[0];
  return (
    <li id={`finding-${f.id}`} className={`${styles.finding} ${SEVERITY_CLASS[f.severity]}`} data-rule={f.rule}>
      <div className={styles.findingHead}>
        <span className={styles.sevBadge}>{t(lang, `report.severity.${f.severity}`)}</span>
        <code className={styles.ruleId}>{f.rule}</code>
        <span className={`${styles.statusBadge} ${STATUS_CLASS[f.status]}`}>{t(lang, `report.findingStatus.${f.status}`)}</span>
      </div>
      {title ? <p className={styles.findingTitle}>{title}</p> : null}
      <p className={styles.findingMessage}>{lang === "zh" ? f.messageZh : f.messageEn}</p>
      {f.blame.length ? (
        <p className={styles.findingDetail}>
          {t(lang, "report.finding.blame")}
          {COLON[lang]}
          {f.blame.map((key, i) => (
            <span key={key}>
              {i > 0 ? "、" : null}
              <a href={`#${cellAnchor(key)}`}>{cellName(key, lang)}</a>
              {f.suggested?.[key] !== undefined ? (
                <>
                  {" "}
                  <span className={styles.suggestion}>
                    {t(lang, "report.finding.suggested")} {formatFigure(f.suggested[key])}
                  </span>
                </>
              ) : null}
            </span>
          ))}
        </p>
      ) : null}
      {f.explanation ? (
        <p className={styles.explanation}>
          <strong>
            {t(lang, "report.finding.explanation")}
            {COLON[lang]}
          </strong>
          {f.explanation}
        </p>
      ) : null}
      {target ? (
        <a className={styles.gotoCell} href={`#${cellAnchor(target)}`}>
          {t(lang, "report.finding.goto")} →
        </a>
      ) : null}
    </li>
  );
}

/** The report's findings, errors first; notes folded away. Each one links to its cell. */
export function FindingsPanel({ findings, lang }: { findings: ReportFindingDto[]; lang: Lang }) {
  const main = findings.filter((f) => f.severity !== "info");
  const infos = findings.filter((f) => f.severity === "info");
  const count = (s: ReportFindingDto["severity"]) => findings.filter((f) => f.severity === s).length;
  return (
    <section className={styles.panel} aria-labelledby="findings-title">
      <h2 id="findings-title" className={styles.panelTitle}>
        {t(lang, "report.findings")}
      </h2>
      {findings.length === 0 ? (
        <p className={styles.allGood}>{t(lang, "report.findings.none")}</p>
      ) : (
        <>
          <p className={styles.muted}>{tf(lang, "report.findings.summary", { errors: count("error"), warnings: count("warning"), infos: count("info") })}</p>
          <ul className={styles.findingList}>
            {main.map((f) => (
              <FindingItem key={f.id} f={f} lang={lang} />
            ))}
          </ul>
          {infos.length ? (
            <details className={styles.infos}>
              <summary>{tf(lang, "report.findings.infos", { n: infos.length })}</summary>
              <ul className={styles.findingList}>
                {infos.map((f) => (
                  <FindingItem key={f.id} f={f} lang={lang} />
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
