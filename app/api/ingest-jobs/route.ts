import { connection } from "next/server";
import { getOptionalCtx } from "@/app/_lib/session";
import { listIngestJobs } from "@/db/queries/jobs/list-ingest-jobs";

const NO_STORE = { "cache-control": "no-store" };

/**
 * GET /api/ingest-jobs?ids=a,b,c → {"jobs":[{id,fileName,state,code,message,reportId,summary}]}:
 * the upload pages poll it for each file's state. Only the caller's own jobs (admins: all).
 */
export async function GET(request: Request): Promise<Response> {
  await connection();
  const ctx = await getOptionalCtx();
  if (!ctx) return Response.json({ error: "sign in first 请先登录" }, { status: 401, headers: NO_STORE });
  const ids = (new URL(request.url).searchParams.get("ids") ?? "").split(",").filter(Boolean).slice(0, 200);
  if (ids.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) return Response.json({ error: "bad ids 参数无效" }, { status: 400, headers: NO_STORE });
  const jobs = await listIngestJobs({ ctx, input: { ids } });
  return Response.json({ jobs }, { headers: NO_STORE });
}
