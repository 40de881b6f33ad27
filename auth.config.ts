/**
 * The part of the Auth.js configuration with no database or bcrypt: session strategy, pages and
 * the callbacks that copy our claims into the JWT and the session. `proxy.ts` builds its
 * optimistic check from this alone; `auth.ts` adds the Credentials provider (STYLE rule 11).
 */
import { AuthError, type NextAuthConfig } from "next-auth";
import type { UserRole } from "./db/schema/users.constants";
import { env } from "./lib/env";

/** Auth.js's session cookie, plain on http and __Secure- on https. */
export const SESSION_COOKIE_NAMES = ["authjs.session-token", "__Secure-authjs.session-token"] as const;

/** Set by proxy.ts on every request it passes: the path and query, for `/login?next=`. */
export const PATH_HEADER = "x-gongkai-path";

/** A session lasts 8 hours from sign-in (server actions that re-read it extend it). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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

declare module "next-auth" {
  interface User {
    role?: UserRole;
    agencyId?: string | null;
    regionCode?: string | null;
  }
  interface Session {
    claims?: SessionClaims;
    /** Sent only by reissueSessionAfterPasswordChange (auth.ts) through unstable_update. */
    reissue?: { validAfterMs: number; proof: string };
  }
}

/** Narrows what the JWT callback stored; a token from before a claim existed just lacks it. */
function claimsOf(token: Record<string, unknown>): SessionClaims | null {
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

export const authConfig = {
  // lib/env demands AUTH_SECRET of a production server (npm start provides one); `next dev` and
  // tests may run without, on a fixed secret that signs nothing of value.
  secret: env.AUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : "gongkai-development-only-secret-not-for-production"),
  // We run behind `next start` on whatever host the operator chose; Auth.js only uses the host to
  // build its own callback URLs, and our one provider (Credentials) has no external redirects.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
  logger: {
    // Refused sign-ins (in the audit log) and expired or forged session cookies (sent to /login)
    // are expected outcomes, not server errors: no stack trace for them.
    error(error) {
      if (error instanceof AuthError && (error.type === "CredentialsSignin" || error.type === "JWTSessionError")) return;
      console.error(error);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      // `user` is set only at sign-in: the value authorize() returned.
      if (user?.id && user.role) {
        token.userId = user.id;
        token.role = user.role;
        token.agencyId = user.agencyId ?? null;
        token.regionCode = user.regionCode ?? null;
        token.issuedAtMs = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      const claims = claimsOf(token);
      if (claims) session.claims = claims;
      return session;
    },
  },
} satisfies NextAuthConfig;

export { claimsOf };
