/**
 * One page of a PDF as a PNG, for the source viewer beside a figure: poppler's `pdftoppm` run on
 * the stored bytes, cached on disk by the file's SHA-256, page and resolution (the bytes of a
 * stored document never change), so each page is rendered once per machine. Concurrent requests
 * for the same page share one render.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseBboxHtml, type PageWords } from "../corrections/locate";
import { runProcess } from "./process";

/** Pixels per inch of the rendered page: a 595 pt A4 page becomes 1,018 px wide. */
export const PAGE_IMAGE_DPI = 123;
export const MAX_PAGE = 2000;

function cacheDir(): string {
  return process.env.GONGKAI_PAGE_CACHE ?? path.join(tmpdir(), "gongkai-page-images");
}

const inFlight = new Map<string, Promise<Buffer>>();

export class PageOutOfRangeError extends Error {}

/** The page as PNG bytes; throws PageOutOfRangeError when the document has no such page. */
export async function renderPdfPagePng(pdf: Uint8Array, page: number, sha256?: string): Promise<{ png: Buffer; cached: boolean }> {
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw new PageOutOfRangeError(`No page ${page}.`);
  const hash = sha256 ?? createHash("sha256").update(pdf).digest("hex");
  const file = path.join(cacheDir(), `${hash}-p${page}-${PAGE_IMAGE_DPI}.png`);
  try {
    return { png: readFileSync(file), cached: true };
  } catch {
    // Not rendered yet.
  }
  const running = inFlight.get(file);
  if (running) return { png: await running, cached: true };
  const render = (async () => {
    const r = await runProcess("pdftoppm", ["-png", "-r", String(PAGE_IMAGE_DPI), "-f", String(page), "-l", String(page), "-"], {
      input: pdf,
      timeoutMs: 60_000,
      maxOutputBytes: 50 * 1024 * 1024,
    });
    if (r.stdout.byteLength === 0) throw new PageOutOfRangeError(`No page ${page}.`);
    mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, r.stdout);
    renameSync(tmp, file);
    return r.stdout;
  })();
  inFlight.set(file, render);
  try {
    return { png: await render, cached: false };
  } finally {
    inFlight.delete(file);
  }
}

const wordsCache = new Map<string, PageWords>();

/** The words of one page with their boxes in points (pdftotext -bbox), kept in memory per page. */
export async function pdfPageWords(pdf: Uint8Array, page: number, sha256: string): Promise<PageWords> {
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw new PageOutOfRangeError(`No page ${page}.`);
  const key = `${sha256}-p${page}`;
  const hit = wordsCache.get(key);
  if (hit) return hit;
  const r = await runProcess("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), "-", "-"], { input: pdf, timeoutMs: 60_000, maxOutputBytes: 20 * 1024 * 1024 });
  const words = parseBboxHtml(r.stdout.toString("utf8"));
  if (!words.width) throw new PageOutOfRangeError(`No page ${page}.`);
  if (wordsCache.size > 500) wordsCache.delete(wordsCache.keys().next().value!);
  wordsCache.set(key, words);
  return words;
}
