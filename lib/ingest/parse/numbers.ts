/** Numbers written in prose: Arabic (with thousands separators) or Chinese numerals. */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** "三十四" → 34, "一百零五" → 105, "两千" → 2000, "十二" → 12, "二〇二五" → 2025; null if not a numeral. */
export function parseChineseInt(s: string): number | null {
  if (s.length === 0 || s.length > 12) return null;
  // Digit-by-digit form ("二〇二五") has no unit characters.
  if (![...s].some((c) => c in UNITS || c === "万")) {
    if (s.length === 1) return DIGITS[s] ?? null;
    let v = 0;
    for (const c of s) {
      const d = DIGITS[c];
      if (d === undefined) return null;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c] as number;
    } else if (c in UNITS) {
      section += (digit ?? 1) * (UNITS[c] as number);
      digit = null;
    } else if (c === "万") {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** A number token in prose (regex source, no group): Arabic digits (1,234 / 12.5) or a Chinese numeral. */
export const NUMBER_BODY = "\\d[\\d,]*(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千万]{1,8}";

/** Read a number token matched by NUMBER_TOKEN. */
export function parseNumberToken(s: string): number | null {
  if (/^\d/u.test(s)) {
    const v = Number(s.replace(/,/gu, ""));
    return Number.isFinite(v) ? v : null;
  }
  return parseChineseInt(s);
}
