/**
 * Unicode → Adobe-GB1 CID, so PDFs can use Identity-H with the real CIDs of the GB1 collection:
 * a viewer that substitutes STSong-Light then draws the right glyphs, and the ToUnicode CMap we
 * also write gives pdf.js the text without fetching any CMap file.
 */
import { GB1_RUNS } from "./gb1-cids-data";

let table: Uint16Array | null = null;

function build(): Uint16Array {
  const t = new Uint16Array(0x10000);
  let prevEnd = 0;
  let prevCid = 0;
  for (const entry of GB1_RUNS.split(",")) {
    const [ds, dl, dc] = entry.split(" ").map((x) => parseInt(x, 36));
    const start = prevEnd + (ds ?? 0);
    const end = start + (dl ?? 0);
    const cid = prevCid + (dc ?? 0);
    for (let u = start; u <= end; u++) t[u] = cid + (u - start);
    prevEnd = end;
    prevCid = cid + (end - start);
  }
  return t;
}

/** The GB1 CID of a BMP code point, or 0 (notdef) when the collection has no glyph for it. */
export function gb1Cid(codePoint: number): number {
  table ??= build();
  return codePoint < 0x10000 ? (table[codePoint] ?? 0) : 0;
}
