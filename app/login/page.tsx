import type { Metadata } from "next";
import { getLang } from "@/app/_i18n/get-lang";
import { safeNextPath } from "@/app/_lib/session";
import { t } from "@/lib/i18n";
import { LoginForm } from "./login-form";
import styles from "@/app/_components/forms.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "auth.login.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  // A signed-in visitor still gets the form: signing in again switches accounts.
  const [lang, params] = await Promise.all([getLang(), searchParams]);
  const next = safeNextPath(first(params.next) ?? "/");
  const expired = first(params.expired);
  const notice = expired
    ? t(lang, expired === "password" ? "auth.login.expiredPassword" : "auth.login.expired")
    : first(params.signedOut)
      ? t(lang, "auth.login.signedOut")
      : first(params.passwordChanged)
        ? t(lang, "auth.login.passwordChanged")
        : null;
  return (
    <section className={styles.narrow} aria-labelledby="login-title">
      <h1 id="login-title" className={styles.title}>
        {t(lang, "auth.login.title")}
      </h1>
      <p className={styles.lead}>{t(lang, "auth.login.lead")}</p>
      {notice ? (
        <p role="status" className={styles.notice}>
          {notice}
        </p>
      ) : null}
      <LoginForm
        next={next}
        labels={{
          email: t(lang, "auth.login.email"),
          password: t(lang, "auth.login.password"),
          submit: t(lang, "auth.login.submit"),
          pending: t(lang, "auth.login.pending"),
        }}
      />
    </section>
  );
}
