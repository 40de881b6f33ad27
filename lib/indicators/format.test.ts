import { describe, expect, it } from "vitest";
import {
  NULL_DISPLAY,
  formatAmount,
  formatIndicatorValue,
  formatInteger,
  formatPer100,
  formatPercent,
  formatPercentagePoints,
  formatRatio,
  formatYoyChange,
  getIndicator,
  smallSampleNote,
  yoyChange,
} from "./index";

describe("number formatting", () => {
  it("groups integers the same way in zh-CN and en", () => {
    expect(formatInteger(1234, "zh")).toBe("1,234");
    expect(formatInteger(1234567, "en")).toBe("1,234,567");
    expect(formatInteger(-9, "zh", { signed: true })).toBe("-9");
    expect(formatInteger(4, "en", { signed: true })).toBe("+4");
    expect(formatInteger(0, "en", { signed: true })).toBe("0");
  });

  it("shows percentages and per-100 figures with one decimal", () => {
    expect(formatPercent(0.125, "zh")).toBe("12.5%");
    expect(formatPercent(0.125, "en")).toBe("12.5%");
    expect(formatPercent(2 / 34, "zh")).toBe("5.9%");
    expect(formatPercent(0, "zh")).toBe("0.0%");
    expect(formatPercent(-0.00001, "en")).toBe("0.0%");
    expect(formatPercent(0.5, "en", { signed: true })).toBe("+50.0%");
    expect(formatPer100(200 / 34, "en")).toBe("5.9");
    expect(formatPer100(300 / 34, "zh")).toBe("8.8");
    expect(formatPer100(-0, "zh")).toBe("0.0");
    expect(formatRatio(1.2549, "en")).toBe("1.25");
    expect(formatAmount(1234.5, "zh")).toBe("1,234.5");
    expect(formatPercentagePoints(0.021, "zh")).toBe("+2.1个百分点");
    expect(formatPercentagePoints(-0.021, "en")).toBe("-2.1 pp");
  });

  it("shows null, undefined and non-finite values as —", () => {
    expect(NULL_DISPLAY).toBe("—");
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatInteger(v, "zh")).toBe("—");
      expect(formatPercent(v, "en")).toBe("—");
      expect(formatPer100(v, "zh")).toBe("—");
      expect(formatAmount(v, "en")).toBe("—");
    }
  });
});

describe("formatIndicatorValue", () => {
  it("marks a small sample with * and explains it", () => {
    const def = getIndicator("review_correction_rate");
    expect(formatIndicatorValue(def, { value: 0.25, smallSample: true }, "zh")).toBe("25.0%*");
    expect(formatIndicatorValue(def, { value: 0.25, smallSample: true }, "en", { markSmallSample: false })).toBe("25.0%");
    expect(formatIndicatorValue(def, { value: null, smallSample: true }, "en")).toBe("—");
    expect(smallSampleNote("zh")).toBe("* 样本较小（分母不足 30），仅供参考");
    expect(smallSampleNote("en")).toBe("* Small sample (denominator under 30): indicative only");
  });

  it("formats by kind, with units on request", () => {
    expect(formatIndicatorValue(getIndicator("new_received"), { value: 1234, smallSample: false }, "zh", { withUnit: true })).toBe("1,234件");
    expect(formatIndicatorValue(getIndicator("new_received"), { value: 1234, smallSample: false }, "en", { withUnit: true })).toBe("1,234 applications");
    expect(formatIndicatorValue(getIndicator("litigation_per_100"), { value: 200 / 34, smallSample: false }, "en", { withUnit: true })).toBe(
      "5.9 per 100 handled",
    );
    expect(formatIndicatorValue(getIndicator("service_ratio"), { value: 3, smallSample: false }, "en", { withUnit: true })).toBe("3.00×");
    expect(formatIndicatorValue(getIndicator("fee_income"), { value: 12.5, smallSample: false }, "zh", { withUnit: true })).toBe("12.5万元");
    expect(formatIndicatorValue(getIndicator("fee_income"), { value: 12.5, smallSample: false }, "en", { withUnit: true })).toBe("12.5 × 10,000 CNY");
    expect(formatIndicatorValue(getIndicator("yoy_new_received"), { value: 0.5, smallSample: false }, "en", { withUnit: true })).toBe("+50.0%");
    expect(formatIndicatorValue(getIndicator("normative_net_change"), { value: 4, smallSample: false }, "en")).toBe("+4");
  });

  it("formats year-on-year changes by kind", () => {
    expect(formatYoyChange(getIndicator("new_received"), yoyChange(33, 22), "zh")).toBe("+11（+50.0%）");
    expect(formatYoyChange(getIndicator("new_received"), yoyChange(5, 0), "en")).toBe("+5");
    expect(formatYoyChange(getIndicator("refusal_rate"), yoyChange(0.12, 0.1), "en")).toBe("+2.0 pp");
    expect(formatYoyChange(getIndicator("review_per_100"), yoyChange(5.9, 8.8), "zh")).toBe("-2.9");
    expect(formatYoyChange(getIndicator("refusal_rate"), yoyChange(null, 0.1), "zh")).toBe("—");
  });
});
