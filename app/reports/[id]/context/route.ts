import { getOptionalCtx } from "@/app/_lib/session";
import { getCellSource } from "@/db/queries/report/get-cell-source";
import { extractDocument } from "@/lib/ingest/extract";
import { sourceContext, type SourceContext } from "@/lib/report-tables/source-context";
import { systemTools } from "@/lib/system";

/** Extracted text of the last few documents asked about (immutable, keyed by content hash). */
const TEXTS = new Map<string, Promise<string>>();
const KEEP = 8;

function extractedText(sha256: string, bytes: Uint8Array, fileName: string): Promise<string> {
  let text = TEXTS.get(sha256);
  if (!text) {
    // No OCR: a scan's text would be recognised again on every miss, far too slow for a pop-up.
    text = extractDocument(bytes, fileName, { tools: { ...systemTools(), ocr: undefined } }).then((d) => d.text);
    TEXTS.set(sha256, text);
    text.catch(() => TEXTS.delete(sha256));
    if (TEXTS.size > KEEP) TEXTS.delete(TEXTS.keys().next().value!);
  }
  return text;
}

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "private, max-age=3600" } });
}

/**
 * GET /reports/<id>/context?cell=t3.new_received.total → `{ context: SourceContext | null }`: the
 * lines around the figure in the original text. 401 signed out, 404 for a report the viewer may
 * not see (or a malformed key).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await getOptionalCtx();
  if (!ctx) return json({ error: { code: "unauthorized", zh: "请先登录。", en: "Sign in first." } }, 401);
  const { id } = await params;
  const cell = new URL(request.url).searchParams.get("cell") ?? "";
  const source = await getCellSource({ ctx, input: { id, cell } });
  if (!source) return json({ error: { code: "not_found", zh: "报告或单元格不存在。", en: "No such report or cell." } }, 404);
  if (!source.provenance || source.ocr) return json({ context: null });
  let context: SourceContext | null = null;
  try {
    context = sourceContext(await extractedText(source.sha256, source.bytes, source.fileName), source.provenance.loc, source.provenance.raw);
  } catch (error) {
    console.error(`report context: ${id} could not be read again`, error);
  }
  return json({ context });
}
