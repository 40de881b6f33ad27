import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractHtml } from "../extract/html";
import { extractFromText } from "../extract/text";
import { canonicalAgency, parseDate, readMeta } from "./meta";
import { findSections } from "./sections";

const SAMPLE = readFileSync(new URL("../__fixtures__/panzhou/2024/input.txt", import.meta.url), "utf8");

function meta(text: string) {
  const doc = extractFromText(text);
  return readMeta(doc, findSections(doc));
}

describe("readMeta", () => {
  it("reads the sample's preamble", () => {
    const m = meta(SAMPLE);
    expect(m.agency?.written).toBe("盘州市人民政府(市人民政府办公室)");
    expect(m.agency?.canonical).toBe("盘州市人民政府");
    expect(m.year).toBe(2024);
    expect(m.scope).toBe("self");
    expect(m.publishedOn).toBeNull();
    expect(m.issues).toEqual([]);
  });

  it("reads the agency as real pages write it: 特编制X…, 编制X乡…, 现形成《X…, a page caption, never 我办", () => {
    const m = meta("根据《中华人民共和国政府信息公开条例》要求,特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告。\n一、总体情况\n");
    expect([m.agency?.written, m.year]).toEqual(["湛江市人民政府地方志办公室", 2023]);
    // "现将我办2022年度…情况报告如下": 我办 is the agency speaking of itself, no name.
    expect(meta("根据《条例》要求,现将我办2022年度政府信息公开情况报告如下:\n一、总体情况\n").agency?.written ?? null).toBeNull();
    const township = meta("根据《条例》等相关规定,编制万源市玉带乡2024年政府信息公开工作年度报告,所列数据统计期限为2024年1月1日至2024年12月31日。\n一、总体情况\n");
    expect([township.agency?.written, township.year]).toEqual(["万源市玉带乡", 2024]);
    const paged = meta("Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告\nP. 8\n四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n");
    expect([paged.agency?.written, paged.year]).toEqual(["威海市文登区信访局", 2022]);
    const formed = meta("现形成《海城市卫生健康局2025年政府信息公开工作年度报告》,本报告中所列数据的统计期限从2025年1月1日至12月31日。\n一、总体情况\n");
    expect([formed.agency?.written, formed.year]).toEqual(["海城市卫生健康局", 2025]);
  });

  it("reads the agency of real pages that name it only in passing (rewritten with the 盘州 sample's names)", () => {
    // "X特编制2024年…年度报告": the name before 特, never the verb after it ("编制").
    const before = meta("根据《中华人民共和国政府信息公开条例》的要求,盘州市红果街道特编制2024年政府信息公开年度报告。\n一、总体情况\n");
    expect([before.agency?.written, before.year]).toEqual(["盘州市红果街道", 2024]);
    expect(meta("根据要求,盘州市红果街道特编制2024年政府信息公开年度报告。\n一、总体情况\n").agency?.written).toBe("盘州市红果街道");
    // 人民政府 and 政府信息公开 share their 政府; a title that leaves 政府 out after the year.
    expect(meta("2024年盘州市红果镇人民政府信息公开工作年度报告\n一、总体情况\n").agency?.written).toBe("盘州市红果镇人民政府");
    const short = meta("红果镇政府2024年信息公开工作年度报告\n一、总体情况\n");
    expect([short.agency?.written, short.agency?.canonical, short.year]).toEqual(["红果镇政府", "红果镇人民政府", 2024]);
    // "特公布2024年X信息公开工作年度报告": 政府 left out after the name.
    expect(meta("根据《条例》要求,特公布2024年盘州市人力资源和社会保障局信息公开工作年度报告。\n一、总体情况\n").agency?.written).toBe("盘州市人力资源和社会保障局");
    // "特向社会公布X2024年政府信息公开情况".
    expect(meta("为做好政府信息公开工作,特向社会公布盘州市统计局2024年政府信息公开情况。报告全文包括总体情况。\n一、总体情况\n").agency?.written).toBe("盘州市统计局");
    // "结合X政府信息公开工作实际，编制发布本报告", "涵盖了2024年X政府信息公开工作".
    expect(meta("根据《条例》要求,结合盘州市人民政府办公室政府信息公开工作实际,编制发布本报告。\n一、总体情况\n").agency?.written).toBe("盘州市人民政府办公室");
    expect(meta("根据《条例》要求,结合盘州市商务局2024年政府信息公开工作实际,编制发布本报告。\n一、总体情况\n").agency?.written).toBe("盘州市商务局");
    expect(meta("特向社会公布2024年度我局政府信息公开工作年度报告。本报告涵盖了2024年盘州市自然资源局政府信息公开工作。\n一、总体情况\n").agency?.written).toBe("盘州市自然资源局");
    // A column label above the title is no part of the name.
    const label = meta("政府信息公开年报\n盘州市人民政府2024年政府信息公开工作年度报告\n一、总体情况\n");
    expect(label.agency?.written).toBe("盘州市人民政府");
  });

  it("reads the agency and year from the opening narrative when nothing else names them", () => {
    const m = meta("一、总体情况\n2024年,盘州市财政局认真贯彻落实《中华人民共和国政府信息公开条例》,坚持以公开为常态。\n二、主动公开政府信息情况\n");
    expect([m.agency?.written, m.year, m.yearSource]).toEqual(["盘州市财政局", 2024, "inferred"]);
    expect(m.issues.map((i) => i.code)).toContain("year_inferred");
    const work = meta("一、总体情况\n本报告结合我镇实际,从六个方面汇报我镇2024年政府信息公开工作。\n二、主动公开政府信息情况\n");
    expect([work.year, work.yearSource]).toEqual([2024, "inferred"]);
    const opening = meta("一、总体情况\n2024年,我镇明确专人负责政务内网及政务公开工作,较好地完成了政府信息公开工作。\n二、主动公开政府信息情况\n");
    expect([opening.year, opening.yearSource]).toEqual([2024, "inferred"]);
    // A year that does not open the sentence ("2019年修订的《条例》") is no report year.
    expect(meta("根据2019年修订的《中华人民共和国政府信息公开条例》,我镇认真做好政府信息公开工作。\n一、总体情况\n").year).toBeNull();
    const led = meta("一、总体情况\n2024年,在市委、市政府的坚强领导下,红果街道办事处认真贯彻落实《条例》。\n二、主动公开政府信息情况\n");
    expect(led.agency?.written).toBe("红果街道办事处");
    // The subject of the sentence the year opens, in a paragraph about the disclosure work.
    const subject = meta("一、总体情况\n2024年,盘州市自然资源局不断强化信息报送工作,按照《中华人民共和国政府信息公开条例》和省、市文件精神推进政府信息公开工作。\n");
    expect(subject.agency?.written).toBe("盘州市自然资源局");
    // A body named by its level alone, or the report speaking of itself, is no name.
    expect(meta("一、总体情况\n2024年,区政府办公室认真贯彻执行《中华人民共和国政府信息公开条例》。\n").agency).toBeNull();
    expect(meta("一、总体情况\n2024年,我局认真贯彻落实《条例》。\n").agency).toBeNull();
  });

  it("reads a name as OCR leaves it: a bracket never closed, menu items joined by read separators, a misread place", () => {
    const open = meta("贵州省人民政府（省人民政府办公厅2024年\n政府信息公开工作年度报告\n一、总体情况\n");
    expect([open.agency?.canonical, open.year]).toEqual(["贵州省人民政府", 2024]);
    // A CMS page's menu bar above the title is no part of the name.
    const menu = meta('首页"政务公开"政务服务"互动交流"专题专栏\n六盘水市人民政府（市人民政府办公室）2023年政府信息公开工作年度报\n告\n一、总体情况\n');
    expect(menu.agency?.canonical).toBe("六盘水市人民政府");
    // 准安 for 淮安: the text names the agency correctly more often than as read — but only OCR'd text is corrected.
    const text = "准安市人民政府\n2024年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室编制。淮安市人民政府门户网站。\n一、总体情况\n";
    const doc = extractFromText(text);
    expect(readMeta(doc, findSections(doc)).agency?.canonical).toBe("准安市人民政府");
    const ocrDoc = { ...doc, meta: { ...doc.meta, ocr: { engine: "t", pages: 1, dpi: 300, meanConfidence: 90, skew: [0] } } };
    expect(readMeta(ocrDoc, findSections(ocrDoc)).agency?.canonical).toBe("淮安市人民政府");
    // Read once, named once otherwise: no majority, the reading stays.
    const tie = extractFromText("准安市人民政府\n2024年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室编制。\n一、总体情况\n");
    const tieOcr = { ...tie, meta: { ...tie.meta, ocr: { engine: "t", pages: 1, dpi: 300, meanConfidence: 90, skew: [0] } } };
    expect(readMeta(tieOcr, findSections(tieOcr)).agency?.canonical).toBe("准安市人民政府");
  });

  it("reads a title in either order, also over two lines", () => {
    expect(meta("贵阳市财政局2023年政府信息公开工作年度报告\n一、总体情况\n").agency?.canonical).toBe("贵阳市财政局");
    const m = meta("2023年贵阳市财政局政府信息公开工作年度报告\n一、总体情况\n");
    expect([m.agency?.canonical, m.year]).toEqual(["贵阳市财政局", 2023]);
    const two = meta("六盘水市人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n");
    expect([two.agency?.canonical, two.year, two.yearSource]).toEqual(["六盘水市人民政府", 2023, "title"]);
  });

  it("reads a title with the year between 政府信息公开工作 and 年度报告", () => {
    const m = meta("汉中市汉台区教育体育局政府信息公开工作2022年度报告\n一、总体情况\n");
    expect([m.agency?.written, m.year, m.yearSource]).toEqual(["汉中市汉台区教育体育局", 2022, "title"]);
    const two = meta("重庆市大足区人民政府外事办公室\n政府信息公开工作2022年度报告\n一、总体情况\n");
    expect([two.agency?.written, two.year]).toEqual(["重庆市大足区人民政府外事办公室", 2022]);
  });

  it("reads titles as agencies write them: 关于, a year in Chinese numerals, the year after the title, 情况的报告", () => {
    const read = (t: string) => {
      const m = meta(`${t}\n一、总体情况\n2024年，本机关认真贯彻《条例》。\n`);
      return [m.agency?.canonical ?? null, m.year];
    };
    expect(read("盘州市红果街道办事处关于2024年政府信息公开工作年度报告")).toEqual(["盘州市红果街道办事处", 2024]);
    expect(read("二〇二四年度盘州市人民政府政府信息公开工作年度报告")).toEqual(["盘州市人民政府", 2024]);
    expect(read("二○二三年盘州市教育局政府信息公开工作年度报告")).toEqual(["盘州市教育局", 2023]);
    expect(read("盘州市财政局政府信息公开工作年度报告（2024年度）")).toEqual(["盘州市财政局", 2024]);
    expect(read("盘州市财政局关于2024年度政府信息公开工作情况的报告")).toEqual(["盘州市财政局", 2024]);
  });

  it("reads the agency from the preamble sentences agencies write, never the verb before it", () => {
    const read = (t: string) => meta(`${t}\n一、总体情况\n2024年，本机关认真贯彻《条例》。\n`).agency?.canonical ?? null;
    expect(read("现将盘州市教育局2024年政府信息公开工作情况报告如下：")).toBe("盘州市教育局");
    expect(read("根据《条例》要求，现将2024年度盘州市教育局政府信息公开工作情况报告如下。")).toBe("盘州市教育局");
    expect(read("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布2024年度盘州市教育局政府信息公开工作年度报告。")).toBe("盘州市教育局");
    expect(read("盘州市教育局根据《中华人民共和国政府信息公开条例》要求，编制2024年度政府信息公开工作年度报告。")).toBe("盘州市教育局");
    expect(read("根据《条例》第五十条规定，盘州市教育局编制了2024年政府信息公开工作年度报告。")).toBe("盘州市教育局");
    expect(read("本报告根据《中华人民共和国政府信息公开条例》要求，由盘州市教育局编制。")).toBe("盘州市教育局");
    // What is captured must look like a name: a clause that ends otherwise is not one.
    expect(read("根据《条例》规定，我们认真编制了本报告。")).toBeNull();
    expect(read("本报告根据《条例》要求，由本单位办公室编制。")).toBeNull();
    expect(read("本报告由我局办公室负责解释。")).toBeNull();
  });

  it("takes the agency from a byline under a title that names none, never from a sentence", () => {
    const m = meta("政府信息公开工作年度报告（2024年）\n盘州市卫生健康局\n一、总体情况\n");
    expect([m.agency?.canonical, m.year, m.issues]).toEqual(["盘州市卫生健康局", 2024, []]);
    const prose = meta("2024年政府信息公开工作年度报告\n我局认真贯彻落实条例精神。\n一、总体情况\n");
    expect(prose.agency).toBeNull();
  });

  it("takes the agency from a web page's publication record when the report names none", () => {
    const body = "2024年政府信息公开工作年度报告\n一、总体情况\n2024年，本机关认真贯彻《条例》。\n";
    expect(meta(`索引号：000014349/2025-00012\n发布机构：盘州市教育局\n发布日期：2025-01-20\n${body}`).agency?.canonical).toBe("盘州市教育局");
    expect(meta(`来源：盘州市人民政府网\n${body}`).agency).toBeNull();
  });

  it("reads the publication record from a web page's table of page details", async () => {
    const page = `<html><head><title>2024年政府信息公开工作年度报告</title></head><body>
      <table><tr><td>索引号：</td><td>000014349/2025-00012</td><td>发布机构：</td><td>盘州市自然资源局</td></tr>
      <tr><td>发布日期：</td><td>2025-01-20</td><td>文号：</td><td></td></tr></table>
      <h1>2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>2024年，本机关认真贯彻《条例》。</p></body></html>`;
    const doc = await extractHtml(new TextEncoder().encode(page), "page.html");
    expect(readMeta(doc, findSections(doc)).agency?.canonical).toBe("盘州市自然资源局");
  });

  it("takes the agency from the closing signature (落款) only beside its date", () => {
    const body = "一、总体情况\n2024年，本机关认真贯彻《条例》。\n六、其他需要报告的事项\n无。\n";
    const two = meta(`${body}盘州市市场监督管理局\n2025年1月20日\n`);
    expect(two.agency?.canonical).toBe("盘州市市场监督管理局");
    expect(meta(`${body}盘州市市场监督管理局 2025年1月20日\n`).agency?.canonical).toBe("盘州市市场监督管理局");
    // A name without a date (a site footer, a heading) is not a signature.
    expect(meta(`${body}盘州市市场监督管理局\n`).agency).toBeNull();
    // The title's agency wins over the signature's.
    expect(meta(`盘州市教育局2024年政府信息公开工作年度报告\n${body}盘州市市场监督管理局\n2025年1月20日\n`).agency?.canonical).toBe("盘州市教育局");
  });

  it("falls back to the statistical period for the year", () => {
    const m = meta("本报告所列数据统计时限为2022年1月1日至2022年12月31日。\n一、总体情况\n");
    expect([m.year, m.yearSource]).toEqual([2022, "period"]);
    expect(m.issues.map((i) => i.code)).toEqual(["agency_missing"]);
    expect(m.scope).toBe("unknown");
  });

  it("marks regional aggregates", () => {
    const m = meta("现公布昭通市2023年政府信息公开工作年度报告。本报告汇总全市各级行政机关数据。\n一、总体情况\n");
    expect(m.scope).toBe("region_aggregate");
    expect(meta("昭通市2023年政府信息公开工作年度报告\n全市各级政府部门累计收到申请120件。\n").scope).toBe("region_aggregate");
  });

  it("finds a stated publication date, at the end or labelled", () => {
    expect(meta(`${SAMPLE}\n盘州市人民政府办公室\n2025年1月20日\n`).publishedOn).toBe("2025-01-20");
    expect(meta(`X局2024年政府信息公开工作年度报告\n发布日期：2025-01-20\n一、总体情况\n`).publishedOn).toBe("2025-01-20");
    expect(meta(`X局2024年政府信息公开工作年度报告\n一、总体情况\n二〇二五年一月二十日\n`).publishedOn).toBe("2025-01-20");
  });
});

describe("helpers", () => {
  it("canonicalAgency drops the bracketed office", () => {
    expect(canonicalAgency("盘州市人民政府（市人民政府办公室）")).toBe("盘州市人民政府");
    expect(canonicalAgency("贵阳市财政局")).toBe("贵阳市财政局");
  });
  it("parseDate rejects impossible dates", () => {
    expect(parseDate("2025年2月30日")).toBeNull();
    expect(parseDate("2025/1/5")).toBe("2025-01-05");
  });
});
