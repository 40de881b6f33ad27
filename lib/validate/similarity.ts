/** Text similarity for copied narratives (S-X-DUP): Jaccard over character 4-grams. */

/** Drops whitespace and punctuation and masks digits, so a copy with updated figures still matches. */
export function normalizeText(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, "").replace(/[0-9０-９]+/gu, "#");
}

export const SHINGLE_SIZE = 4;

function shingles(s: string, k: number): Set<string> {
  const out = new Set<string>();
  if (s.length <= k) {
    if (s.length > 0) out.add(s);
    return out;
  }
  for (let i = 0; i + k <= s.length; i++) out.add(s.slice(i, i + k));
  return out;
}

/** 0…1; 1 for identical normalized texts. Two empty texts give 0 (nothing to compare). */
export function textSimilarity(a: string, b: string, k = SHINGLE_SIZE): number {
  const sa = shingles(normalizeText(a), k);
  const sb = shingles(normalizeText(b), k);
  if (sa.size === 0 || sb.size === 0) return 0;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}
