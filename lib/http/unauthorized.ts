/**
 * The one answer to a signed-out API call, from proxy.ts and from every route handler: 401 with
 * `{ error: { code, message, zh, en } }` — the same shape as every other API error.
 */
import { NextResponse } from "next/server";

export const UNAUTHORIZED_BODY = { error: { code: "unauthorized", message: "请先登录。 Sign in first.", zh: "请先登录。", en: "Sign in first." } } as const;

export function unauthorized(): NextResponse {
  return NextResponse.json(UNAUTHORIZED_BODY, { status: 401, headers: { "Cache-Control": "no-store" } });
}
