/**
 * OCR extraction: scanned PDFs (no text layer) and page photos/scans (PNG, JPEG).
 *
 * Per page: rasterise (PDF) or decode (image) to grayscale → estimate and undo the skew → find the
 * ruling lines → paint them white → Tesseract (injected, `OcrEngine`) → word boxes → the same
 * PdfPageGeometry a text PDF gives → layoutPdf. So a scanned table is rebuilt by the same lattice
 * (ruled) or stream (unruled) reader as a digital one, and the parser's label matching is shared.
 * Every table cell keeps the lowest confidence of its words (TableCell.confidence).
 */
import { LOW_CONFIDENCE } from "./confidence";
import { assembleDocument, describeError, failedDocument } from "../extract/detect";
import { layoutPdf, type PdfPageGeometry } from "../extract/pdf";
import type { OcrEngine } from "../extract/tools";
import type { ExtractedDocument, OcrSummary } from "../extract/types";
import { issue, type ParseIssue } from "../issues";
import { binarize, decodeImage, otsuThreshold, declaredDpi, ImageDecodeError, imageKind, resize, rotate, type GrayImage } from "./image";
import { detectRules, eraseRules, estimateSkew, inkToImage, removeSpecks, ruleOptionsForDpi } from "./raster";
import { lostInkWords, recoveredNumbers } from "./lost-ink";
import { readDigits, reconcile, rereadTargets } from "./reread";
import { ocrPageGeometry, parseTesseractTsv, type OcrWord } from "./words";

export const OCR_LIMITS = {
  /** Pages recognised at most; a scanned annual report has 5–20. */
  maxPages: 60,
  /** Resolution scanned PDF pages are rendered at for recognition. */
  pdfDpi: 300,
  /** Images below this resolution are scaled up before recognition. */
  minImageDpi: 250,
  /** A page whose words Tesseract is on average less sure of (%) is read again with faint ink kept… */
  retryFaintBelow: 82,
  /** …cut at this gray level (0 black – 255 white) instead of the page's Otsu threshold. */
  faintInk: 190,
} as const;

export { LOW_CONFIDENCE };

export interface OcrPageResult {
  geometry: PdfPageGeometry;
  skew: number;
  words: OcrWord[];
}

/** Blobs this small (pixels) are dust, not ink: about 0.9 pt², far below a full stop. */
function speckArea(dpi: number): number {
  return Math.max(2, Math.round(8 * (dpi / 300) ** 2));
}

/** One page image → geometry (deskew, rules, erase rules, recognise). */
export async function ocrPage(img: GrayImage, dpi: number, page: number, engine: OcrEngine): Promise<OcrPageResult> {
  const ink = binarize(img);
  const skew = estimateSkew(img, ink);
  const straight = Math.abs(skew) >= 0.05 ? rotate(img, -skew) : img;
  const straightInk = straight === img ? ink : binarize(straight);
  const rules = detectRules(straight, ruleOptionsForDpi(dpi), straightInk);
  // Tesseract gets a clean black-on-white page: rules painted out, dust removed.
  const prepare = (textInk: Uint8Array) => {
    const clean = eraseRules(inkToImage(textInk, straight.width, straight.height), rules);
    const cleanInk = binarize(clean, 128);
    removeSpecks(cleanInk, clean.width, clean.height, speckArea(dpi));
    return { cleanInk, image: inkToImage(cleanInk, clean.width, clean.height) };
  };
  let prepared = prepare(straightInk);
  let first = parseTesseractTsv(await engine.recognize(prepared.image, { dpi }));
  // A page read poorly may be set in thin or light type (a web page's gray digits): at the page's
  // Otsu threshold their hairlines vanish and 0 reads as "()". Read it again with the ink cut at a
  // lighter gray, and keep whichever reading Tesseract is surer of.
  const before = meanConfidence(first);
  if (before < OCR_LIMITS.retryFaintBelow && otsuThreshold(straight) < OCR_LIMITS.faintInk) {
    const faint = prepare(binarize(straight, OCR_LIMITS.faintInk));
    const words = parseTesseractTsv(await engine.recognize(faint.image, { dpi }));
    if (meanConfidence(words) > before) {
      prepared = faint;
      first = words;
    }
  }
  const { cleanInk, image: page_ } = prepared;
  const clean = page_;
  // One digits-model process for both second readings: unsure numbers and ink no word covers.
  const targets = rereadTargets(first);
  const lost = lostInkWords(cleanInk, clean.width, clean.height, first);
  const readings = await readDigits(page_, [...targets.map((i) => first[i] as OcrWord), ...lost], dpi, engine);
  const words = [...reconcile(first, targets, readings.slice(0, targets.length)), ...recoveredNumbers(lost, readings.slice(targets.length))];
  return { geometry: ocrPageGeometry(words, rules, { page, width: img.width, height: img.height, dpi }), skew, words };
}

/** Mean confidence of the words, weighted by their length. */
function meanConfidence(words: readonly OcrWord[]): number {
  let sum = 0;
  let n = 0;
  for (const w of words) {
    const k = Array.from(w.text).length;
    sum += w.conf * k;
    n += k;
  }
  return n > 0 ? sum / n : 0;
}

function summary(engine: OcrEngine, dpi: number, results: OcrPageResult[]): OcrSummary {
  let sum = 0;
  let n = 0;
  for (const r of results) {
    for (const w of r.words) {
      sum += w.conf;
      n++;
    }
  }
  return { engine: engine.name, pages: results.length, dpi, meanConfidence: n ? Math.round(sum / n) : 0, skew: results.map((r) => r.skew) };
}

function ocrNotice(s: OcrSummary): ParseIssue {
  return issue(
    "ocr_text",
    "warning",
    `本文件的文字由 OCR 从页面图像识别（${s.engine}，${s.dpi} dpi，${s.pages} 页，平均置信度 ${s.meanConfidence}%），每个数字都带置信度；置信度低于 ${LOW_CONFIDENCE}% 的数字已标出，请对照原件核对。` +
      ` The text was recognised by OCR from page images (${s.engine}, ${s.dpi} dpi, ${s.pages} page(s), mean confidence ${s.meanConfidence}%); every figure carries its confidence, and figures below ${LOW_CONFIDENCE}% are marked for checking against the original.`,
  );
}

/** A PDF without a text layer, page by page. `pages` comes from the PDF reader. */
/** `only`: the pages to recognise (1-based; default all), e.g. those where a text PDF's tables stand. */
export async function ocrPdf(bytes: Uint8Array, pages: number, engine: OcrEngine, meta: ExtractedDocument["meta"] = {}, only?: readonly number[]): Promise<ExtractedDocument> {
  if (pages > OCR_LIMITS.maxPages) {
    return failedDocument("pdf", issue("too_large", "error", `扫描件共 ${pages} 页，OCR 最多识别 ${OCR_LIMITS.maxPages} 页。 The scan has ${pages} pages; OCR reads at most ${OCR_LIMITS.maxPages}.`), { ...meta, pages });
  }
  const dpi = OCR_LIMITS.pdfDpi;
  const results: OcrPageResult[] = [];
  const issues: ParseIssue[] = [];
  for (const p of only ?? Array.from({ length: pages }, (_, i) => i + 1)) {
    try {
      const img = await engine.rasterizePdfPage(bytes, p, dpi);
      results.push(await ocrPage(img, dpi, p, engine));
    } catch (err) {
      issues.push(issue("extract_failed", "warning", `第 ${p} 页无法识别 Page ${p} could not be recognised: ${describeError(err)}`, { page: p }));
    }
  }
  if (results.length === 0) {
    return failedDocument("pdf", issue("extract_failed", "error", `扫描件的页面均无法识别。 No page of the scan could be recognised. ${issues[0]?.message ?? ""}`.trim()), { ...meta, pages });
  }
  const ocr = summary(engine, dpi, results);
  return assembleDocument("pdf", layoutPdf(results.map((r) => r.geometry)), { ...meta, pages, ocr }, [ocrNotice(ocr), ...issues]);
}

/**
 * The resolution of a page image: what the file declares when plausible, else assume the image
 * is one A4 page (portrait or landscape) — photos and screenshots carry no useful density.
 */
export function imageDpi(bytes: Uint8Array, img: GrayImage): number {
  const declared = declaredDpi(bytes);
  if (declared !== null && declared >= 100 && declared <= 1200) return declared;
  const inches = img.width > img.height ? 11.69 : 8.27;
  return Math.max(50, Math.round(img.width / inches));
}

/** A page photo or scan (PNG, JPEG). */
export async function ocrImageFile(bytes: Uint8Array, engine: OcrEngine): Promise<ExtractedDocument> {
  const kind = imageKind(bytes);
  const mediaType = kind === "png" ? "image/png" : "image/jpeg";
  let img: GrayImage;
  try {
    img = decodeImage(bytes);
  } catch (err) {
    const why = err instanceof ImageDecodeError ? err.message : describeError(err);
    return failedDocument("image", issue("extract_failed", "error", `图片无法解码 The image could not be decoded: ${why}`), { mediaType });
  }
  let dpi = imageDpi(bytes, img);
  if (dpi < OCR_LIMITS.minImageDpi) {
    const factor = Math.min(4, OCR_LIMITS.minImageDpi / dpi);
    img = resize(img, factor);
    dpi = Math.round(dpi * factor);
  }
  const result = await ocrPage(img, dpi, 1, engine);
  const ocr = summary(engine, dpi, [result]);
  return assembleDocument("image", layoutPdf([result.geometry]), { pages: 1, mediaType, ocr }, [ocrNotice(ocr)]);
}
