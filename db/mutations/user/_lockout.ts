/**
 * One wrong password, wherever it was typed (sign-in, change-password): the same per-account
 * counter, the same lock after MAX_FAILED_LOGINS, the same audit entries. Not an action itself:
 * callers pass their transaction.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../client";
import { auditLog, users } from "../../schema";
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from "../../schema/users.constants";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface RecordWrongPasswordOptions {
  tx: Tx;
  user: { id: string; failedLogins: number };
  now: Date;
  /** The failure's audit action: user.sign_in_failed or user.change_password_failed. */
  action: "user.sign_in_failed" | "user.change_password_failed";
  /** Who acted (the signed-in user for change-password; null-or-target for sign-in). */
  actorUserId: string | null;
  details: Record<string, unknown>;
}

/** Counts the failure; returns the lock's end when this one locked the account, else null. */
export async function recordWrongPassword({ tx, user, now, action, actorUserId, details }: RecordWrongPasswordOptions): Promise<Date | null> {
  const failures = user.failedLogins + 1;
  const locks = failures >= MAX_FAILED_LOGINS;
  const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  await tx
    .update(users)
    .set({ failedLogins: locks ? 0 : failures, lockedUntil: locks ? until : null })
    .where(eq(users.id, user.id));
  await tx.insert(auditLog).values({
    actorUserId,
    action,
    entity: "user",
    entityId: user.id,
    details: { ...details, reason: locks ? "wrong_password_locked" : "wrong_password" },
  });
  if (!locks) return null;
  await tx.insert(auditLog).values({ actorUserId: null, action: "user.lock", entity: "user", entityId: user.id, details: { until: until.toISOString(), ip: details.ip ?? null, via: action } });
  return until;
}
