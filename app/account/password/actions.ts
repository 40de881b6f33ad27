"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { reissueSessionAfterPasswordChange } from "@/auth";
import { getLang } from "@/app/_i18n/get-lang";
import { clockTime, fill, type FormState } from "@/app/_lib/form-state";
import { requireCtx } from "@/app/_lib/session";
import { AccessDeniedError } from "@/db/context";
import { MutationError } from "@/db/mutations/errors";
import { changePassword } from "@/db/mutations/user/change-password";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/users";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { t } from "@/lib/i18n";

const changePasswordFormSchema = z.object({
  currentPassword: z.string().min(1),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
  confirmPassword: z.string(),
});

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = changePasswordFormSchema.safeParse({
    currentPassword: formData.get("currentPassword"),
    newPassword: formData.get("newPassword"),
    confirmPassword: formData.get("confirmPassword"),
  });
  if (!parsed.success) {
    const issues = z.flattenError(parsed.error).fieldErrors;
    const newValue = formData.get("newPassword");
    return {
      fieldErrors: {
        currentPassword: issues.currentPassword ? t(lang, "auth.error.required") : undefined,
        newPassword: issues.newPassword
          ? typeof newValue === "string" && newValue.length > PASSWORD_MAX_LENGTH
            ? t(lang, "auth.password.tooLong")
            : t(lang, "auth.password.tooShort")
          : undefined,
      },
    };
  }
  const { currentPassword, newPassword, confirmPassword } = parsed.data;
  if (newPassword !== confirmPassword) return { fieldErrors: { confirmPassword: t(lang, "auth.password.mismatch") } };
  const ip = clientAddressFromHeaders(await headers());
  let result;
  try {
    result = await changePassword({ ctx, input: { currentPassword, newPassword, ip } });
  } catch (error) {
    // A wrong current password counts toward the lockout like a failed sign-in (changePassword).
    if (error instanceof MutationError && error.code === "wrong_password") return { fieldErrors: { currentPassword: t(lang, "auth.password.wrongCurrent") } };
    if (error instanceof MutationError && error.code === "locked") {
      const until = typeof error.details.until === "string" ? new Date(error.details.until) : null;
      return { message: until ? fill(t(lang, "auth.password.locked"), { time: clockTime(until) }) : t(lang, "auth.login.wrong") };
    }
    if (error instanceof MutationError && error.code === "same_password") return { fieldErrors: { newPassword: t(lang, "auth.password.same") } };
    if (error instanceof AccessDeniedError) return { message: t(lang, "auth.error.denied") };
    throw error;
  }
  // Every other session is void now; this browser stays signed in with a re-issued token. A
  // redirect, not a re-render: this request still carries the old token, the redirect the new one.
  await reissueSessionAfterPasswordChange(result.userId, result.sessionsValidAfter);
  redirect("/account/password?changed=1");
}
