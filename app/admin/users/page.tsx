import type { Metadata } from "next";
import { getLang } from "@/app/_i18n/get-lang";
import { PageHeader } from "@/app/_components/page-header";
import { clockTime, fill } from "@/app/_lib/form-state";
import { requireRole } from "@/app/_lib/session";
import { listAccountScopeOptions, listUsers } from "@/db/queries/user/list-users";
import { USER_ROLES } from "@/db/schema/users.constants";
import { t } from "@/lib/i18n";
import styles from "@/app/self-review/self-review.module.css";
import { CreateUserForm, UserRowActions } from "./client";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "admin.users.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

export default async function AdminUsersPage() {
  const ctx = await requireRole("admin");
  const lang = await getLang();
  const [users, options] = await Promise.all([listUsers({ ctx }), listAccountScopeOptions({ ctx })]);
  return (
    <>
      <PageHeader title={t(lang, "admin.users.title")} lead={t(lang, "admin.users.lead")} />
      <section className={styles.section} aria-labelledby="users-title">
        <h2 id="users-title" className={styles.sectionTitle}>
          {t(lang, "admin.users.title")}
        </h2>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t(lang, "admin.users.email")}</th>
              <th scope="col">{t(lang, "admin.users.name")}</th>
              <th scope="col">{t(lang, "admin.users.role")}</th>
              <th scope="col">{t(lang, "admin.users.scope")}</th>
              <th scope="col">{t(lang, "admin.users.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t(lang, "admin.users.status")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>{t(lang, `auth.role.${u.role}`)}</td>
                <td>{u.agencyName ?? (u.regionName ? `${u.regionName}（${u.regionCode}）` : "—")}</td>
                <td>
                  <span className={styles.badge} data-status={u.disabled ? "open" : "published"}>
                    {t(lang, u.disabled ? "admin.users.disabled" : "admin.users.active")}
                  </span>
                  {u.lockedUntil ? (
                    <>
                      <br />
                      <small>{fill(t(lang, "admin.users.lockedUntil"), { time: clockTime(u.lockedUntil) })}</small>
                    </>
                  ) : null}
                </td>
                <td>
                  <UserRowActions
                    userId={u.id}
                    email={u.email}
                    disabled={u.disabled}
                    labels={{ disable: t(lang, "admin.users.disable"), enable: t(lang, "admin.users.enable"), reset: t(lang, "admin.users.reset") }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
          roles={USER_ROLES.map((r) => ({ value: r, label: t(lang, `auth.role.${r}`) }))}
          agencies={options.agencies}
          regions={options.regions}
        />
      </section>
    </>
  );
}
