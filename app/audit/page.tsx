import type { Metadata } from "next";
import Link from "next/link";
import { getLang } from "@/app/_i18n/get-lang";
import { PageHeader } from "@/app/_components/page-header";
import { dateTime, fill } from "@/app/_lib/form-state";
import { requireCtx } from "@/app/_lib/session";
import { listAuditLog, type AuditLogItem } from "@/db/queries/audit/list-audit-log";
import { AUDIT_ACTIONS, auditActionLabel } from "@/lib/domain/audit";
import { t, type Lang } from "@/lib/i18n";
import { auditHref, parseAuditSearchParams, type AuditSearchParams } from "./search-params";
import { AUDIT_TEXT, DETAIL_KEYS, DETAIL_VALUES, HIDDEN_DETAIL_KEYS } from "./labels";
import styles from "./audit.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${AUDIT_TEXT.title[lang]} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

const FAMILIES = [
  ["report", "familyReport"],
  ["finding", "familyFinding"],
  ["user", "familyUser"],
  ["agency", "familyAgency"],
] as const;

function Filters({ lang, p }: { lang: Lang; p: AuditSearchParams }) {
  const L = (k: keyof typeof AUDIT_TEXT) => AUDIT_TEXT[k][lang];
  return (
    <form method="get" action="/audit" className={styles.filters} aria-label={L("filters")}>
      <label>
        <span>{L("action")}</span>
        <select name="action" defaultValue={p.action ?? ""}>
          <option value="">{L("anyAction")}</option>
          {FAMILIES.map(([family, key]) => (
            <optgroup key={family} label={L(key)}>
              <option value={family}>{L(key)}</option>
              {AUDIT_ACTIONS.filter((a) => a.startsWith(`${family}.`)).map((a) => (
                <option key={a} value={a}>
                  {auditActionLabel(a, lang)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        <span>{L("actor")}</span>
        <input name="actor" type="search" defaultValue={p.actor ?? ""} />
      </label>
      <label>
        <span>{L("agency")}</span>
        <input name="agency" type="search" defaultValue={p.agency ?? ""} />
      </label>
      <label>
        <span>{L("from")}</span>
        <input name="from" type="date" defaultValue={p.from ?? ""} />
      </label>
      <label>
        <span>{L("to")}</span>
        <input name="to" type="date" defaultValue={p.to ?? ""} />
      </label>
      {p.report ? <input type="hidden" name="report" value={p.report} /> : null}
      <button type="submit" className={styles.apply}>
        {L("apply")}
      </button>
      <Link href="/audit" className={styles.clear}>
        {L("clear")}
      </Link>
    </form>
  );
}

function Subject({ lang, item, isAdmin }: { lang: Lang; item: AuditLogItem; isAdmin: boolean }) {
  const version = item.reportVersion !== null ? fill(AUDIT_TEXT.version[lang], { version: item.reportVersion }) : "";
  if ((item.entity === "report" || item.entity === "finding") && item.reportId) {
    return (
      <>
        <Link href={`/self-review/${item.reportId}`}>
          {item.agencyName} {item.reportYear} {version}
        </Link>
        {item.entity === "finding" ? (
          <span className={styles.sub}>
            {AUDIT_TEXT.finding[lang]} · <Link href={`/reports/${item.reportId}#findings-title`}>{lang === "zh" ? "查看报告" : "open report"}</Link>
          </span>
        ) : null}
      </>
    );
  }
  if (item.entity === "agency" && item.agencyId) return <Link href={`/agencies/${item.agencyId}`}>{item.agencyName}</Link>;
  if (item.entity === "user") {
    const email = item.subjectEmail ?? (typeof item.details.email === "string" && isAdmin ? item.details.email : null);
    if (!email) return <span className={styles.muted}>{AUDIT_TEXT.account[lang]}</span>;
    return isAdmin ? <Link href="/admin/users">{email}</Link> : <span>{email}</span>;
  }
  return <span className={styles.muted}>—</span>;
}

function detailValue(lang: Lang, key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (key === "until" && typeof value === "string") return dateTime(new Date(value));
  if (typeof value === "string") return DETAIL_VALUES[value]?.[lang] ?? value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (key === "cells" && value && typeof value === "object") {
    // Hand corrections: "t3.carried_over.total 0→4".
    return Object.entries(value as Record<string, { from: number | string | null; to: number | string | null }>)
      .map(([cell, c]) => `${cell} ${c.from ?? "—"}→${c.to ?? "—"}`)
      .join("；");
  }
  return JSON.stringify(value);
}

function Details({ lang, item }: { lang: Lang; item: AuditLogItem }) {
  const entries = Object.entries(item.details).filter(([k, v]) => !HIDDEN_DETAIL_KEYS.has(k) && v !== null && v !== undefined);
  if (entries.length === 0) return <span className={styles.muted}>—</span>;
  return (
    <dl className={styles.details}>
      {entries.map(([k, v]) => (
        <div key={k} className={k === "comment" || k === "explanation" ? styles.comment : undefined}>
          <dt>
            {DETAIL_KEYS[k]?.[lang] ?? k}
            {lang === "zh" ? "：" : ":"}
          </dt>
          <dd>{detailValue(lang, k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [ctx, lang, raw] = await Promise.all([requireCtx(), getLang(), searchParams]);
  const p = parseAuditSearchParams(raw);
  const result = await listAuditLog({
    ctx,
    input: { action: p.action, actor: p.actor, agency: p.agency, reportId: p.report, from: p.from, to: p.to, page: p.page },
  });
  const role = ctx.viewer.kind === "user" ? ctx.viewer.role : "admin";
  const lead = role === "admin" ? AUDIT_TEXT.leadAdmin : role === "oversight" ? AUDIT_TEXT.leadOversight : AUDIT_TEXT.leadAgency;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const filtered = Boolean(p.action || p.actor || p.agency || p.report || p.from || p.to);

  return (
    <>
      <PageHeader title={AUDIT_TEXT.title[lang]} lead={lead[lang]} />
      <Filters lang={lang} p={p} />
      {result.items.length === 0 ? (
        <p className={styles.empty} role="status">
          {filtered || p.page > 1 ? AUDIT_TEXT.empty[lang] : AUDIT_TEXT.emptyAll[lang]}
        </p>
      ) : (
        <section className={styles.card} aria-label={AUDIT_TEXT.title[lang]}>
          <p className={styles.count}>{fill(AUDIT_TEXT.count[lang], { total: result.total.toLocaleString("zh-CN"), page: result.page, pages })}</p>
          <div className={styles.scroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{AUDIT_TEXT.time[lang]}</th>
                  <th scope="col">{AUDIT_TEXT.action[lang]}</th>
                  <th scope="col">{AUDIT_TEXT.who[lang]}</th>
                  <th scope="col">{AUDIT_TEXT.subject[lang]}</th>
                  <th scope="col">{AUDIT_TEXT.details[lang]}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((item) => (
                  <tr key={item.id} data-action={item.action}>
                    <td className={styles.time}>
                      <time dateTime={item.at.toISOString()}>{dateTime(item.at)}</time>
                    </td>
                    <td>
                      <Link href={auditHref({ ...p, action: item.action, page: 1 })} className={styles.action} title={item.action}>
                        {auditActionLabel(item.action, lang)}
                      </Link>
                    </td>
                    <td>
                      {item.actorName ? (
                        <>
                          {item.actorName}
                          <span className={styles.sub}>{item.actorEmail}</span>
                        </>
                      ) : (
                        <span className={styles.muted}>{AUDIT_TEXT.system[lang]}</span>
                      )}
                    </td>
                    <td>
                      <Subject lang={lang} item={item} isAdmin={role === "admin"} />
                    </td>
                    <td>
                      <Details lang={lang} item={item} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav className={styles.pager} aria-label={lang === "zh" ? "分页" : "Pages"}>
              {result.page > 1 ? <Link href={auditHref({ ...p, page: result.page - 1 })}>{AUDIT_TEXT.prev[lang]}</Link> : null}
              <span>
                {result.page} / {pages}
              </span>
              {result.page < pages ? <Link href={auditHref({ ...p, page: result.page + 1 })}>{AUDIT_TEXT.next[lang]}</Link> : null}
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}
