import "server-only";
import { cookies } from "next/headers";
import { LANG_COOKIE, resolveLang, type Lang } from "@/lib/i18n";

/** The reader's language from the `lang` cookie; Simplified Chinese when unset or invalid. */
export async function getLang(): Promise<Lang> {
  const store = await cookies();
  return resolveLang(store.get(LANG_COOKIE)?.value);
}
