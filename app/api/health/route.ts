import { connection } from "next/server";
import { getHealth } from "@/db/queries/health";

const NO_STORE = { "cache-control": "no-store" };

/** GET /api/health → 200 {"ok":true,"db":"pglite"|"postgres"}, or 503 {"ok":false,"error"}. */
export async function GET(): Promise<Response> {
  await connection(); // always answer from a live query, never from a build-time snapshot
  try {
    return Response.json(await getHealth(), { headers: NO_STORE });
  } catch (error) {
    console.error("health check failed:", error);
    return Response.json({ ok: false, error: describeDbError(error) }, { status: 503, headers: NO_STORE });
  }
}

/**
 * A one-line reason fit for a public probe: the root cause (Drizzle wraps the driver's error,
 * e.g. ECONNREFUSED, in "Failed query: …"), with any credentials in a URL masked.
 */
function describeDbError(error: unknown): string {
  let root = error;
  for (let depth = 0; depth < 5 && root instanceof Error && root.cause !== undefined; depth++) root = root.cause;
  const message = root instanceof Error ? root.message : String(root);
  const firstLine = message.split("\n", 1)[0] ?? "";
  return `database unreachable: ${firstLine.replace(/\/\/[^/@\s]*@/g, "//***@")}`.slice(0, 300);
}
