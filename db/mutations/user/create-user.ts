/** An administrator creates an account: agency users need an agency, oversight users a region. */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { emailSchema, passwordSchema } from "../../../lib/domain/users";
import { AccessDeniedError, actorUserId, isPrivileged, type Ctx } from "../../context";
import { agencies, auditLog, regions, users } from "../../schema";
import { USER_ROLES } from "../../schema/users.constants";
import { MutationError } from "../errors";
import { generatePassword, hashPassword } from "./_password";

export const createUserInputSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  role: z.enum(USER_ROLES),
  agencyId: z.uuid().nullish(),
  regionCode: z.string().regex(/^[0-9]{6}([0-9]{3})?$/).nullish(),
  /** Omitted: a random one is generated and returned once. */
  password: passwordSchema.nullish(),
});

export interface CreateUserOptions {
  ctx: Ctx;
  input: z.input<typeof createUserInputSchema>;
}

export interface CreateUserResult {
  userId: string;
  email: string;
  /** Set only when generated here: shown once to the administrator, never stored in clear. */
  generatedPassword: string | null;
}

export async function createUser({ ctx, input }: CreateUserOptions): Promise<CreateUserResult> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators create accounts. 只有管理员可以创建账户。");
  const parsed = createUserInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", z.prettifyError(parsed.error));
  const { email, name, role } = parsed.data;
  // Only the field the role uses is kept, so an admin form's leftover selection can't widen scope.
  const agencyId = role === "agency" ? (parsed.data.agencyId ?? null) : null;
  const regionCode = role === "oversight" ? (parsed.data.regionCode ?? null) : null;
  if (role === "agency" && !agencyId) throw new MutationError("scope_missing", "An agency user needs an agency.");
  if (role === "oversight" && !regionCode) throw new MutationError("scope_missing", "An oversight user needs a region.");
  const generatedPassword = parsed.data.password ? null : generatePassword();
  const passwordHash = await hashPassword(parsed.data.password ?? generatedPassword!);

  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (taken) throw new MutationError("email_taken", `${email} already has an account.`);
    if (agencyId) {
      const [agency] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId));
      if (!agency) throw new MutationError("not_found", "No such agency.");
    }
    if (regionCode) {
      const [region] = await tx.select({ code: regions.adminCode }).from(regions).where(eq(regions.adminCode, regionCode));
      if (!region) throw new MutationError("not_found", `No region ${regionCode}.`);
    }
    const [user] = await tx
      .insert(users)
      .values({ email, name, role, agencyId, regionCode, passwordHash })
      .returning({ id: users.id, email: users.email });
    await tx.insert(auditLog).values({
      actorUserId: actorUserId(ctx),
      action: "user.create",
      entity: "user",
      entityId: user!.id,
      details: { email, role, agencyId, regionCode, actor: ctx.viewer.kind === "system" ? ctx.viewer.name : undefined },
    });
    return { userId: user!.id, email: user!.email, generatedPassword };
  });
}
