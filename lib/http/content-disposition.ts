/**
 * Content-Disposition for a download whose file name may be in any script: an ASCII fallback
 * (other characters, quotes, backslashes, % and ; replaced by _) for old clients, plus the exact
 * name as RFC 6266/5987 `filename*=UTF-8''…`, which every current browser prefers.
 */
export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment"): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, "_") || "download";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
