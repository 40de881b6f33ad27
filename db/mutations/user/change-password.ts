/**
 * A signed-in user changes their own password, proving the current one first. A wrong current
 * password counts toward the account lockout exactly like a failed sign-in, and a change voids
 * every session issued before it (users.sessions_valid_after; see getViewer).
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { passwordSchema } from "../../../lib/domain/users";
import { AccessDeniedError, type Ctx } from "../../context";
import { auditLog, users } from "../../schema";
import { MutationError } from "../errors";
import { recordWrongPassword } from "./_lockout";
import { hashPassword, verifyPassword } from "./_password";

export const changePasswordInputSchema = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: passwordSchema,
  /** The client address as the server saw it, for the audit entry of a failure. */
  ip: z.string().max(100).nullable().default(null),
});

export interface ChangePasswordOptions {
  ctx: Ctx;
  input: z.input<typeof changePasswordInputSchema>;
  /** The clock, for tests. */
  now?: Date;
}

export interface ChangePasswordResult {
  userId: string;
  /** Sessions issued before this instant are void; the caller re-issues its own (see auth.ts). */
  sessionsValidAfter: Date;
}

/**
 * Throws MutationError "wrong_password" (counted), "locked" (details.until: the lock's end, set by
 * this attempt or an earlier one), "same_password" or "invalid_input".
 */
export async function changePassword({ ctx, input, now = new Date() }: ChangePasswordOptions): Promise<ChangePasswordResult> {
  if (ctx.viewer.kind !== "user") throw new AccessDeniedError("Only a signed-in user changes their own password.");
  const userId = ctx.viewer.userId;
  const parsed = changePasswordInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", z.prettifyError(parsed.error));
  const { currentPassword, newPassword, ip } = parsed.data;
  if (currentPassword === newPassword) throw new MutationError("same_password", "The new password must differ from the current one.");

  const outcome = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: users.id, passwordHash: users.passwordHash, failedLogins: users.failedLogins, lockedUntil: users.lockedUntil })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!row) throw new MutationError("not_found", "No such user.");
    if (row.lockedUntil && row.lockedUntil > now) {
      await tx.insert(auditLog).values({ actorUserId: userId, action: "user.change_password_failed", entity: "user", entityId: userId, details: { ip, reason: "locked" } });
      return { ok: false, locked: row.lockedUntil } as const;
    }
    if (!(await verifyPassword(currentPassword, row.passwordHash))) {
      const locked = await recordWrongPassword({ tx, user: row, now, action: "user.change_password_failed", actorUserId: userId, details: { ip } });
      return { ok: false, locked } as const;
    }
    // Hashed only once the current password is proven (bcrypt is slow); holds just this user's row.
    const passwordHash = await hashPassword(newPassword);
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null, sessionsValidAfter: now }).where(eq(users.id, userId));
    await tx.insert(auditLog).values({ actorUserId: userId, action: "user.change_password", entity: "user", entityId: userId, details: { ip } });
    return { ok: true } as const;
  });
  // Thrown after the transaction so the failure's counter and audit entry are committed.
  if (!outcome.ok) {
    if (outcome.locked) throw new MutationError("locked", "The account is locked.", { until: outcome.locked.toISOString() });
    throw new MutationError("wrong_password", "The current password is wrong.");
  }
  return { userId, sessionsValidAfter: now };
}
