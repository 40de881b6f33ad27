/**
 * The one body of a signed-out API call's 401, from proxy.ts and from every route handler:
 * `{ error: { code, message, zh, en } }` — the same shape as every other API error. (Pure data:
 * callers wrap it in their NextResponse, lib/ imports nothing from Next.)
 */
export const UNAUTHORIZED_BODY = { error: { code: "unauthorized", message: "请先登录。 Sign in first.", zh: "请先登录。", en: "Sign in first." } } as const;

export const UNAUTHORIZED_INIT = { status: 401, headers: { "Cache-Control": "no-store" } } as const;
