import { describe, expect, it } from "vitest";
import { compareQueryString, formatGroupKey, MAX_SERIES, parseCompareParams, parseGroupKey, parseYearRange, requireSeries } from "./compare-params";

const ID = "0b6f3c1e-2a4b-4c5d-8e9f-0123456789ab";

function parse(qs: string) {
  return parseCompareParams(new URLSearchParams(qs));
}

describe("parseCompareParams", () => {
  it("reads agencies (ids and admin codes), groups, years, indicators and view", () => {
    const r = parse(`agency=520281&agency=${ID}&group=government:county:5202&year=2021-2024&indicator=refusal_rate&indicator=granted_rate&view=ranking`);
    expect(r).toEqual({
      ok: true,
      value: {
        agencies: [
          { type: "code", code: "520281" },
          { type: "id", id: ID },
        ],
        groups: [{ kind: "government", level: "county", regionPrefix: "5202", deptType: null }],
        years: { from: 2021, to: 2024 },
        indicators: ["refusal_rate", "granted_rate"],
        view: "ranking",
        excludeFlagged: false,
      },
    });
  });

  it("flagged=exclude leaves out reports with errors and round-trips; anything else is a clear error", () => {
    const r = parse("agency=520281&flagged=exclude");
    expect(r.ok && r.value.excludeFlagged).toBe(true);
    expect(r.ok && compareQueryString(r.value)).toContain("flagged=exclude");
    const bad = parse("agency=520281&flagged=maybe");
    expect(!bad.ok && bad.error.code).toBe("invalid_flagged");
    expect(!bad.ok && bad.error.message.zh).toContain("exclude");
  });

  it("a ranking takes a whole peer group; other views stop at MAX_SERIES and point to the ranking", () => {
    const many = Array.from({ length: 88 }, (_, i) => `agency=${String(520100 + i)}`).join("&");
    expect(parse(`${many}&view=ranking`).ok).toBe(true);
    const bars = parse(`${many}&view=bars`);
    expect(!bars.ok && bars.error.code).toBe("too_many_series");
    expect(!bars.ok && bars.error.message.zh).toContain("排名");
    expect(!bars.ok && bars.error.message.en).toContain("view=ranking");
  });

  it("defaults: refusal_rate, bars, every year; no agency is not an error until an export asks", () => {
    const r = parse("");
    expect(r.ok && r.value).toEqual({ agencies: [], groups: [], years: null, indicators: ["refusal_rate"], view: "bars", excludeFlagged: false });
    expect(r.ok && requireSeries(r.value)?.code).toBe("no_agencies");
  });

  it("accepts a page's searchParams object and a single year", () => {
    const r = parseCompareParams({ agency: ["520281", "520281"], year: "2023" });
    expect(r.ok && r.value.agencies).toHaveLength(1);
    expect(r.ok && r.value.years).toEqual({ from: 2023, to: 2023 });
  });

  it.each([
    ["agency=盘州", "invalid_agency", "盘州"],
    ["agency=52028", "invalid_agency", "52028"],
    ["agency=520281&group=ministry:county", "invalid_group", "ministry:county"],
    ["agency=520281&year=2018-2020", "year_out_of_range", "2018"],
    ["agency=520281&year=2021-2031", "year_out_of_range", "2031"],
    ["agency=520281&year=2024-2021", "years_reversed", "2021-2024"],
    ["agency=520281&year=twenty", "invalid_year", "twenty"],
    ["agency=520281&indicator=refusal_rat", "unknown_indicator", "refusal_rat"],
    ["agency=520281&view=pie", "invalid_view", "pie"],
  ])("%s → %s, saying what is wrong in both languages", (qs, code, mention) => {
    const r = parse(qs);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message.zh).toContain(mention);
    expect(r.error.message.en).toContain(mention);
    expect(r.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.error.message.en).toMatch(/^[\x20-\x7e\u2013\u4e00-\u9fff“”]+$/);
  });

  it("refuses more than 50 series", () => {
    const codes = Array.from({ length: MAX_SERIES + 1 }, (_, i) => `agency=52${String(1000 + i).padStart(4, "0")}`).join("&");
    const r = parse(codes);
    expect(!r.ok && r.error.code).toBe("too_many_series");
    expect(!r.ok && r.error.message.zh).toContain("51");
  });

  it("round-trips through its canonical query string", () => {
    const r = parse(`indicator=granted_rate&view=lines&year=2021-2024&group=department:*:*:自然资源&agency=520281`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const qs = compareQueryString(r.value);
    expect(qs).toBe(`agency=520281&group=${encodeURIComponent("department:*:*:自然资源")}&year=2021-2024&indicator=granted_rate&view=lines`);
    expect(parse(qs)).toEqual(r);
  });
});

describe("peer group keys and years", () => {
  it("normalises region codes to prefixes and drops trailing wildcards", () => {
    expect(parseGroupKey("government:county:520200")).toEqual({ kind: "government", level: "county", regionPrefix: "5202", deptType: null });
    expect(parseGroupKey("department:*:*:自然资源")).toEqual({ kind: "department", level: null, regionPrefix: null, deptType: "自然资源" });
    expect(formatGroupKey(parseGroupKey("government:county:520200:*")!)).toBe("government:county:5202");
    expect(parseGroupKey("government:city")).toBeNull();
    expect(parseGroupKey("government:county:52a")).toBeNull();
  });

  it("parses ranges with dashes of any kind", () => {
    expect(parseYearRange("2021–2024")).toEqual({ ok: true, value: { from: 2021, to: 2024 } });
    expect(parseYearRange("2019")).toEqual({ ok: true, value: { from: 2019, to: 2019 } });
  });
});
