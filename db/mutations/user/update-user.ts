/**
 * An administrator changes an account's role and scope (agency for agency users, region for
 * oversight). The same rules as createUser: only the field the role uses is kept, the agency or
 * region must exist. An administrator cannot change their own role (no locking oneself out).
 * Sessions re-read the user row on every request, so the new scope applies at once.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, actorUserId, isPrivileged, type Ctx } from "../../context";
import { agencies, auditLog, regions, users } from "../../schema";
import { USER_ROLES, type UserRole } from "../../schema/users.constants";
import { MutationError } from "../errors";

export const updateUserInputSchema = z.object({
  userId: z.uuid(),
  role: z.enum(USER_ROLES),
  agencyId: z.uuid().nullish(),
  regionCode: z.string().regex(/^[0-9]{6}([0-9]{3})?$/).nullish(),
});

export interface UpdateUserOptions {
  ctx: Ctx;
  input: z.input<typeof updateUserInputSchema>;
}

export interface UpdateUserResult {
  userId: string;
  role: UserRole;
  agencyId: string | null;
  regionCode: string | null;
  changed: boolean;
}

export async function updateUser({ ctx, input }: UpdateUserOptions): Promise<UpdateUserResult> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators change accounts. 只有管理员可以修改账户。");
  const parsed = updateUserInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", z.prettifyError(parsed.error));
  const { userId, role } = parsed.data;
  const agencyId = role === "agency" ? (parsed.data.agencyId ?? null) : null;
  const regionCode = role === "oversight" ? (parsed.data.regionCode ?? null) : null;
  if (role === "agency" && !agencyId) throw new MutationError("scope_missing", "An agency user needs an agency.");
  if (role === "oversight" && !regionCode) throw new MutationError("scope_missing", "An oversight user needs a region.");

  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: users.role, agencyId: users.agencyId, regionCode: users.regionCode })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!before) throw new MutationError("not_found", "No such user.");
    if (actorUserId(ctx) === userId && role !== before.role) throw new MutationError("self", "You cannot change your own role.");
    if (agencyId) {
      const [agency] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId));
      if (!agency) throw new MutationError("not_found", "No such agency.");
    }
    if (regionCode) {
      const [region] = await tx.select({ code: regions.adminCode }).from(regions).where(eq(regions.adminCode, regionCode));
      if (!region) throw new MutationError("not_found", `No region ${regionCode}.`);
    }
    const changed = before.role !== role || before.agencyId !== agencyId || before.regionCode !== regionCode;
    if (changed) {
      await tx.update(users).set({ role, agencyId, regionCode, updatedAt: new Date() }).where(eq(users.id, userId));
      await tx.insert(auditLog).values({
        actorUserId: actorUserId(ctx),
        action: "user.update",
        entity: "user",
        entityId: userId,
        details: { from: before, to: { role, agencyId, regionCode } },
      });
    }
    return { userId, role, agencyId, regionCode, changed };
  });
}
