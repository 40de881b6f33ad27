/** An administrator disables (or re-enables) an account; a disabled user's session ends on its next request. */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, actorUserId, isPrivileged, type Ctx } from "../../context";
import { auditLog, users } from "../../schema";
import { MutationError } from "../errors";

export const disableUserInputSchema = z.object({
  userId: z.uuid(),
  /** false re-enables the account. */
  disabled: z.boolean().default(true),
});

export interface DisableUserOptions {
  ctx: Ctx;
  input: z.input<typeof disableUserInputSchema>;
}

export async function disableUser({ ctx, input }: DisableUserOptions): Promise<{ userId: string; disabled: boolean }> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators disable accounts. 只有管理员可以停用账户。");
  const parsed = disableUserInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", z.prettifyError(parsed.error));
  const { userId, disabled } = parsed.data;
  if (disabled && actorUserId(ctx) === userId) throw new MutationError("self", "You cannot disable your own account.");

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ disabled }).where(eq(users.id, userId)).returning({ id: users.id });
    if (!row) throw new MutationError("not_found", "No such user.");
    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: disabled ? "user.disable" : "user.enable",
      entity: "user",
      entityId: userId,
    });
    return { userId, disabled };
  });
}
