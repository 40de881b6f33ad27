import { connection } from "next/server";
import { getDemoLoad } from "@/db/queries/demo/get-demo-load";

const NO_STORE = { "cache-control": "no-store" };

/**
 * GET /api/demo-load → 200 {"state":"loading"|"done","planned","loaded","failed",…} while or after
 * `npm start` loads the demo corpus, or {"state":"none"} when this database never had it. Public,
 * like /api/health: counts only (the sign-in page shows the banner too).
 */
export async function GET(): Promise<Response> {
  await connection();
  try {
    return Response.json((await getDemoLoad()) ?? { state: "none" }, { headers: NO_STORE });
  } catch (error) {
    console.error("demo load status failed:", error);
    return Response.json({ state: "unknown" }, { status: 503, headers: NO_STORE });
  }
}
