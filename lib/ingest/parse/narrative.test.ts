import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractFromText } from "../extract/text";
import { readNarrative } from "./narrative";

const SAMPLE = readFileSync(new URL("../__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");

function figures(text: string) {
  const r = readNarrative(extractFromText(text));
  return Object.fromEntries(Object.entries(r.figures).map(([k, v]) => [k, v?.value]));
}
function topicKeys(text: string) {
  return readNarrative(extractFromText(text)).topics.map((t) => t.key);
}

describe("narrative figures", () => {
  it("reads the sample's six figures with their sentences", () => {
    const r = readNarrative(extractFromText(SAMPLE));
    expect(Object.fromEntries(Object.entries(r.figures).map(([k, v]) => [k, v?.value]))).toEqual({
      new_received: 33,
      carried_over: 4,
      handled_total: 34,
      carried_forward: 3,
      review_total: 3,
      litigation_total: 2,
    });
    expect(r.figures.carried_over?.sentence).toContain("上一年度转办4件");
    expect(r.figures.carried_over?.loc.line).toBe(5);
    expect(r.figures.review_total?.sentence).toContain("因政府信息公开引起行政复议3件");
  });

  it("reads other phrasings and Chinese numerals", () => {
    expect(
      figures("本年度共新收政府信息公开申请三十三件，上年结转政府信息公开申请2件，全部办结35件，结转下一年度继续办理0件。"),
    ).toEqual({ new_received: 33, carried_over: 2, handled_total: 35, carried_forward: 0 });
    expect(figures("全年受理依申请公开事项1,024件。")).toEqual({ new_received: 1024 });
    expect(figures("本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。")).toEqual({ review_total: 0, litigation_total: 0 });
    expect(figures("行政复议和行政诉讼各1件。")).toEqual({ review_total: 1, litigation_total: 1 });
  });

  it("does not read outcome counts as totals", () => {
    expect(figures("行政复议结果维持2件。")).toEqual({});
    expect(figures("收到行政复议申请3件。")).toEqual({ review_total: 3 });
    expect(figures("主动公开文件13件，政策解读3条。")).toEqual({});
  });
});

describe("topics", () => {
  it("tags the sample's application mix", () => {
    const r = readNarrative(extractFromText(SAMPLE));
    expect(r.topics.map((t) => [t.key, t.keyword])).toEqual([
      ["land_requisition", "土地征收"],
      ["demolition", "房屋拆迁"],
    ]);
    expect(r.topics[0]?.sentence).toBe("申请内容主要集中在土地征收、房屋拆迁等方面。");
  });

  it("is multi-label, keeps writing order and marks unknown items other", () => {
    expect(topicKeys("申请内容主要涉及征地拆迁、规划批复、信访件办理情况等。")).toEqual(["land_requisition", "demolition", "planning", "other"]);
  });

  it("ignores prose that is not about applications", () => {
    expect(topicKeys("主动公开内容主要涉及教育、环境、社会保障等方面。")).toEqual([]);
    expect(topicKeys("一是强化业务培训，内容涉及土地征收政策。")).toEqual([]);
  });
});

describe("topic counts", () => {
  const counts = (text: string) => readNarrative(extractFromText(text)).topicCounts.map((c) => [c.key, c.count, c.phrase]);

  it("reads a stated count with its sentence and location", () => {
    const r = readNarrative(extractFromText("一、总体情况\n2024年共收到政府信息公开申请40件，其中涉及征地拆迁类申请12件，规划类申请3件。"));
    expect(r.topicCounts.map((c) => [c.key, c.count, c.phrase])).toEqual([
      ["land_requisition", 12, "征地拆迁类申请12件"],
      ["planning", 3, "规划类申请3件"],
    ]);
    // The sentence is kept NFKC-normalised (full-width commas become ",").
    expect(r.topicCounts[0]?.sentence).toBe("2024年共收到政府信息公开申请40件,其中涉及征地拆迁类申请12件,规划类申请3件。");
    expect(r.topicCounts[0]?.loc.line).toBe(2);
    // The new-applications figure is still read from the same sentence.
    expect(r.figures.new_received?.value).toBe(40);
    // Mentions stay multi-label (征地拆迁 names both topics); a counted topic is also a mention.
    expect(r.topics.map((t) => t.key)).toEqual(["land_requisition", "demolition", "planning"]);
  });

  it("reads lists with 、 and Chinese numerals", () => {
    expect(counts("收到的申请中，土地征收方面5件、社会保障类十二件、不动产登记2件。")).toEqual([
      ["land_requisition", 5, "土地征收方面5件"],
      ["social_security", 12, "社会保障类十二件"],
      ["property_registration", 2, "不动产登记2件"],
    ]);
  });

  it("takes no count that the text does not state per topic", () => {
    // A mention without a number, a joined count, outcomes, shares, and numbers outside application sentences.
    expect(counts("申请内容主要集中在土地征收、房屋拆迁等方面。")).toEqual([]);
    expect(counts("涉及土地征收和规划许可的申请共12件。")).toEqual([]);
    expect(counts("涉及土地征收的申请予以公开5件。")).toEqual([]);
    expect(counts("征地拆迁类申请占比36%。")).toEqual([]);
    expect(counts("全年发布征地补偿信息15条。")).toEqual([]);
    expect(counts("收到行政复议申请3件，涉及征地拆迁的行政复议2件。")).toEqual([]);
  });

  it("keeps the first statement per topic", () => {
    expect(counts("其中征地拆迁类申请12件。另有征地类申请1件。")).toEqual([["land_requisition", 12, "征地拆迁类申请12件"]]);
  });
});
