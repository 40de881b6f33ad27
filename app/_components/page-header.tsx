import styles from "./page.module.css";

export function PageHeader({ title, lead }: { title: string; lead: string }) {
  return (
    <header className={styles.pageHeader}>
      <h1 className={styles.title}>{title}</h1>
      <p className={styles.lead}>{lead}</p>
    </header>
  );
}
