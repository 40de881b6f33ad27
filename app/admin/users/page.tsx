import type { Metadata } from "next";
import Link from "next/link";
import { getLang } from "@/app/_i18n/get-lang";
import { PageHeader } from "@/app/_components/page-header";
import { clockTime, dateTime, fill } from "@/app/_lib/form-state";
import { requireRole } from "@/app/_lib/session";
import { listAccountScopeOptions, listUsers } from "@/db/queries/user/list-users";
import { USER_ROLES } from "@/db/schema/users.constants";
import { t, type Lang } from "@/lib/i18n";
import formStyles from "@/app/_components/forms.module.css";
import styles from "@/app/self-review/self-review.module.css";
import { CreateUserForm, EditUserForm, UserRowActions, type PickerLabels } from "./client";
import admin from "./admin.module.css";
import { regionDisplayName } from "@/lib/regions/english";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "admin.users.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

type SearchParams = Promise<{ q?: string | string[]; edit?: string | string[] }>;

function one(v: string | string[] | undefined): string {
  return typeof v === "string" ? v : "";
}

function pickerLabels(lang: Lang): PickerLabels {
  return {
    agency: t(lang, "admin.users.agency"),
    choose: t(lang, "admin.users.choose"),
    filterAgency: t(lang, "admin.users.filterAgency"),
    filterPlaceholder: t(lang, "admin.users.filterPlaceholder"),
    filterCount: t(lang, "admin.users.filterCount"),
  };
}

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireRole("admin");
  const lang = await getLang();
  const sp = await searchParams;
  const q = one(sp.q).trim().slice(0, 100);
  const editId = one(sp.edit);
  const [users, options] = await Promise.all([listUsers({ ctx, input: { q: q || undefined } }), listAccountScopeOptions({ ctx })]);
  const localRegions = options.regions.map((r) => ({ ...r, name: regionDisplayName(lang, r.code, r.name) }));
  const roles = USER_ROLES.map((r) => ({ value: r, label: t(lang, `auth.role.${r}`) }));
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ ...(q ? { q } : {}), ...extra });
    const s = p.toString();
    return s ? `/admin/users?${s}` : "/admin/users";
  };
  return (
    <>
      <PageHeader title={t(lang, "admin.users.title")} lead={t(lang, "admin.users.lead")} />
      <section className={styles.section} aria-labelledby="users-title">
        <h2 id="users-title" className={styles.sectionTitle}>
          {t(lang, "admin.users.title")}
        </h2>
        <form method="get" action="/admin/users" className={formStyles.inline} role="search" style={{ marginBottom: "0.75rem" }}>
          <label className={formStyles.field}>
            <span>{t(lang, "admin.users.search")}</span>
            <input type="search" name="q" defaultValue={q} placeholder={t(lang, "admin.users.searchPlaceholder")} />
          </label>
          <button type="submit" className={formStyles.secondary}>
            {t(lang, "admin.users.searchSubmit")}
          </button>
          {q ? <Link href="/admin/users">{t(lang, "admin.users.searchClear")}</Link> : null}
          <span className={styles.muted} role="status">
            {fill(t(lang, "admin.users.count"), { n: users.length })}
          </span>
        </form>
        {users.length === 0 ? (
          <p className={styles.muted}>{t(lang, "admin.users.noMatch")}</p>
        ) : (
          <div className={admin.scroll}>
            <table className={`${styles.table} ${admin.cards}`}>
              <thead>
                <tr>
                  <th scope="col">{t(lang, "admin.users.email")}</th>
                  <th scope="col">{t(lang, "admin.users.name")}</th>
                  <th scope="col">{t(lang, "admin.users.role")}</th>
                  <th scope="col">{t(lang, "admin.users.scope")}</th>
                  <th scope="col">{t(lang, "admin.users.status")}</th>
                  <th scope="col">{t(lang, "admin.users.lastSignIn")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t(lang, "admin.users.status")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => {
                  const locked = u.lockedUntil !== null;
                  const editing = editId === u.id;
                  return [
                    <tr key={u.id} data-locked={locked || undefined} className={locked ? admin.lockedRow : u.disabled ? admin.disabledRow : undefined}>
                      <td className={admin.email}>{u.email}</td>
                      <td data-label={t(lang, "admin.users.name")}>{u.name}</td>
                      <td data-label={t(lang, "admin.users.role")}>{t(lang, `auth.role.${u.role}`)}</td>
                      <td data-label={t(lang, "admin.users.scope")}>{u.agencyName ?? (u.regionName ? `${regionDisplayName(lang, u.regionCode, u.regionName)}（${u.regionCode}）` : "—")}</td>
                      <td data-label={t(lang, "admin.users.status")}>
                        {locked ? (
                          <span className={admin.lockBadge} data-testid="locked">
                            <svg className={admin.padlock} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                              <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
                              <rect x="2.75" y="7" width="10.5" height="7.5" rx="1.5" fill="currentColor" />
                            </svg>
                            {t(lang, "admin.users.locked")}
                          </span>
                        ) : (
                          <span className={styles.badge} data-status={u.disabled ? "open" : "published"}>
                            {t(lang, u.disabled ? "admin.users.disabled" : "admin.users.active")}
                          </span>
                        )}
                        {locked ? (
                          <>
                            <br />
                            <small>{fill(t(lang, "admin.users.lockedUntil"), { time: clockTime(u.lockedUntil!) })}</small>
                          </>
                        ) : null}
                      </td>
                      <td className={admin.nowrap} data-label={t(lang, "admin.users.lastSignIn")}>{u.lastSignInAt ? dateTime(u.lastSignInAt) : <span className={styles.muted}>{t(lang, "admin.users.never")}</span>}</td>
                      <td>
                        <UserRowActions
                          userId={u.id}
                          email={u.email}
                          disabled={u.disabled}
                          locked={locked}
                          labels={{ disable: t(lang, "admin.users.disable"), enable: t(lang, "admin.users.enable"), reset: t(lang, "admin.users.reset"), unlock: t(lang, "admin.users.unlock") }}
                        />
                        <Link href={editing ? qs({}) : qs({ edit: u.id })} className={admin.editLink} aria-expanded={editing} aria-label={`${t(lang, "admin.users.edit")} ${u.email}`}>
                          {editing ? t(lang, "admin.users.cancel") : t(lang, "admin.users.edit")}
                        </Link>
                      </td>
                    </tr>,
                    editing ? (
                      <tr key={`${u.id}-edit`} className={admin.editRow}>
                        <td colSpan={7}>
                          <h3 className={admin.editTitle}>{fill(t(lang, "admin.users.editTitle"), { email: u.email })}</h3>
                          <EditUserForm
                            user={{ id: u.id, email: u.email, role: u.role, agencyId: u.agencyId, regionCode: u.regionCode }}
                            labels={{ role: t(lang, "admin.users.role"), region: t(lang, "admin.users.region"), save: t(lang, "admin.users.save"), choose: t(lang, "admin.users.choose") }}
                            picker={pickerLabels(lang)}
                            roles={roles}
                            agencies={options.agencies}
                            regions={localRegions}
                          />
                        </td>
                      </tr>
                    ) : null,
                  ];
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className={styles.section} aria-labelledby="create-title">
        <h2 id="create-title" className={styles.sectionTitle}>
          {t(lang, "admin.users.create")}
        </h2>
        <CreateUserForm
          labels={{
            email: t(lang, "admin.users.email"),
            name: t(lang, "admin.users.name"),
            role: t(lang, "admin.users.role"),
            agency: t(lang, "admin.users.agency"),
            region: t(lang, "admin.users.region"),
            password: t(lang, "admin.users.password"),
            submit: t(lang, "admin.users.create"),
            choose: t(lang, "admin.users.choose"),
          }}
          picker={pickerLabels(lang)}
          roles={roles}
          agencies={options.agencies}
          regions={localRegions}
        />
      </section>
    </>
  );
}
