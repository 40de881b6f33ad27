"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LANGS, LANG_COOKIE } from "@/lib/i18n";

const setLanguageSchema = z.object({ lang: z.enum(LANGS) });

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/**
 * Stores the chosen interface language. Public on purpose: it only sets the caller's own
 * preference cookie, so there is no session to check. Setting a cookie in a server action
 * makes Next re-render the current page, so no redirect is needed.
 */
export async function setLanguage(formData: FormData): Promise<void> {
  const parsed = setLanguageSchema.safeParse({ lang: formData.get("lang") });
  if (!parsed.success) return;

  const store = await cookies();
  store.set(LANG_COOKIE, parsed.data.lang, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    httpOnly: true,
  });
}
