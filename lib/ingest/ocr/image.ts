/**
 * 8-bit grayscale rasters for OCR: PGM (what `pdftoppm -gray` writes and Tesseract reads), PNG and
 * JPEG decoding (pure JS: fast-png, jpeg-js), rotation, binarisation. Pure: bytes in, pixels out.
 */
import { decode as decodePng } from "fast-png";
import jpeg from "jpeg-js";

/** Row-major 8-bit luminance, 0 = black, 255 = white. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Uploads larger than this many pixels are refused (a 600 dpi A3 scan is about 35 Mpx). */
export const MAX_IMAGE_PIXELS = 40_000_000;

export class ImageDecodeError extends Error {}

function readToken(bytes: Uint8Array, pos: { i: number }): string {
  // Skip whitespace and comments (# to end of line).
  for (;;) {
    const b = bytes[pos.i];
    if (b === undefined) throw new ImageDecodeError("PNM header is truncated");
    if (b === 0x23) {
      while (pos.i < bytes.length && bytes[pos.i] !== 0x0a) pos.i++;
    } else if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) pos.i++;
    else break;
  }
  let s = "";
  while (pos.i < bytes.length) {
    const b = bytes[pos.i] ?? 0;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) break;
    s += String.fromCharCode(b);
    pos.i++;
  }
  return s;
}

/** Binary PGM (P5) or PPM (P6, converted to luminance), 8-bit. */
export function parsePnm(bytes: Uint8Array): GrayImage {
  const pos = { i: 0 };
  const magic = readToken(bytes, pos);
  if (magic !== "P5" && magic !== "P6") throw new ImageDecodeError(`not a binary PGM/PPM (${magic.slice(0, 4)})`);
  const width = Number(readToken(bytes, pos));
  const height = Number(readToken(bytes, pos));
  const max = Number(readToken(bytes, pos));
  pos.i++; // the single whitespace byte after maxval
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new ImageDecodeError("PNM size is invalid");
  if (max !== 255) throw new ImageDecodeError(`only 8-bit PNM is read (maxval ${max})`);
  checkSize(width, height);
  const channels = magic === "P6" ? 3 : 1;
  const need = width * height * channels;
  if (bytes.length - pos.i < need) throw new ImageDecodeError("PNM pixel data is truncated");
  const body = bytes.subarray(pos.i, pos.i + need);
  if (channels === 1) return { width, height, data: body.slice() };
  const data = new Uint8Array(width * height);
  for (let p = 0, q = 0; p < data.length; p++, q += 3) data[p] = luminance(body[q] ?? 0, body[q + 1] ?? 0, body[q + 2] ?? 0);
  return { width, height, data };
}

export function encodePgm(img: GrayImage): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head, 0);
  out.set(img.data, head.length);
  return out;
}

function luminance(r: number, g: number, b: number): number {
  return Math.round((r * 299 + g * 587 + b * 114) / 1000);
}

function checkSize(width: number, height: number): void {
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImageDecodeError(`the image is ${width}×${height} pixels; at most ${MAX_IMAGE_PIXELS / 1e6} megapixels are read`);
  }
}

export type ImageKind = "png" | "jpeg";

export function imageKind(bytes: Uint8Array): ImageKind | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return "png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  return null;
}

/** Physical resolution a PNG (pHYs) or JPEG (JFIF density) declares, in dots per inch, if any. */
export function declaredDpi(bytes: Uint8Array): number | null {
  const kind = imageKind(bytes);
  if (kind === "jpeg") {
    // JFIF APP0: FF E0 len "JFIF\0" ver(2) units(1) xdens(2) ydens(2)
    if (bytes[2] === 0xff && bytes[3] === 0xe0 && String.fromCharCode(...bytes.subarray(6, 10)) === "JFIF") {
      const units = bytes[13];
      const x = ((bytes[14] ?? 0) << 8) | (bytes[15] ?? 0);
      if (units === 1 && x > 0) return x;
      if (units === 2 && x > 0) return Math.round(x * 2.54);
    }
    return null;
  }
  if (kind === "png") {
    let i = 8;
    while (i + 8 <= bytes.length) {
      const len = ((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
      const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
      if (type === "pHYs" && len >= 9) {
        const d = i + 8;
        const ppu = (((bytes[d] ?? 0) << 24) | ((bytes[d + 1] ?? 0) << 16) | ((bytes[d + 2] ?? 0) << 8) | (bytes[d + 3] ?? 0)) >>> 0;
        if (bytes[d + 8] === 1 && ppu > 0) return Math.round(ppu * 0.0254);
        return null;
      }
      if (type === "IDAT" || len < 0) return null;
      i += 12 + len;
    }
  }
  return null;
}

/** PNG or JPEG bytes → grayscale (alpha composited on white). Throws ImageDecodeError. */
export function decodeImage(bytes: Uint8Array): GrayImage {
  const kind = imageKind(bytes);
  if (kind === "jpeg") {
    let raw: { width: number; height: number; data: Uint8Array };
    try {
      raw = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
    } catch (err) {
      throw new ImageDecodeError(`the JPEG could not be decoded: ${err instanceof Error ? err.message : String(err)}`);
    }
    checkSize(raw.width, raw.height);
    const data = new Uint8Array(raw.width * raw.height);
    for (let p = 0, q = 0; p < data.length; p++, q += 4) data[p] = luminance(raw.data[q] ?? 0, raw.data[q + 1] ?? 0, raw.data[q + 2] ?? 0);
    return { width: raw.width, height: raw.height, data };
  }
  if (kind === "png") {
    let png: ReturnType<typeof decodePng>;
    try {
      png = decodePng(bytes);
    } catch (err) {
      throw new ImageDecodeError(`the PNG could not be decoded: ${err instanceof Error ? err.message : String(err)}`);
    }
    checkSize(png.width, png.height);
    const { width, height, channels, depth } = png;
    const src = png.data;
    const max = depth === 16 ? 65535 : (1 << depth) - 1;
    const scale = (v: number) => Math.round((v * 255) / max);
    const data = new Uint8Array(width * height);
    const palette = png.palette;
    for (let p = 0; p < data.length; p++) {
      let gray: number;
      let alpha = 255;
      if (palette) {
        const entry = palette[src[p] ?? 0] ?? [255, 255, 255];
        gray = luminance(entry[0] ?? 255, entry[1] ?? 255, entry[2] ?? 255);
        if (entry.length > 3) alpha = entry[3] ?? 255;
      } else if (channels <= 2) {
        gray = scale(src[p * channels] ?? 0);
        if (channels === 2) alpha = scale(src[p * 2 + 1] ?? 0);
      } else {
        const q = p * channels;
        gray = luminance(scale(src[q] ?? 0), scale(src[q + 1] ?? 0), scale(src[q + 2] ?? 0));
        if (channels === 4) alpha = scale(src[q + 3] ?? 0);
      }
      data[p] = Math.round((gray * alpha + 255 * (255 - alpha)) / 255);
    }
    return { width, height, data };
  }
  throw new ImageDecodeError("not a PNG or JPEG image");
}

/** Otsu's threshold over the histogram: pixels ≤ t are ink. Clamped so a blank page stays blank. */
export function otsuThreshold(img: GrayImage): number {
  const hist = new Float64Array(256);
  for (const v of img.data) hist[v] = (hist[v] ?? 0) + 1;
  const total = img.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * (hist[i] ?? 0);
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] ?? 0;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * (hist[t] ?? 0);
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return Math.min(200, Math.max(60, bestT));
}

/** 1 = ink. */
export function binarize(img: GrayImage, threshold = otsuThreshold(img)): Uint8Array {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = (img.data[i] ?? 255) <= threshold ? 1 : 0;
  return out;
}

/**
 * Rotates by `degrees` (counter-clockwise as seen on screen) about the centre, keeping the size;
 * uncovered corners become white. Bilinear, so thin rules stay continuous.
 */
export function rotate(img: GrayImage, degrees: number): GrayImage {
  if (Math.abs(degrees) < 1e-3) return img;
  const { width: w, height: h, data: src } = img;
  const out = new Uint8Array(w * h);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Inverse mapping (y grows downwards): the source of output pixel (x, y).
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const a = src[i] ?? 255;
      const b = src[i + 1] ?? 255;
      const c = src[i + w] ?? 255;
      const d = src[i + w + 1] ?? 255;
      out[y * w + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/** Scales by `factor` (bilinear); used to bring low-resolution photos up to what OCR needs. */
export function resize(img: GrayImage, factor: number): GrayImage {
  const width = Math.max(1, Math.round(img.width * factor));
  const height = Math.max(1, Math.round(img.height * factor));
  checkSize(width, height);
  const out = new Uint8Array(width * height);
  const src = img.data;
  const sw = img.width;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(sw - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(sw - 1, x0 + 1);
      const fx = sx - x0;
      const a = src[y0 * sw + x0] ?? 255;
      const b = src[y0 * sw + x1] ?? 255;
      const c = src[y1 * sw + x0] ?? 255;
      const d = src[y1 * sw + x1] ?? 255;
      out[y * width + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return { width, height, data: out };
}
