/** Accounts for the administration page: explicit columns, never the password hash. Admin only. */
import "server-only";
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { AccessDeniedError, isPrivileged, type Ctx } from "../../context";
import { agencies, auditLog, regions, users } from "../../schema";
import type { UserRole } from "../../schema/users.constants";

export const listUsersInputSchema = z.object({
  /** Part of the email, the name, the agency or the region (name or code). */
  q: z.string().trim().max(100).optional(),
});

export interface ListUsersOptions {
  ctx: Ctx;
  input?: z.input<typeof listUsersInputSchema>;
}

export interface AccountScopeOptionsOptions {
  ctx: Ctx;
}

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  agencyId: string | null;
  agencyName: string | null;
  regionCode: string | null;
  regionName: string | null;
  disabled: boolean;
  /** Locked out after failed sign-ins until then (null when not locked). */
  lockedUntil: Date | null;
  /** The last successful sign-in (from the audit log); null when never. */
  lastSignInAt: Date | null;
  createdAt: Date;
}

export async function listUsers({ ctx, input = {} }: ListUsersOptions): Promise<UserListItem[]> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators list accounts. 只有管理员可以查看账户列表。");
  const parsed = listUsersInputSchema.safeParse(input);
  const q = parsed.success ? parsed.data.q : undefined;
  const pattern = q ? `%${q.replace(/[%_\\]/g, "")}%` : null;
  const lastSignIn = ctx.db
    .select({ userId: sql<string>`${auditLog.entityId}`.as("user_id"), at: sql<Date>`max(${auditLog.at})`.as("last_at") })
    .from(auditLog)
    .where(and(eq(auditLog.action, "user.sign_in"), eq(auditLog.entity, "user")))
    .groupBy(auditLog.entityId)
    .as("last_sign_in");
  return ctx.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      agencyId: users.agencyId,
      agencyName: agencies.name,
      regionCode: users.regionCode,
      regionName: regions.name,
      disabled: users.disabled,
      lockedUntil: sql<Date | null>`case when ${users.lockedUntil} > now() then ${users.lockedUntil} end`.mapWith(users.lockedUntil),
      lastSignInAt: sql<Date | null>`${lastSignIn.at}`.mapWith(users.createdAt),
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .leftJoin(regions, eq(regions.adminCode, users.regionCode))
    .leftJoin(lastSignIn, eq(lastSignIn.userId, sql`${users.id}::text`))
    .where(
      pattern
        ? or(ilike(users.email, pattern), ilike(users.name, pattern), ilike(agencies.name, pattern), ilike(regions.name, pattern), ilike(users.regionCode, pattern))
        : undefined,
    )
    .orderBy(asc(users.role), asc(sql`lower(${users.email})`));
}

export interface AccountScopeOptions {
  agencies: { id: string; name: string; regionCode: string | null }[];
  regions: { code: string; name: string; level: string }[];
}

/** What the create-user form offers: active agencies, and regions down to county level. Admin only. */
export async function listAccountScopeOptions({ ctx }: AccountScopeOptionsOptions): Promise<AccountScopeOptions> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators manage accounts. 只有管理员可以管理账户。");
  const [agencyRows, regionRows] = await Promise.all([
    ctx.db
      .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode })
      .from(agencies)
      .where(eq(agencies.reviewStatus, "active"))
      .orderBy(asc(agencies.regionCode), asc(agencies.name)),
    ctx.db
      .select({ code: regions.adminCode, name: regions.name, level: regions.level })
      .from(regions)
      .where(sql`${regions.level} in ('province', 'prefecture', 'county')`)
      .orderBy(asc(regions.adminCode)),
  ]);
  return { agencies: agencyRows, regions: regionRows };
}
