/**
 * What both export endpoints do first: authenticate (401, never a redirect), parse the same
 * query string as /compare, load the comparison through the scoped query, and answer bad input
 * with 400 `{ error: { code, message } }` in both languages.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getOptionalCtx } from "@/app/_lib/session";
import type { Ctx } from "@/db/context";
import { getComparison } from "@/db/queries/compare/get-comparison";
import { getAll, parseCompareParams, requireSeries, type CompareError, type CompareParams } from "@/lib/export/compare-params";
import type { Comparison } from "@/lib/export/comparison";
import { isLang, type Lang } from "@/lib/i18n";

/** A 400's body: a code, and the message in both languages (CompareError is one). */
export interface ExportError {
  code: string;
  message: { zh: string; en: string };
  param?: string;
}

export function errorResponse(error: ExportError | CompareError, status = 400): NextResponse {
  return NextResponse.json(
    { error: { code: error.code, message: `${error.message.zh} ${error.message.en}`, zh: error.message.zh, en: error.message.en, ...(error.param ? { param: error.param } : {}) } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

import { UNAUTHORIZED_BODY, UNAUTHORIZED_INIT } from "@/lib/http/unauthorized";

export function unauthorized(): NextResponse {
  return NextResponse.json(UNAUTHORIZED_BODY, UNAUTHORIZED_INIT);
}

export interface LoadedExport {
  ctx: Ctx;
  params: CompareParams;
  comparison: Comparison;
  search: URLSearchParams;
  /** Exports are in Chinese unless `lang=en`. */
  lang: Lang;
}

export async function loadExport(request: NextRequest): Promise<LoadedExport | NextResponse> {
  const ctx = await getOptionalCtx();
  if (!ctx) return unauthorized();
  const search = new URLSearchParams(request.nextUrl.searchParams);
  // `view=compare` names this page's exports explicitly; the comparison's own view then is the default.
  if (search.getAll("view").length === 1 && search.get("view") === "compare") search.delete("view");
  const parsed = parseCompareParams(search);
  if (!parsed.ok) return errorResponse(parsed.error);
  const missing = requireSeries(parsed.value);
  if (missing) return errorResponse(missing);
  const result = await getComparison({ ctx, input: { params: parsed.value } });
  if (!result.ok) return errorResponse(result.error);
  const langRaw = getAll(search, "lang")[0];
  return { ctx, params: parsed.value, comparison: result.value, search, lang: isLang(langRaw) ? langRaw : "zh" };
}

/** Today in China (exports are dated for Chinese briefings), as YYYY-MM-DD. */
export function exportDate(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** "不予公开率对比_2021-2024" — a file name base that says what is inside. */
export function fileBase(title: string): string {
  return title
    .replace(/[（(]/g, "_")
    .replace(/[）)年]/g, "")
    .replace(/[–—]/g, "-")
    .replace(/\s*·\s*/g, "_")
    .replace(/[\\/:*?"<>|\s：，,]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}
