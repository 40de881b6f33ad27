import Link from "next/link";
import { signOutAction } from "@/app/login/actions";
import { getSession } from "@/app/_lib/session";
import { t, type Lang } from "@/lib/i18n";
import { MenuDisclosure } from "./menu-disclosure";
import styles from "./user-menu.module.css";

/**
 * Who is signed in, as a dropdown holding the account links and sign-out (the header has room for
 * the sections only); nothing on the login page.
 */
export async function UserMenu({ lang }: { lang: Lang }) {
  const session = await getSession();
  if (!session) return null;
  const { user } = session;
  return (
    <div className={styles.menu} aria-label={t(lang, "auth.account")} role="group">
      <MenuDisclosure
        className={styles.disclosure}
        summaryClassName={styles.summary}
        panelClassName={styles.panel}
        summary={
          <span className={styles.who} title={user.email}>
            <span className={styles.name}>{user.name}</span>
            <span className={styles.role}>{t(lang, `auth.role.${user.role}`)}</span>
          </span>
        }
      >
        <span className={styles.email}>{user.email}</span>
        {user.role === "admin" ? (
          <Link href="/admin/users" className={styles.link}>
            {t(lang, "nav.admin")}
          </Link>
        ) : null}
        {/* Agencies upload drafts for self-review; oversight and admins publish on /upload. */}
        <Link href={user.role === "agency" ? "/self-review#upload-title" : "/upload"} className={styles.link}>
          {t(lang, user.role === "agency" ? "review.upload.title" : "upload.title")}
        </Link>
        {/* Every role has entries to see: all (admin), its region (oversight), its agency (agency). */}
        <Link href="/audit" className={styles.link}>
          {t(lang, "nav.audit")}
        </Link>
        <Link href="/account/password" className={styles.link}>
          {t(lang, "auth.changePassword")}
        </Link>
        <form action={signOutAction}>
          <button type="submit" className={styles.signOut}>
            {t(lang, "auth.logout")}
          </button>
        </form>
      </MenuDisclosure>
    </div>
  );
}
