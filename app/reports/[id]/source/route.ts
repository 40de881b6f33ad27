import { getOptionalCtx } from "@/app/_lib/session";
import { getReportSource } from "@/db/queries/report/get-report-source";
import { contentDisposition } from "@/lib/http/content-disposition";

/** Text formats are served with their charset so a browser shows Chinese correctly. */
function contentType(mediaType: string): string {
  return mediaType.startsWith("text/") && !mediaType.includes("charset") ? `${mediaType}; charset=utf-8` : mediaType;
}

/** GET /reports/<id>/source: the original file, for anyone who may see the report; 404 otherwise. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await getOptionalCtx();
  if (!ctx) return new Response("Sign in to download report files. 请先登录。", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { id } = await params;
  const source = await getReportSource({ ctx, input: { id } });
  if (!source) return new Response("No such report. 报告不存在。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(source.bytes), {
    headers: {
      "content-type": contentType(source.mediaType),
      "content-disposition": contentDisposition(source.fileName),
      "content-length": String(source.bytes.byteLength),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      etag: `"${source.sha256}"`,
    },
  });
}
