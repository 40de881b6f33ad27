"use client";

import Link from "next/link";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { FilePicker, type FilePickerLabels } from "@/app/_components/file-picker";
import { useIngestJobs, type IngestJobStatus } from "@/app/_components/use-ingest-jobs";
import { uploadReports } from "./actions";
import { tooLargeMessageIn } from "@/lib/http/upload-limit";
import { INITIAL_UPLOAD_STATE, knownUploadCode, MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, type UploadFailureCode, type UploadResult } from "./upload-state";
import styles from "./upload.module.css";

/** Every string the form shows, translated on the server. `{…}` placeholders are filled here. */
export interface UploadMessages {
  lang: "zh" | "en";
  files: string;
  picker: FilePickerLabels;
  hint: string;
  submit: string;
  pending: string;
  results: string;
  created: string;
  skipped: string;
  failed: string;
  open: string;
  pendingAgency: string;
  findings: string;
  detail: string;
  noFiles: string;
  denied: string;
  /** Over the upload limit, said before sending. */
  tooLarge: string;
  queued: string;
  parsing: string;
  live: string;
  codes: Record<UploadFailureCode, string>;
}

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w));

function newBatchId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : String(Date.now());
}

/** A queued file as its job stands now: still waiting or parsing, or what it became. */
function fromJob(r: Extract<UploadResult, { status: "queued" }>, job: IngestJobStatus | undefined): UploadResult | { fileName: string; status: "parsing" } {
  if (!job || job.state === "queued") return r;
  if (job.state === "parsing") return { fileName: r.fileName, status: "parsing" };
  if (job.state === "stored" && job.reportId && job.summary) {
    const s = job.summary;
    return { fileName: r.fileName, status: "created", reportId: job.reportId, version: s.version, agencyName: s.agencyName, year: s.year, pendingAgency: s.pendingAgency, errors: s.errors, warnings: s.warnings };
  }
  if (job.state === "skipped" && job.reportId) return { fileName: r.fileName, status: "skipped", reportId: job.reportId, version: job.summary?.version ?? 1 };
  const code = knownUploadCode(job.code ?? "unexpected");
  return { fileName: r.fileName, status: "failed", code, detail: job.message };
}


function ResultItem({ r, m }: { r: UploadResult | { fileName: string; status: "parsing" }; m: UploadMessages }) {
  if (r.status === "queued" || r.status === "parsing") {
    return (
      <li className={`${styles.result} ${styles.skipped}`} data-status={r.status}>
        <span className={styles.fileName}>{r.fileName}</span>
        <span className={styles.badge}>
          {r.status === "parsing" ? <span className={styles.spinner} aria-hidden="true" /> : null}
          {r.status === "parsing" ? m.parsing : m.queued}
        </span>
      </li>
    );
  }
  if (r.status === "created") {
    return (
      <li className={`${styles.result} ${styles.created}`} data-status="created">
        <span className={styles.fileName}>{r.fileName}</span>
        <span className={styles.badge}>{fill(m.created, { version: r.version })}</span>
        <span>
          {r.agencyName} · {r.year} · {fill(m.findings, { errors: r.errors, warnings: r.warnings })}
        </span>
        <Link href={`/reports/${r.reportId}`} className={styles.open}>
          {m.open} →
        </Link>
        {r.pendingAgency ? <p className={styles.warn}>{fill(m.pendingAgency, { name: r.agencyName })}</p> : null}
      </li>
    );
  }
  if (r.status === "skipped") {
    return (
      <li className={`${styles.result} ${styles.skipped}`} data-status="skipped">
        <span className={styles.fileName}>{r.fileName}</span>
        <span className={styles.badge}>{fill(m.skipped, { version: r.version })}</span>
        <Link href={`/reports/${r.reportId}`} className={styles.open}>
          {m.open} →
        </Link>
      </li>
    );
  }
  return (
    <li className={`${styles.result} ${styles.failed}`} data-status="failed">
      <span className={styles.fileName}>{r.fileName}</span>
      <span className={styles.badge}>{m.failed}</span>
      <p className={styles.reason}>{m.codes[r.code]}</p>
      {r.detail ? (
        <p className={styles.detail}>
          {m.detail}: {r.detail}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Sends the chosen files one per request (each well under the server-action body limit) and
 * lists each file's result as it arrives. Files over 20 MB are refused here and on the server.
 */
export function UploadForm({ messages: m }: { messages: UploadMessages }) {
  const [state, dispatch, pending] = useActionState(uploadReports, INITIAL_UPLOAD_STATE);
  const [batch, setBatch] = useState<{ id: string; total: number; tooLarge: UploadResult[] } | null>(null);
  const [noFiles, setNoFiles] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const picked = event.currentTarget.elements.namedItem("files");
    const files = picked instanceof HTMLInputElement ? [...(picked.files ?? [])] : [];
    const id = newBatchId();
    const tooLarge: UploadResult[] = files.filter((f) => f.size > MAX_UPLOAD_BYTES).map((f) => ({ fileName: f.name, status: "failed", code: "too_large", detail: tooLargeMessageIn(m.lang, f.size) }));
    const toSend = files.filter((f) => f.size <= MAX_UPLOAD_BYTES);
    setNoFiles(files.length === 0);
    if (files.length === 0) return;
    setBatch({ id, total: files.length, tooLarge });
    if (toSend.length === 0) return;
    startTransition(() => {
      for (const file of toSend) {
        const fd = new FormData();
        fd.set("batch", id);
        fd.append("files", file);
        dispatch(fd);
      }
    });
  }

  // Without JavaScript there is no client batch: the server's state is the whole answer.
  const current = batch ? (state.batch === batch.id ? state.results : []) : state.results;
  const results = [...current, ...(batch?.tooLarge ?? [])];
  const done = results.length;
  const jobs = useIngestJobs(results.flatMap((r) => (r.status === "queued" ? [r.jobId] : [])));
  const shown = results.map((r) => (r.status === "queued" ? fromJob(r, jobs.get(r.jobId)) : r));
  const working = shown.some((r) => r.status === "queued" || r.status === "parsing");
  const formError = state.formError === "denied" ? m.denied : noFiles || state.formError === "noFiles" ? m.noFiles : null;

  return (
    <>
      <form action={dispatch} onSubmit={onSubmit} className={styles.form} encType="multipart/form-data">
        <label className={styles.drop}>
          <span className={styles.dropLabel}>{m.files}</span>
          <FilePicker name="files" multiple accept={UPLOAD_ACCEPT} labels={m.picker} />
          <span className={styles.hint}>{m.hint}</span>
        </label>
        <input type="hidden" name="batch" value="" />
        <button type="submit" className={styles.submit} disabled={pending}>
          {m.submit}
        </button>
        {pending && batch ? (
          <p className={styles.pending} role="status" aria-live="polite">
            <span className={styles.spinner} aria-hidden="true" />
            {fill(m.pending, { done, total: batch.total })}
          </p>
        ) : null}
        {formError ? (
          <p className={styles.formError} role="alert">
            {formError}
          </p>
        ) : null}
      </form>
      {results.length ? (
        <section className={styles.results} aria-labelledby="upload-results" aria-busy={pending || working}>
          <h2 id="upload-results" className={styles.resultsTitle}>
            {m.results}
          </h2>
          {working ? (
            <p className={styles.hint} role="status" aria-live="polite">
              {m.live}
            </p>
          ) : null}
          <ul className={styles.resultList} aria-live="polite">
            {shown.map((r, i) => (
              <ResultItem key={`${r.fileName}-${i}`} r={r} m={m} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
