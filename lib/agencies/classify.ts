/**
 * Reads an agency name as written in a report ("盘州市人民政府(市人民政府办公室)",
 * "六盘水市自然资源局", "盘州市红果街道办事处") into its region, kind, level and
 * department type. Pure: the region list is an argument (贵州 by default).
 */
import { GUIZHOU_REGIONS, type RegionDef, type RegionLevel } from "../regions";
import { DEPT_TYPE_DEFS, type AgencyKind, type DeptType } from "./constants";

export { AGENCY_KINDS, DEPT_TYPE_DEFS, DEPT_TYPES, type AgencyKind, type DeptType } from "./constants";

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
  // 办公室 is matched last: "X局办公室" is that bureau, not a general office.
  for (const d of DEPT_TYPE_DEFS) if (d.key !== "办公室" && d.keywords.some((k) => rest.includes(k))) return d.key;
  if (DEPT_TYPE_DEFS[0].keywords.some((k) => rest.includes(k))) return "办公室";
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
