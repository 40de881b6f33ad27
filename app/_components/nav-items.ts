import type { MessageKey } from "@/lib/i18n";

/** The main navigation, in display order. */
export const NAV_ITEMS = [
  { href: "/", label: "nav.overview" },
  { href: "/regions", label: "nav.regions" },
  { href: "/agencies", label: "nav.agencies" },
  { href: "/compare", label: "nav.compare" },
  { href: "/quality", label: "nav.quality" },
  { href: "/self-review", label: "nav.selfReview" },
] as const satisfies readonly { href: string; label: MessageKey }[];
