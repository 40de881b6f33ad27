/**
 * GET /api/geo/<map name> → `{ geo, borders? }`: the shapes a dashboard map draws, fetched by the
 * map's client leaf instead of travelling inside every page's HTML. The same shapes for everyone
 * and for the life of a deployment, so the browser keeps them for a day. Signed-in readers only,
 * like every API (proxy.ts answers 401 first; checked again here).
 */
import { NextResponse, type NextRequest } from "next/server";
import { getMapShapesByName } from "@/app/_lib/guizhou-geo";
import { getOptionalCtx } from "@/app/_lib/session";
import { UNAUTHORIZED_BODY, UNAUTHORIZED_INIT } from "@/lib/http/unauthorized";

export async function GET(_request: NextRequest, { params }: { params: Promise<{ name: string }> }): Promise<NextResponse> {
  if (!(await getOptionalCtx())) return NextResponse.json(UNAUTHORIZED_BODY, UNAUTHORIZED_INIT);
  const { name } = await params;
  const shapes = getMapShapesByName(name);
  if (!shapes) {
    const zh = `没有名为“${name.slice(0, 60)}”的地图，请从仪表盘页面打开地图。`;
    const en = `There is no map named "${name.slice(0, 60)}"; open the map from a dashboard page.`;
    return NextResponse.json({ error: { code: "unknown_map", message: `${zh} ${en}`, zh, en, param: "name" } }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return NextResponse.json(
    { geo: shapes.geo, ...(shapes.borders ? { borders: shapes.borders } : {}) },
    { headers: { "Cache-Control": "private, max-age=86400" } },
  );
}
