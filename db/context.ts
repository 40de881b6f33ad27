/**
 * Who is asking, and through which database. Every query and mutation takes `{ ctx, input }`
 * and checks `ctx.viewer` itself (STYLE rules 2–3): the UI only hides what the server refuses.
 */
import { regionWithin } from "../lib/regions/scope";
import type { Db } from "./client";
import type { UserRole } from "./schema/users.constants";

export type Viewer =
  | {
      kind: "user";
      userId: string;
      role: UserRole;
      /** Set for role "agency": the one agency it acts for. */
      agencyId: string | null;
      /** Set for role "oversight": the root of the region subtree it oversees (520000, 520200…). */
      regionCode: string | null;
    }
  /** Command-line tools and start-up jobs run by the operator of the machine. */
  | { kind: "system"; name: string };

export interface Ctx {
  viewer: Viewer;
  db: Db;
}

export function systemCtx(name: string, db: Db): Ctx {
  return { viewer: { kind: "system", name }, db };
}

export class AccessDeniedError extends Error {
  readonly status = 403;
  constructor(message = "You do not have access to this resource. 您无权访问此内容。") {
    super(message);
    this.name = "AccessDeniedError";
  }
}

export function actorUserId(ctx: Ctx): string | null {
  return ctx.viewer.kind === "user" ? ctx.viewer.userId : null;
}

/** Full rights: the operator's scripts and admins. */
export function isPrivileged(viewer: Viewer): boolean {
  return viewer.kind === "system" || viewer.role === "admin";
}

/**
 * May this viewer write reports for (or see the drafts of) an agency in this region?
 * Oversight: its region subtree. Agency users: their own agency only.
 */
export function canActForAgency(viewer: Viewer, agency: { id: string | null; regionCode: string | null }): boolean {
  if (isPrivileged(viewer)) return true;
  if (viewer.kind !== "user") return false;
  if (viewer.role === "oversight") return viewer.regionCode !== null && regionWithin(agency.regionCode, viewer.regionCode);
  return viewer.role === "agency" && agency.id !== null && viewer.agencyId === agency.id;
}
