import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateRegionNamesEnSource, readPinyin } from "../../scripts/lib/region-names-en";
import { englishRegionName, ETHNIC_GROUPS_EN, pinyinWord, READING_OVERRIDES, regionDisplayName, regionDisplayShortName } from "./english";
import { GUIZHOU_REGIONS } from "./guizhou";
import { ETHNIC_GROUPS } from "./names";
import { REGION_NAMES_EN } from "./region-names-en";

const en = (code: string) => REGION_NAMES_EN[code];

describe("English region names", () => {
  it("the committed table is what the generator writes today", () => {
    const committed = readFileSync(new URL("./region-names-en.ts", import.meta.url), "utf8");
    expect(generateRegionNamesEnSource()).toBe(committed);
  });

  it("names every 贵州 region we ship, each English name distinct", () => {
    expect(Object.keys(REGION_NAMES_EN).sort()).toEqual(GUIZHOU_REGIONS.map((r) => r.adminCode).sort());
    const names = Object.values(REGION_NAMES_EN).map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    for (const [name, short] of Object.values(REGION_NAMES_EN)) {
      expect(name).toMatch(/^[A-Z][a-z']+( [A-Za-z',]+)*$/);
      expect(name.startsWith(short)).toBe(true);
    }
  });

  it("gets the known official names, polyphonic characters included", () => {
    expect(en("520000")).toEqual(["Guizhou Province", "Guizhou"]);
    expect(en("520200")).toEqual(["Liupanshui City", "Liupanshui"]); // 六 liu, not lu
    expect(en("520203")).toEqual(["Liuzhi Special District", "Liuzhi"]);
    expect(en("520281")).toEqual(["Panzhou City", "Panzhou"]);
    expect(en("522701")).toEqual(["Duyun City", "Duyun"]); // 都 du, not dou
    expect(en("522732")).toEqual(["Sandu Shui Autonomous County", "Sandu"]);
    expect(en("522729")).toEqual(["Changshun County", "Changshun"]); // 长 chang, not zhang
    expect(en("522725")?.[0]).toBe("Weng'an County");
    expect(en("520324")?.[0]).toBe("Zheng'an County");
    expect(en("520102")?.[0]).toBe("Nanming District");
    expect(en("522700")?.[0]).toBe("Qiannan Buyei and Miao Autonomous Prefecture");
    expect(en("522600")?.[0]).toBe("Qiandongnan Miao and Dong Autonomous Prefecture");
    expect(en("520526")?.[0]).toBe("Weining Yi, Hui and Miao Autonomous County");
    expect(en("520281202")?.[0]).toBe("Putian Hui Ethnic Township");
    expect(en("520281001")?.[0]).toBe("Yizi Subdistrict");
  });

  it("the dictionary alone reads the overridden names wrong (so the overrides matter)", () => {
    expect(readPinyin("都匀").join(" ")).not.toBe(READING_OVERRIDES["都匀"]);
    expect(readPinyin("三都").join(" ")).not.toBe(READING_OVERRIDES["三都"]);
    expect(englishRegionName("重庆市", "province", readPinyin).name).toBe("Chongqing City");
  });

  it("renders suffixes and nationalities by rule", () => {
    const read = (s: string) => readPinyin(s);
    expect(englishRegionName("内蒙古自治区", "province", read).name).toBe("Neimenggu Autonomous Region");
    expect(englishRegionName("延边朝鲜族自治州", "prefecture", read).name).toBe("Yanbian Korean Autonomous Prefecture");
    expect(englishRegionName("大兴安岭地区", "prefecture", read).name).toBe("Daxing'anling Prefecture");
    expect(englishRegionName("万山特区", "county", read).name).toBe("Wanshan Special District");
    expect(pinyinWord(["xi", "an"])).toBe("Xi'an");
    expect(pinyinWord(["an", "long"])).toBe("Anlong");
  });

  it("has an English name for every nationality the Chinese rules know", () => {
    expect(Object.keys(ETHNIC_GROUPS_EN).sort()).toEqual([...ETHNIC_GROUPS].sort());
  });

  it("shows English only in the English UI, and the Chinese name where none is known", () => {
    expect(regionDisplayName("en", "520200", "六盘水市")).toBe("Liupanshui City");
    expect(regionDisplayShortName("en", "520200", "六盘水")).toBe("Liupanshui");
    expect(regionDisplayName("zh", "520200", "六盘水市")).toBe("六盘水市");
    expect(regionDisplayName("en", "110000", "北京市")).toBe("北京市");
    expect(regionDisplayName("en", null, "未知")).toBe("未知");
  });
});

describe("peer group labels", () => {
  it("name the group's region and department type in English, and keep Chinese in Chinese", async () => {
    const { groupLabel } = await import("../export/group-label");
    expect(groupLabel({ kind: "government", level: "county", deptType: null, regionPrefix: "52" }, "贵州省")).toEqual({
      zh: "贵州省 · 县级人民政府",
      en: "All county governments in Guizhou Province",
    });
    expect(groupLabel({ kind: "department", level: null, deptType: "工业和信息化", regionPrefix: "5202" }, "六盘水市").en).toBe(
      "All industry and IT departments in Liupanshui City",
    );
  });
});

describe("agency names in English", () => {
  it("names a region's own government by its official English name, and leaves other names as written", async () => {
    const { agencyDisplayName } = await import("./english");
    expect(agencyDisplayName("en", "六盘水市人民政府", "520200")).toBe("Liupanshui Municipal People's Government");
    expect(agencyDisplayName("en", "贵州省人民政府", "520000")).toBe("Guizhou Provincial People's Government");
    expect(agencyDisplayName("en", "盘州市人民政府", "520281")).toBe("Panzhou Municipal People's Government");
    expect(agencyDisplayName("en", "六枝特区人民政府", "520203")).toBe("Liuzhi Special District People's Government");
    expect(agencyDisplayName("en", "黔南布依族苗族自治州人民政府", "522700")).toBe("Qiannan Buyei and Miao Autonomous Prefecture People's Government");
    expect(agencyDisplayName("en", "盘州市民主镇人民政府", "520281104")).toBe("Minzhu Town People's Government");
    expect(agencyDisplayName("en", "盘州市亦资街道办事处", "520281001")).toBe("Yizi Subdistrict Office");
    // Departments, other wordings, other regions and the Chinese UI: as written.
    expect(agencyDisplayName("en", "六盘水市自然资源局", "520200")).toBe("六盘水市自然资源局");
    expect(agencyDisplayName("en", "盘州市人民政府办公室", "520281")).toBe("盘州市人民政府办公室");
    expect(agencyDisplayName("en", "六盘水市人民政府", "520281")).toBe("六盘水市人民政府");
    expect(agencyDisplayName("zh", "六盘水市人民政府", "520200")).toBe("六盘水市人民政府");
  });
});
