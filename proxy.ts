/**
 * Optimistic redirects only (STYLE rule 11): a visitor without a valid session token goes to
 * /login before the page renders. The real checks are requireCtx() in pages and actions and the
 * scope in db/queries. Also passes the requested path to server components for `/login?next=`.
 *
 * Two guards for every request it sees: a body over the upload limit is refused from its
 * Content-Length before it is read (413, in both languages), and every response gets the
 * Content-Security-Policy with a fresh nonce, which Next puts on its own scripts.
 *
 * It only reads the token (getToken), never re-issues it: Auth.js's `auth()` wrapper would set a
 * refreshed session cookie on every response, which raced with — and undid — signing out.
 */
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig, PATH_HEADER, SESSION_COOKIE_NAMES } from "./auth.config";
import { contentSecurityPolicy, newNonce } from "./lib/http/security-headers";
import { UNAUTHORIZED_BODY, UNAUTHORIZED_INIT } from "./lib/http/unauthorized";
import { MAX_REQUEST_BODY_BYTES, tooLargeMessage } from "./lib/http/upload-limit";

const PUBLIC_PREFIXES = ["/login", "/api/health", "/api/demo-load", "/api/auth"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const response = await route(request, nonce, csp);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/** Bodies over the limit are refused unread; a missing or malformed length is left to Next's own cap. */
function oversizedBody(request: NextRequest): number | null {
  const length = Number(request.headers.get("content-length"));
  return Number.isFinite(length) && length > MAX_REQUEST_BODY_BYTES ? length : null;
}

async function route(request: NextRequest, nonce: string, csp: string): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const oversized = oversizedBody(request);
  if (oversized !== null) {
    return new NextResponse(`${tooLargeMessage(oversized)}\n`, { status: 413, headers: { "content-type": "text/plain; charset=utf-8", connection: "close" } });
  }
  if (!isPublic(pathname)) {
    const secureCookie = request.nextUrl.protocol === "https:";
    // Decrypts and checks expiry; a forged, expired or foreign token gives null.
    const token = await getToken({ req: request, secret: authConfig.secret, secureCookie });
    if (typeof token?.userId !== "string") {
      // API routes answer 401 rather than a page redirect, in the handlers' error shape.
      if (pathname.startsWith("/api/")) return NextResponse.json(UNAUTHORIZED_BODY, UNAUTHORIZED_INIT);
      const login = new URL("/login", request.nextUrl);
      login.searchParams.set("next", `${pathname}${search}`);
      if (SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) login.searchParams.set("expired", "1");
      return NextResponse.redirect(login);
    }
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(PATH_HEADER, `${pathname}${search}`);
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", csp);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  // Everything but Next's own assets and static files.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|jpg|jpeg|gif|webp|ico|css|js|woff2?)$).*)"],
};
