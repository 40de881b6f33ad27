/**
 * The OCR and conversion part of `npm run bench:ingest`: scans made from the demo PDFs (the 盘州
 * sample plus demo-corpus PDFs of other agencies, with other figures) at 150, 200 and 300 dpi —
 * rotated 0.5–1.5°, noise and dust, JPEG quality 60, image-only PDFs — read back through the
 * whole pipeline with the real tools. Per resolution: figures right / total, wrong but marked
 * (a finding or issue points at the cell), wrong and unmarked (silent), and seconds per page:
 * CPU on one core (Tesseract and pdftoppm child CPU + this process's CPU) and wall clock.
 * Then the demo DOCX files saved as .doc by LibreOffice: figures right, seconds per conversion.
 */
import { readFileSync } from "node:fs";
import { analyzeDocument } from "../../lib/ingest/analyze";
import { extractDocument } from "../../lib/ingest/extract";
import { generateCorpus, manifestCells, type DemoFile, type DemoSample } from "../../lib/demo";
import { LOW_CONFIDENCE } from "../../lib/ingest/ocr/confidence";
import { convertDocx, markedCells, sampleReportModel, scanPdf, scoreFigures } from "../../lib/ingest/ocr/testing/fixtures";
import { renderReport } from "../../lib/render";
import { libreOfficeConverter, probeTools, tesseractEngine, type CpuMeter } from "../../lib/system";

interface Doc {
  name: string;
  pdf: Uint8Array;
  docx: Uint8Array | null;
  truth: Record<string, number | null>;
}

function demoDocs(count: number): Doc[] {
  const sample: DemoSample = {
    bytes: new Uint8Array(readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt")),
    expected: JSON.parse(readFileSync("lib/ingest/__fixtures__/panzhou/2024/expected.json", "utf8")) as DemoSample["expected"],
  };
  const model = sampleReportModel();
  const docs: Doc[] = [{ name: "盘州市人民政府 2024 (sample)", pdf: renderReport(model, "pdf"), docx: renderReport(model, "docx"), truth: sample.expected.cells }];
  const pdfs: DemoFile[] = [];
  const docxs: DemoFile[] = [];
  const gen = generateCorpus({ seed: 20250101, prefectures: ["520200"], sample });
  for (let s = gen.next(); !s.done && (pdfs.length < count || docxs.length < count); s = gen.next()) {
    if (s.value.path.endsWith(".pdf") && pdfs.length < count) pdfs.push(s.value);
    if (s.value.path.endsWith(".docx") && docxs.length < count) docxs.push(s.value);
  }
  for (const f of pdfs) docs.push({ name: `${f.entry.agency.name} ${f.entry.year}`, pdf: f.bytes, docx: null, truth: manifestCells(f.entry) });
  for (const f of docxs) docs.push({ name: `${f.entry.agency.name} ${f.entry.year} (docx)`, pdf: new Uint8Array(), docx: f.bytes, truth: manifestCells(f.entry) });
  return docs;
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)} %` : "—";
}

export async function benchOcr(opts: { docs: number; resolutions: number[]; verbose?: boolean }): Promise<void> {
  const status = probeTools();
  if (!status.ocr.available || !status.office.available) {
    console.log(`\nOCR / conversion: skipped (missing ${[...status.ocr.missing, ...status.office.missing].join(", ")})`);
    if (!status.ocr.available) return;
  }
  const docs = demoDocs(opts.docs);
  const scanned = docs.filter((d) => d.pdf.length > 0);
  let cpuMs = 0;
  const meter: CpuMeter = (_what, ms) => {
    cpuMs += ms;
  };
  const engine = tesseractEngine(status.ocr.tesseract ?? "?", status.ocr.eng ? "eng" : "chi_sim", meter);
  console.log(`\nOCR of scans (${scanned.length} documents; ${engine.name}; one Tesseract thread):`);
  console.log("  dpi   pages   figures right        wrong+marked  wrong+unmarked   CPU s/page   wall s/page");
  const unmarked: string[] = [];
  for (const dpi of opts.resolutions) {
    let pages = 0;
    let total = 0;
    let right = 0;
    let marked = 0;
    let silent = 0;
    let cpu = 0;
    let wall = 0;
    for (const [i, d] of scanned.entries()) {
      const n = (await extractDocument(d.pdf, "text.pdf")).meta.pages ?? 1;
      const { pdf } = await scanPdf(d.pdf, dpi, Array.from({ length: n }, (_, k) => k + 1), i + 1);
      cpuMs = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const a = await analyzeDocument(pdf, `scan-${dpi}-${i}.pdf`, { tools: { ocr: engine } });
      wall += (performance.now() - t0) / 1000;
      const self = process.cpuUsage(cpu0);
      cpu += (cpuMs + (self.user + self.system) / 1000) / 1000;
      pages += a.ocr?.pages ?? n;
      const score = scoreFigures(d.truth, a.parsed.cells, markedCells(a), LOW_CONFIDENCE);
      total += score.total;
      right += score.right;
      marked += score.wrongMarked.length;
      silent += score.wrongUnmarked.length;
      for (const w of score.wrongUnmarked) unmarked.push(`${dpi} dpi, ${d.name}: ${w}`);
      if (opts.verbose) for (const w of score.wrongMarked) console.log(`    marked: ${dpi} dpi, ${d.name}: ${w}`);
      if (a.error) unmarked.push(`${dpi} dpi, ${d.name}: not stored (${a.error.code})`);
    }
    console.log(
      `  ${String(dpi).padEnd(5)} ${String(pages).padStart(5)}   ${`${right}/${total} (${pct(right, total)})`.padEnd(20)} ${String(marked).padStart(12)} ${String(silent).padStart(15)}   ${(cpu / pages).toFixed(2).padStart(10)}   ${(wall / pages).toFixed(2).padStart(11)}`,
    );
  }
  if (unmarked.length) console.log(`  silent errors / failures:\n    ${unmarked.join("\n    ")}`);

  if (!status.office.available) return;
  const office = libreOfficeConverter(status.office.soffice ?? "soffice");
  const words = docs.filter((d) => d.docx !== null);
  let total = 0;
  let right = 0;
  let seconds = 0;
  for (const d of words) {
    const doc = await convertDocx(d.docx ?? new Uint8Array(), "doc");
    const t0 = performance.now();
    const a = await analyzeDocument(doc, `${d.name}.doc`, { tools: { office } });
    seconds += (performance.now() - t0) / 1000;
    for (const [k, v] of Object.entries(d.truth)) {
      total++;
      if ((a.parsed.cells[k]?.value ?? null) === v) right++;
    }
  }
  console.log(`\n.doc (demo DOCX saved as Word 97 by LibreOffice, read back): ${right}/${total} figures (${pct(right, total)}), ${(seconds / words.length).toFixed(1)} s per file (conversion + read) over ${words.length} files`);
}
