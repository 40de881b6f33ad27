/** A user's Ctx for db tests, as app/_lib/session.ts would build it from the session. */
import type { Db } from "../client";
import type { Ctx } from "../context";
import type { User } from "../schema";

export function ctxFor(db: Db, user: Pick<User, "id" | "role" | "agencyId" | "regionCode">): Ctx {
  return { db, viewer: { kind: "user", userId: user.id, role: user.role, agencyId: user.agencyId, regionCode: user.regionCode } };
}
