/**
 * The demo's publishers in 贵州省: the provincial government and 23 provincial departments; each
 * 市州 government with 10 departments; each of the 88 county governments with 4 departments
 * (盘州市: 10) and 盘州's 27 乡镇街道. `scale` > 1 adds synthetic departments and townships per
 * county (and departments per 市州) with unique names and codes.
 *
 * Why 4 departments per county at scale 1: the full 10 would give ~1,150 agencies and ~6,700
 * reports, over the start-up budget (ingest ≤ ~60 s at ~100 reports/s); 自然资源/住建/人社/公安
 * are the peer groups that carry most applications.
 */
import type { DeptType } from "../agencies/classify";
import type { TopicKey } from "../catalog";
import { GUIZHOU_COUNTIES, GUIZHOU_PANZHOU_TOWNSHIPS, GUIZHOU_PREFECTURES, GUIZHOU_PROVINCE, PANZHOU_CODE, type RegionDef } from "../regions";

export type DemoAgencyKind = "government" | "department" | "township";
export type DemoLevel = "province" | "prefecture" | "county" | "township";

export interface DemoAgency {
  /** Stable id: region code + slug ("520281-gov", "520281-zrzy", "520281001-twp"). */
  id: string;
  name: string;
  /** As printed in title and preamble ("盘州市人民政府(市人民政府办公室)"). */
  printedName: string;
  kind: DemoAgencyKind;
  level: DemoLevel;
  /** The division the agency serves (6 digits; 9 for townships). */
  regionCode: string;
  regionName: string;
  parentRegionCode: string | null;
  /** The 市州 it belongs to (province-level agencies: 520000). */
  prefectureCode: string;
  deptType: DeptType | null;
  /** Department slug (see DEPARTMENTS) or "gov" / "twp". */
  profile: string;
  /** The office that compiles and signs the report. */
  office: string;
  site: { name: string; url: string };
  address: string;
  phone: string;
  scope: "self" | "region_aggregate";
  synthetic: boolean;
}

export interface DeptDef {
  slug: string;
  type: DeptType;
  /** Name after the region prefix, per level; null = no such body at that level. */
  names: { province: string | null; prefecture: string | null; county: string | null };
  /** Median new applications per year by level (self scope). */
  volume: { province: number; prefecture: number; county: number };
  /** Topics its applicants ask about, most frequent first. */
  topics: readonly TopicKey[];
}

/** Provincial departments, 市州 and county bureaus. Order = listing order. */
export const DEPARTMENTS: readonly DeptDef[] = [
  { slug: "zrzy", type: "自然资源", names: { province: "自然资源厅", prefecture: "自然资源局", county: "自然资源局" }, volume: { province: 160, prefecture: 60, county: 24 }, topics: ["land_requisition", "demolition", "planning", "property_registration"] },
  { slug: "zjj", type: "住建", names: { province: "住房和城乡建设厅", prefecture: "住房和城乡建设局", county: "住房和城乡建设局" }, volume: { province: 60, prefecture: 28, county: 12 }, topics: ["demolition", "housing_security", "planning"] },
  { slug: "rs", type: "人社", names: { province: "人力资源和社会保障厅", prefecture: "人力资源和社会保障局", county: "人力资源和社会保障局" }, volume: { province: 40, prefecture: 15, county: 6 }, topics: ["social_security", "public_funds"] },
  { slug: "ga", type: "公安", names: { province: "公安厅", prefecture: "公安局", county: "公安局" }, volume: { province: 35, prefecture: 14, county: 5 }, topics: ["enforcement", "other"] },
  { slug: "sthj", type: "生态环境", names: { province: "生态环境厅", prefecture: "生态环境局", county: null }, volume: { province: 28, prefecture: 10, county: 0 }, topics: ["environment", "project_approval", "enforcement"] },
  { slug: "scjg", type: "市场监管", names: { province: "市场监督管理局", prefecture: "市场监督管理局", county: "市场监督管理局" }, volume: { province: 30, prefecture: 12, county: 5 }, topics: ["enforcement", "other"] },
  { slug: "jy", type: "教育", names: { province: "教育厅", prefecture: "教育局", county: "教育局" }, volume: { province: 16, prefecture: 8, county: 4 }, topics: ["education", "public_funds"] },
  { slug: "wj", type: "卫健", names: { province: "卫生健康委员会", prefecture: "卫生健康局", county: "卫生健康局" }, volume: { province: 16, prefecture: 7, county: 3 }, topics: ["public_funds", "other"] },
  { slug: "cz", type: "财政", names: { province: "财政厅", prefecture: "财政局", county: "财政局" }, volume: { province: 14, prefecture: 6, county: 3 }, topics: ["public_funds"] },
  { slug: "xf", type: "信访", names: { province: "信访局", prefecture: "信访局", county: "信访局" }, volume: { province: 6, prefecture: 4, county: 2 }, topics: ["other", "land_requisition"] },
  { slug: "ny", type: "农业农村", names: { province: "农业农村厅", prefecture: "农业农村局", county: "农业农村局" }, volume: { province: 14, prefecture: 6, county: 3 }, topics: ["public_funds", "land_requisition"] },
  { slug: "sj", type: "审计", names: { province: "审计厅", prefecture: "审计局", county: "审计局" }, volume: { province: 6, prefecture: 3, county: 1 }, topics: ["public_funds"] },
  { slug: "jt", type: "交通运输", names: { province: "交通运输厅", prefecture: "交通运输局", county: "交通运输局" }, volume: { province: 22, prefecture: 8, county: 3 }, topics: ["land_requisition", "project_approval"] },
  { slug: "sl", type: "水利", names: { province: "水利厅", prefecture: "水务局", county: "水务局" }, volume: { province: 12, prefecture: 5, county: 2 }, topics: ["land_requisition", "project_approval"] },
  { slug: "sw", type: "商务", names: { province: "商务厅", prefecture: "商务局", county: "商务局" }, volume: { province: 6, prefecture: 3, county: 1 }, topics: ["other"] },
  { slug: "mz", type: "民政", names: { province: "民政厅", prefecture: "民政局", county: "民政局" }, volume: { province: 12, prefecture: 6, county: 3 }, topics: ["social_security"] },
  { slug: "sf", type: "司法", names: { province: "司法厅", prefecture: "司法局", county: "司法局" }, volume: { province: 8, prefecture: 4, county: 2 }, topics: ["other", "enforcement"] },
  { slug: "wl", type: "文化旅游", names: { province: "文化和旅游厅", prefecture: "文化和旅游局", county: "文体广电旅游局" }, volume: { province: 6, prefecture: 3, county: 1 }, topics: ["other"] },
  { slug: "yj", type: "应急管理", names: { province: "应急管理厅", prefecture: "应急管理局", county: "应急管理局" }, volume: { province: 6, prefecture: 3, county: 1 }, topics: ["enforcement"] },
  { slug: "lyj", type: "林业", names: { province: "林业局", prefecture: "林业局", county: "林业局" }, volume: { province: 10, prefecture: 4, county: 2 }, topics: ["land_requisition", "enforcement"] },
  { slug: "nyj", type: "能源", names: { province: "能源局", prefecture: "能源局", county: "能源局" }, volume: { province: 8, prefecture: 3, county: 1 }, topics: ["project_approval"] },
  { slug: "dsj", type: "大数据", names: { province: "大数据发展管理局", prefecture: "大数据发展管理局", county: "大数据发展管理局" }, volume: { province: 4, prefecture: 2, county: 1 }, topics: ["other"] },
  { slug: "fg", type: "发展改革", names: { province: "发展和改革委员会", prefecture: "发展和改革委员会", county: "发展和改革局" }, volume: { province: 20, prefecture: 8, county: 3 }, topics: ["project_approval", "public_funds"] },
  // County-level bodies used only when --scale adds departments.
  { slug: "tj", type: "统计", names: { province: null, prefecture: null, county: "统计局" }, volume: { province: 0, prefecture: 0, county: 1 }, topics: ["other"] },
  { slug: "yb", type: "医疗保障", names: { province: null, prefecture: null, county: "医疗保障局" }, volume: { province: 0, prefecture: 0, county: 2 }, topics: ["social_security"] },
  { slug: "tyjr", type: "退役军人", names: { province: null, prefecture: null, county: "退役军人事务局" }, volume: { province: 0, prefecture: 0, county: 1 }, topics: ["social_security"] },
  { slug: "zhzf", type: "综合执法", names: { province: null, prefecture: null, county: "综合行政执法局" }, volume: { province: 0, prefecture: 0, county: 3 }, topics: ["demolition", "enforcement"] },
  { slug: "gxj", type: "工业和信息化", names: { province: null, prefecture: null, county: "工业和信息化局" }, volume: { province: 0, prefecture: 0, county: 1 }, topics: ["project_approval"] },
  { slug: "kjj", type: "科技", names: { province: null, prefecture: null, county: "科技局" }, volume: { province: 0, prefecture: 0, county: 1 }, topics: ["public_funds"] },
  { slug: "mzzj", type: "民族宗教", names: { province: null, prefecture: null, county: "民族宗教事务局" }, volume: { province: 0, prefecture: 0, county: 1 }, topics: ["other"] },
];

const DEPT_BY_SLUG = new Map(DEPARTMENTS.map((d) => [d.slug, d]));
export function deptDef(slug: string): DeptDef | undefined {
  return DEPT_BY_SLUG.get(slug);
}

/** A department of the lists below; they only name slugs of DEPARTMENTS. */
function dept(slug: string): DeptDef {
  const d = DEPT_BY_SLUG.get(slug);
  if (!d) throw new Error(`demo: unknown department slug ${slug}`);
  return d;
}

const PROVINCE_DEPTS = DEPARTMENTS.filter((d) => d.names.province).map((d) => d.slug);
const PREFECTURE_DEPTS = ["zrzy", "zjj", "rs", "ga", "sthj", "scjg", "jy", "wj", "cz", "xf"];
const COUNTY_DEPTS = ["zrzy", "zjj", "rs", "ga"];
const PANZHOU_DEPTS = ["zrzy", "zjj", "rs", "ga", "scjg", "jy", "wj", "cz", "xf", "ny"];

/** Government reports that aggregate their whole region (汇总全市/全州, REPORT-FORMAT.md §5.1). */
export const AGGREGATE_GOVERNMENTS: ReadonlySet<string> = new Set(["520100", "522700", "520181", "522601"]);

const PREFECTURE_SITES: Record<string, string> = {
  "520100": "www.guiyang.gov.cn",
  "520200": "www.gzlps.gov.cn",
  "520300": "www.zunyi.gov.cn",
  "520400": "www.anshun.gov.cn",
  "520500": "www.bijie.gov.cn",
  "520600": "www.trs.gov.cn",
  "522300": "www.qxn.gov.cn",
  "522600": "www.qdn.gov.cn",
  "522700": "www.qiannan.gov.cn",
};

const AREA_CODES: Record<string, string> = {
  "520100": "0851",
  "520200": "0858",
  "520300": "0851",
  "520400": "0851",
  "520500": "0857",
  "520600": "0856",
  "522300": "0859",
  "522600": "0855",
  "522700": "0854",
};

const ROADS = ["人民路", "中山路", "凤凰大道", "迎宾路", "新华路", "解放路", "建设路", "长征路", "民族路", "文化路", "滨河路", "育才路", "东风路", "和平路", "兴业大道", "环城北路"];

/** Prefecture names as departments print them: 六盘水市, 黔南州. */
function prefShort(p: RegionDef): string {
  return p.name.endsWith("自治州") ? p.shortName : p.name;
}

/** "市"/"县"/"区"/"州"/"省": how the office of a government names its own level. */
function levelChar(r: RegionDef): string {
  if (r.level === "province") return "省";
  if (r.name.endsWith("自治州")) return "州";
  if (r.name.endsWith("特区")) return "特区";
  return r.name.slice(-1);
}

function phone(prefCode: string, h: number): string {
  return `${AREA_CODES[prefCode] ?? "0851"}—${String(2000000 + (h % 7999999)).padStart(7, "0")}`;
}

function smallHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function countySite(c: RegionDef): string {
  return c.adminCode === PANZHOU_CODE ? "www.panzhou.gov.cn" : `www.gz${c.adminCode}.gov.cn`;
}

interface Ctx {
  prefecture: RegionDef | null;
  county: RegionDef | null;
}

function government(region: RegionDef, ctx: Ctx): DemoAgency {
  const lc = levelChar(region);
  const office = region.level === "province" ? `${region.name}人民政府办公厅` : `${region.name}人民政府办公室`;
  const name = `${region.name}人民政府`;
  const h = smallHash(region.adminCode);
  const printedName =
    region.adminCode === PANZHOU_CODE ? "盘州市人民政府(市人民政府办公室)" : h % 2 === 0 ? `${name}（${lc}人民政府${region.level === "province" ? "办公厅" : "办公室"}）` : name;
  const prefCode = ctx.prefecture?.adminCode ?? region.adminCode;
  const host = region.level === "province" ? "www.guizhou.gov.cn" : region.level === "prefecture" ? (PREFECTURE_SITES[region.adminCode] ?? "www.guizhou.gov.cn") : countySite(region);
  return {
    id: `${region.adminCode}-gov`,
    name,
    printedName,
    kind: "government",
    level: region.level === "township" ? "township" : region.level,
    regionCode: region.adminCode,
    regionName: region.name,
    parentRegionCode: region.parentCode,
    prefectureCode: region.level === "province" ? region.adminCode : prefCode,
    deptType: null,
    profile: "gov",
    office,
    site: { name: `${region.name}人民政府门户网站`, url: `http://${host}/` },
    address: region.adminCode === PANZHOU_CODE ? "盘州市凤鸣北路1号" : `${region.name}${ROADS[h % ROADS.length]}${(h >>> 5) % 200 + 1}号`,
    phone: region.adminCode === PANZHOU_CODE ? "0858—3636249" : phone(prefCode, h),
    scope: AGGREGATE_GOVERNMENTS.has(region.adminCode) ? "region_aggregate" : "self",
    synthetic: false,
  };
}

function department(region: RegionDef, d: DeptDef, ctx: Ctx, synthetic: boolean): DemoAgency {
  const level = region.level === "province" ? "province" : region.level === "prefecture" ? "prefecture" : "county";
  const suffix = d.names[level];
  if (!suffix) throw new Error(`demo: no ${level} body for ${d.slug}`);
  const prefix = level === "province" ? "贵州省" : level === "prefecture" ? prefShort(region) : region.name;
  const name = `${prefix}${suffix}`;
  const h = smallHash(`${region.adminCode}-${d.slug}`);
  const prefCode = ctx.prefecture?.adminCode ?? region.adminCode;
  const host = level === "province" ? `${d.slug}.guizhou.gov.cn` : level === "prefecture" ? (PREFECTURE_SITES[region.adminCode] ?? "www.guizhou.gov.cn") : countySite(region);
  return {
    id: `${region.adminCode}-${d.slug}`,
    name,
    printedName: name,
    kind: "department",
    level,
    regionCode: region.adminCode,
    regionName: region.name,
    parentRegionCode: region.parentCode,
    prefectureCode: level === "province" ? region.adminCode : prefCode,
    deptType: d.type,
    profile: d.slug,
    office: name,
    site: { name: level === "province" ? `${name}网站` : `${region.name}人民政府门户网站`, url: `http://${host}/` },
    address: `${region.name}${ROADS[h % ROADS.length]}${(h >>> 5) % 300 + 1}号`,
    phone: phone(prefCode, h),
    scope: "self",
    synthetic,
  };
}

/** 乡镇街道 print their government as 镇/乡人民政府 or 街道办事处. */
function township(county: RegionDef, code: string, name: string, ctx: Ctx, synthetic: boolean): DemoAgency {
  const body = name.endsWith("街道") ? `${name}办事处` : `${name}人民政府`;
  const full = `${county.name}${body}`;
  const h = smallHash(code);
  const prefCode = ctx.prefecture?.adminCode ?? county.parentCode ?? "520000";
  return {
    id: `${code}-twp`,
    name: full,
    printedName: full,
    kind: "township",
    level: "township",
    regionCode: code,
    regionName: name,
    parentRegionCode: county.adminCode,
    prefectureCode: prefCode,
    deptType: null,
    profile: "twp",
    office: full,
    site: { name: `${county.name}人民政府门户网站`, url: `http://${countySite(county)}/` },
    address: `${county.name}${name}${ROADS[h % ROADS.length]}${(h >>> 5) % 80 + 1}号`,
    phone: phone(prefCode, h),
    scope: "self",
    synthetic,
  };
}

const SYN_FIRST = ["龙", "凤", "新", "石", "马", "花", "清", "白", "黄", "青", "红", "金", "银", "长", "平", "大", "小", "水", "云", "松", "桃", "梅", "兴", "安", "双", "高", "沙", "岩", "官", "乐"];
const SYN_SECOND = ["场", "坝", "桥", "溪", "寨", "山", "河", "塘", "坪", "关", "田", "湾", "口", "营", "阳", "江", "林", "岭", "屯", "铺"];

/** A synthetic township name unique within its county for i < 600 ("龙场镇", "凤坝乡"). */
function syntheticTownshipName(i: number): string {
  const a = SYN_FIRST[i % SYN_FIRST.length] ?? "新";
  const b = SYN_SECOND[Math.floor(i / SYN_FIRST.length) % SYN_SECOND.length] ?? "场";
  return `${a}${b}${i % 3 === 2 ? "乡" : "镇"}`;
}

export interface PrefectureGroup {
  /** 520000 for the provincial group. */
  code: string;
  name: string;
  agencies: DemoAgency[];
}

/**
 * Agencies grouped by 市州 (the provincial group first), each group in listing order:
 * government, departments, then per county its government, departments and townships.
 */
export function buildAgencyGroups(scale = 1): PrefectureGroup[] {
  const s = Math.max(1, Math.floor(scale));
  const groups: PrefectureGroup[] = [];
  const prov = GUIZHOU_PROVINCE;
  const provCtx: Ctx = { prefecture: null, county: null };
  groups.push({
    code: prov.adminCode,
    name: prov.name,
    agencies: [government(prov, provCtx), ...PROVINCE_DEPTS.map((slug) => department(prov, dept(slug), provCtx, false))],
  });
  const prefDeptPool = DEPARTMENTS.filter((d) => d.names.prefecture && !PREFECTURE_DEPTS.includes(d.slug)).map((d) => d.slug);
  for (const pref of GUIZHOU_PREFECTURES) {
    const ctx: Ctx = { prefecture: pref, county: null };
    const agencies: DemoAgency[] = [government(pref, ctx)];
    const prefDepts = [...PREFECTURE_DEPTS, ...prefDeptPool.slice(0, Math.min(prefDeptPool.length, (s - 1) * 2))];
    for (const slug of prefDepts) agencies.push(department(pref, dept(slug), ctx, !PREFECTURE_DEPTS.includes(slug)));
    for (const county of GUIZHOU_COUNTIES.filter((c) => c.parentCode === pref.adminCode)) {
      const cctx: Ctx = { prefecture: pref, county };
      agencies.push(government(county, cctx));
      const base = county.adminCode === PANZHOU_CODE ? PANZHOU_DEPTS : COUNTY_DEPTS;
      for (const slug of base) agencies.push(department(county, dept(slug), cctx, false));
      if (county.adminCode === PANZHOU_CODE) {
        for (const t of GUIZHOU_PANZHOU_TOWNSHIPS) agencies.push(township(county, t.adminCode, t.name, cctx, false));
      }
      // Scale: 5 more bodies per county per step, real department kinds first, then townships.
      const extra = (s - 1) * 5;
      const pool = DEPARTMENTS.filter((d) => d.names.county && !base.includes(d.slug)).map((d) => d.slug);
      for (let i = 0; i < extra; i++) {
        const slug = pool[i];
        if (slug) {
          agencies.push(department(county, dept(slug), cctx, true));
        } else {
          const k = i - pool.length;
          agencies.push(township(county, `${county.adminCode}${String(500 + k).padStart(3, "0")}`, syntheticTownshipName(k), cctx, true));
        }
      }
    }
    groups.push({ code: pref.adminCode, name: pref.name, agencies });
  }
  return groups;
}

export function buildAgencies(scale = 1): DemoAgency[] {
  return buildAgencyGroups(scale).flatMap((g) => g.agencies);
}

/** Whether `agency` lies inside the region `code` (used to sum region-aggregate reports). */
export function isWithin(agency: DemoAgency, code: string): boolean {
  if (code.endsWith("0000")) return agency.regionCode.startsWith(code.slice(0, 2));
  if (code.endsWith("00")) return agency.regionCode.startsWith(code.slice(0, 4));
  return agency.regionCode.startsWith(code);
}
