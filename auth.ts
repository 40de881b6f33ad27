/**
 * Auth.js: the Credentials provider over our users table, JWT sessions (auth.config.ts). Exports
 * `auth` wrapped in React `cache` so a request reads its session once (STYLE rule 11). Pages and
 * actions should use app/_lib/session.ts (requireCtx), which also re-checks the user row.
 */
import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "./db/client";
import { systemCtx } from "./db/context";
import { authenticateUser } from "./db/mutations/user/authenticate-user";
import { authConfig } from "./auth.config";

/**
 * Why sign-in failed, for the login form. `code` never says whether the email exists:
 * "invalid" covers unknown email, wrong password and a disabled account alike.
 */
export class SignInRefused extends CredentialsSignin {
  constructor(
    readonly reason: "invalid" | "locked" | "address_limited",
    readonly until: Date | null = null,
  ) {
    super();
    this.code = until ? `${reason}:${until.toISOString()}` : reason;
  }
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) });

/** The client address next start saw (x-forwarded-for is set by Next itself, or by a trusted proxy in front). */
function clientAddress(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first || request.headers.get("x-real-ip") || null;
}

const nextAuth = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid");
        const db = getDb();
        const result = await authenticateUser({ ctx: systemCtx("sign-in", db), input: { ...parsed.data, ip: clientAddress(request) } });
        if (!result.ok) throw new SignInRefused(result.reason, "until" in result ? result.until : null);
        const { user } = result;
        return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, regionCode: user.regionCode };
      },
    }),
  ],
});

export const { handlers, signIn, signOut } = nextAuth;
/** The current request's session (JWT claims), read once per request. */
export const auth = cache(async () => nextAuth.auth());
