/**
 * Runs one hostile file through the pure pipeline (analyzeDocument, as the dry run does) and
 * measures it: wall time, and how far the process's peak resident memory rose (the high-water
 * mark after minus the resident size before: an upper bound of what this file added at its peak).
 */
import { ISSUE_CODES } from "../issues";
import { analyzeDocument, toDryRunLine } from "../analyze";
import type { ExtractTools } from "../extract/tools";
import type { HostileFile } from "./corpus";

export interface HostileResult {
  name: string;
  what: string;
  sizeBytes: number;
  ok: boolean;
  code: string | null;
  message: string;
  ms: number;
  /** Peak resident memory above the resident size before the file, in MB (upper bound). */
  peakMb: number;
  /** Problems: an open code, a stack trace in a message. */
  problems: string[];
}

const CLOSED = new Set<string>(ISSUE_CODES);
const STACK = /\n\s+at |\bat [\w.]+ \(.*:\d+:\d+\)|node_modules\//u;

/** `tools`: the external readers (MuPDF, Tesseract, LibreOffice) the server injects; none = the pure pipeline. */
export async function runHostile(file: HostileFile, tools?: ExtractTools): Promise<HostileResult> {
  const bytes = await file.bytes();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const analyzed = await analyzeDocument(bytes, file.name, tools ? { tools } : {});
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  const line = toDryRunLine(file.name, analyzed);
  const problems: string[] = [];
  if (line.error && !CLOSED.has(line.error.code) && line.error.code !== "agency_missing" && line.error.code !== "year_missing") problems.push(`open code ${line.error.code}`);
  for (const i of line.issues) if (!CLOSED.has(i.code)) problems.push(`open issue code ${i.code}`);
  const texts = [line.error?.message ?? "", ...line.issues.map((i) => i.message)];
  if (texts.some((t) => STACK.test(t))) problems.push("stack trace in a message");
  return {
    name: file.name,
    what: file.what,
    sizeBytes: bytes.length,
    ok: line.ok,
    code: line.error?.code ?? null,
    message: (line.error?.message ?? "").slice(0, 160),
    ms,
    peakMb: Math.max(0, (peak - rssBefore) / 1048576),
    problems,
  };
}
