"use client";

import { useActionState, useMemo, useState } from "react";
import { EMPTY_FORM_STATE, type FormState } from "@/app/_lib/form-state";
import type { UserRole } from "@/db/schema/users.constants";
import styles from "@/app/_components/forms.module.css";
import { createUserAction, resetPasswordAction, setUserDisabledAction, unlockUserAction, updateUserAction } from "./actions";

function Message({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={state.ok ? styles.success : styles.error}>
      {state.message}
    </p>
  );
}

export type PickerLabels = Record<"agency" | "choose" | "filterAgency" | "filterPlaceholder" | "filterCount", string>;

/**
 * The agency select with a filter box above it: typing part of a name narrows the options (the
 * chosen one stays). Still a plain <select name="agencyId">, so it posts without JavaScript.
 */
export function AgencyPicker({ agencies, labels, defaultValue = "" }: { agencies: { id: string; name: string }[]; labels: PickerLabels; defaultValue?: string }) {
  const [filter, setFilter] = useState("");
  const [value, setValue] = useState(defaultValue);
  const shown = useMemo(() => {
    const f = filter.trim();
    return f ? agencies.filter((a) => a.name.includes(f) || a.id === value) : agencies;
  }, [agencies, filter, value]);
  return (
    <div className={styles.field}>
      <label className={styles.field}>
        <span>{labels.filterAgency}</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={labels.filterPlaceholder} aria-label={labels.filterAgency} autoComplete="off" />
      </label>
      <label className={styles.field}>
        <span>{labels.agency}</span>
        <select name="agencyId" aria-label={labels.agency} required value={value} onChange={(e) => setValue(e.target.value)}>
          <option value="">{labels.choose}</option>
          {shown.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <small aria-live="polite">{labels.filterCount.replace("{shown}", String(shown.length)).replace("{total}", String(agencies.length))}</small>
    </div>
  );
}

export interface CreateUserFormProps {
  labels: Record<"email" | "name" | "role" | "agency" | "region" | "password" | "submit" | "choose", string>;
  picker: PickerLabels;
  roles: { value: UserRole; label: string }[];
  agencies: { id: string; name: string }[];
  regions: { code: string; name: string }[];
}

export function CreateUserForm({ labels, picker, roles, agencies, regions }: CreateUserFormProps) {
  const [state, action, pending] = useActionState(createUserAction, EMPTY_FORM_STATE);
  const [role, setRole] = useState<UserRole>("agency");
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className={styles.form} style={{ maxWidth: "34rem" }}>
      <Message state={state} />
      <label className={styles.field}>
        <span>{labels.email}</span>
        <input name="email" type="email" aria-label={labels.email} required autoComplete="off" />
      </label>
      {err.email ? <span className={styles.fieldError}>{err.email}</span> : null}
      <label className={styles.field}>
        <span>{labels.name}</span>
        <input name="name" aria-label={labels.name} required autoComplete="off" />
      </label>
      {err.name ? <span className={styles.fieldError}>{err.name}</span> : null}
      <label className={styles.field}>
        <span>{labels.role}</span>
        <select name="role" aria-label={labels.role} value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {role === "agency" ? <AgencyPicker agencies={agencies} labels={picker} /> : null}
      {role === "oversight" ? (
        <label className={styles.field}>
          <span>{labels.region}</span>
          <select name="regionCode" aria-label={labels.region} required defaultValue="">
            <option value="">{labels.choose}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}（{r.code}）
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className={styles.field}>
        <span>{labels.password}</span>
        <input name="password" type="password" autoComplete="new-password" minLength={10} />
      </label>
      {err.password ? <span className={styles.fieldError}>{err.password}</span> : null}
      <button type="submit" className={styles.primary} disabled={pending}>
        {labels.submit}
      </button>
    </form>
  );
}

export function UserRowActions({
  userId,
  email,
  disabled,
  locked,
  labels,
}: {
  userId: string;
  email: string;
  disabled: boolean;
  locked: boolean;
  labels: Record<"disable" | "enable" | "reset" | "unlock", string>;
}) {
  const [toggleState, toggle, toggling] = useActionState(setUserDisabledAction, EMPTY_FORM_STATE);
  const [resetState, reset, resetting] = useActionState(resetPasswordAction, EMPTY_FORM_STATE);
  const [unlockState, unlock, unlocking] = useActionState(unlockUserAction, EMPTY_FORM_STATE);
  return (
    <div className={styles.inline}>
      {locked ? (
        <form action={unlock}>
          <input type="hidden" name="userId" value={userId} />
          <button type="submit" className={styles.primary} disabled={unlocking}>
            {labels.unlock}
          </button>
        </form>
      ) : null}
      <form action={toggle}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
        <button type="submit" className={disabled ? styles.secondary : styles.danger} disabled={toggling}>
          {disabled ? labels.enable : labels.disable}
        </button>
      </form>
      <form action={reset}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="email" value={email} />
        <button type="submit" className={styles.secondary} disabled={resetting}>
          {labels.reset}
        </button>
      </form>
      <Message state={toggleState} />
      <Message state={resetState} />
      <Message state={unlockState} />
    </div>
  );
}

export interface EditUserFormProps {
  user: { id: string; email: string; role: UserRole; agencyId: string | null; regionCode: string | null };
  labels: Record<"role" | "region" | "save" | "choose", string>;
  picker: PickerLabels;
  roles: { value: UserRole; label: string }[];
  agencies: { id: string; name: string }[];
  regions: { code: string; name: string }[];
}

/** Role and scope of one account; updateUser re-checks that the caller is an admin. */
export function EditUserForm({ user, labels, picker, roles, agencies, regions }: EditUserFormProps) {
  const [state, action, pending] = useActionState(updateUserAction, EMPTY_FORM_STATE);
  const [role, setRole] = useState<UserRole>(user.role);
  return (
    <form action={action} className={styles.form} style={{ maxWidth: "34rem" }}>
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="email" value={user.email} />
      <label className={styles.field}>
        <span>{labels.role}</span>
        <select name="role" aria-label={labels.role} value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {role === "agency" ? <AgencyPicker agencies={agencies} labels={picker} defaultValue={user.agencyId ?? ""} /> : null}
      {role === "oversight" ? (
        <label className={styles.field}>
          <span>{labels.region}</span>
          <select name="regionCode" aria-label={labels.region} required defaultValue={user.regionCode ?? ""}>
            <option value="">{labels.choose}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}（{r.code}）
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className={styles.primary} disabled={pending}>
        {labels.save}
      </button>
      <Message state={state} />
    </form>
  );
}
