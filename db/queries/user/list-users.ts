/** Accounts for the administration page: explicit columns, never the password hash. Admin only. */
import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { AccessDeniedError, isPrivileged, type Ctx } from "../../context";
import { agencies, regions, users } from "../../schema";
import type { UserRole } from "../../schema/users.constants";

export interface ListUsersOptions {
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
  createdAt: Date;
}

export async function listUsers({ ctx }: ListUsersOptions): Promise<UserListItem[]> {
  if (!isPrivileged(ctx.viewer)) throw new AccessDeniedError("Only administrators list accounts. 只有管理员可以查看账户列表。");
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
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .leftJoin(regions, eq(regions.adminCode, users.regionCode))
    .orderBy(asc(users.role), asc(sql`lower(${users.email})`));
}

export interface AccountScopeOptions {
  agencies: { id: string; name: string; regionCode: string | null }[];
  regions: { code: string; name: string; level: string }[];
}

/** What the create-user form offers: active agencies, and regions down to county level. Admin only. */
export async function listAccountScopeOptions({ ctx }: ListUsersOptions): Promise<AccountScopeOptions> {
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
