/**
 * Content-Disposition for a download whose file name may be in any script: an ASCII fallback for
 * old clients, plus the exact name as RFC 6266/5987 `filename*=UTF-8''…`, which every current
 * browser prefers. Give `asciiName` (e.g. `gongkai-region-520000-ranking-refusal_rate-2024.png`)
 * when the name is Chinese: replacing each Chinese character by "_" would leave a row of
 * underscores. Without it, other characters, quotes, backslashes, % and ; become "_".
 */
export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment", asciiName?: string): string {
  const fallback = (asciiName ?? fileName).replace(/[^\x20-\x7e]|["\\%;]/g, "_") || "download";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
