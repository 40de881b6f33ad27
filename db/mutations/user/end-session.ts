/**
 * Signing out ends the session on the server: the session's (user, issuedAtMs) goes into
 * revoked_sessions, which checkViewer refuses, so a copy of the cookie stops working at once
 * (the same re-check that voids sessions after a password change). Other browsers of the same
 * account stay signed in.
 */
import "server-only";
import { z } from "zod";
import { AccessDeniedError, type Ctx } from "../../context";
import { auditLog, revokedSessions } from "../../schema";
import { MutationError } from "../errors";

export const endSessionInputSchema = z.object({
  /** The session's issuedAtMs claim, read by the server from the caller's own token. */
  issuedAtMs: z.number().int().positive(),
  ip: z.string().max(100).nullable().default(null),
});

export interface EndSessionOptions {
  ctx: Ctx;
  input: z.input<typeof endSessionInputSchema>;
  now?: Date;
}

/** Ends the signed-in viewer's own session. Only a user ends a session, and only its own. */
export async function endSession({ ctx, input, now = new Date() }: EndSessionOptions): Promise<void> {
  if (ctx.viewer.kind !== "user") throw new AccessDeniedError("Only a signed-in user signs out.");
  const parsed = endSessionInputSchema.safeParse(input);
  if (!parsed.success) throw new MutationError("invalid_input", z.prettifyError(parsed.error));
  const { userId } = ctx.viewer;
  const { issuedAtMs, ip } = parsed.data;
  await ctx.db.transaction(async (tx) => {
    await tx.insert(revokedSessions).values({ userId, issuedAtMs, revokedAt: now }).onConflictDoNothing();
    await tx.insert(auditLog).values({ actorUserId: userId, action: "user.sign_out", entity: "user", entityId: userId, details: { ip } });
  });
}
