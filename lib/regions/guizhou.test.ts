import { describe, expect, it } from "vitest";
import {
  GUIZHOU_COUNTIES,
  GUIZHOU_PANZHOU_TOWNSHIPS,
  GUIZHOU_PREFECTURES,
  GUIZHOU_PROVINCE,
  GUIZHOU_REGIONS,
  findRegionByName,
  findRegionsByName,
} from "./guizhou";
import { ADMIN_CODE_PATTERN, adminCodeLevel, padAdminCode } from "./levels";
import { regionShortName } from "./names";

// REPORT-FORMAT.md §5.3.
const COUNTIES_PER_PREFECTURE: Record<string, number> = {
  贵阳市: 10,
  六盘水市: 4,
  遵义市: 14,
  安顺市: 6,
  毕节市: 8,
  铜仁市: 10,
  黔西南布依族苗族自治州: 8,
  黔东南苗族侗族自治州: 16,
  黔南布依族苗族自治州: 12,
};

describe("贵州 region tree", () => {
  it("has 1 province, 9 prefectures, 88 counties and 盘州's 27 townships", () => {
    expect(GUIZHOU_PROVINCE).toMatchObject({ adminCode: "520000", name: "贵州省", level: "province", parentCode: null });
    expect(GUIZHOU_PREFECTURES).toHaveLength(9);
    expect(GUIZHOU_COUNTIES).toHaveLength(88);
    expect(GUIZHOU_PANZHOU_TOWNSHIPS).toHaveLength(27);
    expect(GUIZHOU_REGIONS).toHaveLength(1 + 9 + 88 + 27);
  });

  it("has the listed number of counties under each prefecture", () => {
    const counts = Object.fromEntries(
      GUIZHOU_PREFECTURES.map((p) => [p.name, GUIZHOU_COUNTIES.filter((c) => c.parentCode === p.adminCode).length]),
    );
    expect(counts).toEqual(COUNTIES_PER_PREFECTURE);
  });

  it("has unique codes, valid levels, and every parent listed before its children", () => {
    const seen = new Set<string>();
    for (const r of GUIZHOU_REGIONS) {
      expect(ADMIN_CODE_PATTERN.test(r.adminCode), r.adminCode).toBe(true);
      expect(adminCodeLevel(r.adminCode)).toBe(r.level);
      expect(seen.has(r.adminCode), `duplicate ${r.adminCode}`).toBe(false);
      if (r.parentCode !== null) expect(seen.has(r.parentCode), `${r.name}'s parent ${r.parentCode}`).toBe(true);
      seen.add(r.adminCode);
    }
  });

  it("puts all 27 townships under 盘州市 with NBS codes: 6 街道, 14 镇, 7 民族乡", () => {
    expect(GUIZHOU_PANZHOU_TOWNSHIPS.every((t) => t.parentCode === "520281" && t.adminCode.startsWith("520281"))).toBe(true);
    expect(GUIZHOU_PANZHOU_TOWNSHIPS.filter((t) => t.name.endsWith("街道"))).toHaveLength(6);
    expect(GUIZHOU_PANZHOU_TOWNSHIPS.filter((t) => t.name.endsWith("镇"))).toHaveLength(14);
    expect(GUIZHOU_PANZHOU_TOWNSHIPS.filter((t) => t.name.endsWith("乡"))).toHaveLength(7);
    expect(GUIZHOU_PANZHOU_TOWNSHIPS[0]).toMatchObject({ adminCode: "520281001", name: "亦资街道", shortName: "亦资" });
  });

  it("numbers siblings in code order from 0", () => {
    const liupanshui = GUIZHOU_COUNTIES.filter((c) => c.parentCode === "520200");
    expect(liupanshui.map((c) => [c.name, c.sortOrder])).toEqual([
      ["钟山区", 0],
      ["六枝特区", 1],
      ["水城区", 2],
      ["盘州市", 3],
    ]);
  });
});

describe("findRegionByName", () => {
  it.each([
    ["盘州市", "520281"],
    ["盘州", "520281"],
    ["盘县", "520281"],
    [" 盘州市 ", "520281"],
    ["六盘水", "520200"],
    ["六盘水市", "520200"],
    ["黔南州", "522700"],
    ["黔南布依族苗族自治州", "522700"],
    ["黔西县", "520581"],
    ["黔西", "520581"],
    ["黔西南", "522300"],
    ["水城县", "520204"],
    ["遵义县", "520304"],
    ["遵义", "520300"],
    ["万山特区", "520603"],
    ["毕节地区", "520500"],
    ["贵州", "520000"],
    ["三都县", "522732"],
    ["普田乡", "520281202"],
  ])("%s → %s", (name, code) => {
    expect(findRegionByName(name)?.adminCode).toBe(code);
  });

  it("returns null for unknown or empty names", () => {
    expect(findRegionByName("北京市")).toBeNull();
    expect(findRegionByName("")).toBeNull();
    expect(findRegionsByName("   ")).toEqual([]);
  });
});

describe("regionShortName", () => {
  it.each([
    ["黔西南布依族苗族自治州", "prefecture", "黔西南州"],
    ["威宁彝族回族苗族自治县", "county", "威宁"],
    ["印江土家族苗族自治县", "county", "印江"],
    ["三都水族自治县", "county", "三都"],
    ["六枝特区", "county", "六枝"],
    ["羊场布依族白族苗族乡", "township", "羊场"],
    ["广西壮族自治区", "province", "广西"],
    ["锡林郭勒盟", "prefecture", "锡林郭勒"],
    ["郊区", "county", "郊区"],
  ] as const)("%s → %s", (name, level, short) => {
    expect(regionShortName(name, level)).toBe(short);
  });
});

describe("padAdminCode", () => {
  it("pads NBS 2/4-digit codes to 6 and keeps 6/9-digit codes", () => {
    expect(padAdminCode("52")).toBe("520000");
    expect(padAdminCode("5202")).toBe("520200");
    expect(padAdminCode("520281")).toBe("520281");
    expect(padAdminCode("520281001")).toBe("520281001");
    expect(() => padAdminCode("5202810")).toThrow(/Not an NBS division code/);
  });
});
