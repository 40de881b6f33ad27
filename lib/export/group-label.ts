/**
 * A peer group's name for people: "贵州省 · 县级人民政府", "全部地区 · 自然资源部门"; in English
 * "All county governments in Guizhou Province". `regionName` is the Chinese name of the group's
 * region; its English name comes from the region table.
 */
import { deptTypeLabel } from "../agencies/labels";
import { regionDisplayName } from "../regions/english";
import type { PeerGroupKey } from "./compare-params";

const KIND: Record<PeerGroupKey["kind"], { zh: string; en: string }> = {
  government: { zh: "人民政府", en: "governments" },
  department: { zh: "部门", en: "departments" },
  dev_zone: { zh: "开发区", en: "development zones" },
  township: { zh: "乡镇街道", en: "townships" },
  other: { zh: "其他机关", en: "other agencies" },
};

const LEVEL: Record<NonNullable<PeerGroupKey["level"]>, { zh: string; en: string }> = {
  province: { zh: "省级", en: "provincial" },
  prefecture: { zh: "市级", en: "prefecture" },
  county: { zh: "县级", en: "county" },
  township: { zh: "乡级", en: "township" },
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function groupLabel(g: PeerGroupKey, regionName: string | null): { zh: string; en: string } {
  const what = g.deptType ? { zh: `${g.deptType}部门`, en: `${lowerFirst(deptTypeLabel(g.deptType, "en"))} ${KIND[g.kind].en}` } : KIND[g.kind];
  const level = g.level ? LEVEL[g.level] : null;
  const zh = `${regionName ?? "全部地区"} · ${level?.zh ?? ""}${what.zh}`;
  const regionEn = regionName && g.regionPrefix ? regionDisplayName("en", g.regionPrefix.padEnd(6, "0"), regionName) : regionName;
  const en = [`All`, level?.en, what.en, regionEn ? `in ${regionEn}` : null].filter(Boolean).join(" ");
  return { zh, en };
}

export { KIND as GROUP_KIND_LABELS, LEVEL as GROUP_LEVEL_LABELS };
