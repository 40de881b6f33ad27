/**
 * The one upload limit: every path that takes a report file (the upload and self-review forms,
 * the ingest CLI, the extractors) and the request-body limits of next.config.ts and proxy.ts
 * derive from this number. Pure, so the browser, the proxy and next.config.ts can import it.
 */

/** Largest report file read: 20 MB. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Largest request body the server reads: one file at the limit plus its multipart wrapping and
 * the form's other fields. Bigger requests are refused from their Content-Length, unread.
 */
export const MAX_REQUEST_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

/** "50 MB", "20.5 MB", "0.3 MB": one decimal only when it says something. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const rounded = mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10;
  return `${rounded} MB`;
}

/** Both languages, for logs, the CLI and the pipeline's issue: "文件为 50 MB，上限为 20 MB。 The file is 50 MB; the limit is 20 MB." */
export function tooLargeMessage(bytes: number): string {
  return `${tooLargeMessageIn("zh", bytes)} ${tooLargeMessageIn("en", bytes)}`;
}

export function tooLargeMessageIn(lang: "zh" | "en", bytes: number): string {
  const size = megabytes(bytes);
  const limit = megabytes(MAX_UPLOAD_BYTES);
  return lang === "zh" ? `文件为 ${size}，上限为 ${limit}。请压缩或拆分后再上传。` : `The file is ${size}; the limit is ${limit}. Compress or split it, then upload again.`;
}
