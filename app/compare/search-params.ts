/**
 * The /compare URL: the shared typed parser (lib/export/compare-params.ts) plus the page's own
 * form fields, which are folded into the canonical query string by a redirect: yearFrom/yearTo →
 * year=2021-2024, gKind/gLevel/gRegion/gDept → group=kind:level:region:dept. The forms are plain
 * GET forms, so the page works without JavaScript and every state is a shareable link.
 */
import {
  compareQueryString,
  formatGroupKey,
  getAll,
  parseCompareParams,
  parseGroupKey,
  type CompareParams,
  type CompareResult,
  type RawSearch,
} from "@/lib/export/compare-params";

const FORM_FIELDS = ["yearFrom", "yearTo", "gKind", "gLevel", "gRegion", "gDept", "remove", "removeGroup"] as const;

export interface CompareSearch {
  parsed: CompareResult<CompareParams>;
  /** The agency search box. */
  q: string;
  /** Set when the URL carried form fields: the canonical URL to redirect to. */
  redirectTo: string | null;
}

function first(search: RawSearch, name: string): string {
  return (getAll(search, name)[0] ?? "").trim();
}

/** Folds form fields into the canonical parameters (a URLSearchParams the shared parser reads). */
export function foldFormFields(search: RawSearch): URLSearchParams {
  const out = new URLSearchParams();
  const skip = new Set<string>([...FORM_FIELDS, "year", "group", "agency"]);
  const keys = search instanceof URLSearchParams ? [...new Set(search.keys())] : Object.keys(search);
  for (const k of keys) if (!skip.has(k)) for (const v of getAll(search, k)) out.append(k, v);

  const removed = new Set(getAll(search, "remove"));
  for (const a of getAll(search, "agency")) if (!removed.has(a)) out.append("agency", a);
  const removedGroups = new Set(getAll(search, "removeGroup"));
  for (const g of getAll(search, "group")) if (!removedGroups.has(g)) out.append("group", g);
  const kind = first(search, "gKind");
  if (kind) {
    const key = [kind, first(search, "gLevel") || "*", first(search, "gRegion") || "*", first(search, "gDept") || "*"].join(":");
    const g = parseGroupKey(key);
    out.append("group", g ? formatGroupKey(g) : key);
  }

  const from = first(search, "yearFrom");
  const to = first(search, "yearTo");
  const year = first(search, "year");
  if (from || to) out.set("year", from && to ? `${from}-${to}` : from || to);
  else if (year) out.set("year", year);
  return out;
}

export function readCompareSearch(search: RawSearch): CompareSearch {
  // The search query is capped like its input box (a crafted URL must not reach the query unchecked).
  const q = first(search, "q").slice(0, 60);
  const hasFormFields = FORM_FIELDS.some((f) => getAll(search, f).length > 0);
  const folded = foldFormFields(search);
  const parsed = parseCompareParams(folded);
  let redirectTo: string | null = null;
  if (hasFormFields) {
    const extra: Record<string, string> = q ? { q } : {};
    redirectTo = parsed.ok ? `/compare?${compareQueryString(parsed.value, extra)}` : `/compare?${folded.toString()}`;
  }
  return { parsed, q, redirectTo };
}
