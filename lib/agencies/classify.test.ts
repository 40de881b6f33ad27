import { describe, expect, it } from "vitest";
import { classifyAgency } from "./classify";

describe("classifyAgency", () => {
  it("reads the sample's government with its compiling office in brackets", () => {
    const c = classifyAgency("盘州市人民政府(市人民政府办公室)");
    expect(c).toMatchObject({ name: "盘州市人民政府", kind: "government", level: "county", deptType: null });
    expect(c.region?.adminCode).toBe("520281");
  });

  it("resolves an old county name through the alias table", () => {
    const c = classifyAgency("盘县人民政府");
    expect(c.region?.adminCode).toBe("520281");
    expect(c.kind).toBe("government");
  });

  it("reads nested region prefixes down to the innermost", () => {
    const c = classifyAgency("贵州省六盘水市盘州市自然资源局");
    expect(c.region?.adminCode).toBe("520281");
    expect(c).toMatchObject({ kind: "department", deptType: "自然资源", level: "county" });
  });

  it("classifies provincial and prefecture departments by function", () => {
    expect(classifyAgency("贵州省住房和城乡建设厅")).toMatchObject({ kind: "department", deptType: "住建", level: "province" });
    expect(classifyAgency("六盘水市人力资源和社会保障局")).toMatchObject({ kind: "department", deptType: "人社", level: "prefecture" });
  });

  it("recognises townships, streets and development zones", () => {
    const street = classifyAgency("盘州市红果街道办事处");
    expect(street.kind).toBe("township");
    expect(street.region?.parentCode).toBe("520281");
    expect(classifyAgency("贵阳国家高新技术产业开发区管理委员会")).toMatchObject({ kind: "dev_zone" });
  });

  it("leaves an unknown name unplaced rather than guessing", () => {
    const c = classifyAgency("某某委员会");
    expect(c.region).toBeNull();
    expect(c.kind).toBe("other");
  });
});

describe("registry key (nameNorm)", () => {
  it("maps old, long and office forms of one agency to one key", () => {
    const keys = ["盘县人民政府", "盘州市人民政府(市人民政府办公室)", "盘州市人民政府办公室", "贵州省六盘水市盘州市人民政府"].map((n) => classifyAgency(n).nameNorm);
    expect(new Set(keys)).toEqual(new Set(["盘州市人民政府"]));
    expect(classifyAgency("贵州省六盘水市盘州市自然资源局").nameNorm).toBe("盘州市自然资源局");
    expect(classifyAgency("盘州市红果街道").nameNorm).toBe("红果街道办事处");
  });
});
