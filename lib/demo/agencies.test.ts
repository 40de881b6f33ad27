import { describe, expect, it } from "vitest";
import { classifyAgency } from "../agencies/classify";
import { GUIZHOU_COUNTIES, GUIZHOU_PANZHOU_TOWNSHIPS, GUIZHOU_PREFECTURES } from "../regions";
import { AGGREGATE_GOVERNMENTS, buildAgencies, buildAgencyGroups, isWithin } from "./agencies";

describe("demo agencies", () => {
  const agencies = buildAgencies(1);

  it("covers the province, its 9 市州, 88 counties and 盘州's 27 townships", () => {
    const govs = agencies.filter((a) => a.kind === "government");
    expect(govs.filter((a) => a.level === "province")).toHaveLength(1);
    expect(govs.filter((a) => a.level === "prefecture").map((a) => a.regionCode).sort()).toEqual(GUIZHOU_PREFECTURES.map((p) => p.adminCode).sort());
    expect(govs.filter((a) => a.level === "county").map((a) => a.regionCode).sort()).toEqual(GUIZHOU_COUNTIES.map((c) => c.adminCode).sort());
    expect(agencies.filter((a) => a.kind === "township").map((a) => a.regionCode).sort()).toEqual(GUIZHOU_PANZHOU_TOWNSHIPS.map((t) => t.adminCode).sort());
    expect(agencies.filter((a) => a.kind === "department" && a.level === "province").length).toBeGreaterThanOrEqual(20);
    expect(agencies.filter((a) => a.kind === "department" && a.regionCode === "520281")).toHaveLength(10);
    expect(agencies).toHaveLength(596);
  });

  it("has unique ids and names", () => {
    expect(new Set(agencies.map((a) => a.id)).size).toBe(agencies.length);
    expect(new Set(agencies.map((a) => a.name)).size).toBe(agencies.length);
  });

  it("names every agency so the registry's classifier reads the same kind, region and department type", () => {
    for (const a of agencies) {
      const c = classifyAgency(a.printedName);
      expect(c.name, a.printedName).toBe(a.name);
      expect(c.kind, a.name).toBe(a.kind);
      expect(c.region?.adminCode, a.name).toBe(a.regionCode);
      expect(c.deptType, a.name).toBe(a.deptType);
    }
  });

  it("marks a few governments as region aggregates", () => {
    const agg = agencies.filter((a) => a.scope === "region_aggregate");
    expect(agg.map((a) => a.regionCode).sort()).toEqual([...AGGREGATE_GOVERNMENTS].sort());
    const qingzhen = agencies.filter((a) => isWithin(a, "520181")).map((a) => a.id);
    expect(qingzhen).toContain("520181-zrzy");
    expect(qingzhen).not.toContain("520100-zrzy");
  });

  it("scales with unique synthetic departments and townships", () => {
    const big = buildAgencies(8);
    expect(big.length).toBeGreaterThan(agencies.length * 6);
    expect(new Set(big.map((a) => a.id)).size).toBe(big.length);
    expect(new Set(big.map((a) => a.name)).size).toBe(big.length);
    const synthetic = big.filter((a) => a.synthetic);
    expect(synthetic.some((a) => a.kind === "township")).toBe(true);
    for (const a of synthetic) expect(a.regionCode).toMatch(/^\d{6}(\d{3})?$/);
    expect(buildAgencyGroups(8)[0]?.agencies).toHaveLength(24);
  });
});
