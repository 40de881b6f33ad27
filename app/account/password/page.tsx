import type { Metadata } from "next";
import { getLang } from "@/app/_i18n/get-lang";
import { requireCtx } from "@/app/_lib/session";
import { t } from "@/lib/i18n";
import styles from "@/app/_components/forms.module.css";
import { PasswordForm } from "./password-form";

export async function generateMetadata(): Promise<Metadata> {
  const lang = await getLang();
  return { title: { absolute: `${t(lang, "auth.password.title")} · ${t(lang, "app.name")} ${t(lang, "app.nameLatin")}` } };
}

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireCtx();
  const [lang, params] = await Promise.all([getLang(), searchParams]);
  return (
    <section className={styles.narrow} aria-labelledby="password-title">
      <h1 id="password-title" className={styles.title}>
        {t(lang, "auth.password.title")}
      </h1>
      <p className={styles.lead}>{t(lang, "auth.password.lead")}</p>
      {params.changed ? (
        <p role="status" className={styles.notice}>
          {t(lang, "auth.password.done")}
        </p>
      ) : null}
      <PasswordForm
        labels={{
          current: t(lang, "auth.password.current"),
          new: t(lang, "auth.password.new"),
          confirm: t(lang, "auth.password.confirm"),
          submit: t(lang, "auth.password.submit"),
        }}
      />
    </section>
  );
}
