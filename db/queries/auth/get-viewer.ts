/**
 * Turns a session's user id into the Ctx every query and mutation takes, re-reading the user row
 * so a disabled or deleted account, or a changed role or scope, takes effect on the next request
 * rather than when the 8-hour token expires. The bootstrap of scoping, so it takes a Db, not a Ctx.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "../../client";
import type { Ctx } from "../../context";
import { users } from "../../schema";
import type { UserRole } from "../../schema/users.constants";

/** What the UI may show about the signed-in user (never the hash or the lockout state). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  agencyId: string | null;
  regionCode: string | null;
}

export interface GetViewerOptions {
  userId: string;
  /** Default: the process's database (getDb()). */
  db?: Db;
}

/** The user's Ctx, or null when the account no longer exists or is disabled. */
export async function getViewer({ userId, db = getDb() }: GetViewerOptions): Promise<{ ctx: Ctx; user: SessionUser } | null> {
  // A malformed id (a token from another deployment) is "no such user", not a database error.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      agencyId: users.agencyId,
      regionCode: users.regionCode,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || row.disabled) return null;
  const { disabled: _disabled, ...user } = row;
  return {
    user,
    ctx: { db, viewer: { kind: "user", userId: user.id, role: user.role, agencyId: user.agencyId, regionCode: user.regionCode } },
  };
}
