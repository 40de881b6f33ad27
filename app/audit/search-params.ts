/**
 * Typed URL parameters of /audit: `action` (a code or a family: report, finding, user, agency),
 * `actor` and `agency` (text contained in the email/name), `report` (a report id), `from`/`to`
 * (China calendar days) and `page`. Bad values are dropped, so a mistyped link still shows a page.
 */
import { z } from "zod";

type RawParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const text = z.string().trim().min(1).max(200).optional().catch(undefined);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

const auditSearchParamsSchema = z.object({
  action: z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/).max(60).optional().catch(undefined),
  actor: text,
  agency: text,
  report: z.uuid().optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AuditSearchParams = z.infer<typeof auditSearchParamsSchema>;

export function parseAuditSearchParams(raw: RawParams): AuditSearchParams {
  return auditSearchParamsSchema.parse({
    action: first(raw.action) || undefined,
    actor: first(raw.actor) || undefined,
    agency: first(raw.agency) || undefined,
    report: first(raw.report) || undefined,
    from: first(raw.from) || undefined,
    to: first(raw.to) || undefined,
    page: first(raw.page) ?? 1,
  });
}

/** The page's URL for these filters (page 1 omitted). */
export function auditHref(p: Partial<AuditSearchParams>): string {
  const q = new URLSearchParams();
  for (const key of ["action", "actor", "agency", "report", "from", "to"] as const) {
    const v = p[key];
    if (v) q.set(key, v);
  }
  if (p.page && p.page > 1) q.set("page", String(p.page));
  const s = q.toString();
  return s ? `/audit?${s}` : "/audit";
}
