/**
 * Pictures in a PDF, found in its bytes: every image XObject (`/Subtype /Image`) big enough to be
 * a table (a pasted screenshot of 表三, a photographed page), not a logo or a rule. An image is a
 * stream, and a stream can never sit inside an object stream, so its dictionary is always plain
 * text in the file; no decompression is needed and the scan is linear in the file's size.
 *
 * Agencies often paste their tables into Word as pictures and export the PDF: the text layer then
 * holds the narrative and nothing of the tables. The parser names these pictures when a table is
 * missing (tables_as_images) and, when OCR is installed, reads them (lib/ingest/analyze.ts).
 */

export interface PdfPicture {
  width: number;
  height: number;
}

/** Smallest picture that can hold a legible table: 表二's four small tables at screen size. */
const MIN_WIDTH = 300;
const MIN_HEIGHT = 80;
const MAX_LISTED = 200;

const IMAGE = /\/Subtype\s*\/Image\b/u;
const NEEDLE = Buffer.from("/Image");

export function pdfPictures(bytes: Uint8Array): PdfPicture[] {
  // Native byte search, then a small window decoded around each hit: a few hundred µs per file.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: PdfPicture[] = [];
  for (let at = buf.indexOf(NEEDLE); at >= 0 && out.length < MAX_LISTED; at = buf.indexOf(NEEDLE, at + NEEDLE.length)) {
    // The image's dictionary: from its "obj" (at most 2 KB before) to its "stream" (at most 2 KB after).
    const window = buf.toString("latin1", Math.max(0, at - 2000), Math.min(buf.length, at + 2000));
    const mid = at - Math.max(0, at - 2000);
    if (!IMAGE.test(window.slice(Math.max(0, mid - 20), mid + NEEDLE.length + 1))) continue;
    const open = window.lastIndexOf("obj", mid);
    const close = window.indexOf("stream", mid);
    const dict = window.slice(open < 0 ? 0 : open, close < 0 ? window.length : close);
    // A soft mask (/SMask's target) repeats its image's size; counting it twice changes nothing below.
    const width = Number(/\/Width\s+(\d+)/u.exec(dict)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)/u.exec(dict)?.[1] ?? 0);
    if (width >= MIN_WIDTH && height >= MIN_HEIGHT) out.push({ width, height });
  }
  return out;
}
