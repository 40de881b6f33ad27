/** What every server action of ours returns to its form (STYLE rule 4): never secrets, never `any`. */
export interface FormState {
  fieldErrors?: Partial<Record<string, string>>;
  /** A sentence for the whole form, already translated. */
  message?: string;
  /** True when the action did what was asked (the form shows `message` as a success notice). */
  ok?: boolean;
  /** Non-secret inputs to show again after React resets the form (e.g. the email, never a password). */
  values?: Partial<Record<string, string>>;
  /** A link to follow from the message (e.g. the version a duplicate upload already is). */
  link?: { href: string; label: string };
}

export const EMPTY_FORM_STATE: FormState = {};

/** Fills `{name}` placeholders of a translated message. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** HH:MM in China time, whichever zone the server runs in. */
export function clockTime(at: Date): string {
  return new Intl.DateTimeFormat("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Shanghai" }).format(at);
}

/** YYYY-MM-DD HH:MM in China time. */
export function dateTime(at: Date): string {
  return new Intl.DateTimeFormat("zh-CN", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Asia/Shanghai",
  }).format(at);
}
