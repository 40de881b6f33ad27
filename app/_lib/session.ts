/**
 * The signed-in user as a Ctx for db/queries and db/mutations. Every page and server action that
 * shows or changes scoped data starts here: the proxy's redirect is only a convenience (STYLE
 * rule 11), this is the check. The user row is re-read once per request (React `cache`).
 */
import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/auth";
import { PATH_HEADER, SESSION_COOKIE_NAMES } from "@/auth.config";
import type { Ctx } from "@/db/context";
import { checkViewer, type CheckViewerResult, type SessionUser } from "@/db/queries/auth/get-viewer";
import type { UserRole } from "@/db/schema/users.constants";

export interface SessionInfo {
  ctx: Ctx;
  user: SessionUser;
}

/** The session checked against the database (null: no session at all), once per request. */
const checkSession = cache(async (): Promise<CheckViewerResult | null> => {
  const claims = (await auth())?.claims;
  if (!claims?.userId) return null;
  return checkViewer({ userId: claims.userId, issuedAtMs: claims.issuedAtMs });
});

/** The session's user with a fresh look at the database, or null (signed out, expired, disabled, deleted, password changed since). */
export const getSession = cache(async (): Promise<SessionInfo | null> => {
  const result = await checkSession();
  return result?.ok ? { ctx: result.ctx, user: result.user } : null;
});

export async function getOptionalCtx(): Promise<Ctx | null> {
  return (await getSession())?.ctx ?? null;
}

/** Only a same-site path may be a `next` target: never `//host` or a URL. */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

/** Redirects to the login page, back to where the user was, saying why when a session had expired. */
export async function redirectToLogin(): Promise<never> {
  const [h, jar] = await Promise.all([headers(), cookies()]);
  const next = safeNextPath(h.get(PATH_HEADER) ?? "/");
  const params = new URLSearchParams({ next });
  // A session cookie that no longer yields a session has expired (or its user is gone), or was
  // voided by a password change elsewhere: say which.
  const result = await checkSession();
  if (result && !result.ok && result.reason === "password_changed") params.set("expired", "password");
  else if (SESSION_COOKIE_NAMES.some((name) => jar.has(name))) params.set("expired", "1");
  redirect(`/login?${params.toString()}`);
}

/** The signed-in user's Ctx; signed-out (or disabled) visitors go to /login?next=<this page>. */
export async function requireCtx(): Promise<Ctx> {
  const session = await getSession();
  if (!session) return redirectToLogin();
  return session.ctx;
}

/** Like requireCtx, plus the user's name and email for display. */
export async function requireSession(): Promise<SessionInfo> {
  const session = await getSession();
  if (!session) return redirectToLogin();
  return session;
}

/**
 * requireCtx for pages of one or more roles: others get a 404 (the page's existence is not a
 * secret, but a 404 is what a wrong URL gets too). Queries still check scope themselves.
 */
export async function requireRole(...roles: UserRole[]): Promise<Ctx & { viewer: { kind: "user"; role: UserRole } }> {
  const ctx = await requireCtx();
  const { viewer } = ctx;
  if (viewer.kind !== "user" || !roles.includes(viewer.role)) notFound();
  return { ...ctx, viewer };
}
