/**
 * Turns a session's user id into the Ctx every query and mutation takes, re-reading the user row
 * so a disabled or deleted account, or a changed role or scope, takes effect on the next request
 * rather than when the 8-hour token expires, and a session issued before the last password change
 * or reset (users.sessions_valid_after) is refused. The bootstrap of scoping, so it takes a Db, not a Ctx.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "../../client";
import type { Ctx } from "../../context";
import { revokedSessions, users } from "../../schema";
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
  /**
   * When the session was issued (ms since the epoch; the token's issuedAtMs claim, or iat × 1000
   * for older tokens). Null = unknown: such a session is refused once the password has changed.
   */
  issuedAtMs: number | null;
  /** Default: the process's database (getDb()). */
  db?: Db;
}

/** Why a session yields no viewer: the account is gone, disabled, or its password changed since. */
export type ViewerRefusal = "no_user" | "disabled" | "password_changed" | "signed_out";

export type CheckViewerResult = { ok: true; ctx: Ctx; user: SessionUser } | { ok: false; reason: ViewerRefusal };

/** The user's Ctx, or why the session no longer stands. */
export async function checkViewer({ userId, issuedAtMs, db = getDb() }: GetViewerOptions): Promise<CheckViewerResult> {
  // A malformed id (a token from another deployment) is "no such user", not a database error.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return { ok: false, reason: "no_user" };
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      agencyId: users.agencyId,
      regionCode: users.regionCode,
      disabled: users.disabled,
      sessionsValidAfter: users.sessionsValidAfter,
      // This very session was ended by signing out (a copy of its cookie is refused too).
      signedOut:
        issuedAtMs === null
          ? sql<boolean>`false`
          : sql<boolean>`exists (select 1 from ${revokedSessions} where ${and(eq(revokedSessions.userId, users.id), eq(revokedSessions.issuedAtMs, issuedAtMs))})`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return { ok: false, reason: "no_user" };
  if (row.disabled) return { ok: false, reason: "disabled" };
  if (row.sessionsValidAfter && (issuedAtMs === null || issuedAtMs < row.sessionsValidAfter.getTime())) return { ok: false, reason: "password_changed" };
  if (row.signedOut) return { ok: false, reason: "signed_out" };
  const { disabled: _disabled, sessionsValidAfter: _validAfter, signedOut: _signedOut, ...user } = row;
  return {
    ok: true,
    user,
    ctx: { db, viewer: { kind: "user", userId: user.id, role: user.role, agencyId: user.agencyId, regionCode: user.regionCode } },
  };
}

/** The user's Ctx, or null when the account no longer exists, is disabled, or the session predates a password change. */
export async function getViewer(options: GetViewerOptions): Promise<{ ctx: Ctx; user: SessionUser } | null> {
  const result = await checkViewer(options);
  return result.ok ? { ctx: result.ctx, user: result.user } : null;
}
