import { describe, expect, it } from "vitest";
import { T3_APPLICANT_COLS } from "../catalog";
import { buildAgencies } from "./agencies";
import { DEMO_YEARS, generateChain, printedCells, sumFigures } from "./figures";
import { expectedRules, type OracleReport } from "./oracle";
import { Rng } from "./prng";

function oracleOf(f: ReturnType<typeof generateChain>["figures"][number]): OracleReport {
  return { format: f.format, year: f.year, cells: printedCells(f), narrative: {}, sections: { 1: `${f.year}`, 5: `${f.year}`, 6: "信息处理费" }, publishedOn: null, deadline: "9999-12-31", agencyKind: "department" };
}

describe("figure model", () => {
  const agencies = buildAgencies(1);

  it("draws chains that pass every rule, year after year, for every agency", () => {
    for (const a of agencies) {
      const { figures } = generateChain(a, DEMO_YEARS, 7);
      let prev: OracleReport | null = null;
      for (const f of figures) {
        const cur = oracleOf(f);
        expect(expectedRules(cur, prev), `${a.name} ${f.year}`).toEqual([]);
        prev = cur;
      }
    }
  });

  it("carries forward per column and rolls the normative-document stock", () => {
    const { figures } = generateChain(agencies.find((a) => a.id === "520100-zrzy") ?? agencies[0]!, DEMO_YEARS, 3);
    for (let i = 1; i < figures.length; i++) {
      const [p, c] = [figures[i - 1]!, figures[i]!];
      for (const col of [...T3_APPLICANT_COLS, "total"]) expect(c.cells[`t3.carried_over.${col}`]).toBe(p.cells[`t3.carried_forward.${col}`]);
      if (p.format === "2021") {
        expect(c.cells["t2.normative_doc.in_force"]).toBe((p.cells["t2.normative_doc.in_force"] ?? 0) + (c.cells["t2.normative_doc.issued"] ?? 0) - (c.cells["t2.normative_doc.repealed"] ?? 0));
      }
    }
    expect(figures.map((f) => f.format)).toEqual(["2019", "2019", "2021", "2021", "2021", "2021"]);
  });

  it("gives land bodies and governments more applications than townships, and mostly natural persons", () => {
    const mean = (pred: (id: string) => boolean) => {
      const xs = agencies.filter((a) => pred(a.id)).flatMap((a) => generateChain(a, DEMO_YEARS, 11).figures.map((f) => f.cells["t3.new_received.total"] ?? 0));
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    const zrzyCounty = mean((id) => /^52\d{4}-zrzy$/.test(id) && !id.endsWith("00-zrzy"));
    const townships = mean((id) => id.endsWith("-twp"));
    const hrss = mean((id) => /^52\d{4}-rs$/.test(id) && !id.endsWith("00-rs"));
    expect(zrzyCounty).toBeGreaterThan(hrss);
    expect(townships).toBeLessThan(1.5);
    let np = 0;
    let all = 0;
    for (const a of agencies.slice(0, 200)) {
      for (const f of generateChain(a, DEMO_YEARS, 11).figures) {
        np += f.cells["t3.new_received.natural_person"] ?? 0;
        all += f.cells["t3.new_received.total"] ?? 0;
      }
    }
    expect(np / all).toBeGreaterThan(0.75);
    expect(np / all).toBeLessThan(0.97);
  });

  it("leads 盘州市人民政府 2023 into the sample's 2024 carry-over (4 natural persons)", () => {
    const pz = agencies.find((a) => a.id === "520281-gov")!;
    const anchorCells: Record<string, number> = {};
    const base = generateChain(pz, DEMO_YEARS, 1).figures[5]!;
    Object.assign(anchorCells, base.cells, { "t3.carried_over.natural_person": 4, "t3.carried_over.total": 4 });
    for (const c of T3_APPLICANT_COLS.slice(1)) anchorCells[`t3.carried_over.${c}`] = 0;
    Object.assign(anchorCells, { "t2.normative_doc.in_force": 34, "t2.normative_doc.issued": 4, "t2.normative_doc.repealed": 13 });
    const { figures } = generateChain(pz, DEMO_YEARS, 1, { year: 2024, cells: anchorCells });
    const y2023 = figures[4]!;
    expect(y2023.cells["t3.carried_forward.natural_person"]).toBe(4);
    expect(y2023.cells["t3.carried_forward.total"]).toBe(4);
    expect(y2023.cells["t2.normative_doc.in_force"]).toBe(43);
    expect(expectedRules(oracleOf(y2023), oracleOf(figures[3]!))).toEqual([]);
  });

  it("sums region aggregates cell by cell", () => {
    const parts = agencies.slice(0, 3).map((a) => generateChain(a, [2022], 2).figures[0]!);
    const sum = sumFigures(2022, parts);
    expect(sum.cells["t3.new_received.total"]).toBe(parts.reduce((s, p) => s + (p.cells["t3.new_received.total"] ?? 0), 0));
    expect(expectedRules(oracleOf(sum), null)).toEqual([]);
  });

  it("is deterministic per seed", () => {
    const a = agencies[30]!;
    expect(generateChain(a, DEMO_YEARS, 9)).toEqual(generateChain(a, DEMO_YEARS, 9));
    expect(generateChain(a, DEMO_YEARS, 9)).not.toEqual(generateChain(a, DEMO_YEARS, 10));
    const r = Rng.of(1);
    const xs = Array.from({ length: 4000 }, () => r.poisson(3.5));
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(3.5, 0);
  });
});
