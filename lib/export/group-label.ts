/** A peer group's name for people: "贵州省 · 县级人民政府", "全部地区 · 自然资源部门". */
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

export function groupLabel(g: PeerGroupKey, regionName: string | null): { zh: string; en: string } {
  const what = g.deptType ? { zh: `${g.deptType}部门`, en: `${g.deptType} ${KIND[g.kind].en}` } : KIND[g.kind];
  const level = g.level ? LEVEL[g.level] : null;
  const zh = `${regionName ?? "全部地区"} · ${level?.zh ?? ""}${what.zh}`;
  const en = [`All`, level?.en, what.en, regionName ? `in ${regionName}` : null].filter(Boolean).join(" ");
  return { zh, en };
}

export { KIND as GROUP_KIND_LABELS, LEVEL as GROUP_LEVEL_LABELS };
