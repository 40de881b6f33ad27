/**
 * The sign-in check behind the Credentials provider: rate limits per client address and per
 * account, compares the bcrypt hash, and records the outcome (users.failed_logins/locked_until
 * and the audit log). The only code that reads password_hash besides change-password.
 */
import "server-only";
import bcrypt from "bcryptjs";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, type Ctx } from "../../context";
import { auditLog, users } from "../../schema";
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS, MAX_FAILED_LOGINS_PER_ADDRESS, type UserRole } from "../../schema/users.constants";
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

type Tx = Parameters<Parameters<Ctx["db"]["transaction"]>[0]>[0];

/**
 * An unknown email answers exactly as an account would: "invalid" four times, "locked" (15
 * minutes) on the fifth, "locked" while that lasts, then counting again. Otherwise the lockout
 * itself would tell which emails have accounts. The counter is the audit log's entries for the
 * email since its last lock (there is no user row to keep it in).
 */
async function unknownEmailFailure(tx: Tx, email: string, now: Date, fail: (userId: string | null, reason: string) => Promise<void>): Promise<AuthenticateUserResult> {
  const recent = await tx
    .select({ reason: sql<string>`${auditLog.details}->>'reason'`, at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.action, "user.sign_in_failed"), isNull(auditLog.entityId), sql`${auditLog.details}->>'email' = ${email}`))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(MAX_FAILED_LOGINS * 4);
  const lastLock = recent.find((r) => r.reason === "unknown_email_locked");
  const lockEnds = lastLock ? new Date(new Date(lastLock.at).getTime() + LOCKOUT_MINUTES * 60_000) : null;
  if (lockEnds && lockEnds > now) {
    await fail(null, "locked");
    return { ok: false, reason: "locked", until: lockEnds };
  }
  const sinceLock = lastLock ? recent.slice(0, recent.indexOf(lastLock)) : recent;
  const failures = sinceLock.filter((r) => r.reason === "unknown_email").length + 1;
  if (failures >= MAX_FAILED_LOGINS) {
    await fail(null, "unknown_email_locked");
    return { ok: false, reason: "locked", until: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) };
  }
  await fail(null, "unknown_email");
  return { ok: false, reason: "invalid" };
}

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
        // The check's clock, so an unknown email's lock (counted from these entries) runs on it too.
        at: now,
      });
    };

    if (!user) {
      await bcrypt.compare(password, DUMMY_HASH);
      return unknownEmailFailure(tx, email.toLowerCase(), now, fail);
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
