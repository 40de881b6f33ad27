/**
 * Hand-computed indicators on the sample report (盘州市人民政府 2024, REPORT-FORMAT.md SEED),
 * from the golden cells plus the derived subtotals the DB stores beside them.
 */
import { topicFigureValues } from "../catalog";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeIndicator, computeIndicators, getIndicator, formatIndicatorValue, type IndicatorReport } from "./index";
import { storedFigures } from "./testing/fixtures";

const golden = JSON.parse(
  readFileSync(fileURLToPath(new URL("../ingest/__fixtures__/panzhou/2024/expected.json", import.meta.url)), "utf8"),
) as { cells: Record<string, number | null> };

function sample(overrides: Record<string, number> = {}): IndicatorReport {
  return { id: "panzhou-2024", formatVersion: "2021", scope: "self", year: 2024, cells: storedFigures("2021", { ...golden.cells, ...overrides }) };
}

const at = (key: string, r: IndicatorReport = sample()) => computeIndicator(getIndicator(key), r);

describe("sample report 盘州市 2024: hand-computed values", () => {
  it("volume: 33 new, 34 handled", () => {
    expect(at("new_received").value).toBe(33);
    expect(at("handled").value).toBe(34);
    expect(at("backlog_share").value).toBeCloseTo(3 / 33, 12);
  });

  it("workload uses the stored 上年结转 总计 (printed 0, should be 4): 33 + 0 = 33", () => {
    // The indicator does not repair the report: the validator blames t3.carried_over.total (→ 4).
    // Until the agency corrects it, workload shows 33 and clearance 34/33 > 100%.
    const w = at("workload");
    expect(w.value).toBe(33);
    expect(at("clearance_rate").value).toBeCloseTo(34 / 33, 12);
    const corrected = sample({ "t3.carried_over.total": 4 });
    expect(at("workload", corrected).value).toBe(37);
    expect(at("clearance_rate", corrected).value).toBeCloseTo(34 / 37, 12);
  });

  it("refusal share 0 of 34 = 0%, a real zero, not '—'", () => {
    const r = at("refusal_rate");
    expect(r).toMatchObject({ value: 0, numerator: 0, denominator: 34, smallSample: false });
    expect(r.reason).toBeUndefined();
    expect(formatIndicatorValue(getIndicator("refusal_rate"), r, "zh")).toBe("0.0%");
  });

  it("refusal reason shares have denominator 0 (nothing refused): null, never 0% or 100%", () => {
    for (const reason of ["state_secret", "third_party", "process_info", "admin_query"]) {
      const r = at(`refusal_reason_share.${reason}`);
      expect(r).toMatchObject({ value: null, numerator: 0, denominator: 0, reason: "zero_denominator" });
      expect(formatIndicatorValue(getIndicator(`refusal_reason_share.${reason}`), r, "en")).toBe("—");
    }
  });

  it("outcomes over 34 handled", () => {
    expect(at("granted_rate").value).toBeCloseTo(12 / 34, 12);
    expect(at("partial_rate").value).toBeCloseTo(11 / 34, 12);
    expect(at("substantive_disclosure_rate")).toMatchObject({ numerator: 23, denominator: 34 });
    expect(at("substantive_disclosure_rate").value).toBeCloseTo((12 + 11) / 34, 12);
    expect(at("substantive_disclosure_rate_workload")).toMatchObject({ numerator: 23, denominator: 33 });
    expect(at("merits_disclosure_rate")).toMatchObject({ value: 1, numerator: 23, denominator: 23 });
    expect(at("not_held_rate").value).toBeCloseTo(9 / 34, 12);
    expect(at("unable_rate").value).toBeCloseTo(9 / 34, 12);
    expect(at("not_processed_rate").value).toBe(0);
    expect(at("other_rate").value).toBeCloseTo(2 / 34, 12);
    expect(at("fee_unpaid_rate").value).toBe(0);
    expect(formatIndicatorValue(getIndicator("substantive_disclosure_rate"), at("substantive_disclosure_rate"), "zh")).toBe("67.6%");
  });

  it("applicants: all 33 natural persons", () => {
    expect(at("legal_person_share")).toMatchObject({ value: 0, numerator: 0, denominator: 33 });
    expect(at("applicant_share.natural_person").value).toBe(1);
    expect(at("applicant_granted_rate.natural_person").value).toBeCloseTo(12 / 34, 12);
    expect(at("applicant_granted_rate.commercial_enterprise")).toMatchObject({ value: null, reason: "zero_denominator" });
  });

  it("litigation 2 per 34 handled = 5.9 per 100; reconsideration 3 per 34 = 8.8 per 100", () => {
    const lit = at("litigation_per_100");
    expect(lit).toMatchObject({ numerator: 2, denominator: 34, smallSample: false });
    expect(lit.value).toBeCloseTo(200 / 34, 12);
    expect(formatIndicatorValue(getIndicator("litigation_per_100"), lit, "zh")).toBe("5.9");
    const rev = at("review_per_100");
    expect(rev).toMatchObject({ numerator: 3, denominator: 34 });
    expect(formatIndicatorValue(getIndicator("review_per_100"), rev, "en")).toBe("8.8");
    expect(at("review_count").value).toBe(3);
    expect(at("litigation_count").value).toBe(2);
  });

  it("reconsideration correction rate: 0 of (2 + 0 + 1) = 3 concluded, a small sample", () => {
    const r = at("review_correction_rate");
    expect(r).toMatchObject({ value: 0, numerator: 0, denominator: 3, smallSample: true });
    expect(formatIndicatorValue(getIndicator("review_correction_rate"), r, "zh")).toBe("0.0%*");
    expect(at("review_upheld_rate").value).toBeCloseTo(2 / 3, 12);
    expect(at("review_pending_share")).toMatchObject({ value: 0, denominator: 3 });
  });

  it("litigation loss rate: 0 over 1 concluded suit (other 1; the pending one is left out)", () => {
    expect(at("litigation_loss_rate")).toMatchObject({ value: 0, numerator: 0, denominator: 1, smallSample: true });
    expect(at("litigation_pending_share")).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(at("combined_correction_rate")).toMatchObject({ value: 0, numerator: 0, denominator: 4 });
    expect(at("dispute_conversion")).toMatchObject({ numerator: 3, denominator: 33 });
  });

  it("proactive disclosure: 4 issued − 13 repealed = −9; 34 in force; no enforcement decisions", () => {
    expect(at("normative_net_change").value).toBe(-9);
    expect(formatIndicatorValue(getIndicator("normative_net_change"), at("normative_net_change"), "zh", { withUnit: true })).toBe("-9件");
    expect(at("normative_in_force").value).toBe(34);
    expect(at("fee_income").value).toBe(0);
    expect(at("service_ratio")).toMatchObject({ value: null, numerator: 0, denominator: 0, reason: "zero_denominator" });
    expect(at("repeal_intensity")).toMatchObject({ value: null, reason: "missing_previous" });
    expect(at("yoy_new_received")).toMatchObject({ value: null, reason: "missing_previous" });
  });

  it("34 handled ≥ 30: handled-based rates are not small samples", () => {
    const all = computeIndicators(sample());
    for (const [key, r] of Object.entries(all)) {
      if (getIndicator(key).terms["2021"]?.denominator?.join() === "t3.handled_total.total") expect(r.smallSample, key).toBe(false);
    }
  });

  it("every indicator is defined for the sample; the only nulls are zero denominators, previous-year needs and unstated topic counts", () => {
    // The sample names 土地征收 and 房屋拆迁 among its applications' subjects but states no count per topic.
    const all = computeIndicators({ ...sample(), cells: { ...sample().cells, ...topicFigureValues(["land_requisition", "demolition"], []) } });
    for (const r of Object.values(all)) {
      if (r.key.startsWith("topic_count.") || r.key.startsWith("topic_count_share.")) {
        expect(r.value, r.key).toBeNull();
        expect(r.reason, r.key).toBe("missing_cells");
        continue;
      }
      if (r.value === null) expect(["zero_denominator", "missing_previous"], r.key).toContain(r.reason);
      expect(r.missingCells, r.key).toBeUndefined();
    }
    expect(all["topic_mention.land_requisition"]?.value).toBe(1);
    expect(all["topic_mention.planning"]?.value).toBe(0);
  });
});
