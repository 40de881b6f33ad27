/**
 * Region subtrees by code: an oversight user of 六盘水市 (520200) sees every agency whose region
 * code starts with 5202. NBS codes nest by prefix, so no tree walk is needed.
 */
import { adminCodeLevel } from "./levels";

/** The code prefix shared by a region and everything under it: 520000 → "52", 520200 → "5202". */
export function regionPrefix(rootCode: string): string {
  switch (adminCodeLevel(rootCode)) {
    case "province":
      return rootCode.slice(0, 2);
    case "prefecture":
      return rootCode.slice(0, 4);
    default:
      return rootCode;
  }
}

export function regionWithin(code: string | null, rootCode: string): boolean {
  return code !== null && code.startsWith(regionPrefix(rootCode));
}
