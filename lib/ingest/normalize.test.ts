import { describe, expect, it } from "vitest";
import { labelKey, looksTraditional, normalizeLabel, stripParenthetical, toSimplified } from "./normalize";

describe("normalizeLabel", () => {
  it.each([
    ["（一）予以公开", "予以公开"],
    ["(一)予以公开", "予以公开"],
    ["一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"],
    ["1.属于国家秘密", "属于国家秘密"],
    ["1、属于国家秘密", "属于国家秘密"],
    ["1．属于国家秘密", "属于国家秘密"],
    ["①属于国家秘密", "属于国家秘密"],
    ["（三）1.属于国家秘密", "属于国家秘密"],
    ["3.危及“三安全一稳定”", "危及三安全一稳定"],
    ["3.危及「三安全一稳定」", "危及三安全一稳定"],
    ['3.危及"三安全一稳定"', "危及三安全一稳定"],
    ["商业 企业", "商业企业"],
    ["尚未　审结", "尚未审结"],
    ["法人或者其他组织", "法人或其他组织"],
    ["3.其它", "其他"],
    ["(七)总计", "总计"],
    ["七、总计", "总计"],
    ["第二十条第（一）项", "第二十条第(一)项"],
    ["本年收费金额（单位：万元）", "本年收费金额(单位:万元)"],
    ["信息内容：", "信息内容"],
    ["１２３", "123"],
    ["總計", "总计"],
    ["上年結轉政府信息公開申請數量", "上年结转政府信息公开申请数量"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });

  it("keeps 合计 (variants are the catalog's business) and decimals", () => {
    expect(normalizeLabel("合计")).toBe("合计");
    expect(normalizeLabel("0.5")).toBe("0.5");
  });

  it("labelKey drops punctuation but keeps brackets", () => {
    expect(labelKey("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")).toBe(labelKey("申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请"));
    expect(stripParenthetical(labelKey("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))).toBe("部分公开");
  });
});

describe("Traditional characters", () => {
  it("detects and converts Traditional text", () => {
    expect(looksTraditional("盤州市人民政府2024年政府信息公開工作年度報告")).toBe(true);
    expect(looksTraditional("政府信息公开工作年度报告")).toBe(false);
    expect(toSimplified("盤州市人民政府")).toBe("盘州市人民政府");
  });
});
