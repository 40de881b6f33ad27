/** An administrator lifts a sign-in lock before it runs out (and clears the failure count). */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, actorUserId, isPrivileged, type Ctx } from "../../context";
import { auditLog, users } from "../../schema";
import { MutationError } from "../errors";

export const unlockUserInputSchema = z.object({ userId: z.uuid() });

export interface UnlockUserOptions {
  ctx: Ctx;
  input: z.input<typeof unlockUserInputSchema>;
}

export async function unlockUser({ ctx, input }: UnlockUserOptions): Promise<{ userId: string; wasLocked: boolean }> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators unlock accounts. 只有管理员可以解除锁定。");
  const parsed = unlockUserInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", z.prettifyError(parsed.error));
  const { userId } = parsed.data;

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId)).for("update");
    if (!row) throw new MutationError("not_found", "No such user.");
    const wasLocked = row.lockedUntil !== null && row.lockedUntil > new Date();
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
    await tx.insert(auditLog).values({ actorUserId: actorUserId(ctx), action: "user.unlock", entity: "user", entityId: userId, details: { wasLocked } });
    return { userId, wasLocked };
  });
}
