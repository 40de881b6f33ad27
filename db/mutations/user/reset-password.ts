/**
 * An administrator sets a new password for an account (generated unless given), lifts any lockout
 * and signs the account out everywhere (users.sessions_valid_after).
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { passwordSchema } from "../../../lib/domain/users";
import { AccessDeniedError, actorUserId, isPrivileged, type Ctx } from "../../context";
import { auditLog, users } from "../../schema";
import { MutationError } from "../errors";
import { generatePassword, hashPassword } from "./_password";

export const resetPasswordInputSchema = z.object({
  userId: z.uuid(),
  password: passwordSchema.nullish(),
});

export interface ResetPasswordOptions {
  ctx: Ctx;
  input: z.input<typeof resetPasswordInputSchema>;
}

export async function resetPassword({ ctx, input }: ResetPasswordOptions): Promise<{ userId: string; generatedPassword: string | null }> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators reset passwords. 只有管理员可以重置密码。");
  const parsed = resetPasswordInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", z.prettifyError(parsed.error));
  const generatedPassword = parsed.data.password ? null : generatePassword();
  const passwordHash = await hashPassword(parsed.data.password ?? generatedPassword!);

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, sessionsValidAfter: new Date() })
      .where(eq(users.id, parsed.data.userId))
      .returning({ id: users.id });
    if (!row) throw new MutationError("not_found", "No such user.");
    await tx.insert(auditLog).values({ actorUserId: actorUserId(ctx), action: "user.reset_password", entity: "user", entityId: row.id });
    return { userId: row.id, generatedPassword };
  });
}
