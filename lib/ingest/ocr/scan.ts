/**
 * Honest synthetic scans for tests and benchmarks: a rendered page is rotated by a small angle,
 * given sensor noise and dust, saved as a JPEG (quality 60 by default) and wrapped into a PDF
 * of page images (DCTDecode), which is what a scanner's "scan to PDF" writes. Pure and seeded,
 * so a test always sees the same bytes.
 */
import jpeg from "jpeg-js";
import { Rng } from "../../demo/prng";
import { rotate, type GrayImage } from "./image";

export interface ScanOptions {
  /** Rotation in degrees, counter-clockwise. */
  angle: number;
  /** Standard deviation of the Gaussian sensor noise, in gray levels. */
  noise: number;
  /** Share of pixels turned into dust specks (black or white). */
  speckle: number;
  seed: number;
}

export const DEFAULT_SCAN: Omit<ScanOptions, "angle" | "seed"> = { noise: 12, speckle: 0.0005 };

/** Rotates the page and adds noise, like a slightly crooked sheet on a flatbed scanner. */
export function simulateScan(page: GrayImage, opts: ScanOptions): GrayImage {
  const turned = rotate(page, opts.angle);
  const rng = new Rng(opts.seed);
  const data = new Uint8Array(turned.data.length);
  for (let i = 0; i < data.length; i++) {
    // Box–Muller would need two draws; the sum of three uniforms is close enough to a bell.
    const n = (rng.next() + rng.next() + rng.next() - 1.5) * 2 * opts.noise;
    let v = (turned.data[i] ?? 255) + n;
    if (opts.speckle > 0 && rng.next() < opts.speckle) v = rng.next() < 0.5 ? 30 : 255;
    data[i] = Math.max(0, Math.min(255, Math.round(v)));
  }
  return { width: turned.width, height: turned.height, data };
}

/** Grayscale → baseline JPEG (jpeg-js writes three components; viewers and poppler read it as RGB). */
export function encodeJpeg(img: GrayImage, quality = 60): Uint8Array {
  const rgba = new Uint8Array(img.width * img.height * 4);
  for (let p = 0, q = 0; p < img.data.length; p++, q += 4) {
    const v = img.data[p] ?? 255;
    rgba[q] = v;
    rgba[q + 1] = v;
    rgba[q + 2] = v;
    rgba[q + 3] = 255;
  }
  const out = jpeg.encode({ width: img.width, height: img.height, data: rgba }, quality).data;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export interface PdfImagePage {
  jpeg: Uint8Array;
  width: number;
  height: number;
  /** Resolution the image was scanned at: the page is width/dpi inches wide. */
  dpi: number;
}

/** A PDF whose pages are full-page JPEG images (no text layer). */
export function writeImagePdf(pages: readonly PdfImagePage[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Uint8Array) => {
    const bytes = typeof part === "string" ? enc.encode(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  const object = (id: number, body: string, stream?: Uint8Array) => {
    offsets[id] = length;
    push(`${id} 0 obj\n${body}\n`);
    if (stream) {
      push("stream\n");
      push(stream);
      push("\nendstream\n");
    }
    push("endobj\n");
  };
  push("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  const n = pages.length;
  // 1 catalog, 2 pages, then per page: page, content, image.
  const kids = pages.map((_, i) => `${3 + i * 3} 0 R`).join(" ");
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`);
  pages.forEach((p, i) => {
    const id = 3 + i * 3;
    const w = (p.width * 72) / p.dpi;
    const h = (p.height * 72) / p.dpi;
    const content = enc.encode(`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`);
    object(id, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${id + 2} 0 R >> >> /Contents ${id + 1} 0 R >>`);
    object(id + 1, `<< /Length ${content.length} >>`, content);
    object(id + 2, `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${p.jpeg.length} >>`, p.jpeg);
  });
  const xref = length;
  const size = 3 + n * 3;
  let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let id = 1; id < size; id++) table += `${String(offsets[id] ?? 0).padStart(10, "0")} 00000 n \n`;
  push(`${table}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
