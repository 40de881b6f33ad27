import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkPdfInflation, DEFLATE_MAX_RATIO } from "./pdf-guard";

const KB = 1024;
const enc = (s: string) => Buffer.from(s, "latin1");

/** A PDF body with one stream object per entry: [filter, compressed data]. Only the guard reads it. */
function pdfWith(streams: [string, Buffer][]): Uint8Array {
  const parts: Buffer[] = [enc("%PDF-1.7\n")];
  streams.forEach(([filter, data], i) => {
    parts.push(enc(`${i + 1} 0 obj\n<< /Length ${data.length} /Filter ${filter} >>\nstream\n`), data, enc("\nendstream\nendobj\n"));
  });
  parts.push(enc("%%EOF\n"));
  return new Uint8Array(Buffer.concat(parts));
}

const zeros = (n: number) => deflateSync(Buffer.alloc(n), { level: 9 });
/** Random bytes do not compress: a stream whose bound is about its own size. */
const noise = (n: number) => deflateSync(Buffer.from(Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24)), { level: 9 });

const SMALL = { maxStreamBytes: 1024 * KB, maxTotalBytes: 3 * 1024 * KB };

describe("checkPdfInflation", () => {
  it("refuses a stream that inflates past the stream cap", () => {
    const r = checkPdfInflation(pdfWith([["/FlateDecode", zeros(2 * 1024 * KB)]]), SMALL);
    expect(r.refused).toMatch(/a stream inflates to more than 1 MB/u);
  });

  it("refuses streams that together inflate past the total cap, each under the stream cap", () => {
    const r = checkPdfInflation(pdfWith(Array.from({ length: 4 }, () => ["/FlateDecode", zeros(900 * KB)] as [string, Buffer])), SMALL);
    expect(r.refused).toMatch(/its streams inflate to more than 3 MB/u);
  });

  it("refuses a bomb inside a bomb (two Flate layers), which one inflation would let through", () => {
    const inner = zeros(2 * 1024 * KB); // ~2 KB that inflates to 2 MB
    const outer = deflateSync(inner);
    expect(outer.length * DEFLATE_MAX_RATIO).toBeLessThan(SMALL.maxStreamBytes); // one layer's bound says "fine"
    const r = checkPdfInflation(pdfWith([["[/FlateDecode /FlateDecode]", outer]]), SMALL);
    expect(r.refused).toMatch(/a stream inflates to more than 1 MB/u);
    expect(r.inflated).toBe(1);
  });

  it("accepts streams whose deflate bound already fits, without inflating them", () => {
    const r = checkPdfInflation(pdfWith([["/FlateDecode", noise(500)], ["/Fl", zeros(100 * KB)], ["/DCTDecode", Buffer.alloc(50 * KB, 1)]]), SMALL);
    expect(r).toMatchObject({ refused: null, streams: 2, inflated: 0 });
  });

  it("inflates only what it must to tell: the largest streams, until the rest's bound fits", () => {
    // Bounds: 2 × ~1 MB (too big to assume) and many tiny ones; real sizes are small.
    const big = noise(1020 * KB); // compresses to ~1 MB, bound ~1 GB: must be inflated
    const r = checkPdfInflation(pdfWith([["/FlateDecode", big], ...Array.from({ length: 20 }, () => ["/FlateDecode", zeros(4 * KB)] as [string, Buffer])]), {
      maxStreamBytes: 2 * 1024 * 1024 * KB,
      maxTotalBytes: 2 * 1024 * 1024 * KB,
    });
    expect(r.refused).toBeNull();
    expect(r.streams).toBe(21);
    expect(r.inflated).toBeLessThan(21);
  });

  it("leaves a broken stream to the reader", () => {
    const r = checkPdfInflation(pdfWith([["/FlateDecode", Buffer.from("not zlib at all, but long enough to look like data".repeat(40_000))]]), SMALL);
    expect(r.refused).toBeNull();
  });

  it("checks a real WPS/Word report and a LibreOffice PDF with the real caps, inflating nothing", () => {
    for (const f of ["lib/ingest/__fixtures__/real/huaian-szf/2024/input.pdf", "lib/ingest/__fixtures__/producers/libreoffice/ruled-520200-gov-2023/input.pdf"]) {
      const r = checkPdfInflation(new Uint8Array(readFileSync(f)));
      expect(r.refused, f).toBeNull();
      expect(r.streams, f).toBeGreaterThan(0);
      expect(r.inflated, f).toBe(0);
    }
  });
});
