"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import Link from "next/link";
import { useIngestJobs } from "@/app/_components/use-ingest-jobs";
import { EMPTY_FORM_STATE, fill, type FormState } from "@/app/_lib/form-state";
import styles from "@/app/_components/forms.module.css";
import { acceptReportAction, deleteDraftAction, explainFindingAction, returnReportAction, submitReportAction, uploadDraftAction } from "./actions";
import { UPLOAD_ACCEPT } from "@/app/upload/upload-state";
import { FilePicker, type FilePickerLabels } from "@/app/_components/file-picker";

function Message({ state }: { state: FormState }) {
  if (!state.message) return null;
  const link = state.link ? (
    <>
      {" "}
      <Link href={state.link.href}>{state.link.label} →</Link>
    </>
  ) : null;
  // A duplicate upload is news, not an error: it names the existing version and links it.
  return state.ok || state.link ? (
    <p role="status" className={state.ok ? styles.success : styles.notice} style={{ marginBottom: 0 }}>
      {state.message}
      {link}
    </p>
  ) : (
    <p role="alert" className={styles.error}>
      {state.message}
      {link}
    </p>
  );
}

interface DraftLabels {
  file: string;
  picker: FilePickerLabels;
  submit: string;
  pending: string;
  queued: string;
  states: { queued: string; parsing: string };
  open: string;
  failed: string;
  skipped: string;
  duplicate: string;
  openExisting: string;
  statuses: Record<string, string>;
}

/** The uploaded draft's job, live: queued, parsing, then a link to the draft or the reason it failed. */
function DraftJob({ jobId, fileName, labels }: { jobId: string; fileName: string; labels: DraftLabels }) {
  const job = useIngestJobs([jobId]).get(jobId);
  const state = job?.state ?? "queued";
  const router = useRouter();
  const reportId = job?.reportId ?? null;
  // Stored: open the new draft, as the form did when it parsed in the request. The same file
  // again is not imported twice: the form says which version it already is and links it.
  useEffect(() => {
    if (state === "stored" && reportId) router.push(`/self-review/${reportId}`);
  }, [state, reportId, router]);
  if (state === "queued" || state === "parsing") {
    return (
      <p role="status" className={styles.success} data-job-state={state}>
        {labels.queued} {fileName} · {labels.states[state]}
      </p>
    );
  }
  if (state === "failed") {
    return (
      <p role="alert" className={styles.error} data-job-state={state}>
        {fill(labels.failed, { message: job?.message ?? job?.code ?? "?" })}
      </p>
    );
  }
  if (state === "skipped" && job?.summary) {
    const version = job.summary.version;
    const status = labels.statuses[job.summary.existingStatus ?? ""] ?? "";
    return (
      <p role="status" className={styles.notice} data-job-state={state}>
        {fill(labels.duplicate, { version, status })}{" "}
        <Link href={`/self-review/${job.reportId ?? ""}`}>{fill(labels.openExisting, { version })} →</Link>
      </p>
    );
  }
  return (
    <p role="status" className={styles.success} data-job-state={state}>
      {state === "skipped" ? `${labels.skipped} ` : null}
      <Link href={`/self-review/${job?.reportId ?? ""}`}>{labels.open} →</Link>
    </p>
  );
}

export function UploadDraftForm({ labels }: { labels: DraftLabels }) {
  const [state, action, pending] = useActionState(uploadDraftAction, EMPTY_FORM_STATE);
  const jobId = state.values?.jobId;
  return (
    <form action={action} className={styles.inline}>
      <label className={styles.field}>
        <span>{labels.file}</span>
        <FilePicker name="file" accept={UPLOAD_ACCEPT} required invalid={Boolean(state.fieldErrors?.file)} labels={labels.picker} />
      </label>
      {state.fieldErrors?.file ? <span className={styles.fieldError}>{state.fieldErrors.file}</span> : null}
      <button type="submit" className={styles.primary} disabled={pending}>
        {pending ? labels.pending : labels.submit}
      </button>
      <Message state={state} />
      {jobId ? <DraftJob key={jobId} jobId={jobId} fileName={state.values?.fileName ?? ""} labels={labels} /> : null}
    </form>
  );
}

export function ExplainFindingForm({ findingId, current, labels }: { findingId: string; current: string | null; labels: { explanation: string; submit: string } }) {
  const [state, action, pending] = useActionState(explainFindingAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className={styles.form}>
      <input type="hidden" name="findingId" value={findingId} />
      <label className={styles.field}>
        <span>{labels.explanation}</span>
        <textarea name="explanation" defaultValue={current ?? ""} maxLength={4000} required aria-invalid={Boolean(state.fieldErrors?.explanation)} />
      </label>
      {state.fieldErrors?.explanation ? <span className={styles.fieldError}>{state.fieldErrors.explanation}</span> : null}
      <button type="submit" className={styles.secondary} disabled={pending}>
        {labels.submit}
      </button>
      <Message state={state} />
    </form>
  );
}

const REPORT_ACTIONS = { submit: submitReportAction, accept: acceptReportAction } as const;

/** A single-button workflow step on one report: submit (agency) or accept (oversight). */
export function ReportStepForm({ reportId, step, label }: { reportId: string; step: keyof typeof REPORT_ACTIONS; label: string }) {
  const [state, action, pending] = useActionState(REPORT_ACTIONS[step], EMPTY_FORM_STATE);
  return (
    <form action={action} className={styles.inline}>
      <input type="hidden" name="reportId" value={reportId} />
      <button type="submit" className={styles.primary} disabled={pending || state.ok}>
        {label}
      </button>
      <Message state={state} />
    </form>
  );
}

export function ReturnReportForm({ reportId, labels }: { reportId: string; labels: { comment: string; submit: string } }) {
  const [state, action, pending] = useActionState(returnReportAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className={styles.form}>
      <input type="hidden" name="reportId" value={reportId} />
      <label className={styles.field}>
        <span>{labels.comment}</span>
        <textarea name="comment" maxLength={4000} required aria-invalid={Boolean(state.fieldErrors?.comment)} />
      </label>
      {state.fieldErrors?.comment ? <span className={styles.fieldError}>{state.fieldErrors.comment}</span> : null}
      <button type="submit" className={styles.danger} disabled={pending || state.ok}>
        {labels.submit}
      </button>
      <Message state={state} />
    </form>
  );
}

/** Deleting a draft asks for a ticked confirmation first; the action re-checks scope and status. */
export function DeleteDraftForm({ reportId, labels }: { reportId: string; labels: { confirm: string; submit: string } }) {
  const [state, action, pending] = useActionState(deleteDraftAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className={styles.inline}>
      <input type="hidden" name="reportId" value={reportId} />
      <label className={styles.check}>
        <input type="checkbox" name="confirm" value="yes" required aria-invalid={Boolean(state.fieldErrors?.confirm)} /> {labels.confirm}
      </label>
      <button type="submit" className={styles.danger} disabled={pending}>
        {labels.submit}
      </button>
      <Message state={state} />
    </form>
  );
}
