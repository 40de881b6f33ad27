/** A signed-in user changes their own password, proving the current one first. */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { passwordSchema } from "../../../lib/domain/users";
import { AccessDeniedError, type Ctx } from "../../context";
import { auditLog, users } from "../../schema";
import { MutationError } from "../errors";
import { hashPassword, verifyPassword } from "./_password";

export const changePasswordInputSchema = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: passwordSchema,
});

export interface ChangePasswordOptions {
  ctx: Ctx;
  input: z.input<typeof changePasswordInputSchema>;
}

export async function changePassword({ ctx, input }: ChangePasswordOptions): Promise<{ userId: string }> {
  if (ctx.viewer.kind !== "user") throw new AccessDeniedError("Only a signed-in user changes their own password.");
  const userId = ctx.viewer.userId;
  const parsed = changePasswordInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", z.prettifyError(parsed.error));
  const { currentPassword, newPassword } = parsed.data;
  if (currentPassword === newPassword) throw new MutationError("same_password", "The new password must differ from the current one.");

  const [row] = await ctx.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!row) throw new MutationError("not_found", "No such user.");
  if (!(await verifyPassword(currentPassword, row.passwordHash))) {
    throw new MutationError("wrong_password", "The current password is wrong.");
  }
  const passwordHash = await hashPassword(newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await tx.insert(auditLog).values({ actorUserId: userId, action: "user.change_password", entity: "user", entityId: userId });
    return { userId };
  });
}
