/**
 * A PDF decompression bomb is refused before any reader sees it: every FlateDecode stream is
 * inflated here by native zlib with a cap on its output (maxOutputLength), the output thrown
 * away, and the running total capped too. A 1 MB
 * file whose content stream inflates to 1 GB is refused in a fraction of a second and a few MB,
 * instead of pdf.js or `mutool trace` inflating all of it. Broken streams are left to the reader.
 */
import { constants, inflateSync } from "node:zlib";

export const PDF_INFLATE_LIMITS = {
  /** One stream's inflated size (a full-page flate image at 600 dpi is about 100 MB). */
  maxStreamBytes: 128 * 1024 * 1024,
  /** All streams together. */
  maxTotalBytes: 512 * 1024 * 1024,
} as const;

export interface InflateCheck {
  /** Why the PDF is refused; null when every stream stays under the caps. */
  refused: string | null;
  /** Inflated bytes counted (up to where it stopped). */
  inflatedBytes: number;
  streams: number;
}

const STREAM = Buffer.from("stream");
const ENDSTREAM = Buffer.from("endstream");

export function checkPdfInflation(bytes: Uint8Array, limits: { maxStreamBytes: number; maxTotalBytes: number } = PDF_INFLATE_LIMITS): InflateCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let streams = 0;
  let at = 0;
  while (at < buf.length) {
    const kw = buf.indexOf(STREAM, at);
    if (kw < 0) break;
    at = kw + STREAM.length;
    // "endstream" contains "stream": skip it.
    if (kw >= 3 && buf[kw - 3] === 0x65 && buf[kw - 2] === 0x6e && buf[kw - 1] === 0x64) continue;
    // The dictionary just before it must ask for FlateDecode.
    const dict = buf.toString("latin1", Math.max(0, kw - 1024), kw);
    const open = dict.lastIndexOf("obj");
    if (!/\/(?:FlateDecode|Fl)\b/u.test(open >= 0 ? dict.slice(open) : dict)) continue;
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const endKw = buf.indexOf(ENDSTREAM, start);
    const end = endKw < 0 ? buf.length : endKw;
    at = end;
    streams++;
    // Native zlib, stopped at the budget: whichever is smaller of the stream cap and what is left.
    const budget = Math.min(limits.maxStreamBytes, limits.maxTotalBytes - total);
    try {
      total += inflateSync(buf.subarray(start, end), { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
        const what = budget === limits.maxStreamBytes ? `a stream inflates to more than ${limits.maxStreamBytes / 1048576} MB` : `its streams inflate to more than ${limits.maxTotalBytes / 1048576} MB`;
        return { refused: what, inflatedBytes: total + budget, streams };
      }
      continue; // a broken stream: the reader decides
    }
    if (total > limits.maxTotalBytes) return { refused: `its streams inflate to more than ${limits.maxTotalBytes / 1048576} MB`, inflatedBytes: total, streams };
  }
  return { refused: null, inflatedBytes: total, streams };
}
