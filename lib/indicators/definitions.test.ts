import { describe, expect, it } from "vitest";
import { FIGURE_BY_KEY, T3_APPLICANT_COLS } from "../catalog";
import {
  INDICATORS,
  INDICATOR_BY_KEY,
  INDICATOR_GROUPS,
  INDICATOR_KEYS,
  SMALL_SAMPLE_MIN,
  getIndicator,
  indicatorCells,
  indicatorsForFormat,
  indicatorsInGroup,
  isIndicatorKey,
} from "./index";

describe("indicator definitions", () => {
  it("have unique, URL-safe snake_case keys", () => {
    expect(new Set(INDICATOR_KEYS).size).toBe(INDICATOR_KEYS.length);
    for (const k of INDICATOR_KEYS) expect(k).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/);
    expect(INDICATOR_BY_KEY.size).toBe(INDICATORS.length);
  });

  it("include every key the product names", () => {
    const named = [
      "new_received", "workload", "handled", "clearance_rate", "backlog_share", "yoy_new_received",
      "granted_rate", "partial_rate", "substantive_disclosure_rate", "substantive_disclosure_rate_workload",
      "merits_disclosure_rate", "refusal_rate", "unable_rate", "not_held_rate", "not_processed_rate",
      "petition_share", "other_rate", "fee_unpaid_rate", "legal_person_share", "review_count",
      "litigation_count", "review_per_100", "litigation_per_100", "dispute_conversion",
      "review_correction_rate", "review_upheld_rate", "litigation_loss_rate", "combined_correction_rate",
      "review_pending_share", "normative_net_change", "repeal_intensity", "service_ratio", "fee_income",
    ];
    for (const k of named) expect(isIndicatorKey(k), k).toBe(true);
    expect(INDICATORS.filter((d) => d.family === "refusal_reason_share")).toHaveLength(8);
    expect(INDICATORS.filter((d) => d.family === "applicant_share").map((d) => d.key)).toEqual(T3_APPLICANT_COLS.map((c) => `applicant_share.${c}`));
    for (const d of INDICATORS.filter((x) => x.family === "refusal_reason_share")) {
      expect(d.terms["2021"]?.denominator).toEqual(["t3.denied_total.total"]);
      expect(d.terms["2021"]?.numerator[0]).toMatch(/^t3\.denied_[a-z_]+\.total$/);
    }
    expect(isIndicatorKey("refusal_rate; drop table")).toBe(false);
    expect(() => getIndicator("nope")).toThrow(/Unknown indicator "nope"/);
  });

  it("name only stored figures (catalog cells, narrative topic figures) that exist in each format they are defined for", () => {
    for (const d of INDICATORS) {
      expect(d.formats.length, d.key).toBeGreaterThan(0);
      for (const f of d.formats) {
        const t = d.terms[f];
        expect(t, `${d.key} ${f}`).toBeDefined();
        for (const k of [...(t?.numerator ?? []), ...(t?.numeratorMinus ?? []), ...(t?.denominator ?? [])]) {
          expect(FIGURE_BY_KEY.get(k)?.formats, `${d.key}: ${k}`).toContain(f);
        }
      }
      expect(indicatorCells(d).length, d.key).toBeGreaterThan(0);
    }
  });

  it("carry zh/en labels and formula text", () => {
    for (const d of INDICATORS) {
      for (const lang of ["zh", "en"] as const) {
        expect(d.label[lang].length, d.key).toBeGreaterThan(0);
        expect(d.formula[lang], d.key).toMatch(/=/);
        expect(d.unit[lang].length, d.key).toBeGreaterThan(0);
      }
    }
    expect(getIndicator("refusal_rate").formula).toEqual({
      zh: "不予公开率 = 不予公开（8类合计）÷ 本年办理结果总计",
      en: "Refusal share = refused (all 8 reasons) ÷ total handled",
    });
  });

  it("flag small samples under 30 for every indicator with a denominator, never for counts", () => {
    for (const d of INDICATORS) {
      const hasDen = d.formats.some((f) => d.terms[f]?.denominator != null);
      expect(d.minDenominator, d.key).toBe(hasDen ? SMALL_SAMPLE_MIN : null);
      expect(hasDen, d.key).toBe(d.kind !== "count" && d.kind !== "amount");
    }
    expect(SMALL_SAMPLE_MIN).toBe(30);
  });

  it("know their formats: fee income, normative stock and unpaid fees are 2021-only; service ratio differs across the break", () => {
    for (const k of ["fee_income", "normative_in_force", "normative_net_change", "repeal_intensity", "fee_unpaid_rate"]) {
      expect(getIndicator(k).formats, k).toEqual(["2021"]);
    }
    const sr = getIndicator("service_ratio");
    expect(sr.formats).toEqual(["2019", "2021"]);
    expect(sr.formatSensitive).toBe(true);
    expect(sr.terms["2019"]?.numerator).toEqual(["t2v19.admin_license.decisions"]);
    expect(getIndicator("refusal_rate").formatSensitive).toBe(false);
    expect(getIndicator("other_rate").formats).toEqual(["2019", "2021"]);
    expect(indicatorsForFormat("2019").some((d) => d.key === "fee_income")).toBe(false);
  });

  it("sit in one of the five menu groups, each non-empty", () => {
    for (const g of INDICATOR_GROUPS) expect(indicatorsInGroup(g).length, g).toBeGreaterThan(0);
    expect(INDICATORS.every((d) => (INDICATOR_GROUPS as readonly string[]).includes(d.group))).toBe(true);
  });
});
