/**
 * The sign-in check behind the Credentials provider: rate limits per client address and per
 * account, compares the bcrypt hash, and records the outcome (users.failed_logins/locked_until
 * and the audit log). The only code that reads password_hash besides change-password.
 */
import "server-only";
import bcrypt from "bcryptjs";
import { and, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, type Ctx } from "../../context";
import { auditLog, users } from "../../schema";
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS_PER_ADDRESS, type UserRole } from "../../schema/users.constants";
import { recordWrongPassword } from "./_lockout";

export const authenticateUserInputSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  /** The client address as the server saw it; null when unknown (scripts, tests). */
  ip: z.string().max(100).nullable().default(null),
});

export interface AuthenticateUserOptions {
  ctx: Ctx;
  input: z.input<typeof authenticateUserInputSchema>;
  /** The clock, for tests. */
  now?: Date;
}

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  agencyId: string | null;
  regionCode: string | null;
}

export type AuthenticateUserResult =
  | { ok: true; user: AuthenticatedUser }
  /** Wrong email or password, or a disabled account: the caller must not say which. */
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date }
  | { ok: false; reason: "address_limited"; until: Date };

// Compared against when the email is unknown, so both paths take a bcrypt's time.
const DUMMY_HASH = bcrypt.hashSync("gongkai-no-such-user", 10);

export async function authenticateUser({ ctx, input, now = new Date() }: AuthenticateUserOptions): Promise<AuthenticateUserResult> {
  // Signing in happens before there is a user: only the sign-in route (a system ctx) may ask.
  if (ctx.viewer.kind !== "system") throw new AccessDeniedError("Sign-in checks run only on behalf of the sign-in route.");
  const parsed = authenticateUserInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password, ip } = parsed.data;
  const windowStart = new Date(now.getTime() - LOCKOUT_MINUTES * 60_000);

  if (ip) {
    const [recent] = await ctx.db
      .select({ count: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${auditLog.at})` })
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.sign_in_failed"), gt(auditLog.at, windowStart), sql`${auditLog.details}->>'ip' = ${ip}`));
    if (recent && recent.count >= MAX_FAILED_LOGINS_PER_ADDRESS && recent.oldest !== null) {
      return { ok: false, reason: "address_limited", until: new Date(new Date(recent.oldest).getTime() + LOCKOUT_MINUTES * 60_000) };
    }
  }

  return ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        agencyId: users.agencyId,
        regionCode: users.regionCode,
        passwordHash: users.passwordHash,
        disabled: users.disabled,
        failedLogins: users.failedLogins,
        lockedUntil: users.lockedUntil,
      })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`)
      .for("update");

    const fail = async (userId: string | null, reason: string) => {
      await tx.insert(auditLog).values({
        actorUserId: userId,
        action: "user.sign_in_failed",
        entity: "user",
        entityId: userId,
        details: { ip, reason, email: email.toLowerCase() },
      });
    };

    if (!user) {
      await bcrypt.compare(password, DUMMY_HASH);
      await fail(null, "unknown_email");
      return { ok: false, reason: "invalid" } as const;
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await fail(user.id, "locked");
      return { ok: false, reason: "locked", until: user.lockedUntil } as const;
    }
    const matches = await bcrypt.compare(password, user.passwordHash);
    if (!matches) {
      const lockedUntil = await recordWrongPassword({
        tx,
        user,
        now,
        action: "user.sign_in_failed",
        actorUserId: user.id,
        details: { ip, email: email.toLowerCase() },
      });
      if (lockedUntil) return { ok: false, reason: "locked", until: lockedUntil } as const;
      return { ok: false, reason: "invalid" } as const;
    }
    if (user.disabled) {
      await fail(user.id, "disabled");
      return { ok: false, reason: "invalid" } as const;
    }
    if (user.failedLogins !== 0 || user.lockedUntil !== null) {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    }
    await tx.insert(auditLog).values({ actorUserId: user.id, action: "user.sign_in", entity: "user", entityId: user.id, details: { ip } });
    const { passwordHash: _hash, disabled: _disabled, failedLogins: _failed, lockedUntil: _locked, ...safe } = user;
    return { ok: true, user: safe } as const;
  });
}
