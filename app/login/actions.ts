"use server";

import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { headers } from "next/headers";
import { auth, signIn, signOut } from "@/auth";
import { endSession } from "@/db/mutations/user/end-session";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { getLang } from "@/app/_i18n/get-lang";
import { clockTime, fill, type FormState } from "@/app/_lib/form-state";
import { getOptionalCtx, safeNextPath } from "@/app/_lib/session";
import { t } from "@/lib/i18n";

const signInSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  next: z.string().max(2000).optional(),
});

/**
 * Public by nature: this is the door. Throttling and the audit trail live in authenticateUser
 * (per account and per address). On success Auth.js sets the cookie and we redirect to `next`.
 */
export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const lang = await getLang();
  const parsed = signInSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    next: formData.get("next") ?? undefined,
  });
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    return {
      fieldErrors: {
        email: fields.email ? t(lang, "auth.error.required") : undefined,
        password: fields.password ? t(lang, "auth.error.required") : undefined,
      },
    };
  }
  const { email, password, next } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeNextPath(next) });
  } catch (error) {
    // Anything else (Next's redirect after success included) must propagate.
    if (!(error instanceof CredentialsSignin)) throw error;
    const [reason, until] = error.code.split(/:(.*)/s);
    const at = until ? new Date(until) : null;
    const values = { email };
    if (reason === "locked" && at) return { values, message: fill(t(lang, "auth.login.locked"), { time: clockTime(at) }) };
    if (reason === "address_limited" && at) return { values, message: fill(t(lang, "auth.login.addressLimited"), { time: clockTime(at) }) };
    if (reason === "unavailable") return { values, message: t(lang, "auth.login.unavailable") };
    return { values, message: t(lang, "auth.login.wrong") };
  }
  return {};
}

/** Ends this session on the server (a copied cookie stops working), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  const [ctx, session] = await Promise.all([getOptionalCtx(), auth()]);
  const issuedAtMs = session?.claims?.issuedAtMs;
  if (ctx && typeof issuedAtMs === "number") {
    await endSession({ ctx, input: { issuedAtMs, ip: clientAddressFromHeaders(await headers()) } });
  }
  await signOut({ redirectTo: "/login?signedOut=1" });
}
