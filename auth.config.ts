/**
 * The part of the Auth.js configuration with no database or bcrypt: session strategy, pages and
 * the callbacks that copy our claims into the JWT and the session. `proxy.ts` builds its
 * optimistic check from this alone; `auth.ts` adds the Credentials provider (STYLE rule 11).
 */
import { AuthError, type NextAuthConfig } from "next-auth";
import { claimsOf, sessionSecret, type SessionClaims } from "./auth.claims";
import type { UserRole } from "./db/schema/users.constants";

/** Auth.js's session cookie, plain on http and __Secure- on https. */
export const SESSION_COOKIE_NAMES = ["authjs.session-token", "__Secure-authjs.session-token"] as const;

/** Set by proxy.ts on every request it passes: the path and query, for `/login?next=`. */
export const PATH_HEADER = "x-gongkai-path";

/** A session lasts 8 hours from sign-in (server actions that re-read it extend it). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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

export const authConfig = {
  secret: sessionSecret(),
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
export type { SessionClaims };
