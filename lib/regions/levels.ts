/** Administrative levels (REPORT-FORMAT.md §5.1): 省级 → 地级 → 县级 → 乡级. */
export const REGION_LEVELS = ["province", "prefecture", "county", "township"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/**
 * Admin codes as we store them: NBS 统计用区划代码 truncated to 6 digits for the province,
 * prefecture and county levels, zero-padded (贵州省 520000, 六盘水市 520200, 盘州市 520281),
 * and 9 digits for townships (盘州市亦资街道 520281001). The NBS 12-digit code ends in "000" at
 * every level we store, so nothing is lost.
 */
export const ADMIN_CODE_PATTERN = /^[0-9]{6}([0-9]{3})?$/;

/** The 6-digit code of a province, prefecture or county given as 2, 4 or 6 digits ("52" → "520000"). */
export function padAdminCode(code: string): string {
  if (!/^[0-9]{2}([0-9]{2}){0,2}$|^[0-9]{9}$/.test(code)) {
    throw new Error(`Not an NBS division code: "${code}" (expected 2, 4, 6 or 9 digits)`);
  }
  return code.length === 9 ? code : code.padEnd(6, "0");
}

export function adminCodeLevel(code: string): RegionLevel {
  if (!ADMIN_CODE_PATTERN.test(code)) throw new Error(`Not a stored admin code: "${code}" (expected 6 or 9 digits)`);
  if (code.length === 9) return "township";
  if (code.endsWith("0000")) return "province";
  if (code.endsWith("00")) return "prefecture";
  return "county";
}
