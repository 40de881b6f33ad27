/**
 * Scans and converted files stored through ingestReport on both databases: the source document is
 * the original file with its real media type, OCR confidence is kept in every figure's provenance,
 * and unsure figures become an open S-OCR-LOW finding. The documents are analysed once (real
 * Tesseract / LibreOffice); skipped with the reason where the tools are missing.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { analyzeDocument, type AnalyzedDocument } from "../../../lib/ingest/analyze";
import { encodeJpeg } from "../../../lib/ingest/ocr/scan";
import { sampleConverted, sampleScan } from "../../../lib/ingest/ocr/testing/fixtures";
import { probeTools, systemTools } from "../../../lib/system";
import { systemCtx } from "../../context";
import { describeEachDb } from "../../test/db";
import { findings, reportFigures, reports, sourceDocuments } from "../../schema";
import { ingestReport } from "./ingest-report";

const status = probeTools();
const tools = systemTools(status);
/** One agency of its own per run (the analysis is shared by both databases, which never meet). */
const RUN = Math.random().toString(36).slice(2, 8);

/** Analysed once per run, stored once per database. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= make());
}

const docFile = once(async () => {
  const bytes = new Uint8Array(await sampleConverted("doc"));
  return { bytes, analyzed: await analyzeDocument(bytes, "盘州2024.doc", { tools, agencyName: `盘州市旧格式测试${RUN}局` }) };
});

const photo = once(async () => {
  const { images } = await sampleScan(200, [2]);
  const bytes = new Uint8Array(encodeJpeg(images[0]!, 70));
  // One page (表二/表三) has no title: name and year come from the uploader, as with --agency/--year.
  return { bytes, analyzed: await analyzeDocument(bytes, "表三.jpg", { tools, agencyName: `盘州市扫描测试${RUN}局`, year: 2024 }) };
});

async function store(db: Parameters<typeof systemCtx>[1], file: { bytes: Uint8Array<ArrayBuffer>; analyzed: AnalyzedDocument }, fileName: string) {
  return ingestReport({ ctx: systemCtx("test", db), input: { bytes: file.bytes, fileName, analyzed: file.analyzed, status: "published" } });
}

describeEachDb(`ingest of scans and converted files${status.ocr.available && status.office.available ? "" : " (skipped: OCR or LibreOffice not installed)"}`, (getDb) => {
  it.skipIf(!status.office.available)("a .doc is stored as the original .doc (application/msword) with every figure", async () => {
    const db = getDb();
    const file = await docFile();
    const result = await store(db, file, "盘州2024.doc");
    expect(result.status).toBe("created");
    if (result.status !== "created") return;
    const [doc] = await db
      .select({ mediaType: sourceDocuments.mediaType, surfaceFormat: sourceDocuments.surfaceFormat, bytes: sourceDocuments.bytes })
      .from(reports)
      .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
      .where(eq(reports.id, result.reportId));
    expect(doc?.mediaType).toBe("application/msword");
    expect(doc?.surfaceFormat).toBe("doc");
    expect(Buffer.from(doc!.bytes).equals(Buffer.from(file.bytes))).toBe(true);
    const found = await db.select({ rule: findings.rule }).from(findings).where(eq(findings.reportId, result.reportId));
    expect(found.map((f) => f.rule)).toContain("H-T3-BAL");
  }, 300_000);

  it.skipIf(!status.ocr.available)("a page photo keeps its media type, OCR confidence per figure, and an open finding for unsure figures", async () => {
    const db = getDb();
    const file = await photo();
    const result = await store(db, file, "表三.jpg");
    expect(result.status).toBe("created");
    if (result.status !== "created") return;
    const [doc] = await db
      .select({ mediaType: sourceDocuments.mediaType, surfaceFormat: sourceDocuments.surfaceFormat })
      .from(reports)
      .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.documentId))
      .where(eq(reports.id, result.reportId));
    expect(doc).toEqual({ mediaType: "image/jpeg", surfaceFormat: "image" });
    const [fig] = await db.select({ provenance: reportFigures.provenance }).from(reportFigures).where(eq(reportFigures.reportId, result.reportId));
    const provenance = Object.values(fig!.provenance);
    expect(provenance.length).toBeGreaterThan(100);
    for (const p of provenance) expect(p.confidence, JSON.stringify(p)).toEqual(expect.any(Number));
    const unsure = Object.entries(fig!.provenance).filter(([, p]) => (p.confidence ?? 100) < 80).map(([k]) => k);
    const low = await db.select({ cells: findings.cells, status: findings.status, messageZh: findings.messageZh }).from(findings).where(eq(findings.reportId, result.reportId));
    const ocrLow = low.filter((f) => f.messageZh.includes("OCR 从扫描件识别，置信度低于"));
    if (unsure.length > 0) {
      expect(ocrLow).toHaveLength(1);
      expect(ocrLow[0]?.status).toBe("open");
      expect([...(ocrLow[0]?.cells ?? [])].sort()).toEqual([...unsure].filter((k) => k in file.analyzed.parsed.cells).sort());
    } else expect(ocrLow).toEqual([]);
  }, 600_000);
});
