/**
 * Auth.js: the Credentials provider over our users table, JWT sessions (auth.config.ts). Exports
 * `auth` wrapped in React `cache` so a request reads its session once (STYLE rule 11). Pages and
 * actions should use app/_lib/session.ts (requireCtx), which also re-checks the user row.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "./db/client";
import { systemCtx } from "./db/context";
import { authenticateUser } from "./db/mutations/user/authenticate-user";
import { authConfig } from "./auth.config";
import { clientAddressFromHeaders } from "./lib/http/client-address";

/**
 * Why sign-in failed, for the login form. `code` never says whether the email exists:
 * "invalid" covers unknown email, wrong password and a disabled account alike.
 */
export class SignInRefused extends CredentialsSignin {
  constructor(
    readonly reason: "invalid" | "locked" | "address_limited" | "unavailable",
    readonly until: Date | null = null,
  ) {
    super();
    this.code = until ? `${reason}:${until.toISOString()}` : reason;
  }
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) });


/** How long after a password change its own browser may re-issue its session (see reissueProof). */
const REISSUE_WINDOW_MS = 60_000;

/**
 * Proof, only the server can make, that `userId` changed its password at `validAfterMs`: the
 * change-password action passes it to `unstable_update`, and the jwt callback then moves that one
 * token's issuedAtMs to the change. A voided token that calls /api/auth/session itself has none.
 */
function reissueProof(userId: string, validAfterMs: number): string {
  return createHmac("sha256", `${authConfig.secret ?? ""}:session-reissue`).update(`${userId}:${validAfterMs}`).digest("base64url");
}

/** The change instant a valid reissue request carries, else null. */
function reissueInstant(session: unknown, userId: unknown, now: number): number | null {
  if (typeof session !== "object" || session === null || typeof userId !== "string" || !authConfig.secret) return null;
  const { reissue } = session as { reissue?: unknown };
  if (typeof reissue !== "object" || reissue === null) return null;
  const { validAfterMs, proof } = reissue as Record<string, unknown>;
  if (typeof validAfterMs !== "number" || typeof proof !== "string") return null;
  if (now - validAfterMs > REISSUE_WINDOW_MS || validAfterMs > now + 5_000) return null;
  const expected = Buffer.from(reissueProof(userId, validAfterMs));
  const given = Buffer.from(proof);
  return expected.length === given.length && timingSafeEqual(expected, given) ? validAfterMs : null;
}

const nextAuth = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      const reissuedAt = params.trigger === "update" ? reissueInstant(params.session, token.userId, Date.now()) : null;
      if (reissuedAt !== null) token.issuedAtMs = reissuedAt;
      return token;
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid");
        let result: Awaited<ReturnType<typeof authenticateUser>>;
        try {
          result = await authenticateUser({ ctx: systemCtx("sign-in", getDb()), input: { ...parsed.data, ip: clientAddressFromHeaders(request.headers) } });
        } catch (error) {
          // The database failed, not the password: say the service is unavailable.
          console.error("sign-in: the database failed", error);
          throw new SignInRefused("unavailable");
        }
        if (!result.ok) throw new SignInRefused(result.reason, "until" in result ? result.until : null);
        const { user } = result;
        return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, regionCode: user.regionCode };
      },
    }),
  ],
});

export const { handlers, signIn, signOut } = nextAuth;

/**
 * Keeps the browser that just changed its password signed in: re-issues its session cookie as if
 * issued at the change (every other session stays void). Call from the server action only.
 */
export async function reissueSessionAfterPasswordChange(userId: string, validAfter: Date): Promise<void> {
  const validAfterMs = validAfter.getTime();
  await nextAuth.unstable_update({ reissue: { validAfterMs, proof: reissueProof(userId, validAfterMs) } });
}
/** The current request's session (JWT claims), read once per request. */
export const auth = cache(async () => nextAuth.auth());
