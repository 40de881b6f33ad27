/**
 * A PDF decompression bomb is refused before any reader sees it: every FlateDecode stream is
 * inflated here, streaming, output counted and thrown away, and the count stops at a cap. A 1 MB
 * file whose content stream inflates to 1 GB is refused in a fraction of a second and a few MB,
 * instead of pdf.js or `mutool trace` inflating all of it. Broken streams are left to the reader.
 */
import { Unzlib } from "fflate";

export const PDF_INFLATE_LIMITS = {
  /** One stream's inflated size (a full-page flate image at 600 dpi is about 100 MB). */
  maxStreamBytes: 128 * 1024 * 1024,
  /** All streams together. */
  maxTotalBytes: 512 * 1024 * 1024,
} as const;

/** Compressed bytes fed per step: bounds one step's output to a few MB. */
const STEP = 16 * 1024;

class Stop extends Error {}

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
    let inStream = 0;
    let refused: string | null = null;
    const inflater = new Unzlib((chunk) => {
      inStream += chunk.length;
      total += chunk.length;
      if (inStream > limits.maxStreamBytes) {
        refused = `a stream inflates to more than ${limits.maxStreamBytes / 1048576} MB`;
        throw new Stop();
      }
      if (total > limits.maxTotalBytes) {
        refused = `its streams inflate to more than ${limits.maxTotalBytes / 1048576} MB`;
        throw new Stop();
      }
    });
    try {
      for (let i = start; i < end; i += STEP) inflater.push(buf.subarray(i, Math.min(end, i + STEP)), i + STEP >= end);
    } catch (err) {
      if (!(err instanceof Stop)) continue; // a broken stream: the reader decides
    }
    if (refused) return { refused, inflatedBytes: total, streams };
  }
  return { refused: null, inflatedBytes: total, streams };
}
