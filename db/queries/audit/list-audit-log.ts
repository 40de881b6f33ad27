/**
 * The audit log as the viewer may see it, newest first, filtered and paged.
 *
 * Scope (db/AGENTS.md): admin and system see everything. Oversight sees entries about reports,
 * findings and agencies of agencies in its region subtree; an agency user those of its own agency.
 * Both also see their own actions and the sign-in failures and locks of their own account.
 * User management (create, disable, reset…) of others is for administrators only.
 */
import "server-only";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { AUDIT_PAGE_SIZE, isAuditAction } from "../../../lib/domain/audit";
import { AccessDeniedError, isPrivileged, type Ctx, type Viewer } from "../../context";
import { agencies, auditLog, findings, reports, users } from "../../schema";
import { agencyInScopeWhere } from "../_scope";

const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const listAuditLogInputSchema = z.object({
  /** An action code (report.submit) or a family (report). */
  action: z.string().max(60).optional(),
  /** Part of the actor's email or name. */
  actor: z.string().trim().max(200).optional(),
  /** Part of the agency's name. */
  agency: z.string().trim().max(200).optional(),
  /** A report id: its own entries and its findings'. */
  reportId: z.uuid().optional(),
  /** Calendar days in China time, inclusive. */
  from: dateString.optional(),
  to: dateString.optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
});
export type ListAuditLogInput = z.input<typeof listAuditLogInputSchema>;

export interface ListAuditLogOptions {
  ctx: Ctx;
  input: ListAuditLogInput;
}

export interface AuditLogItem {
  id: number;
  at: Date;
  action: string;
  entity: string;
  entityId: string | null;
  actorUserId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  /** The agency the entry is about (a report's, a finding's report's, or the agency itself). */
  agencyId: string | null;
  agencyName: string | null;
  /** The report the entry is about (a finding's report for finding entries). */
  reportId: string | null;
  reportYear: number | null;
  reportVersion: number | null;
  /** For user entries: the account's email (admins, or one's own account). */
  subjectEmail: string | null;
  details: Record<string, unknown>;
}

export interface AuditLogPage {
  items: AuditLogItem[];
  total: number;
  page: number;
  pageSize: number;
}

const UUID_RE = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
/** entity_id as a uuid where it is one (text column: report, finding, agency and user ids). */
const entityUuid = sql`(case when ${auditLog.entityId} ~ ${UUID_RE} then ${auditLog.entityId}::uuid end)`;

const findingReport = alias(reports, "finding_report");
const subjectUser = alias(users, "subject_user");
const actor = alias(users, "actor");

/** The agency an entry is about, as SQL over the joins below. */
// A deleted draft has no reports row left: its entry names the agency in details.agencyId.
const subjectAgencyId = sql`coalesce(${reports.agencyId}, ${findingReport.agencyId}, case when ${auditLog.entity} = 'agency' then ${entityUuid} end, case when ${auditLog.action} = 'report.delete_draft' and ${auditLog.details}->>'agencyId' ~ ${UUID_RE} then (${auditLog.details}->>'agencyId')::uuid end)`;

/** Own-account security events a non-admin may see even when someone else caused them. */
const OWN_ACCOUNT_ACTIONS = ["user.sign_in_failed", "user.lock", "user.reset_password"];

export function auditScopeWhere(viewer: Viewer): SQL {
  if (isPrivileged(viewer)) return sql`true`;
  if (viewer.kind !== "user") return sql`false`;
  return or(
    eq(auditLog.actorUserId, viewer.userId),
    and(eq(auditLog.entity, "user"), eq(auditLog.entityId, viewer.userId), sql`${auditLog.action} in (${sql.join(OWN_ACCOUNT_ACTIONS.map((a) => sql`${a}`), sql`, `)})`),
    and(sql`${auditLog.entity} in ('report', 'finding', 'agency')`, sql`${subjectAgencyId} is not null`, agencyInScopeWhere(viewer, subjectAgencyId)),
  )!;
}

/** Midnight of a China calendar day. */
function chinaMidnight(day: string, plusDays = 0): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  return new Date(d.getTime() + plusDays * 86_400_000);
}

export async function listAuditLog({ ctx, input }: ListAuditLogOptions): Promise<AuditLogPage> {
  if (ctx.viewer.kind === "user" && !["admin", "oversight", "agency"].includes(ctx.viewer.role)) throw new AccessDeniedError();
  const parsed = listAuditLogInputSchema.safeParse(input);
  // Bad filters (a hand-edited URL) give the unfiltered first page rather than an error page.
  const p = parsed.success ? parsed.data : listAuditLogInputSchema.parse({});

  const filters: SQL[] = [auditScopeWhere(ctx.viewer)];
  if (p.action) filters.push(isAuditAction(p.action) ? eq(auditLog.action, p.action) : sql`${auditLog.action} like ${`${p.action.replace(/[%_\\]/g, "")}.%`}`);
  if (p.actor) {
    const pattern = `%${p.actor.replace(/[%_\\]/g, "")}%`;
    filters.push(or(ilike(actor.email, pattern), ilike(actor.name, pattern))!);
  }
  if (p.agency) filters.push(ilike(agencies.name, `%${p.agency.replace(/[%_\\]/g, "")}%`));
  if (p.reportId) filters.push(or(eq(reports.id, p.reportId), eq(findingReport.id, p.reportId))!);
  if (p.from) filters.push(gte(auditLog.at, chinaMidnight(p.from)));
  if (p.to) filters.push(lt(auditLog.at, chinaMidnight(p.to, 1)));
  const where = and(...filters);

  const privileged = isPrivileged(ctx.viewer);
  const selfId = ctx.viewer.kind === "user" ? ctx.viewer.userId : null;
  const base = () =>
    ctx.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        actorUserId: auditLog.actorUserId,
        actorName: actor.name,
        actorEmail: actor.email,
        agencyId: agencies.id,
        agencyName: agencies.name,
        reportId: sql<string | null>`coalesce(${reports.id}, ${findingReport.id})`,
        reportYear: sql<number | null>`coalesce(${reports.year}, ${findingReport.year})`,
        reportVersion: sql<number | null>`coalesce(${reports.version}, ${findingReport.version})`,
        subjectEmail: privileged || selfId ? subjectUser.email : sql<null>`null`,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
      .leftJoin(reports, and(eq(auditLog.entity, "report"), eq(reports.id, entityUuid)))
      .leftJoin(findings, and(eq(auditLog.entity, "finding"), eq(findings.id, entityUuid)))
      .leftJoin(findingReport, eq(findingReport.id, findings.reportId))
      .leftJoin(agencies, eq(agencies.id, subjectAgencyId))
      // Only admins learn other accounts' emails from user entries; others see only their own.
      .leftJoin(subjectUser, and(eq(auditLog.entity, "user"), eq(subjectUser.id, entityUuid), privileged ? sql`true` : eq(subjectUser.id, selfId ?? "")));

  const [rows, [count]] = await Promise.all([
    base()
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
      .leftJoin(reports, and(eq(auditLog.entity, "report"), eq(reports.id, entityUuid)))
      .leftJoin(findings, and(eq(auditLog.entity, "finding"), eq(findings.id, entityUuid)))
      .leftJoin(findingReport, eq(findingReport.id, findings.reportId))
      .leftJoin(agencies, eq(agencies.id, subjectAgencyId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, reportYear: r.reportYear === null ? null : Number(r.reportYear), reportVersion: r.reportVersion === null ? null : Number(r.reportVersion) })),
    total: count?.n ?? 0,
    page: p.page,
    pageSize: p.pageSize,
  };
}
