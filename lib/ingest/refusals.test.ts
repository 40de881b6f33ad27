/**
 * Issue #16 defects 7 and 9: a web page with no report in it is refused as "not an annual
 * report", and the pipeline's messages give no command-line advice (the CLI adds its own).
 */
import { describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "./analyze";

const enc = (s: string) => new TextEncoder().encode(s);

describe("files that are not annual reports", () => {
  it("refuses an HTML page with no report tables as not_a_report", async () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>通知公告</title></head><body><h1>关于开展春季植树活动的通知</h1><p>各单位：为美化环境，定于2024年3月12日开展植树活动。</p><table><tr><td>首页</td><td>新闻</td><td>联系我们</td></tr></table></body></html>`;
    const line = toDryRunLine("notice.html", await analyzeDocument(enc(html), "notice.html"));
    expect(line.ok).toBe(false);
    expect(line.error?.code).toBe("not_a_report");
    expect(line.error?.message).toMatch(/不像政府信息公开工作年度报告/u);
    expect(line.error?.message).toMatch(/does not look like/u);
  });

  it("refuses plain text with nothing of a report", async () => {
    const line = toDryRunLine("x.txt", await analyzeDocument(enc("盘州市人民政府2024年工作总结\n今年我们做了很多工作。\n"), "x.txt"));
    expect(line.error?.code).toBe("not_a_report");
  });

  it("still stores a 零报告 (sections without tables)", async () => {
    const text = [
      "盘州市某某局2024年政府信息公开工作年度报告",
      "一、总体情况",
      "本年度无相关情况。",
      "二、主动公开政府信息情况",
      "无。",
      "三、收到和处理政府信息公开申请情况",
      "无。",
      "四、政府信息公开行政复议、行政诉讼情况",
      "无。",
      "五、存在的主要问题及改进情况",
      "无。",
      "六、其他需要报告的事项",
      "无。",
    ].join("\n");
    const a = await analyzeDocument(enc(text), "zero.txt", { agencyName: "盘州市某某局", year: 2024 });
    expect(a.parsed.issues.map((i) => i.code)).toContain("zero_report");
    expect(a.error).toBeNull();
  });
});

describe("messages the web shows carry no command-line advice", () => {
  it("agency_missing and year_missing say what is missing, not which flag to pass", async () => {
    const a = await analyzeDocument(enc("一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、行政复议\n"), "r.txt");
    expect(["agency_missing", "year_missing"]).toContain(a.error?.code);
    expect(a.error?.message).not.toMatch(/--agency|--year/u);
  });
});
