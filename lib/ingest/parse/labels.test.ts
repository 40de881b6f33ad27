import { describe, expect, it } from "vitest";
import { labelKey } from "../normalize";
import { matchT3Col, matchT3Row } from "./labels";

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
