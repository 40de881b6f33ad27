import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  INDICATORS,
  aggregateIndicator,
  computeIndicator,
  describePosition,
  getIndicator,
  indicatorCells,
  indicatorReportSchema,
  peerStats,
  percentile,
  peerPosition,
  percentileRank,
  positionRank,
  toIndicatorCells,
  yoyChange,
  type IndicatorDef,
  type IndicatorReport,
} from "./index";
import { refusals, report } from "./testing/fixtures";

const REFUSAL = getIndicator("refusal_rate");

describe("computeIndicator", () => {
  it("gives null, never 0% or 100%, for a zero denominator", () => {
    expect(computeIndicator(REFUSAL, refusals(0, 0))).toMatchObject({ value: null, numerator: 0, denominator: 0, reason: "zero_denominator" });
    expect(computeIndicator(getIndicator("review_per_100"), report({ "t4.review.total": 1, "t3.handled_total.total": 0 }))).toMatchObject({
      value: null,
      reason: "zero_denominator",
    });
  });

  it("gives null with the cells to blame when a cell is null or absent", () => {
    const r = computeIndicator(REFUSAL, report({ "t3.denied_total.total": 2, "t3.handled_total.total": null }));
    expect(r).toMatchObject({ value: null, numerator: 2, denominator: null, reason: "missing_cells", missingCells: ["t3.handled_total.total"] });
    expect(computeIndicator(REFUSAL, report({})).missingCells).toEqual(["t3.denied_total.total", "t3.handled_total.total"]);
    expect(computeIndicator(REFUSAL, report({ "t3.denied_total.total": Number.NaN, "t3.handled_total.total": 3 })).reason).toBe("missing_cells");
  });

  it("gives not_in_format for a 2021-only indicator on a 2019 report, or an undetected format", () => {
    expect(computeIndicator(getIndicator("fee_income"), report({ "t2.admin_fee.amount_10k_cny": 5 }, { format: "2019" }))).toMatchObject({
      value: null,
      reason: "not_in_format",
    });
    expect(computeIndicator(REFUSAL, refusals(1, 40, { format: null })).reason).toBe("not_in_format");
  });

  it("flags small samples: a township with 3 handled is small, 34 is not, 30 is not", () => {
    expect(computeIndicator(REFUSAL, refusals(1, 3))).toMatchObject({ value: 1 / 3, smallSample: true });
    expect(computeIndicator(REFUSAL, refusals(1, 34)).smallSample).toBe(false);
    expect(computeIndicator(REFUSAL, refusals(1, 30)).smallSample).toBe(false);
    expect(computeIndicator(REFUSAL, refusals(1, 29)).smallSample).toBe(true);
    expect(computeIndicator(getIndicator("handled"), report({ "t3.handled_total.total": 3 })).smallSample).toBe(false);
  });

  it("computes each kind: rate, per100, ratio, count, net change, amount", () => {
    expect(computeIndicator(getIndicator("litigation_per_100"), report({ "t4.lit_total.total": 2, "t3.handled_total.total": 34 })).value).toBe(200 / 34);
    const sr = computeIndicator(
      getIndicator("service_ratio"),
      report({ "t2.admin_license.decisions": 120, "t2.admin_penalty.decisions": 30, "t2.admin_coercion.decisions": 10 }),
    );
    expect(sr).toMatchObject({ value: 3, numerator: 120, denominator: 40 });
    const sr19 = computeIndicator(
      getIndicator("service_ratio"),
      report({ "t2v19.admin_license.decisions": 1520, "t2v19.admin_penalty.decisions": 0, "t2v19.admin_coercion.decisions": 0 }, { format: "2019" }),
    );
    expect(sr19).toMatchObject({ value: null, reason: "zero_denominator" });
    expect(computeIndicator(getIndicator("fee_income"), report({ "t2.admin_fee.amount_10k_cny": 12.5 })).value).toBe(12.5);
    expect(
      computeIndicator(getIndicator("normative_net_change"), report({ "t2.normative_doc.issued": 4, "t2.normative_doc.repealed": null })),
    ).toMatchObject({ value: null, reason: "missing_cells", missingCells: ["t2.normative_doc.repealed"] });
  });

  it("reads the previous-year report for YoY growth and repeal intensity", () => {
    const prev = report({ "t3.new_received.total": 22, "t2.normative_doc.in_force": 43 }, { year: 2023 });
    const cur = report({ "t3.new_received.total": 33, "t2.normative_doc.repealed": 13 }, { year: 2024, previous: prev });
    expect(computeIndicator(getIndicator("yoy_new_received"), cur)).toMatchObject({ value: 0.5, numerator: 33, denominator: 22, smallSample: true });
    expect(computeIndicator(getIndicator("repeal_intensity"), cur)).toMatchObject({ numerator: 13, denominator: 43 });
    // Not the year before, or a different scope: not comparable.
    expect(computeIndicator(getIndicator("yoy_new_received"), { ...cur, previous: { ...prev, year: 2022 } }).reason).toBe("missing_previous");
    expect(computeIndicator(getIndicator("yoy_new_received"), { ...cur, previous: { ...prev, scope: "region_aggregate" } }).reason).toBe("missing_previous");
    // A 2019-format previous year has no 现行有效件数, but it does have 新收.
    const prev19 = { ...prev, formatVersion: "2019" as const };
    expect(computeIndicator(getIndicator("repeal_intensity"), { ...cur, previous: prev19 }).reason).toBe("not_in_format");
    expect(computeIndicator(getIndicator("yoy_new_received"), { ...cur, previous: prev19 }).value).toBe(0.5);
    expect(computeIndicator(getIndicator("yoy_new_received"), { ...cur, previous: { ...prev, cells: {} } })).toMatchObject({
      reason: "missing_cells",
      missingPreviousCells: ["t3.new_received.total"],
    });
    expect(computeIndicator(getIndicator("yoy_new_received"), { ...cur, previous: { ...prev, cells: { "t3.new_received.total": 0 } } }).reason).toBe(
      "zero_denominator",
    );
  });
});

describe("aggregateIndicator", () => {
  it("divides summed numerators by summed denominators, which differs from the mean of rates", () => {
    const a = refusals(1, 2, { id: "a" });
    const b = refusals(0, 100, { id: "b" });
    const agg = aggregateIndicator(REFUSAL, [a, b]);
    expect(agg).toMatchObject({ numerator: 1, denominator: 102, reports: 2, excludedTotal: 0, includedIds: ["a", "b"] });
    expect(agg.value).toBe(1 / 102);
    const meanOfRates = ((computeIndicator(REFUSAL, a).value ?? 0) + (computeIndicator(REFUSAL, b).value ?? 0)) / 2;
    expect(meanOfRates).toBe(0.25);
    expect(agg.value).not.toBeCloseTo(meanOfRates, 2);
  });

  it("never adds a region aggregate to the reports it contains, and says how many it left out", () => {
    const city = refusals(50, 1000, { id: "city-total", scope: "region_aggregate" });
    const unknown = refusals(9, 9, { id: "unsure", scope: "unknown" });
    const agg = aggregateIndicator(REFUSAL, [refusals(1, 40), refusals(3, 60), city, unknown]);
    expect(agg).toMatchObject({ numerator: 4, denominator: 100, value: 0.04, reports: 2, excludedTotal: 2 });
    expect(agg.excluded).toMatchObject({ regionAggregate: 1, unknownScope: 1 });
    expect(agg.excludedReports).toEqual([
      { id: "city-total", reason: "regionAggregate" },
      { id: "unsure", reason: "unknownScope" },
    ]);
  });

  it("leaves a report with missing cells out whole, and counts a zero-denominator member's numerator", () => {
    const agg = aggregateIndicator(getIndicator("review_per_100"), [
      report({ "t4.review.total": 2, "t3.handled_total.total": 50 }),
      report({ "t4.review.total": 1, "t3.handled_total.total": 0 }),
      report({ "t4.review.total": 7, "t3.handled_total.total": null }, { id: "blank" }),
    ]);
    expect(agg).toMatchObject({ numerator: 3, denominator: 50, value: 6, reports: 2 });
    expect(agg.excluded.missingCells).toBe(1);
    expect(agg.excludedReports).toEqual([{ id: "blank", reason: "missingCells" }]);
  });

  it("sums counts and amounts over self reports only", () => {
    const fee = getIndicator("fee_income");
    const agg = aggregateIndicator(fee, [
      report({ "t2.admin_fee.amount_10k_cny": 1.5 }),
      report({ "t2.admin_fee.amount_10k_cny": 2.25 }),
      report({ "t2.admin_fee.amount_10k_cny": 100 }, { scope: "region_aggregate" }),
      report({}, { format: "2019" }),
    ]);
    expect(agg).toMatchObject({ value: 3.75, denominator: null, reports: 2, smallSample: false });
    expect(agg.excluded).toMatchObject({ regionAggregate: 1, notInFormat: 1 });
  });

  it("flags formatsMixed when a format-sensitive indicator spans 2019 and 2021 reports", () => {
    const sr = getIndicator("service_ratio");
    const r21 = report({ "t2.admin_license.decisions": 60, "t2.admin_penalty.decisions": 20, "t2.admin_coercion.decisions": 0 }, { year: 2021 });
    const r19 = report({ "t2v19.admin_license.decisions": 40, "t2v19.admin_penalty.decisions": 10, "t2v19.admin_coercion.decisions": 10 }, { format: "2019", year: 2020 });
    const mixed = aggregateIndicator(sr, [r21, r19]);
    expect(mixed).toMatchObject({ formatsMixed: true, formats: ["2019", "2021"], years: [2020, 2021], numerator: 100, denominator: 40 });
    expect(aggregateIndicator(sr, [r21]).formatsMixed).toBe(false);
    // Same definition in both formats: no flag.
    const refusalMixed = aggregateIndicator(REFUSAL, [refusals(1, 40), refusals(2, 40, { format: "2019" })]);
    expect(refusalMixed).toMatchObject({ formatsMixed: false, formats: ["2019", "2021"] });
  });

  it("returns null with no_reports when nothing is left to sum", () => {
    expect(aggregateIndicator(REFUSAL, [])).toMatchObject({ value: null, reason: "no_reports", reports: 0 });
    expect(aggregateIndicator(REFUSAL, [refusals(1, 40, { scope: "region_aggregate" })])).toMatchObject({ value: null, reason: "no_reports" });
    expect(aggregateIndicator(REFUSAL, [refusals(0, 0), refusals(0, 0)])).toMatchObject({ value: null, reason: "zero_denominator", reports: 2 });
  });

  it("aggregates YoY over agencies that have both years: Σ this year ÷ Σ last year − 1", () => {
    const yoy = getIndicator("yoy_new_received");
    const pair = (cur: number, prev: number | null) =>
      report({ "t3.new_received.total": cur }, { year: 2024, previous: prev === null ? null : report({ "t3.new_received.total": prev }, { year: 2023 }) });
    const agg = aggregateIndicator(yoy, [pair(30, 20), pair(10, 20), pair(500, null)]);
    expect(agg).toMatchObject({ numerator: 40, denominator: 40, value: 0, reports: 2 });
    expect(agg.excluded.missingPrevious).toBe(1);
  });
});

describe("peers", () => {
  it("gives median and quartiles by linear interpolation, ignoring nulls", () => {
    expect(peerStats([4, null, 1, 3, undefined, 2])).toEqual({ n: 4, min: 1, p25: 1.75, median: 2.5, p75: 3.25, max: 4 });
    expect(peerStats([10, 20, 30, 40, 50])).toEqual({ n: 5, min: 10, p25: 20, median: 30, p75: 40, max: 50 });
    expect(peerStats([7])).toEqual({ n: 1, min: 7, p25: 7, median: 7, p75: 7, max: 7 });
    expect(peerStats([null, Number.NaN])).toEqual({ n: 0, min: null, p25: null, median: null, p75: null, max: null });
    expect(percentile([0, 10], 0.9)).toBe(9);
  });

  it("ranks by share strictly below plus half the ties", () => {
    expect(percentileRank(3, [1, 2, 3, 4])).toBe(0.625);
    expect(percentileRank(5, [1, 2, 3, 4])).toBe(1);
    expect(percentileRank(0, [1, 2, 3, 4])).toBe(0);
    expect(percentileRank(2, [2, 2, 2, 2])).toBe(0.5);
    expect(percentileRank(null, [1, 2])).toBeNull();
    expect(percentileRank(1, [null])).toBeNull();
  });

  const peers = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.28, 0.35, 0.4, 0.5];
  const zrj = { zh: "县级自然资源局", en: "county 自然资源局" };

  it("describes a position in zh and en", () => {
    const me = { value: 0.3, smallSample: false, denominator: 120 };
    expect(describePosition(REFUSAL, me, peers, zrj, "zh")).toBe("不予公开率高于 70% 的县级自然资源局（同类共 10 个）");
    expect(describePosition(REFUSAL, me, peers, zrj, "en")).toBe("Refusal share higher than 70% of county 自然资源局 (10 peers)");
    expect(describePosition(REFUSAL, 0.3, peers, zrj, "zh")).toBe("不予公开率高于 70% 的县级自然资源局（同类共 10 个）");
    expect(describePosition(REFUSAL, { ...me, value: 0.12 }, peers, zrj, "zh")).toBe("不予公开率低于 70% 的县级自然资源局（同类共 10 个）");
    expect(describePosition(REFUSAL, { ...me, value: 0.9 }, peers, zrj, "en")).toBe("Refusal share higher than all county 自然资源局 (10 peers)");
    expect(describePosition(REFUSAL, { ...me, value: 0.22 }, [0.1, 0.2, 0.25, 0.3], "同类", "zh")).toBe("不予公开率处于同类的中位（同类共 4 个）");
  });

  it("says the same from a position (counts and quartiles) as from the peer values", () => {
    const groups = [peers, [0.1, 0.2, 0.25, 0.3], [0.2, 0.2, 0.2], [0, 0, 0.1, 0.1, 0.3], [null, 0.4], []];
    const values = [-1, 0, 0.1, 0.12, 0.2, 0.22, 0.25, 0.3, 0.4, 0.5, 0.9, Number.NaN];
    for (const g of groups) {
      for (const value of values) {
        const position = peerPosition(value, g);
        for (const lang of ["zh", "en"] as const) {
          expect(describePosition(REFUSAL, value, position, zrj, lang), JSON.stringify({ g, value })).toBe(describePosition(REFUSAL, value, g, zrj, lang));
        }
        expect(positionRank(position)).toBe(percentileRank(value, g));
      }
    }
    expect(peerPosition(2, [1, 2, 2, null, 3])).toEqual({ value: 2, n: 4, below: 1, equal: 2, min: 1, p25: 1.75, median: 2, p75: 2.25, max: 3 });
    // A position of another value is a caller's mistake, not a sentence.
    expect(() => describePosition(REFUSAL, 0.3, peerPosition(0.2, peers), zrj, "zh")).toThrow(/places 0.2/);
  });

  it("adds the small-sample caveat, and handles no value or no peers", () => {
    const small = { value: 0.3, smallSample: true, denominator: 3 };
    expect(describePosition(REFUSAL, small, peers, zrj, "zh")).toBe(
      "不予公开率高于 70% 的县级自然资源局（同类共 10 个）；样本较小（分母仅 3，不足 30），仅供参考",
    );
    expect(describePosition(REFUSAL, small, peers, zrj, "en")).toBe(
      "Refusal share higher than 70% of county 自然资源局 (10 peers); small sample (denominator 3, under 30), indicative only",
    );
    expect(describePosition(REFUSAL, { value: null, smallSample: true, denominator: 0, reason: "zero_denominator" }, peers, zrj, "zh")).toBe(
      "不予公开率无法计算（分母为零）",
    );
    expect(describePosition(REFUSAL, { value: 0.1, smallSample: false, denominator: 40 }, [null], zrj, "en")).toBe(
      "No county 自然资源局 to compare with",
    );
  });

  it("never overstates a share by rounding", () => {
    // 29 of 100 strictly below → "lower than 71%", not 70% or 72%; 0.29·100 is 28.999… in floating point.
    const many = Array.from({ length: 100 }, (_, i) => i);
    const NEW = getIndicator("new_received");
    expect(describePosition(NEW, { value: 28.5, smallSample: false, denominator: null }, many, "peers", "en")).toBe("New applications lower than 71% of peers (100 peers)");
    expect(describePosition(NEW, { value: 99.5, smallSample: false, denominator: null }, [...many, 100, 101], "peers", "en")).toContain("higher than 98%");
  });

  it("says ties as ties and never ranks an impossible value", () => {
    // [0, 0, 0.1, 0.2, 0.3]: P25 = 0, so a refusal share of 0 is level with it, not "lower than 80%".
    expect(describePosition(REFUSAL, 0, [0, 0, 0.1, 0.2, 0.3], "同类", "zh")).toBe("不予公开率与同类的 P25 持平（同类共 5 个）");
    expect(describePosition(REFUSAL, 0.1, [0.1, 0.1, 0.1], "同类", "zh")).toBe("不予公开率与全部同类持平（同类共 3 个）");
    expect(describePosition(REFUSAL, 0.2, [0.1, 0.2, 0.2, 0.3, 0.4, 0.5], "peers", "en")).toBe("Refusal share level with the P25 of peers (6 peers)");
    const clearance = getIndicator("clearance_rate");
    expect(describePosition(clearance, 34 / 33, [0.9, 0.95, 1], "同类", "zh")).toBe("办结率为 103.0%，超出可能的范围（比率不能超过 100%），该年报数字有误，不参与比较");
  });
});

describe("yoyChange", () => {
  it("gives absolute and relative change, null for a zero or missing base", () => {
    expect(yoyChange(33, 22)).toEqual({ abs: 11, rel: 0.5 });
    expect(yoyChange(10, 0)).toEqual({ abs: 10, rel: null });
    expect(yoyChange(null, 4)).toEqual({ abs: null, rel: null });
    expect(yoyChange(5, undefined)).toEqual({ abs: null, rel: null });
    expect(yoyChange(-9, -3)).toEqual({ abs: -6, rel: -2 });
  });
});

describe("input helpers", () => {
  it("validates report figures with zod", () => {
    expect(indicatorReportSchema.safeParse(refusals(1, 2)).success).toBe(true);
    expect(indicatorReportSchema.safeParse({ ...refusals(1, 2), scope: "city" }).success).toBe(false);
  });

  it("turns stored decimal strings into numbers", () => {
    expect(toIndicatorCells({ a: 3, b: "12.5000", c: null, d: "", e: "x" })).toEqual({ a: 3, b: 12.5, c: null, d: null, e: null });
  });
});

// ───────────────────────────── properties ─────────────────────────────

const RATIO_DEFS: readonly IndicatorDef[] = INDICATORS.filter(
  (d) => (d.kind === "rate" || d.kind === "per100" || d.kind === "ratio") && !d.terms["2021"]?.denominatorFromPreviousYear,
);

function memberArb(def: IndicatorDef): fc.Arbitrary<IndicatorReport> {
  const keys = indicatorCells(def);
  return fc
    .tuple(...keys.map(() => fc.nat({ max: 1000 })))
    .map((vals) => report(Object.fromEntries(keys.map((k, i) => [k, vals[i] ?? 0]))));
}

describe("properties", () => {
  it("an aggregate rate lies between the smallest and largest member rate (all denominators > 0)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RATIO_DEFS).chain((def) => fc.tuple(fc.constant(def), fc.array(memberArb(def), { minLength: 1, maxLength: 8 }))),
        ([def, members]) => {
          const results = members.map((m) => computeIndicator(def, m));
          fc.pre(results.every((r) => r.denominator !== null && r.denominator > 0));
          const values = results.map((r) => r.value ?? Number.NaN);
          const agg = aggregateIndicator(def, members).value;
          expect(agg).not.toBeNull();
          const lo = Math.min(...values);
          const hi = Math.max(...values);
          const eps = 1e-9 * Math.max(1, Math.abs(hi));
          expect(agg ?? Number.NaN).toBeGreaterThanOrEqual(lo - eps);
          expect(agg ?? Number.NaN).toBeLessThanOrEqual(hi + eps);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("adding region-aggregate reports never changes an aggregate", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(500), fc.nat(500)), { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(5000), fc.nat(5000)), { minLength: 1, maxLength: 3 }),
        (selfs, aggs) => {
          const members = selfs.map(([n, d]) => refusals(n, d));
          const base = aggregateIndicator(REFUSAL, members);
          const withAggs = aggregateIndicator(REFUSAL, [...members, ...aggs.map(([n, d]) => refusals(n, d, { scope: "region_aggregate" }))]);
          expect(withAggs.value).toBe(base.value);
          expect(withAggs.numerator).toBe(base.numerator);
          expect(withAggs.excluded.regionAggregate).toBe(aggs.length);
        },
      ),
    );
  });

  it("a one-report aggregate equals the report's own value", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RATIO_DEFS).chain((def) => fc.tuple(fc.constant(def), memberArb(def))),
        ([def, m]) => {
          const one = computeIndicator(def, m);
          const agg = aggregateIndicator(def, [m]);
          expect(agg.value).toBe(one.value);
          expect(agg.smallSample).toBe(one.smallSample);
        },
      ),
    );
  });

  it("peer stats are ordered and the rank lies in [0, 1]", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }))), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (vals, x) => {
        const s = peerStats(vals);
        if (s.n > 0) {
          const chain = [s.min, s.p25, s.median, s.p75, s.max] as number[];
          for (let i = 1; i < chain.length; i++) expect((chain[i] ?? 0) + 1e-9).toBeGreaterThanOrEqual(chain[i - 1] ?? 0);
          const r = percentileRank(x, vals);
          expect(r).not.toBeNull();
          expect(r ?? -1).toBeGreaterThanOrEqual(0);
          expect(r ?? 2).toBeLessThanOrEqual(1);
        } else expect(percentileRank(x, vals)).toBeNull();
      }),
    );
  });
});
