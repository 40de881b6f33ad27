import { getOptionalCtx } from "@/app/_lib/session";
import { getReportSource } from "@/db/queries/report/get-report-source";
import { PageOutOfRangeError, ProcessError, renderPdfPagePng } from "@/lib/system";

const TEXT = { "content-type": "text/plain; charset=utf-8" };

/**
 * GET /reports/<id>/source/page/<n>: page n (from 1) of the report's PDF as a PNG, rendered once
 * by pdftoppm and cached. Same scope as the file itself: 401 signed out, 404 for a report the
 * viewer may not see, a document that is not a PDF, or a page it does not have.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; page: string }> }): Promise<Response> {
  const ctx = await getOptionalCtx();
  if (!ctx) return new Response("Sign in to view report files. 请先登录。", { status: 401, headers: TEXT });
  const { id, page } = await params;
  const source = await getReportSource({ ctx, input: { id } });
  if (!source) return new Response("No such report. 报告不存在。", { status: 404, headers: TEXT });
  if (source.mediaType !== "application/pdf") return new Response("This report is not a PDF. 此报告不是 PDF 文件。", { status: 404, headers: TEXT });
  const n = /^\d{1,4}$/.test(page) ? Number(page) : NaN;
  try {
    const { png, cached } = await renderPdfPagePng(source.bytes, n, source.sha256);
    return new Response(new Uint8Array(png), {
      headers: {
        "content-type": "image/png",
        "content-length": String(png.byteLength),
        "cache-control": "private, max-age=86400",
        "x-content-type-options": "nosniff",
        "x-gongkai-page-cache": cached ? "hit" : "miss",
        etag: `"${source.sha256}-p${n}"`,
      },
    });
  } catch (error) {
    if (error instanceof PageOutOfRangeError || (error instanceof ProcessError && error.reason === "exit")) {
      return new Response("No such page. 没有这一页。", { status: 404, headers: TEXT });
    }
    if (error instanceof ProcessError && error.reason === "spawn") {
      return new Response("Page images need poppler-utils on the server. 服务器未安装 poppler-utils，无法显示页面图像。", { status: 503, headers: TEXT });
    }
    throw error;
  }
}
