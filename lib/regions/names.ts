/**
 * Short forms of division names, as reports and people write them (盘州市 → 盘州,
 * 黔南布依族苗族自治州 → 黔南州). Pure string rules, shared by the 贵州 data and the
 * national import.
 */
import type { RegionLevel } from "./levels";

// The 55 minority nationalities as they appear in autonomous-area names; longest first so
// 土家 wins over 土 and 维吾尔 is not read as something shorter.
export const ETHNIC_GROUPS = [
  "柯尔克孜", "乌孜别克", "俄罗斯", "维吾尔", "哈萨克", "达斡尔", "鄂温克", "鄂伦春", "塔吉克", "塔塔尔",
  "蒙古", "土家", "布依", "朝鲜", "哈尼", "傈僳", "仡佬", "东乡", "高山", "拉祜", "纳西", "仫佬", "锡伯",
  "景颇", "毛南", "撒拉", "布朗", "阿昌", "普米", "基诺", "德昂", "保安", "裕固", "门巴", "独龙", "赫哲",
  "珞巴", "壮", "满", "回", "苗", "彝", "藏", "侗", "瑶", "白", "黎", "傣", "畲", "水", "佤", "羌", "土",
  "怒", "京",
];
const ETHNIC_RUN = `(?:(?:${ETHNIC_GROUPS.join("|")})族)+`;

const AUTONOMOUS = new RegExp(`^(.+?)${ETHNIC_RUN}自治(州|县|旗)$`);
const ETHNIC_TOWNSHIP = new RegExp(`^(.+?)${ETHNIC_RUN}(乡|苏木)$`);
const AUTONOMOUS_REGION = new RegExp(`^(.+?)(?:${ETHNIC_RUN})?(自治区|特别行政区)$`);

const SUFFIXES: Record<RegionLevel, readonly string[]> = {
  province: ["省", "市"],
  prefecture: ["地区", "市", "盟"],
  county: ["特区", "林区", "区", "县", "市", "旗"],
  township: ["街道办事处", "街道", "镇", "乡", "苏木"],
};

/** Strips the level suffix; keeps the full name when less than two characters would remain (郊区, 城区). */
export function regionShortName(name: string, level: RegionLevel): string {
  const n = normalizeRegionName(name);
  if (level === "province") {
    const m = AUTONOMOUS_REGION.exec(n);
    if (m?.[1]) return m[1];
  }
  const auto = AUTONOMOUS.exec(n);
  if (auto?.[1]) {
    // 自治州 are written "黔南州" in practice; 自治县 just by their place name.
    return auto[2] === "州" ? `${auto[1]}州` : auto[1];
  }
  const eth = ETHNIC_TOWNSHIP.exec(n);
  if (eth?.[1]) return eth[1];
  for (const suffix of SUFFIXES[level]) {
    if (n.endsWith(suffix) && n.length - suffix.length >= 2) return n.slice(0, -suffix.length);
  }
  return n;
}

/** Trims and drops whitespace (full-width included) that copy-pasted names often carry. */
export function normalizeRegionName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

/**
 * Every level-agnostic form a name can be compared on: the name itself and its short forms
 * at any level ("黔南州" → 黔南州, 黔南; "黔西县" → 黔西). Used to match old or informal names.
 */
export function regionNameKeys(name: string): string[] {
  const n = normalizeRegionName(name);
  const keys = new Set([n]);
  for (const level of ["province", "prefecture", "county", "township"] as const) {
    const s = regionShortName(n, level);
    keys.add(s);
    if (s.endsWith("州") && s.length > 2) keys.add(s.slice(0, -1));
  }
  return [...keys];
}
