/**
 * Typed URL parameters of /quality: `year` (default: the latest year with reports), `region`
 * (an admin code, default 贵州省 520000) and `page` of the report list. Bad values fall back to
 * the defaults instead of erroring, so a mistyped link still shows a page.
 */
import { z } from "zod";
import { ADMIN_CODE_PATTERN } from "@/lib/regions/levels";

export const DEFAULT_QUALITY_REGION = "520000";
export const QUALITY_PAGE_SIZE = 50;

type RawParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const qualitySearchParamsSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).nullable().catch(null),
  region: z.string().regex(ADMIN_CODE_PATTERN).catch(DEFAULT_QUALITY_REGION),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type QualitySearchParams = z.infer<typeof qualitySearchParamsSchema>;

export function parseQualitySearchParams(raw: RawParams): QualitySearchParams {
  return qualitySearchParamsSchema.parse({
    year: first(raw.year) || null,
    region: first(raw.region) ?? DEFAULT_QUALITY_REGION,
    page: first(raw.page) ?? 1,
  });
}

export function qualityHref(params: { year: number; region: string; page?: number }): string {
  const q = new URLSearchParams({ year: String(params.year), region: params.region });
  if (params.page && params.page > 1) q.set("page", String(params.page));
  return `/quality?${q.toString()}`;
}
