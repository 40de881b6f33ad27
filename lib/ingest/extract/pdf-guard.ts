/**
 * A PDF decompression bomb is refused before any reader sees it: FlateDecode streams are
 * inflated here by native zlib with a cap on their output (maxOutputLength), the output thrown
 * away, and the running total capped too. A 1 MB file whose content stream inflates to 1 GB is
 * refused in a fraction of a second and a few MB, instead of pdf.js or `mutool trace` inflating
 * all of it. Broken streams are left to the reader.
 *
 * Most streams need no inflating at all: deflate cannot expand more than 1032:1 (a 258-byte match
 * in one bit pattern of two bits), so a stream of n compressed bytes under one Flate filter holds
 * at most ~1032·n. Streams whose bound could pass a cap are inflated, largest first, until the
 * bounds of the rest fit in what is left of the total. An ordinary 400 KB report is checked
 * without inflating anything; a chain of Flate filters (a bomb inside a bomb) is always inflated,
 * layer by layer, within the same budget.
 */
import { constants, inflateSync } from "node:zlib";

export const PDF_INFLATE_LIMITS = {
  /** One stream's inflated size (a full-page flate image at 600 dpi is about 100 MB). */
  maxStreamBytes: 128 * 1024 * 1024,
  /** All streams together. */
  maxTotalBytes: 512 * 1024 * 1024,
} as const;

/** Deflate's largest possible expansion (RFC 1951: a 258-byte match in as little as 2 bits), plus the zlib header's slack. */
export const DEFLATE_MAX_RATIO = 1032;
const DEFLATE_SLACK = 1024;

export interface InflateCheck {
  /** Why the PDF is refused; null when every stream stays under the caps. */
  refused: string | null;
  /** Inflated bytes counted in the streams actually inflated (up to where it stopped). */
  inflatedBytes: number;
  /** Flate streams found. */
  streams: number;
  /** Streams that had to be inflated to tell (the others' bound already fits the caps). */
  inflated: number;
}

const STREAM = Buffer.from("stream");
const ENDSTREAM = Buffer.from("endstream");

interface FlateStream {
  start: number;
  end: number;
  /** Flate layers in the filter chain's head ([/FlateDecode /FlateDecode] is 2). */
  layers: number;
}

/** The leading FlateDecode filters of a stream dictionary's /Filter (0 when it does not start with Flate). */
function flateLayers(dict: string): number {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/u.exec(dict);
  if (!m?.[1]) return 0;
  const names = m[1].match(/\/[A-Za-z0-9]+/gu) ?? [];
  let n = 0;
  for (const name of names) {
    if (name !== "/FlateDecode" && name !== "/Fl") break;
    n++;
  }
  return n;
}

function findFlateStreams(buf: Buffer): FlateStream[] {
  const out: FlateStream[] = [];
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
    const layers = flateLayers(open >= 0 ? dict.slice(open) : dict);
    if (layers === 0) continue;
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const endKw = buf.indexOf(ENDSTREAM, start);
    const end = endKw < 0 ? buf.length : endKw;
    at = end;
    out.push({ start, end, layers });
  }
  return out;
}

/** The most one stream can inflate to, or Infinity when only inflating can tell (Flate over Flate). */
function bound(s: FlateStream): number {
  return s.layers === 1 ? (s.end - s.start) * DEFLATE_MAX_RATIO + DEFLATE_SLACK : Number.POSITIVE_INFINITY;
}

class OverBudget extends Error {}

/** Inflates a stream's Flate layers within `budget` bytes each; null when the data is broken. */
function inflateLayers(data: Buffer, layers: number, budget: number): number | null {
  let cur = data;
  for (let i = 0; i < layers; i++) {
    try {
      cur = inflateSync(cur, { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw new OverBudget();
      // A broken stream: the reader decides. What the layers before it gave still counts.
      return i === 0 ? null : cur.length;
    }
    if (cur.length > budget) throw new OverBudget();
  }
  return cur.length;
}

export function checkPdfInflation(bytes: Uint8Array, limits: { maxStreamBytes: number; maxTotalBytes: number } = PDF_INFLATE_LIMITS): InflateCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = findFlateStreams(buf);
  // Largest bound first: the streams that could break a cap are the ones worth inflating.
  const order = found.map((s) => ({ s, bound: bound(s) })).sort((a, b) => b.bound - a.bound);
  let restBound = order.reduce((sum, o) => sum + Math.min(o.bound, Number.MAX_SAFE_INTEGER), 0);
  let total = 0;
  let inflated = 0;
  for (const { s, bound: b } of order) {
    // Everything left is provably within both caps: no stream can pass the stream cap (sorted),
    // and all of them together cannot pass what is left of the total.
    if (b <= limits.maxStreamBytes && total + restBound <= limits.maxTotalBytes) break;
    restBound -= Math.min(b, Number.MAX_SAFE_INTEGER);
    const budget = Math.min(limits.maxStreamBytes, limits.maxTotalBytes - total);
    inflated++;
    let size: number | null;
    try {
      size = inflateLayers(buf.subarray(s.start, s.end), s.layers, budget);
    } catch (err) {
      if (!(err instanceof OverBudget)) throw err;
      const what = budget === limits.maxStreamBytes ? `a stream inflates to more than ${limits.maxStreamBytes / 1048576} MB` : `its streams inflate to more than ${limits.maxTotalBytes / 1048576} MB`;
      return { refused: what, inflatedBytes: total + budget, streams: found.length, inflated };
    }
    if (size === null) continue;
    total += size;
    if (total > limits.maxTotalBytes) return { refused: `its streams inflate to more than ${limits.maxTotalBytes / 1048576} MB`, inflatedBytes: total, streams: found.length, inflated };
  }
  return { refused: null, inflatedBytes: total, streams: found.length, inflated };
}
