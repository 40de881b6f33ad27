import { describe, expect, it } from "vitest";
import { labelKey } from "../normalize";
import { matchT3Col, matchT3Row } from "./labels";
import { headerOrder } from "./tables";

const row = (label: string, group: string | null = "其他处理") => matchT3Row(labelKey(label), { group, pastHeader: true })?.key ?? null;
const col = (label: string) => matchT3Col(labelKey(label))?.key ?? null;

describe("表三 labels as agencies shorten or qualify them", () => {
  it("a row cut at a clause is the one catalog row it opens", () => {
    expect(row("1.申请人无正当理由逾期不补正")).toBe("other_no_supplement");
    expect(row("2.申请人逾期未按收费通知要求缴纳费用")).toBe("other_fee_unpaid");
  });

  it("words two rows share, or too few to say which, name no row", () => {
    // Both 其他处理 rows end "行政机关不再处理其政府信息公开申请"; both open "申请人…".
    expect(row("行政机关不再处理其政府信息公开申请")).toBeNull();
    expect(row("申请人逾期")).toBeNull();
  });

  it("a column heading qualified in front names the column it ends with", () => {
    expect(col("律师事务所等法律服务机构")).toBe("legal_service_org");
    expect(col("其他社会公益组织")).toBe("public_interest_org");
    expect(col("法律服务机构（律师事务所）")).toBe("legal_service_org");
  });

  it("group headings and the ambiguous short labels are never a qualified column", () => {
    expect(col("法人或其他组织")).toBeNull();
    expect(col("法人或者其他组织")).toBeNull();
    expect(col("申请人情况")).toBeNull();
    expect(col("本年新收政府信息公开申请数量")).toBeNull();
  });
});

describe("glued header cells", () => {
  it("two column headings glued together are not one qualified heading", () => {
    expect(col("科研机构社会公益组织")).toBeNull();
    expect(col("自然人法律服务机构")).toBeNull();
  });
});

describe("a header row copied with its cells run together", () => {
  it("gives the columns in the order it lists them", () => {
    const keys = ["(本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和)申请人情况", "总计自然人法人或其他组织", "法律服务机构商业企业科研机构社会公益组织其他"].map(labelKey);
    expect(headerOrder("t3", keys)).toEqual(["total", "natural_person", "legal_service_org", "commercial_enterprise", "research_institution", "public_interest_org", "other_org"]);
  });

  it("表四: the review leaves under 行政复议, the litigation leaves under their groups", () => {
    const keys = ["行政复议行政诉讼", "总计结果维持结果纠正其他结果尚未审结未经复议直接起诉复议后起诉", "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"].map(labelKey);
    const order = headerOrder("t4", keys);
    expect(order?.slice(0, 6)).toEqual(["review.total", "review.upheld", "review.corrected", "review.other", "review.pending", "lit_direct.upheld"]);
  });

  it("a row with a word that is no header label is not split", () => {
    expect(headerOrder("t3", ["自然人法人或其他组织合计人数", "商业企业科研机构社会公益组织法律服务机构其他"].map(labelKey))).toBeNull();
  });
});
