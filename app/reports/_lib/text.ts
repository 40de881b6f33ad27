import { localeOf, t, type Lang, type MessageKey } from "@/lib/i18n";

/** A message with its `{name}` placeholders filled in. */
export function tf(lang: Lang, key: MessageKey, vars: Record<string, string | number>): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const INTEGER = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 4 });

/** A stored figure, grouped the zh-CN way in both languages: counts as integers, money (decimal strings) to 4 places. */
export function formatFigure(value: number | string): string {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return Number.isInteger(n) ? INTEGER.format(n) : DECIMAL.format(n);
}

/** An ISO date (YYYY-MM-DD or a timestamp) as a long local date: 2025年1月20日 / 20 January 2025. */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: "long", timeZone: iso.length === 10 ? "UTC" : "Asia/Shanghai" }).format(d);
}
