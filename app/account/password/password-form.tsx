"use client";

import { Fragment, useActionState } from "react";
import { EMPTY_FORM_STATE } from "@/app/_lib/form-state";
import styles from "@/app/_components/forms.module.css";
import { changePasswordAction } from "./actions";

export interface PasswordFormLabels {
  current: string;
  new: string;
  confirm: string;
  submit: string;
}

const FIELDS = [
  { name: "currentPassword", label: "current", autoComplete: "current-password" },
  { name: "newPassword", label: "new", autoComplete: "new-password" },
  { name: "confirmPassword", label: "confirm", autoComplete: "new-password" },
] as const;

export function PasswordForm({ labels }: { labels: PasswordFormLabels }) {
  const [state, action, pending] = useActionState(changePasswordAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className={styles.form} noValidate>
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? styles.notice : styles.error}>
          {state.message}
        </p>
      ) : null}
      {FIELDS.map((field) => {
        const error = state.fieldErrors?.[field.name];
        return (
          <Fragment key={field.name}>
            <label className={styles.field}>
              <span>{labels[field.label]}</span>
              <input name={field.name} type="password" autoComplete={field.autoComplete} required aria-invalid={Boolean(error)} />
            </label>
            {error ? <span className={styles.fieldError}>{error}</span> : null}
          </Fragment>
        );
      })}
      <button type="submit" className={styles.primary} disabled={pending}>
        {labels.submit}
      </button>
    </form>
  );
}
