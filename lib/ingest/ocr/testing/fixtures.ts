/**
 * Test and benchmark fixtures for scans and old word-processing files, made at run time from the
 * demo renderers (so nothing large is committed; see lib/ingest/__fixtures__/formats/README.md):
 *
 * - `sampleScan(dpi, pages)`: the 盘州 2024 sample rendered as a text PDF (lib/render), each page
 *   rasterised by poppler at `dpi`, rotated 0.5–1.5° (alternating direction), given sensor noise and
 *   dust, saved as JPEG quality 60 and wrapped into an image-only PDF — a scanner's "scan to PDF".
 * - `sampleConverted(format)`: the sample's DOCX saved by LibreOffice as Word 97 (.doc), RTF or
 *   ODT. A ".wps" is the Word 97 file under the .wps name: WPS Writer's .wps format is the same
 *   MS-Word binary (we have no WPS Office to save a native one).
 *
 * Uses the system tools (pdftoppm, soffice): call only where `probeTools()` says they exist.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateCorpus, manifestCells, type DemoSample } from "../../../demo";
import { renderReport, type ReportModel } from "../../../render";
import type { AnalyzedDocument } from "../../analyze";
import { sampleModel, type SampleExpected } from "../../../render/sample";
import { runProcess } from "../../../system/process";
import { tesseractEngine } from "../../../system/tools";
import { DEFAULT_SCAN, encodeJpeg, simulateScan, writeImagePdf, type PdfImagePage } from "../scan";
import type { GrayImage } from "../image";

const FIXTURE = path.join(process.cwd(), "lib/ingest/__fixtures__/panzhou/2024");

export const SAMPLE_EXPECTED = JSON.parse(readFileSync(path.join(FIXTURE, "expected.json"), "utf8")) as SampleExpected & { cells: Record<string, number | null> };

export function sampleReportModel(): ReportModel {
  const text = readFileSync(path.join(FIXTURE, "input.txt"), "utf8");
  return { ...sampleModel(text, SAMPLE_EXPECTED), publishedOn: "2025-01-20", issuer: "盘州市人民政府办公室" };
}

/** The skew given to page `page` of a scan at `dpi`: 0.5–1.5°, alternating direction. */
export function scanAngle(dpi: number, page: number): number {
  const magnitude = 0.5 + ((page * 0.37 + dpi / 100) % 1);
  return (page % 2 === 1 ? 1 : -1) * Math.round(magnitude * 100) / 100;
}

/** Scans of the given text PDF's pages (1-based) at `dpi`. */
export async function scanPdf(pdf: Uint8Array, dpi: number, pages: readonly number[], seed = 1): Promise<{ pdf: Uint8Array; images: GrayImage[] }> {
  const engine = tesseractEngine();
  const out: PdfImagePage[] = [];
  const images: GrayImage[] = [];
  for (const p of pages) {
    const clean = await engine.rasterizePdfPage(pdf, p, dpi);
    const scan = simulateScan(clean, { ...DEFAULT_SCAN, angle: scanAngle(dpi, p), seed: seed * 1000 + dpi * 10 + p });
    images.push(scan);
    out.push({ jpeg: encodeJpeg(scan, 60), width: scan.width, height: scan.height, dpi });
  }
  return { pdf: writeImagePdf(out), images };
}

/** The sample report scanned at `dpi` (pages default to all three). */
export async function sampleScan(dpi: number, pages: readonly number[] = [1, 2, 3]): Promise<{ pdf: Uint8Array; images: GrayImage[] }> {
  return scanPdf(renderReport(sampleReportModel(), "pdf"), dpi, pages);
}

/**
 * The first `count` PDFs of the demo corpus of 六盘水市 (the bench's seed), with their figures:
 * other agencies, years and numbers than the sample, in the 2019 and 2021 formats.
 */
export function demoPdfs(count: number): { name: string; pdf: Uint8Array; truth: Record<string, number | null> }[] {
  const sample: DemoSample = { bytes: new Uint8Array(readFileSync(path.join(FIXTURE, "input.txt"))), expected: SAMPLE_EXPECTED };
  const out: { name: string; pdf: Uint8Array; truth: Record<string, number | null> }[] = [];
  const gen = generateCorpus({ seed: 20250101, prefectures: ["520200"], sample });
  for (let s = gen.next(); !s.done && out.length < count; s = gen.next()) {
    if (s.value.path.endsWith(".pdf")) out.push({ name: `${s.value.entry.agency.name} ${s.value.entry.year}`, pdf: s.value.bytes, truth: manifestCells(s.value.entry) });
  }
  return out;
}

const SAVE_AS = { doc: "doc:MS Word 97", rtf: "rtf:Rich Text Format", odt: "odt:writer8" } as const;

/** A DOCX saved by LibreOffice in another format (fresh profile, removed afterwards). */
export async function convertDocx(docx: Uint8Array, to: keyof typeof SAVE_AS): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(tmpdir(), "gongkai-fixture-"));
  try {
    writeFileSync(path.join(dir, "report.docx"), docx);
    await runProcess(
      "soffice",
      [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", SAVE_AS[to], "--outdir", path.join(dir, "out"), path.join(dir, "report.docx")],
      { timeoutMs: 120_000, env: { ...process.env, HOME: dir }, cwd: dir },
    );
    return new Uint8Array(readFileSync(path.join(dir, "out", `report.${to}`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sample as .doc, .wps (the same Word 97 bytes), .rtf or .odt. */
export async function sampleConverted(format: "doc" | "wps" | "rtf" | "odt"): Promise<Uint8Array> {
  return convertDocx(renderReport(sampleReportModel(), "docx"), format === "wps" ? "doc" : format);
}

export interface FigureScore {
  total: number;
  right: number;
  /** Wrong (or unread) figures that a finding or issue marks for checking. */
  wrongMarked: string[];
  /** Wrong figures nothing marks: a silent error. */
  wrongUnmarked: string[];
}

/**
 * Scores read figures against the truth. A wrong figure is "marked" when its cell is named by a
 * finding (S-OCR-LOW, or any rule whose message notes OCR), has a confidence below the threshold,
 * or was left unread with an issue naming it (table_partial, unparsable_number).
 */
export function scoreFigures(
  truth: Readonly<Record<string, number | null>>,
  got: Readonly<Record<string, { value: number | null; source: { confidence?: number; raw: string } | null; nullReason: string | null }>>,
  marked: ReadonlySet<string>,
  lowConfidence: number,
): FigureScore {
  const score: FigureScore = { total: 0, right: 0, wrongMarked: [], wrongUnmarked: [] };
  for (const [key, want] of Object.entries(truth)) {
    score.total++;
    const cell = got[key];
    const value = cell?.value ?? null;
    if (value === want) {
      score.right++;
      continue;
    }
    const unsure = cell?.source?.confidence !== undefined && cell.source.confidence < lowConfidence;
    const label = `${key}: ${want} read as ${value ?? cell?.nullReason ?? "absent"}`;
    if (unsure || marked.has(key)) score.wrongMarked.push(label);
    else score.wrongUnmarked.push(label);
  }
  return score;
}

function matchesPattern(key: string, pattern: string): boolean {
  const a = key.split(".");
  const b = pattern.split(".");
  return a.length === b.length && b.every((p, i) => p === "*" || p === a[i]);
}

/** Cells a person is pointed at: OCR findings, findings noting OCR, unread cells named by coverage, unparsable cells. */
export function markedCells(a: AnalyzedDocument): Set<string> {
  const out = new Set<string>();
  for (const f of a.findings) {
    if (f.rule === "S-OCR-LOW" || f.details?.ocrConfidence !== undefined) for (const k of [...f.cells, ...f.blame]) out.add(k);
  }
  const missing = Object.values(a.parsed.coverage).flatMap((c) => c.missing);
  for (const key of Object.keys(a.parsed.cells)) if (missing.some((p) => matchesPattern(key, p))) out.add(key);
  for (const i of a.parsed.issues) {
    const key = /^(t[234](?:v19)?\.[a-z0-9_]+\.[a-z0-9_]+):/.exec(i.message)?.[1];
    if (key && i.code === "unparsable_number") out.add(key);
  }
  return out;
}

/**
 * The sample as an agency's PDF whose tables (all, or the `only` ones by index) were pasted as pictures: the sample's web page
 * (lib/render html) opened in Chromium, each table replaced by a screenshot of itself (at twice
 * screen resolution, as a Word paste of a screenshot keeps it), then printed to A4 PDF. The
 * narrative stays text; the tables are only pixels. Needs Chromium (CHROMIUM_PATH or
 * /usr/bin/chromium).
 */
export async function samplePicturedPdf(chromiumPath: string, only?: readonly number[]): Promise<Uint8Array> {
  return (await samplePictured(chromiumPath, true, Infinity, only)).pdf as Uint8Array;
}

/**
 * The same pictured page saved as Word by LibreOffice (HTML import, then DOCX export): a Word file
 * whose tables are pasted screenshots, each scaled to fit the page's text area as Word does.
 */
export async function samplePicturedDocx(chromiumPath: string): Promise<Uint8Array> {
  const { html } = await samplePictured(chromiumPath, false, 600);
  const dir = mkdtempSync(path.join(tmpdir(), "gongkai-fixture-"));
  try {
    writeFileSync(path.join(dir, "report.html"), html);
    await runProcess(
      "soffice",
      [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", path.join(dir, "out"), path.join(dir, "report.html")],
      { timeoutMs: 120_000, env: { ...process.env, HOME: dir }, cwd: dir },
    );
    return new Uint8Array(readFileSync(path.join(dir, "out", "report.docx")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function samplePictured(chromiumPath: string, print: boolean, maxWidth = Infinity, only?: readonly number[]): Promise<{ html: string; pdf: Uint8Array | null }> {
  const { chromium } = await import("@playwright/test");
  const html = new TextDecoder().decode(renderReport(sampleReportModel(), "html"));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  try {
    const page = await browser.newPage({ viewport: { width: 760, height: 1000 }, deviceScaleFactor: 2 });
    await page.setContent(html);
    const tables = page.locator("table");
    const shots: { png: string; width: number; height: number }[] = [];
    for (let i = 0; i < (await tables.count()); i++) {
      const t = tables.nth(i);
      const box = await t.boundingBox();
      // Word shrinks a pasted picture to fit the page: at most maxWidth wide and 1.45 × that tall.
      const scale = Math.min(1, maxWidth / (box?.width ?? 700), (1.45 * maxWidth) / (box?.height ?? 300));
      shots.push({ png: (await t.screenshot()).toString("base64"), width: Math.round((box?.width ?? 700) * scale), height: Math.round((box?.height ?? 300) * scale) });
    }
    let k = 0;
    const pictured = html.replace(/<table[\s\S]*?<\/table>/gu, (table) => {
      const i = k++;
      const s = shots[i];
      if (only && !only.includes(i)) return table;
      return s ? `<p><img src="data:image/png;base64,${s.png}" width="${s.width}" height="${s.height}" style="width:${s.width}px;height:${s.height}px" alt=""></p>` : "";
    });
    if (!print) return { html: pictured, pdf: null };
    await page.setContent(pictured);
    return { html: pictured, pdf: new Uint8Array(await page.pdf({ format: "A4", margin: { top: "2cm", bottom: "2cm", left: "2cm", right: "2cm" } })) };
  } finally {
    await browser.close();
  }
}
