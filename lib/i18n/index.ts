import { en } from "./dictionaries/en";
import { zh, type MessageKey } from "./dictionaries/zh";

export type { MessageKey };

/** Supported interface languages; the first is the default. */
export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh";

/** Name of the cookie that stores the reader's language choice. */
export const LANG_COOKIE = "lang";

export type Dictionary = Readonly<Record<MessageKey, string>>;

const DICTIONARIES: Record<Lang, Dictionary> = { zh, en };

/** BCP 47 tags for `<html lang>` and `Intl` formatting. */
const LOCALES: Record<Lang, string> = { zh: "zh-CN", en: "en" };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** Anything that is not a supported language (a missing or tampered cookie) falls back to zh. */
export function resolveLang(value: unknown): Lang {
  return isLang(value) ? value : DEFAULT_LANG;
}

export function getDictionary(lang: Lang): Dictionary {
  return DICTIONARIES[lang];
}

export function t(lang: Lang, key: MessageKey): string {
  return DICTIONARIES[lang][key];
}

export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

/**
 * Numbers are always grouped the zh-CN way (1,234,567), whichever language is shown,
 * so figures read the same in both and match the source reports.
 */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat("zh-CN").format(value);
}

/**
 * Splits a message around one `{name}` placeholder so the caller can render the value as
 * markup (a <code> element, a link). A message without the placeholder comes back whole.
 */
export function splitOnPlaceholder(message: string, name: string): { before: string; after: string } | null {
  const token = `{${name}}`;
  const at = message.indexOf(token);
  if (at === -1) return null;
  return { before: message.slice(0, at), after: message.slice(at + token.length) };
}
