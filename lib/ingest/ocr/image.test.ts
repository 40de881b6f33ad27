import { encode as encodePng } from "fast-png";
import { describe, expect, it } from "vitest";
import { declaredDpi, decodeImage, encodePgm, ImageDecodeError, imageKind, parsePnm, resize, rotate, type GrayImage } from "./image";
import { encodeJpeg } from "./scan";

function canvas(width: number, height: number, fill = 255): GrayImage {
  return { width, height, data: new Uint8Array(width * height).fill(fill) };
}

describe("PGM", () => {
  it("round-trips through encodePgm/parsePnm, comments in the header included", () => {
    const img = canvas(7, 3, 200);
    img.data[5] = 0;
    expect(parsePnm(encodePgm(img))).toEqual(img);
    const withComment = new TextEncoder().encode("P5\n# made by pdftoppm\n2 1\n255\n");
    const bytes = new Uint8Array([...withComment, 10, 20]);
    expect(parsePnm(bytes)).toEqual({ width: 2, height: 1, data: new Uint8Array([10, 20]) });
  });

  it("refuses truncated, 16-bit and oversized images with a reason", () => {
    expect(() => parsePnm(new TextEncoder().encode("P5\n4 4\n255\n12"))).toThrow(ImageDecodeError);
    expect(() => parsePnm(new TextEncoder().encode("P5\n1 1\n65535\n\0\0"))).toThrow(/8-bit/);
    expect(() => parsePnm(new TextEncoder().encode("P5\n90000 90000\n255\n"))).toThrow(/megapixels/);
    expect(() => parsePnm(new TextEncoder().encode("P4\n1 1\n"))).toThrow(/PGM/);
  });
});

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The PNG with a pHYs chunk (pixels per metre) after IHDR, as scanners write it. */
function withPhys(png: Uint8Array, perMetre: number): Uint8Array {
  const body = new Uint8Array(13);
  const view = new DataView(body.buffer);
  body.set([0x70, 0x48, 0x59, 0x73]); // "pHYs"
  view.setUint32(4, perMetre);
  view.setUint32(8, perMetre);
  body[12] = 1;
  const chunk = new Uint8Array(4 + 13 + 4);
  new DataView(chunk.buffer).setUint32(0, 9);
  chunk.set(body, 4);
  new DataView(chunk.buffer).setUint32(17, crc32(body));
  const at = 8 + 25; // signature + IHDR
  return new Uint8Array([...png.subarray(0, at), ...chunk, ...png.subarray(at)]);
}

describe("PNG and JPEG decoding", () => {
  it("decodes an RGBA PNG to luminance, transparency over white, and reads its pHYs density", () => {
    const data = new Uint8Array([0, 0, 0, 255, 255, 0, 0, 255, 0, 0, 0, 0]);
    const png = withPhys(encodePng({ width: 3, height: 1, data, channels: 4, depth: 8 }), 11811);
    expect(imageKind(png)).toBe("png");
    const img = decodeImage(png);
    expect(img.width).toBe(3);
    expect(img.data[0]).toBe(0);
    expect(img.data[1]).toBe(76); // pure red → 0.299 × 255
    expect(img.data[2]).toBe(255); // transparent → white paper
    expect(declaredDpi(png)).toBe(300);
  });

  it("decodes the JPEGs our scans are made of", () => {
    const img = canvas(32, 16);
    for (let x = 0; x < 32; x++) img.data[8 * 32 + x] = 0;
    const back = decodeImage(encodeJpeg(img, 90));
    expect(back.width).toBe(32);
    expect(back.data[8 * 32 + 16]).toBeLessThan(60);
    expect(back.data[2 * 32 + 16]).toBeGreaterThan(200);
  });

  it("says what is wrong with a broken image", () => {
    expect(() => decodeImage(new Uint8Array([0xff, 0xd8, 0xff, 0x00, 1, 2]))).toThrow(/JPEG could not be decoded/);
    expect(() => decodeImage(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG or JPEG/);
  });
});

describe("geometry", () => {
  it("rotates about the centre: a horizontal line turned 2° rises to the right", () => {
    const img = canvas(400, 200);
    for (let x = 50; x < 350; x++) img.data[100 * 400 + x] = 0;
    const turned = rotate(img, 2);
    const darkestRow = (x: number) => {
      let best = 0;
      for (let y = 1; y < 200; y++) if ((turned.data[y * 400 + x] ?? 255) < (turned.data[best * 400 + x] ?? 255)) best = y;
      return best;
    };
    expect(darkestRow(340) - darkestRow(60)).toBeLessThan(-7); // tan 2° × 280 px ≈ 9.8
    expect(rotate(img, 0)).toBe(img);
  });

  it("resizes with the content where it was", () => {
    const img = canvas(10, 10);
    img.data[5 * 10 + 5] = 0;
    const big = resize(img, 2);
    expect([big.width, big.height]).toEqual([20, 20]);
    expect(big.data[11 * 20 + 11]).toBeLessThan(128);
  });
});
