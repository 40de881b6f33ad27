import "server-only";
import { eq, sql } from "drizzle-orm";
import { AccessDeniedError, type Ctx } from "../../context";
import { demoLoad } from "../../schema";

function assertSystem(ctx: Ctx): void {
  // Only the start-up script and the server's own demo loader, never a signed-in request.
  if (ctx.viewer.kind !== "system") throw new AccessDeniedError("Only npm start loads the demo corpus.");
}

/** Records that a demo load of `planned` documents begins (the one row; an existing one is kept). */
export async function beginDemoLoad({ ctx, input }: { ctx: Ctx; input: { planned: number; corpus: "full" | "small" } }): Promise<void> {
  assertSystem(ctx);
  await ctx.db.insert(demoLoad).values({ id: 1, planned: input.planned, corpus: input.corpus }).onConflictDoNothing();
}

/** Progress so far: documents stored (or found stored) and failed. */
export async function recordDemoProgress({ ctx, input }: { ctx: Ctx; input: { loaded: number; failed: number } }): Promise<void> {
  assertSystem(ctx);
  await ctx.db
    .update(demoLoad)
    .set({ loaded: input.loaded, failed: input.failed, updatedAt: sql`now()` })
    .where(eq(demoLoad.id, 1));
}

/** The last document is stored and the cross-year checks have run. */
export async function finishDemoLoad({ ctx, input }: { ctx: Ctx; input: { loaded: number; failed: number } }): Promise<void> {
  assertSystem(ctx);
  await ctx.db
    .update(demoLoad)
    .set({ loaded: input.loaded, failed: input.failed, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(demoLoad.id, 1));
}

/** demo:reset: the reports were cleared, so the demo load starts over (the one row, renewed). */
export async function restartDemoLoad({ ctx, input }: { ctx: Ctx; input: { planned: number; corpus: "full" | "small" } }): Promise<void> {
  assertSystem(ctx);
  await ctx.db
    .insert(demoLoad)
    .values({ id: 1, planned: input.planned, corpus: input.corpus })
    .onConflictDoUpdate({
      target: demoLoad.id,
      set: { planned: input.planned, corpus: input.corpus, loaded: 0, failed: 0, startedAt: sql`now()`, finishedAt: null, updatedAt: sql`now()` },
    });
}
