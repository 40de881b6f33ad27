/**
 * Reads an agency name as written in a report ("盘州市人民政府(市人民政府办公室)",
 * "六盘水市自然资源局", "盘州市红果街道办事处") into its region, kind, level and
 * department type. Pure: the region list is an argument (贵州 by default).
 */
import { GUIZHOU_REGIONS, type RegionDef, type RegionLevel } from "../regions";

export const AGENCY_KINDS = ["government", "department", "dev_zone", "township", "other"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Normalised department functions (REPORT-FORMAT.md §5.1 dept_type), matched by keyword, first hit wins. */
export const DEPT_TYPES = [
  { key: "自然资源", en: "Natural resources", keywords: ["自然资源", "国土资源", "规划和自然资源"] },
  { key: "住建", en: "Housing and construction", keywords: ["住房和城乡建设", "住房城乡建设", "住建", "城乡规划建设"] },
  { key: "人社", en: "Human resources and social security", keywords: ["人力资源和社会保障", "人力资源社会保障", "人社"] },
  { key: "公安", en: "Public security", keywords: ["公安"] },
  { key: "生态环境", en: "Ecology and environment", keywords: ["生态环境", "环境保护"] },
  { key: "市场监管", en: "Market regulation", keywords: ["市场监督管理", "市场监管"] },
  { key: "教育", en: "Education", keywords: ["教育"] },
  { key: "卫健", en: "Health", keywords: ["卫生健康", "卫生和计划生育", "卫健"] },
  { key: "财政", en: "Finance", keywords: ["财政"] },
  { key: "信访", en: "Petitions", keywords: ["信访"] },
  { key: "审计", en: "Audit", keywords: ["审计"] },
  { key: "交通运输", en: "Transport", keywords: ["交通运输", "交通"] },
  { key: "水利", en: "Water resources", keywords: ["水利", "水务"] },
  { key: "农业农村", en: "Agriculture", keywords: ["农业农村", "农业"] },
  { key: "民政", en: "Civil affairs", keywords: ["民政"] },
  { key: "司法", en: "Justice", keywords: ["司法"] },
  { key: "商务", en: "Commerce", keywords: ["商务"] },
  { key: "发展改革", en: "Development and reform", keywords: ["发展和改革", "发展改革", "发改"] },
  { key: "应急管理", en: "Emergency management", keywords: ["应急管理"] },
  { key: "文化旅游", en: "Culture and tourism", keywords: ["文化和旅游", "文化旅游", "文体广电旅游"] },
  { key: "林业", en: "Forestry", keywords: ["林业"] },
  { key: "统计", en: "Statistics", keywords: ["统计"] },
  { key: "医疗保障", en: "Healthcare security", keywords: ["医疗保障", "医保"] },
  { key: "退役军人", en: "Veterans affairs", keywords: ["退役军人"] },
  { key: "机关事务", en: "Government offices administration", keywords: ["机关事务"] },
  { key: "大数据", en: "Big data", keywords: ["大数据"] },
  { key: "能源", en: "Energy", keywords: ["能源"] },
  { key: "工业和信息化", en: "Industry and IT", keywords: ["工业和信息化", "工业和信息化", "工信"] },
  { key: "科技", en: "Science and technology", keywords: ["科学技术", "科技"] },
  { key: "民族宗教", en: "Ethnic and religious affairs", keywords: ["民族宗教"] },
  { key: "政务服务", en: "Government services", keywords: ["政务服务"] },
  { key: "综合执法", en: "Comprehensive law enforcement", keywords: ["综合行政执法", "城市管理", "综合执法"] },
] as const;
export type DeptType = (typeof DEPT_TYPES)[number]["key"];

export interface AgencyClassification {
  /** The name without its parenthetical compiler ("(市人民政府办公室)"). */
  name: string;
  /**
   * The registry key: today's region name plus the rest ("盘县人民政府" → "盘州市人民政府",
   * "贵州省六盘水市盘州市自然资源局" → "盘州市自然资源局"), so old and long forms find one agency.
   */
  nameNorm: string;
  kind: AgencyKind;
  level: RegionLevel | null;
  region: RegionDef | null;
  deptType: DeptType | null;
}

const GOVERNMENT_REST = /^(人民政府|政府)(办公室|办公厅)?$/;
const TOWNSHIP_REST = /^(人民政府|政府|办事处|街道办事处|街道办)?$/;
const DEV_ZONE = /(管委会|管理委员会|开发区|新区|高新区|经开区|经济技术开发区|园区)/;

export function normalizeAgencyName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[“”"'「」]/g, "");
}

/** Drops a trailing parenthetical ("盘州市人民政府(市人民政府办公室)" → "盘州市人民政府"). */
function stripCompiler(name: string): string {
  return name.replace(/[(（][^()（）]*[)）]$/, "");
}

function deptTypeOf(rest: string): DeptType | null {
  for (const d of DEPT_TYPES) if (d.keywords.some((k) => rest.includes(k))) return d.key;
  return null;
}

/**
 * Consumes region names from the start of the agency name, outermost first
 * ("贵州省六盘水市盘州市…"), and returns the innermost region matched and the rest.
 */
function matchRegionPrefix(name: string, regions: readonly RegionDef[]): { region: RegionDef | null; rest: string } {
  let rest = name;
  let region: RegionDef | null = null;
  for (;;) {
    const parent: RegionDef | null = region;
    const scope: readonly RegionDef[] = parent ? regions.filter((r) => r.parentCode === parent.adminCode) : regions;
    let best: { r: RegionDef; len: number } | null = null;
    for (const r of scope) {
      for (const form of [r.name, ...r.aliases, r.shortName]) {
        if (form.length >= 2 && rest.startsWith(form) && (!best || form.length > best.len)) best = { r, len: form.length };
      }
    }
    if (!best) break;
    region = best.r;
    rest = rest.slice(best.len);
  }
  return { region, rest };
}

export function classifyAgency(raw: string, regions: readonly RegionDef[] = GUIZHOU_REGIONS): AgencyClassification {
  const name = stripCompiler(normalizeAgencyName(raw));
  const { region, rest } = matchRegionPrefix(name, regions);
  let kind: AgencyKind;
  if (DEV_ZONE.test(rest)) kind = "dev_zone";
  else if (region?.level === "township" && TOWNSHIP_REST.test(rest)) kind = "township";
  else if (region && GOVERNMENT_REST.test(rest)) kind = "government";
  else if (!region && /(乡|镇|街道)(人民政府|办事处)?$/.test(name)) kind = "township";
  else if (region && rest.length > 0) kind = "department";
  else kind = "other";
  let nameNorm = name;
  if (region && kind === "government") nameNorm = `${region.name}人民政府`;
  else if (region && kind === "township") nameNorm = /街道$/.test(region.name) ? `${region.name}办事处` : `${region.name}人民政府`;
  else if (region && rest) nameNorm = `${region.name}${rest}`;
  return {
    name,
    nameNorm,
    kind,
    level: kind === "township" ? "township" : (region?.level ?? null),
    region,
    deptType: kind === "department" ? deptTypeOf(rest) : null,
  };
}
