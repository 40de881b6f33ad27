import { getOptionalCtx } from "@/app/_lib/session";
import { getReportSource } from "@/db/queries/report/get-report-source";
import { PageOutOfRangeError, ProcessError, pdfPageWords } from "@/lib/system";

const TEXT = { "content-type": "text/plain; charset=utf-8" };

/** GET /reports/<id>/source/page/<n>/words: the page's words with their boxes (points), same scope as the file. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; page: string }> }): Promise<Response> {
  const ctx = await getOptionalCtx();
  if (!ctx) return new Response("Sign in to view report files. 请先登录。", { status: 401, headers: TEXT });
  const { id, page } = await params;
  const source = await getReportSource({ ctx, input: { id } });
  if (!source || source.mediaType !== "application/pdf") return new Response("No such report. 报告不存在。", { status: 404, headers: TEXT });
  const n = /^\d{1,4}$/.test(page) ? Number(page) : NaN;
  try {
    const words = await pdfPageWords(source.bytes, n, source.sha256);
    return Response.json(words, { headers: { "cache-control": "private, max-age=86400" } });
  } catch (error) {
    if (error instanceof PageOutOfRangeError || (error instanceof ProcessError && error.reason === "exit")) return new Response("No such page. 没有这一页。", { status: 404, headers: TEXT });
    if (error instanceof ProcessError && error.reason === "spawn") return new Response("Needs poppler-utils on the server. 服务器未安装 poppler-utils。", { status: 503, headers: TEXT });
    throw error;
  }
}
