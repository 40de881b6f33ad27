/**
 * Scans: OCR'd figures are never trusted silently. S-OCR-LOW lists the cells recognised with low
 * confidence (they join the queue of findings a person checks), and any other finding that
 * involves OCR'd cells says so, with their confidence, since a misread digit is the likeliest
 * cause of a failed sum on a scan.
 */
import { LOW_CONFIDENCE } from "../../ingest/ocr/confidence";
import type { ReportContext } from "../context";
import { cellLabel } from "../labels";
import { finding } from "../meta";
import type { Finding } from "../types";

/** Shown per finding at most; the rest are counted. */
const LIST_MAX = 12;

function listed(keys: readonly string[], conf: Readonly<Record<string, number>>, lang: "zh" | "en"): string {
  const shown = keys.slice(0, LIST_MAX).map((k) => (lang === "zh" ? `${cellLabel(k).zh}（${conf[k]}%）` : `${cellLabel(k).en} (${conf[k]}%)`));
  const more = keys.length - shown.length;
  if (lang === "zh") return shown.join("、") + (more > 0 ? ` 等另 ${more} 格` : "");
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

export function checkLowConfidence(ctx: ReportContext): Finding[] {
  const conf = ctx.input.ocrConfidence;
  if (!conf) return [];
  const low = Object.keys(ctx.input.cells).filter((k) => conf[k] !== undefined && (conf[k] ?? 100) < LOW_CONFIDENCE);
  if (low.length === 0) return [];
  return [
    finding("S-OCR-LOW", {
      cells: low,
      blame: low,
      message: {
        zh: `以下 ${low.length} 个数字由 OCR 从扫描件识别，置信度低于 ${LOW_CONFIDENCE}%，请对照原件核对：${listed(low, conf, "zh")}。`,
        en: `${low.length} figure(s) were recognised by OCR from the scan with a confidence below ${LOW_CONFIDENCE}%; check them against the original: ${listed(low, conf, "en")}.`,
      },
      details: { ocrConfidence: Object.fromEntries(low.map((k) => [k, conf[k]])) },
    }),
  ];
}

/** Adds to a finding which of its cells were OCR'd (blamed cells first), and how sure OCR was. */
export function noteOcrCells(f: Finding, conf: Readonly<Record<string, number>>): Finding {
  if (f.rule === "S-OCR-LOW") return f;
  const involved = [...new Set([...f.blame, ...f.cells])].filter((k) => conf[k] !== undefined);
  if (involved.length === 0) return f;
  // The blamed cells when OCR'd, else the three least certain: the likeliest misreadings.
  const blamed = f.blame.filter((k) => conf[k] !== undefined);
  const ordered = blamed.length > 0 ? blamed : [...involved].sort((a, b) => (conf[a] ?? 100) - (conf[b] ?? 100)).slice(0, 3);
  return {
    ...f,
    message: {
      zh: `${f.message.zh}（注意：相关数字由 OCR 从扫描件识别，可能是识别错误而非报告错误，请对照原件核对：${listed(ordered, conf, "zh")}。）`,
      en: `${f.message.en} (Note: these figures were recognised by OCR from a scan, so this may be a misreading rather than an error in the report; check against the original: ${listed(ordered, conf, "en")}.)`,
    },
    details: { ...(f.details ?? {}), ocrConfidence: Object.fromEntries(ordered.map((k) => [k, conf[k]])) },
  };
}
