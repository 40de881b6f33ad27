/**
 * What the page cache (page-cache.ts) needs per request, checked as the pages check it: the
 * session token decoded as proxy.ts does, then the user row re-read as requireCtx does (disabled,
 * deleted, signed out or password changed: null, and Next answers). The key is the user as the
 * database has them now and the reader's language; the stamp is the database's page counter.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
// Auth.js's own token reader (what next-auth/jwt re-exports), without next-auth's Next modules.
import { getToken } from "@auth/core/jwt";
import { claimsOf, sessionSecret } from "@/auth.claims";
import type { Db } from "@/db/client";
import { checkViewer } from "@/db/queries/auth/get-viewer";
import { readPageStamp } from "@/db/queries/page-cache/read-page-stamp";
import { LANG_COOKIE, resolveLang } from "@/lib/i18n";
import type { PageCacheLookup } from "./page-cache";

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * `secret`: the one the server signs sessions with. Default: lib/env's, as Auth.js reads it. The
 * server passes its own: `npm start` sets AUTH_SECRET in process.env after lib/env was first read.
 */
export function pageCacheLookup(getDb: () => Db, secret: string | undefined = sessionSecret()): (req: IncomingMessage) => Promise<PageCacheLookup | null> {
  return async (req) => {
    const cookie = req.headers.cookie;
    if (!cookie || !secret) return null;
    const secureCookie = cookie.includes("__Secure-authjs.session-token");
    const headers = new Headers();
    headers.set("cookie", cookie);
    const token = await getToken({ req: { headers }, secret, secureCookie });
    const claims = token ? claimsOf(token) : null;
    if (!claims) return null;
    const db = getDb();
    const [viewer, stamp] = await Promise.all([checkViewer({ userId: claims.userId, issuedAtMs: claims.issuedAtMs, db }), readPageStamp(db)]);
    if (!viewer.ok || stamp === null) return null;
    const { user } = viewer;
    const lang = resolveLang(cookieValue(cookie, LANG_COOKIE));
    return { key: JSON.stringify([user.id, user.role, user.agencyId, user.regionCode, user.name, user.email, lang]), stamp };
  };
}
