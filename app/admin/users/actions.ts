"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getLang } from "@/app/_i18n/get-lang";
import { fill, type FormState } from "@/app/_lib/form-state";
import { requireCtx } from "@/app/_lib/session";
import { AccessDeniedError } from "@/db/context";
import { MutationError } from "@/db/mutations/errors";
import { createUser } from "@/db/mutations/user/create-user";
import { disableUser } from "@/db/mutations/user/disable-user";
import { resetPassword } from "@/db/mutations/user/reset-password";
import { unlockUser } from "@/db/mutations/user/unlock-user";
import { updateUser } from "@/db/mutations/user/update-user";
import { USER_ROLES } from "@/db/schema/users.constants";
import { emailSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/domain/users";
import { t, type Lang } from "@/lib/i18n";

// Admin-only actions: requireCtx authenticates, the mutations refuse anyone but an admin.

function refused(lang: Lang, error: unknown): FormState {
  if (error instanceof AccessDeniedError) return { message: t(lang, "auth.error.denied") };
  if (error instanceof MutationError) {
    if (error.code === "email_taken") return { fieldErrors: { email: t(lang, "admin.users.emailTaken") } };
    if (error.code === "scope_missing") return { message: t(lang, "admin.users.scopeMissing") };
    if (error.code === "self") return { message: t(lang, "admin.users.self") };
    return { message: t(lang, "auth.error.unexpected") };
  }
  throw error;
}

const blankToNull = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() !== "" ? v : null);

const createUserFormSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  role: z.enum(USER_ROLES),
  agencyId: z.uuid().nullable(),
  regionCode: z.string().regex(/^[0-9]{6}$/).nullable(),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH).nullable(),
});

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = createUserFormSchema.safeParse({
    email: formData.get("email"),
    name: formData.get("name"),
    role: formData.get("role"),
    agencyId: blankToNull(formData.get("agencyId")),
    regionCode: blankToNull(formData.get("regionCode")),
    password: blankToNull(formData.get("password")),
  });
  if (!parsed.success) {
    const f = z.flattenError(parsed.error).fieldErrors;
    return {
      fieldErrors: {
        email: f.email ? t(lang, "auth.error.required") : undefined,
        name: f.name ? t(lang, "auth.error.required") : undefined,
        role: f.role ? t(lang, "auth.error.required") : undefined,
        password: f.password ? t(lang, "auth.password.tooShort") : undefined,
      },
    };
  }
  try {
    const created = await createUser({ ctx, input: parsed.data });
    revalidatePath("/admin/users");
    return {
      ok: true,
      // The generated password is shown to the administrator once, by design; it is never stored in clear.
      message: created.generatedPassword
        ? fill(t(lang, "admin.users.generated"), { email: created.email, password: created.generatedPassword })
        : fill(t(lang, "admin.users.created"), { email: created.email }),
    };
  } catch (error) {
    return refused(lang, error);
  }
}

const userIdSchema = z.object({ userId: z.uuid(), disabled: z.enum(["true", "false"]).optional() });

export async function setUserDisabledAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = userIdSchema.safeParse({ userId: formData.get("userId"), disabled: formData.get("disabled") ?? undefined });
  if (!parsed.success) return { message: t(lang, "auth.error.denied") };
  try {
    await disableUser({ ctx, input: { userId: parsed.data.userId, disabled: parsed.data.disabled !== "false" } });
  } catch (error) {
    return refused(lang, error);
  }
  revalidatePath("/admin/users");
  return { ok: true };
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = userIdSchema.safeParse({ userId: formData.get("userId") });
  if (!parsed.success) return { message: t(lang, "auth.error.denied") };
  const email = formData.get("email");
  try {
    const result = await resetPassword({ ctx, input: { userId: parsed.data.userId } });
    revalidatePath("/admin/users");
    return {
      ok: true,
      message: result.generatedPassword
        ? fill(t(lang, "admin.users.generated"), { email: typeof email === "string" ? email : "", password: result.generatedPassword })
        : t(lang, "admin.users.resetDone"),
    };
  } catch (error) {
    return refused(lang, error);
  }
}

export async function unlockUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = userIdSchema.safeParse({ userId: formData.get("userId") });
  if (!parsed.success) return { message: t(lang, "auth.error.denied") };
  try {
    await unlockUser({ ctx, input: { userId: parsed.data.userId } });
  } catch (error) {
    return refused(lang, error);
  }
  revalidatePath("/admin/users");
  return { ok: true, message: t(lang, "admin.users.unlocked") };
}

const updateUserFormSchema = z.object({
  userId: z.uuid(),
  role: z.enum(USER_ROLES),
  agencyId: z.uuid().nullable(),
  regionCode: z.string().regex(/^[0-9]{6}$/).nullable(),
});

export async function updateUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const ctx = await requireCtx();
  const lang = await getLang();
  const parsed = updateUserFormSchema.safeParse({
    userId: formData.get("userId"),
    role: formData.get("role"),
    agencyId: blankToNull(formData.get("agencyId")),
    regionCode: blankToNull(formData.get("regionCode")),
  });
  if (!parsed.success) return { message: t(lang, "admin.users.scopeMissing") };
  const email = formData.get("email");
  try {
    const result = await updateUser({ ctx, input: parsed.data });
    revalidatePath("/admin/users");
    return { ok: true, message: result.changed ? fill(t(lang, "admin.users.saved"), { email: typeof email === "string" ? email : "" }) : t(lang, "admin.users.unchanged") };
  } catch (error) {
    if (error instanceof MutationError && error.code === "self") return { message: t(lang, "admin.users.selfRole") };
    return refused(lang, error);
  }
}
