/**
 * The session token's claims and secret, with no Auth.js or Next import: auth.config.ts builds on
 * them, and so does the page cache's session check (lib/http/page-cache-lookup.ts), which runs
 * in front of Next where Auth.js's Next modules cannot load.
 */
import type { UserRole } from "./db/schema/users.constants";
import { env } from "./lib/env";

/** The claims we keep in the token; the server re-reads the user row on every request anyway. */
export interface SessionClaims {
  userId: string;
  role: UserRole;
  agencyId: string | null;
  regionCode: string | null;
  /**
   * When this session was issued, in ms (our own claim: Auth.js rewrites `iat` whenever it
   * refreshes the cookie, and `iat` has only second granularity). Compared with
   * users.sessions_valid_after; null for tokens from before the claim existed (refused once the
   * password has changed).
   */
  issuedAtMs: number | null;
}

/**
 * The secret that signs session cookies. lib/env demands AUTH_SECRET of a production server
 * (npm start provides one); `next dev` and tests may run without, on a fixed secret that signs
 * nothing of value.
 */
export function sessionSecret(): string | undefined {
  return env.AUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : "gongkai-development-only-secret-not-for-production");
}

/** Narrows what the JWT callback stored; a token from before a claim existed just lacks it. */
export function claimsOf(token: Record<string, unknown>): SessionClaims | null {
  const { userId, role, agencyId, regionCode, issuedAtMs } = token;
  if (typeof userId !== "string" || (role !== "admin" && role !== "oversight" && role !== "agency")) return null;
  return {
    userId,
    role,
    agencyId: typeof agencyId === "string" ? agencyId : null,
    regionCode: typeof regionCode === "string" ? regionCode : null,
    // Not `iat` for older tokens: Auth.js refreshes it, so a voided token could renew itself.
    issuedAtMs: typeof issuedAtMs === "number" ? issuedAtMs : null,
  };
}

