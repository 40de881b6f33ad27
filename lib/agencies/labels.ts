/** Department types and agency levels for people, in either language. */
import type { Lang } from "../i18n";
import { DEPT_TYPE_DEFS } from "./constants";

/** "自然资源" → "自然资源" (zh) / "Natural resources" (en); unknown types as stored. */
export function deptTypeLabel(key: string | null | undefined, lang: Lang): string {
  if (!key) return "";
  if (lang === "zh") return key;
  return DEPT_TYPE_DEFS.find((d) => d.key === key)?.en ?? key;
}
