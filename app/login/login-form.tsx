"use client";

import { useActionState } from "react";
import { EMPTY_FORM_STATE } from "@/app/_lib/form-state";
import { signInAction } from "./actions";
import styles from "@/app/_components/forms.module.css";

export interface LoginFormLabels {
  email: string;
  password: string;
  submit: string;
  pending: string;
}

export function LoginForm({ labels, next }: { labels: LoginFormLabels; next: string }) {
  const [state, action, pending] = useActionState(signInAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className={styles.form} noValidate>
      <input type="hidden" name="next" value={next} />
      {state.message ? (
        <p role="alert" className={styles.error}>
          {state.message}
        </p>
      ) : null}
      <label className={styles.field}>
        <span>{labels.email}</span>
        <input name="email" type="email" autoComplete="username" defaultValue={state.values?.email} required aria-invalid={Boolean(state.fieldErrors?.email)} />
      </label>
      {state.fieldErrors?.email ? <span className={styles.fieldError}>{state.fieldErrors.email}</span> : null}
      <label className={styles.field}>
        <span>{labels.password}</span>
        <input name="password" type="password" autoComplete="current-password" required aria-invalid={Boolean(state.fieldErrors?.password)} />
      </label>
      {state.fieldErrors?.password ? <span className={styles.fieldError}>{state.fieldErrors.password}</span> : null}
      <button type="submit" className={styles.primary} disabled={pending}>
        {pending ? labels.pending : labels.submit}
      </button>
    </form>
  );
}
