"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition, type ClipboardEvent, type KeyboardEvent } from "react";
import { CELL_BY_KEY, type Label } from "@/lib/catalog";
import { checkTotals, parseEntry, splitPastedRow, type Localized } from "@/lib/corrections/entry";
import { locateCellBox, type PageWords } from "@/lib/corrections/locate";
import type { Lang } from "@/lib/i18n";
import type { Provenance } from "@/lib/records/parsed-report";

type SourceLoc = Provenance["loc"];
import type { TableLayout } from "@/lib/report-tables/layout";
import { correctFiguresAction, type CorrectFiguresState } from "./actions";
import styles from "./correct.module.css";

export interface CorrectionCell {
  /** As stored: a count or a decimal string; null when unread or blank. */
  value: string | null;
  nullReason: string | null;
  loc: SourceLoc | null;
  raw: string | null;
  corrected: boolean;
}

export type CorrectionMessages = Record<
  | "correct.intro"
  | "correct.reason"
  | "correct.reasonHint"
  | "correct.save.publish"
  | "correct.save.draft"
  | "correct.draftNote"
  | "correct.publishNote"
  | "correct.changed"
  | "correct.totals.ok"
  | "correct.totals.pending"
  | "correct.totals.bad"
  | "correct.totals.title"
  | "correct.conflict"
  | "correct.conflict.open"
  | "correct.fieldErrors"
  | "correct.source"
  | "correct.source.pick"
  | "correct.source.unread"
  | "correct.source.noSource"
  | "correct.source.page"
  | "correct.parsed"
  | "correct.saving"
  | "report.corrected.badge",
  string
>;

interface CorrectionFormProps {
  reportId: string;
  version: number;
  layout: TableLayout;
  cells: Record<string, CorrectionCell>;
  lang: Lang;
  /** Oversight and admin publish a new version; agency users save a draft. */
  publishes: boolean;
  pdf: boolean;
  sourceText: string | null;
  messages: CorrectionMessages;
}

/** Resolution of /reports/<id>/source/page/<n> (lib/system/page-image.ts PAGE_IMAGE_DPI). */
const PAGE_DPI = 123;

function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function local(l: Localized | Label, lang: Lang): string {
  return lang === "zh" ? l.zh : l.en;
}

function LabelText({ label, numbering, lang }: { label: Label; numbering?: string; lang: Lang }) {
  return (
    <>
      <span lang="zh-CN">
        {numbering}
        {label.zh}
      </span>
      {lang === "en" && label.en !== label.zh ? <span className={styles.labelEn}>{label.en}</span> : null}
    </>
  );
}

/** The keyboard form for one table, with the source of the selected cell beside it. */
export function CorrectionForm({ reportId, version, layout, cells, lang, publishes, pdf, sourceText, messages }: CorrectionFormProps) {
  const router = useRouter();
  const rows = useMemo(() => layout.body.map((line) => line.flatMap((c) => (c.kind === "value" ? [c.key] : []))), [layout]);
  const order = useMemo(() => rows.flat(), [rows]);
  const keys = useMemo(() => new Set(order), [order]);
  const initial = useMemo(() => Object.fromEntries(order.map((k) => [k, cells[k]?.value ?? ""])), [order, cells]);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [reason, setReason] = useState("");
  const [focused, setFocused] = useState<string | null>(null);
  const [result, setResult] = useState<CorrectFiguresState | null>(null);
  const [pending, startTransition] = useTransition();
  const inputs = useRef(new Map<string, HTMLInputElement>());
  // A cell focused before the page finished loading (a quick Tab, or a click while scripts were
  // still arriving) had no handler yet: show its source once the form is live.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const el = document.activeElement;
      if (el instanceof HTMLInputElement && el.dataset.cell && keys.has(el.dataset.cell)) setFocused(el.dataset.cell);
    });
    return () => cancelAnimationFrame(frame);
  }, [keys]);

  const entries = useMemo(() => Object.fromEntries(order.map((k) => [k, parseEntry(k, values[k] ?? "")])), [order, values]);
  const changed = order.filter((k) => (values[k] ?? "") !== (initial[k] ?? ""));
  const parsedValues = useMemo(() => Object.fromEntries(order.flatMap((k) => (entries[k]?.ok ? [[k, entries[k].value]] : []))), [order, entries]);
  const mismatches = useMemo(() => checkTotals(parsedValues, keys), [parsedValues, keys]);
  const mismatchTotals = new Set(mismatches.map((m) => m.total));
  const emptyCount = order.filter((k) => (values[k] ?? "") === "").length;
  const serverErrors = result?.status === "invalid" ? result.fieldErrors : {};
  const errorFor = (k: string): string | null => {
    const e = entries[k];
    if (e && !e.ok && changed.includes(k)) return local(e.error, lang);
    const s = serverErrors[k];
    return s ? local(s, lang) : null;
  };

  const focusAt = (index: number) => {
    const key = order[Math.max(0, Math.min(order.length - 1, index))];
    const el = key ? inputs.current.get(key) : undefined;
    el?.focus();
    el?.select();
  };
  const onKeyDown = (key: string) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    focusAt(order.indexOf(key) + (e.shiftKey ? -1 : 1));
  };
  const onPaste = (key: string) => (e: ClipboardEvent<HTMLInputElement>) => {
    const parts = splitPastedRow(e.clipboardData.getData("text"));
    if (parts.length < 2) return;
    e.preventDefault();
    const row = rows.find((r) => r.includes(key)) ?? [];
    const start = row.indexOf(key);
    const targets = row.slice(start, start + parts.length);
    setValues((v) => ({ ...v, ...Object.fromEntries(targets.map((k, i) => [k, parts[i] ?? ""])) }));
    focusAt(order.indexOf(targets.at(-1) ?? key) + 1);
  };

  const save = () => {
    const typed = Object.fromEntries(changed.map((k) => [k, values[k] ?? ""]));
    startTransition(async () => {
      const r = await correctFiguresAction({ reportId, expectedVersion: version, cells: typed, reason });
      setResult(r);
      if (r.status === "saved") router.push(`/reports/${r.reportId}`);
    });
  };

  const clientErrors = changed.filter((k) => entries[k] && !entries[k].ok).length;
  const cellLabel = (k: string) => (CELL_BY_KEY.get(k) ? local(CELL_BY_KEY.get(k)!.label, lang) : k);

  return (
    <div className={styles.layout}>
      <form
        className={styles.formCol}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <p className={styles.intro}>{messages["correct.intro"]}</p>
        <div className={styles.tableScroll}>
          <table className={styles.grid} data-correct-table={layout.id}>
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
                  {line.map((c, j) => {
                    if (c.kind === "label") {
                      return (
                        <th key={j} colSpan={c.colSpan} rowSpan={c.rowSpan} scope="row" className={c.level === "group" ? styles.groupLabel : styles.rowLabel}>
                          <LabelText label={c.label} numbering={c.numbering} lang={lang} />
                        </th>
                      );
                    }
                    const cell = cells[c.key];
                    const error = errorFor(c.key);
                    const unread = !cell || (cell.value === null && (cell.nullReason ?? "absent") === "absent");
                    const classes = [
                      styles.inputCell,
                      unread ? styles.unread : undefined,
                      changed.includes(c.key) ? styles.changed : undefined,
                      cell?.corrected ? styles.corrected : undefined,
                      mismatchTotals.has(c.key) ? styles.totalBad : undefined,
                      error ? styles.invalid : undefined,
                      focused === c.key ? styles.focused : undefined,
                    ]
                      .filter(Boolean)
                      .join(" ");
                    return (
                      <td key={j} colSpan={c.colSpan} className={classes}>
                        <input
                          ref={(el) => {
                            if (el) inputs.current.set(c.key, el);
                            else inputs.current.delete(c.key);
                          }}
                          name={c.key}
                          data-cell={c.key}
                          inputMode="decimal"
                          autoComplete="off"
                          value={values[c.key] ?? ""}
                          aria-label={cellLabel(c.key)}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `err-${c.key}` : undefined}
                          title={cell?.value !== null && cell?.value !== undefined ? `${messages["correct.parsed"]} ${cell.value}` : undefined}
                          onFocus={() => setFocused(c.key)}
                          onChange={(e) => setValues((v) => ({ ...v, [c.key]: e.target.value }))}
                          onKeyDown={onKeyDown(c.key)}
                          onPaste={onPaste(c.key)}
                        />
                        {error ? (
                          <span id={`err-${c.key}`} className={styles.fieldError} role="alert">
                            {error}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <section className={styles.totals} aria-live="polite" data-totals={mismatches.length ? "bad" : emptyCount ? "pending" : "ok"}>
          <h2 className={styles.panelTitle}>{messages["correct.totals.title"]}</h2>
          {mismatches.length ? (
            <ul>
              {mismatches.map((m) => (
                <li key={m.total} data-total={m.total}>
                  {fill(messages["correct.totals.bad"], { cell: cellLabel(m.total), actual: m.actual, expected: m.expected })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{emptyCount ? messages["correct.totals.pending"] : messages["correct.totals.ok"]}</p>
          )}
        </section>

        <label className={styles.reason}>
          <span>{messages["correct.reason"]}</span>
          <textarea
            name="reason"
            value={reason}
            maxLength={500}
            rows={2}
            placeholder={messages["correct.reasonHint"]}
            aria-invalid={serverErrors.reason ? true : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {serverErrors.reason ? (
            <span className={styles.fieldError} role="alert">
              {local(serverErrors.reason, lang)}
            </span>
          ) : null}
        </label>

        <p className={styles.muted}>{publishes ? messages["correct.publishNote"] : messages["correct.draftNote"]}</p>
        {result?.status === "invalid" ? (
          <p className={styles.error} role="alert">
            {result.formError ? local(result.formError, lang) : fill(messages["correct.fieldErrors"], { n: Object.keys(result.fieldErrors).length })}
          </p>
        ) : null}
        {result?.status === "conflict" ? (
          <p className={styles.error} role="alert" data-conflict="true">
            {fill(messages["correct.conflict"], { name: result.latest.byName, at: new Date(result.latest.at).toLocaleString(lang === "zh" ? "zh-CN" : "en", { timeZone: "Asia/Shanghai" }), version: result.latest.version })}{" "}
            <Link href={`/reports/${result.latest.reportId}/correct?table=${layout.id}`} target="_blank">
              {fill(messages["correct.conflict.open"], { version: result.latest.version })}
            </Link>
          </p>
        ) : null}
        {result?.status === "denied" ? (
          <p className={styles.error} role="alert">
            {local(result.message, lang)}
          </p>
        ) : null}
        <div className={styles.actions}>
          <button type="submit" className={styles.primary} disabled={pending || changed.length === 0 || clientErrors > 0}>
            {pending ? messages["correct.saving"] : publishes ? messages["correct.save.publish"] : messages["correct.save.draft"]}
          </button>
          <span className={styles.muted} data-changed={changed.length}>
            {fill(messages["correct.changed"], { n: changed.length })}
          </span>
        </div>
      </form>
      <SourcePanel reportId={reportId} cellKey={focused} rows={rows} order={order} cells={cells} pdf={pdf} sourceText={sourceText} messages={messages} lang={lang} />
    </div>
  );
}

/** The cell itself when it has a source, else the nearest located cell of its row, else of its table. */
function referenceCell(cellKey: string, rows: string[][], order: string[], cells: Record<string, CorrectionCell>): string | null {
  if (cells[cellKey]?.loc) return cellKey;
  const row = rows.find((r) => r.includes(cellKey)) ?? [];
  const inRow = row.find((k) => cells[k]?.loc);
  if (inRow) return inRow;
  const at = order.indexOf(cellKey);
  const located = order.filter((k) => cells[k]?.loc);
  return located.sort((a, b) => Math.abs(order.indexOf(a) - at) - Math.abs(order.indexOf(b) - at))[0] ?? null;
}

function pageOf(cellKey: string, rows: string[][], order: string[], cells: Record<string, CorrectionCell>): number | null {
  const ref = referenceCell(cellKey, rows, order, cells);
  return ref ? (cells[ref]!.loc!.page ?? null) : null;
}

interface SourcePanelProps {
  reportId: string;
  cellKey: string | null;
  rows: string[][];
  order: string[];
  cells: Record<string, CorrectionCell>;
  pdf: boolean;
  sourceText: string | null;
  messages: CorrectionMessages;
  lang: Lang;
}

/**
 * Where the selected cell is in the original: its page image with the cell's box outlined (PDF),
 * and the text lines around it with the cell's text marked. An unread cell shows the place of
 * the nearest read cell of its row (else of its table), where its row should be.
 */
function SourcePanel({ reportId, cellKey, rows, order, cells, pdf, sourceText, messages, lang }: SourcePanelProps) {
  const [size, setSize] = useState<{ page: number; w: number; h: number } | null>(null);
  const [words, setWords] = useState<{ page: number; words: PageWords } | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const focusPage = cellKey && pdf ? pageOf(cellKey, rows, order, cells) : null;
  useEffect(() => {
    if (focusPage === null || words?.page === focusPage) return;
    let live = true;
    fetch(`/reports/${reportId}/source/page/${focusPage}/words`)
      .then((r) => (r.ok ? (r.json() as Promise<PageWords>) : null))
      .then((w) => {
        if (live && w) setWords({ page: focusPage, words: w });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [focusPage, reportId, words?.page]);
  useEffect(() => {
    boxRef.current?.scrollIntoView({ block: "center", inline: "nearest" });
  });
  if (!cellKey) {
    return (
      <aside className={styles.sourceCol} aria-label={messages["correct.source"]}>
        <h2 className={styles.panelTitle}>{messages["correct.source"]}</h2>
        <p className={styles.muted}>{messages["correct.source.pick"]}</p>
      </aside>
    );
  }
  const ref = referenceCell(cellKey, rows, order, cells);
  const loc = ref ? cells[ref]!.loc! : null;
  const refRaw = ref ? (cells[ref]!.raw ?? "") : "";
  const raw = ref === cellKey ? refRaw : "";
  const page = pdf && loc?.page !== undefined ? loc.page : null;
  const label = CELL_BY_KEY.get(cellKey)?.label;

  let excerpt: { before: string; mark: string; after: string; lineNo: number }[] = [];
  let hitLine: { text: string; offset: number } | null = null;
  if (sourceText && loc?.offset !== undefined) {
    const lines = sourceText.split("\n");
    let pos = 0;
    let hit = 0;
    for (let i = 0; i < lines.length; i++) {
      if (pos + lines[i]!.length >= loc.offset) {
        hit = i;
        break;
      }
      pos += lines[i]!.length + 1;
    }
    const from = Math.max(0, hit - 3);
    const to = Math.min(lines.length, hit + 4);
    let start = 0;
    for (let i = 0; i < from; i++) start += lines[i]!.length + 1;
    excerpt = lines.slice(from, to).map((line, i) => {
      const lineStart = start;
      start += line.length + 1;
      if (from + i !== hit) return { before: line, mark: "", after: "", lineNo: from + i + 1 };
      hitLine = { text: line, offset: Math.max(0, loc.offset! - lineStart) };
      if (!raw) return { before: "", mark: line, after: "", lineNo: from + i + 1 };
      const a = Math.max(0, loc.offset! - lineStart);
      return { before: line.slice(0, a), mark: line.slice(a, a + raw.length), after: line.slice(a + raw.length), lineNo: from + i + 1 };
    });
  }

  // The box: as the parser recorded it, else found by the row's numbers among the page's words.
  const pageWords = words && words.page === page ? words.words : null;
  const found = loc?.bbox ?? (pageWords && hitLine ? locateCellBox(pageWords, (hitLine as { text: string }).text, (hitLine as { offset: number }).offset) : null);
  const bbox = found && refRaw ? found : null;
  const pageW = pageWords?.width ?? (size && page === size.page ? (size.w * 72) / PAGE_DPI : null);
  const pageH = pageWords?.height ?? (size && page === size.page ? (size.h * 72) / PAGE_DPI : null);
  return (
    <aside className={styles.sourceCol} aria-label={messages["correct.source"]} data-source-for={cellKey}>
      <h2 className={styles.panelTitle}>
        {messages["correct.source"]} · {label ? local(label, lang) : cellKey}
      </h2>
      {ref !== cellKey && ref ? <p className={styles.muted}>{messages["correct.source.unread"]}</p> : null}
      {!loc ? <p className={styles.muted}>{messages["correct.source.noSource"]}</p> : null}
      {excerpt.length ? (
        <pre className={styles.excerpt} data-source-lines="true">
          {excerpt.map((l) => (
            <span key={l.lineNo} className={styles.excerptLine}>
              <span className={styles.lineNo}>{l.lineNo}</span>
              {l.before}
              {l.mark ? <mark data-source-mark="true">{l.mark}</mark> : null}
              {l.after}
              {"\n"}
            </span>
          ))}
        </pre>
      ) : null}
      {page !== null ? (
        <figure className={styles.pageFigure}>
          <figcaption className={styles.muted}>{fill(messages["correct.source.page"], { n: page })}</figcaption>
          <div className={styles.pageScroll}>
            <div className={styles.pageWrap}>
              {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-report image the server renders and caches */}
              <img
                src={`/reports/${reportId}/source/page/${page}`}
                alt={fill(messages["correct.source.page"], { n: page })}
                data-page-image={page}
                onLoad={(e) => setSize({ page, w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
              />
              {bbox && pageW && pageH && size?.page === page ? (
                <div
                  ref={boxRef}
                  className={ref === cellKey ? styles.bbox : styles.bboxNear}
                  data-bbox={bbox.map((n) => Math.round(n)).join(",")}
                  style={{
                    left: `${((bbox[0] - 2) / pageW) * 100}%`,
                    top: `${((bbox[1] - 2) / pageH) * 100}%`,
                    width: `${((bbox[2] - bbox[0] + 4) / pageW) * 100}%`,
                    height: `${((bbox[3] - bbox[1] + 4) / pageH) * 100}%`,
                  }}
                />
              ) : null}
            </div>
          </div>
        </figure>
      ) : null}
    </aside>
  );
}
