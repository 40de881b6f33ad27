import { t, type Lang } from "@/lib/i18n";
import { TOOL_INSTALL } from "@/lib/ingest/extract/tools";
import { probeTools } from "@/lib/system";
import styles from "./formats-panel.module.css";

/**
 * Which file formats this server reads, with the optional ones (OCR, LibreOffice) marked on or
 * off and the command that turns them on. Server component: the probe runs on the server.
 */
export function FormatsPanel({ lang }: { lang: Lang }) {
  const status = probeTools();
  const optional = [
    { key: "ocr", label: t(lang, "upload.formats.ocr"), on: status.ocr.available, install: TOOL_INSTALL.ocr },
    { key: "office", label: t(lang, "upload.formats.office"), on: status.office.available, install: TOOL_INSTALL.office },
  ] as const;
  return (
    <section className={styles.panel} aria-labelledby="formats-title">
      <h2 id="formats-title" className={styles.title}>
        {t(lang, "upload.formats.title")}
      </h2>
      <ul className={styles.list}>
        <li>
          <span className={`${styles.badge} ${styles.on}`}>{t(lang, "upload.formats.on")}</span>
          <span>{t(lang, "upload.formats.base")}</span>
        </li>
        {optional.map((o) => (
          <li key={o.key} data-format={o.key} data-enabled={o.on ? "true" : "false"}>
            <span className={`${styles.badge} ${o.on ? styles.on : styles.off}`}>{t(lang, o.on ? "upload.formats.on" : "upload.formats.off")}</span>
            <span>
              {o.label}
              {o.on ? null : (
                <span className={styles.enable}>
                  {t(lang, "upload.formats.enable")} <code>{o.install}</code>
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
