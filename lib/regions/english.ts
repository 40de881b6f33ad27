/**
 * English names of divisions, in the official style: the place name in pinyin written as one
 * word (六盘水市 → "Liupanshui City", 瓮安县 → "Weng'an County"), the level suffix translated
 * (市 City, 县 County, 区 District, 特区 Special District, 自治州 Autonomous Prefecture …) and
 * autonomous areas named with their nationalities (黔南布依族苗族自治州 → "Qiannan Buyei and Miao
 * Autonomous Prefecture").
 *
 * Pure rules: the pinyin itself comes from a library at generation time
 * (scripts/gen-region-names-en.ts writes region-names-en.ts), checked against READING_OVERRIDES
 * for the place names a dictionary reads wrong (都匀 is Duyun, not "Douyun").
 */
import type { Lang } from "../i18n";
import type { RegionLevel } from "./levels";
import { ETHNIC_GROUPS, normalizeRegionName } from "./names";
import { getGuizhouRegion } from "./guizhou";
import { REGION_NAMES_EN } from "./region-names-en";

/** Official English names of the 55 minority nationalities (GB/T 3304). */
export const ETHNIC_GROUPS_EN: Readonly<Record<string, string>> = {
  柯尔克孜: "Kirgiz", 乌孜别克: "Uzbek", 俄罗斯: "Russian", 维吾尔: "Uygur", 哈萨克: "Kazak", 达斡尔: "Daur",
  鄂温克: "Ewenki", 鄂伦春: "Oroqen", 塔吉克: "Tajik", 塔塔尔: "Tatar", 蒙古: "Mongol", 土家: "Tujia",
  布依: "Buyei", 朝鲜: "Korean", 哈尼: "Hani", 傈僳: "Lisu", 仡佬: "Gelao", 东乡: "Dongxiang", 高山: "Gaoshan",
  拉祜: "Lahu", 纳西: "Naxi", 仫佬: "Mulam", 锡伯: "Xibe", 景颇: "Jingpo", 毛南: "Maonan", 撒拉: "Salar",
  布朗: "Blang", 阿昌: "Achang", 普米: "Pumi", 基诺: "Jino", 德昂: "De'ang", 保安: "Bonan", 裕固: "Yugur",
  门巴: "Monba", 独龙: "Derung", 赫哲: "Hezhen", 珞巴: "Lhoba", 壮: "Zhuang", 满: "Manchu", 回: "Hui", 苗: "Miao",
  彝: "Yi", 藏: "Tibetan", 侗: "Dong", 瑶: "Yao", 白: "Bai", 黎: "Li", 傣: "Dai", 畲: "She", 水: "Shui",
  佤: "Va", 羌: "Qiang", 土: "Tu", 怒: "Nu", 京: "Gin",
};

/**
 * Place names whose usual dictionary reading is not the one the place goes by, as space-separated
 * syllables. Polyphonic characters checked for every 贵州 name: 都 (du in 都匀, 三都), 长 (chang in
 * 长顺), 六 (liu), 重 (chong in 重庆).
 */
export const READING_OVERRIDES: Readonly<Record<string, string>> = {
  都匀: "du yun",
  三都: "san du",
  长顺: "chang shun",
  重庆: "chong qing",
  长沙: "chang sha",
  长春: "chang chun",
  成都: "cheng du",
};

/** Level suffixes, longest first, with their English words. */
const SUFFIXES: readonly (readonly [zh: string, en: string, levels: readonly RegionLevel[]])[] = [
  ["特别行政区", "Special Administrative Region", ["province"]],
  ["街道办事处", "Subdistrict", ["township"]],
  ["自治区", "Autonomous Region", ["province"]],
  ["街道", "Subdistrict", ["township"]],
  ["特区", "Special District", ["county"]],
  ["林区", "Forestry District", ["county"]],
  ["地区", "Prefecture", ["prefecture"]],
  ["苏木", "Sumu", ["township"]],
  ["省", "Province", ["province"]],
  ["市", "City", ["province", "prefecture", "county"]],
  ["盟", "League", ["prefecture"]],
  ["区", "District", ["county"]],
  ["县", "County", ["county"]],
  ["旗", "Banner", ["county"]],
  ["镇", "Town", ["township"]],
  ["乡", "Township", ["township"]],
];

const AUTONOMOUS_EN: Readonly<Record<string, string>> = { 州: "Autonomous Prefecture", 县: "Autonomous County", 旗: "Autonomous Banner", 区: "Autonomous Region" };

const ETHNIC_ALT = [...ETHNIC_GROUPS].sort((a, b) => b.length - a.length).join("|");
const AUTONOMOUS = new RegExp(`^(.+?)((?:(?:${ETHNIC_ALT})族)+)自治(州|县|旗|区)$`);
const ETHNIC_TOWNSHIP = new RegExp(`^(.+?)((?:(?:${ETHNIC_ALT})族)+)(乡|镇|苏木)$`);

/** 布依族苗族 → ["Buyei", "Miao"]. */
function nationalities(run: string): string[] {
  return [...run.matchAll(new RegExp(`(${ETHNIC_ALT})族`, "g"))].map((m) => ETHNIC_GROUPS_EN[m[1] ?? ""] ?? m[1] ?? "");
}

/** "Buyei", "Buyei and Miao", "Yi, Hui and Miao". */
function listEn(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * Pinyin syllables joined into one capitalised word, with the apostrophe before a syllable that
 * starts with a, o or e (瓮安 → Weng'an, 普安 → Pu'an).
 */
export function pinyinWord(syllables: readonly string[]): string {
  const word = syllables
    .map((s) => s.toLowerCase().replace(/ü|v/g, "ü"))
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join("");
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export type ReadSyllables = (placeName: string) => readonly string[];

export interface EnglishRegionName {
  /** "Liupanshui City", "Qiannan Buyei and Miao Autonomous Prefecture". */
  name: string;
  /** The place name alone, as drawn on maps: "Liupanshui", "Qiannan". */
  shortName: string;
}

/**
 * The English name of a division from its Chinese name. `read` gives the pinyin syllables of the
 * bare place name; READING_OVERRIDES wins over it.
 */
export function englishRegionName(name: string, level: RegionLevel, read: ReadSyllables): EnglishRegionName {
  const n = normalizeRegionName(name);
  const place = (stem: string) => pinyinWord(READING_OVERRIDES[stem]?.split(" ") ?? read(stem));
  const auto = AUTONOMOUS.exec(n);
  if (auto?.[1] && auto[2] && auto[3]) {
    const stem = place(auto[1]);
    return { name: `${stem} ${listEn(nationalities(auto[2]))} ${AUTONOMOUS_EN[auto[3]]}`, shortName: stem };
  }
  const eth = ETHNIC_TOWNSHIP.exec(n);
  if (eth?.[1] && eth[2] && eth[3]) {
    const stem = place(eth[1]);
    const what = eth[3] === "镇" ? "Town" : eth[3] === "苏木" ? "Sumu" : "Township";
    return { name: `${stem} ${listEn(nationalities(eth[2]))} Ethnic ${what}`, shortName: stem };
  }
  for (const [zh, en, levels] of SUFFIXES) {
    if (levels.includes(level) && n.endsWith(zh) && n.length > zh.length) {
      const stem = place(n.slice(0, -zh.length));
      return { name: `${stem} ${en}`, shortName: stem };
    }
  }
  const stem = place(n);
  return { name: stem, shortName: stem };
}

/** The name to show: the English one in the English UI where we have it, else the Chinese. */
export function regionDisplayName(lang: Lang, code: string | null | undefined, name: string): string {
  if (lang !== "en" || !code) return name;
  return REGION_NAMES_EN[code]?.[0] ?? name;
}

/** The short form to show (maps, chips): "Liupanshui" / 六盘水. */
export function regionDisplayShortName(lang: Lang, code: string | null | undefined, shortName: string): string {
  if (lang !== "en" || !code) return shortName;
  return REGION_NAMES_EN[code]?.[1] ?? shortName;
}

/** A region row with its names in the reader's language (names only; codes and levels unchanged). */
export function localizeRegion<T extends { code: string; name: string; shortName: string }>(lang: Lang, region: T): T {
  if (lang !== "en") return region;
  return { ...region, name: regionDisplayName(lang, region.code, region.name), shortName: regionDisplayShortName(lang, region.code, region.shortName) };
}

/** "Liupanshui City" → "Liupanshui Municipal", "Guizhou Province" → "Guizhou Provincial": the official adjective forms. */
function governmentOf(regionEn: string): string {
  return `${regionEn.replace(/ City$/, " Municipal").replace(/ Province$/, " Provincial")} People's Government`;
}

/**
 * An agency's name for the reader. In English, a region's own government gets its official
 * English name where the name is exactly the standard form: 六盘水市人民政府 → "Liupanshui
 * Municipal People's Government", 盘州市民主镇人民政府 → "Minzhu Town People's Government",
 * 盘州市亦资街道办事处 → "Yizi Subdistrict Office". Every other name (departments, anything
 * worded differently) stays as the agency writes it: a guessed translation would mislead.
 */
export function agencyDisplayName(lang: Lang, name: string, regionCode: string | null | undefined): string {
  if (lang !== "en" || !regionCode) return name;
  const region = REGION_NAMES_EN[regionCode];
  const zh = getGuizhouRegion(regionCode);
  if (!region || !zh) return name;
  const parent = zh.parentCode ? getGuizhouRegion(zh.parentCode) : undefined;
  const forms = zh.level === "township" && parent ? [`${parent.name}${zh.name}`, zh.name] : [zh.name];
  for (const f of forms) {
    if (name === `${f}人民政府`) return governmentOf(region[0]);
    if (name === `${f}办事处` && zh.name.endsWith("街道")) return `${region[0]} Office`;
  }
  return name;
}
